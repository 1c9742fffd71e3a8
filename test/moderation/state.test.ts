import { rmSync } from 'node:fs';
import t from 'tap';
import { ModerationState } from '../../src/moderation/state.js';
import { FileStore } from '../../src/store/file.js';
import { tempDataDir } from '../helpers/node.js';

t.test('changes made through one state reach another watching the same store; bans expire by the clock', async (t) => {
  const dir = tempDataDir();
  const store = await FileStore.open(dir);
  let now = 1_000_000;
  const clock = () => now;
  const nodeA = new ModerationState(store, { recallTtlMs: 60_000, now: clock });
  const nodeB = new ModerationState(store, { recallTtlMs: 60_000, now: clock });
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
    createdAt: now,
    expiresAt: now + 5000,
    createdBy: 'm',
  });
  t.equal(nodeB.active('ban', 'u1', 'any-room')?.id, 'b1', 'the other node applies the ban');
  now += 5000;
  t.equal(nodeB.active('ban', 'u1', 'any-room'), undefined, 'expired at expiresAt');
  t.same(nodeB.bans(), [], 'expired bans are not listed');

  await nodeA.putRoomSettings('r:1', { muted: true, slowModeSeconds: 3, maxCommentChars: 10 });
  t.same(nodeB.settings('r:1'), { muted: true, slowModeSeconds: 3, maxCommentChars: 10 });

  await nodeA.recall('r:1', ['d1', 'd2']);
  t.ok(nodeB.isRecalled('r:1', 'd2'), 'recalled ids reach the other node through the store');
  t.notOk(nodeB.isRecalled('r:2', 'd2'), 'per room');

  await nodeA.putFilter({ id: 'f1', kind: 'word', pattern: 'bad', action: 'refuse', createdAt: now, createdBy: 'm' });
  t.equal(nodeB.filter.check('so bad').verdict, 'refuse');
  await nodeA.deleteFilter('f1');
  t.equal(nodeB.filter.check('so bad').verdict, 'pass', 'the compiled filter is rebuilt after a removal');
});
