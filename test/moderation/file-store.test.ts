import { rmSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { FileStore } from '../../src/store/file.js';
import { tempDataDir } from '../helpers/node.js';

t.test('file store: put, delete, watch, and a reopen sees the same entries', async (t) => {
  const dir = tempDataDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = await FileStore.open(dir);
  const seen: [string, string | undefined][] = [];
  await store.watch((key, value) => seen.push([key, value]));
  await Promise.all([store.put('a', '1'), store.put('b', '2'), store.put('a', '3')]);
  await store.delete('b');
  t.same(
    seen,
    [
      ['a', '1'],
      ['b', '2'],
      ['a', '3'],
      ['b', undefined],
    ],
    'every change, in order',
  );
  await store.close();
  t.same(await readdir(dir), ['moderation-state.json'], 'no temp file left behind');
  t.same(JSON.parse(await readFile(join(dir, 'moderation-state.json'), 'utf8')), { a: '3' });

  const reopened = await FileStore.open(dir);
  const initial: [string, string | undefined][] = [];
  await reopened.watch((key, value) => initial.push([key, value]));
  t.same(initial, [['a', '3']]);
  await reopened.close();
  await t.rejects(reopened.put('c', '1'), /closed/);
});

t.test('a corrupt state file stops start-up instead of starting with no bans', async (t) => {
  const dir = tempDataDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await writeFile(join(dir, 'moderation-state.json'), '{"a":');
  await t.rejects(FileStore.open(dir), /moderation-state\.json: not valid JSON/);
});
