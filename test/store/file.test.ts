import { rmSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { FileStore } from '../../src/store/file.js';
import { tempDataDir } from '../helpers/node.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { storeContract } from './contract.js';

const telemetry = new RecordedTelemetry();

function dataDir(t: Test): string {
  const dir = tempDataDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('file store: put, delete, watch, and a reopen sees the same entries', async (t) => {
  const dir = tempDataDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = await FileStore.open(dir, telemetry);
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

  const reopened = await FileStore.open(dir, telemetry);
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
  await t.rejects(FileStore.open(dir, telemetry), /moderation-state\.json: not valid JSON/);
});

t.test('a state file holding a non-string value stops start-up too', async (t) => {
  const dir = dataDir(t);
  await writeFile(join(dir, 'moderation-state.json'), '{"ban.1":{"userId":"u"}}');
  await t.rejects(FileStore.open(dir, telemetry), /the value of "ban\.1" is not a string/);
});

t.test('a failed write applies none of its changes, now or at the next write', async (t) => {
  const dir = dataDir(t);
  const store = await FileStore.open(dir, telemetry);
  t.teardown(() => store.close());
  await store.put('kept', '1');
  await rm(dir, { recursive: true });
  await t.rejects(Promise.all([store.put('a', '1'), store.delete('kept')]), { name: 'StoreUnavailableError' });
  await mkdir(dir);
  await store.put('b', '2');
  t.same(JSON.parse(await readFile(join(dir, 'moderation-state.json'), 'utf8')), { kept: '1', b: '2' });
  t.same(await readdir(dir), ['moderation-state.json'], 'no temp file left by the failed write');
});

let brokenDir = '';
storeContract(t, {
  open: async (t, telemetry) => {
    brokenDir = dataDir(t);
    const store = await FileStore.open(brokenDir, telemetry);
    t.teardown(() => store.close());
    return store;
  },
  break: async () => {
    const dir = brokenDir;
    await rm(dir, { recursive: true });
    return () => mkdir(dir).then(() => undefined);
  },
});
