import { rmSync } from 'node:fs';
import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { admin } from '../helpers/admin.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, tempDataDir, token } from '../helpers/node.js';

t.test('moderation state and the audit log survive a restart of the node (same DATA_DIR)', async (t) => {
  const dataDir = tempDataDir();
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startTestNode({ DATA_DIR: dataDir });
  const ban = await admin(first.url, 'createBan', { body: { userId: 'mallory', reason: 'spam bot' } });
  await admin(first.url, 'replaceRoomSettings', {
    params: { room: 'lobby' },
    body: { slowModeSeconds: 30, maxCommentChars: 20 },
  });
  await admin(first.url, 'updateRoomSettings', { params: { room: 'quiet' }, body: { muted: true } });
  const filter = await admin(first.url, 'createFilter', { body: { pattern: 'forbidden' } });
  const auditBefore = (await admin(first.url, 'readAudit')).ok.entries;
  await first.drain();

  const second = await startTestNode({ DATA_DIR: dataDir });
  t.teardown(() => second.drain());
  t.same((await admin(second.url, 'listBans')).ok.bans, [ban.ok.ban]);
  t.same((await admin(second.url, 'listFilters')).ok.filters, [filter.ok.filter]);
  t.same((await admin(second.url, 'getRoom', { params: { room: 'lobby' } })).ok.settings, {
    muted: false,
    slowModeSeconds: 30,
    maxCommentChars: 20,
  });
  t.same((await admin(second.url, 'readAudit')).ok.entries, auditBefore);
  t.equal(auditBefore.length, 4);

  const mallory = await TestClient.connect(second.wsUrl, { token: token({ sub: 'mallory' }) });
  const nina = await TestClient.connect(second.wsUrl, { token: token({ sub: 'nina' }) });
  t.teardown(() => {
    mallory.ws.close();
    nina.ws.close();
  });
  const ack = async (client: TestClient, room: string, text: string, id: string) => {
    client.send({ comment: { room, clientMsgId: id, text } });
    return (await client.nextKind('ack', (a) => a.clientMsgId === id)).code;
  };
  t.equal(await ack(mallory, 'lobby', 'hi', 'a'), ErrorCode.BANNED);
  t.equal(await ack(nina, 'lobby', 'this is forbidden', 'b'), ErrorCode.FILTERED);
  t.equal(await ack(nina, 'quiet', 'hi', 'c'), ErrorCode.MUTED);
  t.equal(await ack(nina, 'lobby', 'x'.repeat(21), 'd'), ErrorCode.TOO_LONG);
});
