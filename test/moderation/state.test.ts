import { rmSync } from 'node:fs';
import t from 'tap';
import { ModerationState } from '../../src/moderation/state.js';
import { FileStore } from '../../src/store/file.js';
import { tempDataDir } from '../helpers/node.js';
import { fakeScheduler } from '../helpers/clock.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';
import { waitFor } from '../helpers/wait.js';

t.test('changes made through one state reach another watching the same store; bans expire by the clock', async (t) => {
  const dir = tempDataDir();
  const telemetry = new RecordedTelemetry();
  const store = await FileStore.open(dir, telemetry);
  const clock = fakeScheduler();
  const now = () => clock.scheduler.now();
  const options = {
    recallTtlMs: 60_000,
    scheduler: clock.scheduler,
    log: telemetry.log,
    corruptEntries: telemetry.corruptEntries,
  };
  const nodeA = new ModerationState(store, options);
  const nodeB = new ModerationState(store, options);
  await nodeA.start();
  await nodeB.start();
  t.teardown(() => {
    nodeA.stop();
    nodeB.stop();
    return store.close().then(() => rmSync(dir, { recursive: true, force: true }));
  });

  await nodeA.putBan({
    id: 'b1',
    kind: 'ban',
    userId: 'u1',
    room: null,
    reason: 'r',
    createdAt: now(),
    expiresAt: now() + 5000,
    createdBy: 'm',
  });
  t.equal(nodeB.active('ban', 'u1', 'any-room')?.id, 'b1', 'the other node applies the ban');
  const deleted: string[] = [];
  await store.watch((key, value) => {
    if (value === undefined) deleted.push(key);
  });
  clock.tick(5000);
  t.equal(nodeB.active('ban', 'u1', 'any-room'), undefined, 'expired at expiresAt');
  t.same(nodeB.bans(), [], 'expired bans are not listed');
  t.same(deleted, [], 'still stored until the sweep');
  clock.tick(30_000);
  await waitFor('the sweep to delete the expired ban', () => deleted.some((key) => key.includes('b1')));

  await nodeA.putRoomSettings('r:1', { muted: true, slowModeSeconds: 3, maxCommentChars: 10 });
  t.same(nodeB.settings('r:1'), { muted: true, slowModeSeconds: 3, maxCommentChars: 10 });

  await nodeA.recall('r:1', ['d1', 'd2']);
  t.ok(nodeB.isRecalled('r:1', 'd2'), 'recalled ids reach the other node through the store');
  t.notOk(nodeB.isRecalled('r:2', 'd2'), 'per room');

  await nodeA.putFilter({ id: 'f1', kind: 'word', pattern: 'bad', action: 'refuse', createdAt: now(), createdBy: 'm' });
  t.equal(nodeB.filter.check('so bad').verdict, 'refuse');
  await nodeA.deleteFilter('f1');
  t.equal(nodeB.filter.check('so bad').verdict, 'pass', 'the compiled filter is rebuilt after a removal');
});

t.test('a corrupt stored entry is logged, counted and kept out of effect without lifting anything', async (t) => {
  const dir = tempDataDir();
  const telemetry = new RecordedTelemetry();
  const store = await FileStore.open(dir, telemetry);
  const state = new ModerationState(store, {
    recallTtlMs: 60_000,
    scheduler: fakeScheduler().scheduler,
    log: telemetry.log,
    corruptEntries: telemetry.corruptEntries,
  });
  await state.start();
  t.teardown(() => {
    state.stop();
    return store.close().then(() => rmSync(dir, { recursive: true, force: true }));
  });
  const ban = {
    id: 'b1',
    kind: 'ban' as const,
    userId: 'u1',
    room: 'lobby',
    reason: 'spam',
    createdAt: 1,
    expiresAt: null,
    createdBy: 'm',
  };
  await state.putBan(ban);

  await store.put('ban.b1', '{"id":"b1","userId":');
  t.match(
    state.active('ban', 'u1', 'lobby'),
    { ...ban, corrupt: /not valid JSON/ },
    'an overwritten ban stays as it was',
  );
  t.equal(telemetry.counted('corrupt/ban'), 1, 'counted');
  t.match(telemetry.logged('corrupt moderation entry')[0], { key: 'ban.b1', problem: /not valid JSON/ }, 'logged');

  await store.put('ban.b2', JSON.stringify({ id: 'b2', userId: 'u2', room: 'lobby', reason: 7 }));
  t.match(
    state.active('ban', 'u2', 'lobby'),
    { id: 'b2', kind: 'ban', userId: 'u2', room: 'lobby', expiresAt: null, corrupt: /wrong shape/ },
    'a wrong-shaped ban with a readable user bans that user in its room, for good',
  );
  t.equal(state.active('ban', 'u2', 'elsewhere'), undefined, 'in its room only');

  await store.put('ban.b3', 'not json at all');
  t.match(
    state.ban('b3'),
    { id: 'b3', userId: '', room: null, corrupt: /not valid JSON/ },
    'an unreadable ban is listed, naming nobody',
  );
  t.same(
    state
      .bans()
      .map((b) => b.id)
      .sort(),
    ['b1', 'b2', 'b3'],
    'every corrupt ban is listed',
  );
  await state.deleteBan('b3');
  t.equal(state.ban('b3'), undefined, 'a moderator can delete it');

  await state.putRoomSettings('quiet', { muted: true, slowModeSeconds: 5, maxCommentChars: null });
  await store.put(`room.${Buffer.from('quiet').toString('base64url')}`, '{"room":"quiet","muted":"yes"}');
  t.same(
    state.settings('quiet'),
    { muted: true, slowModeSeconds: 5, maxCommentChars: null },
    'settings keep their value',
  );

  const seg = (s: string) => Buffer.from(s).toString('base64url');
  await store.put(`recall.${seg('lobby')}.${seg('d9')}`, '{');
  t.ok(state.isRecalled('lobby', 'd9'), 'a corrupt recall still recalls: its key names room and danmaku');

  await state.putFilter({ id: 'f1', kind: 'word', pattern: 'bad', action: 'refuse', createdAt: 1, createdBy: 'm' });
  await store.put('filter.f1', '{"id":"f1","kind":"word"}');
  t.equal(state.filter.check('so bad').verdict, 'refuse', 'a filter rule keeps its value');
  t.same(
    ['ban', 'room', 'recall', 'filter'].map((kind) => telemetry.counted(`corrupt/${kind}`)),
    [3, 1, 1, 1],
    'each corrupt entry counted by kind',
  );
});
