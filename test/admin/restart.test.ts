import { rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { admin } from '../helpers/admin.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, tempDataDir, token } from '../helpers/node.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';

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

t.test('a ban corrupted on disk is not lifted: listed as corrupt, enforced, counted, deletable', async (t) => {
  const dataDir = tempDataDir();
  t.teardown(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await startTestNode({ DATA_DIR: dataDir });
  const ban = (await admin(first.url, 'createBan', { body: { userId: 'mallory', room: 'lobby', reason: 'spam' } })).ok
    .ban;
  await first.drain();
  // A hand edit gone wrong: the ban's reason is no longer a string.
  const file = join(dataDir, 'moderation-state.json');
  const entries = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  entries[`ban.${ban.id}`] = JSON.stringify({ ...ban, reason: ['spam'] });
  await writeFile(file, JSON.stringify(entries));

  const second = await startTestNode({ DATA_DIR: dataDir });
  t.teardown(() => second.drain());
  const listed = (await admin(second.url, 'listBans')).ok.bans;
  t.match(listed, [{ id: ban.id, userId: 'mallory', room: 'lobby', expiresAt: null, corrupt: /reason/ }]);
  const mallory = await TestClient.connect(second.wsUrl, { token: token({ sub: 'mallory' }) });
  t.teardown(() => mallory.ws.close());
  const ack = async (room: string, id: string) => {
    mallory.send({ comment: { room, clientMsgId: id, text: 'hi' } });
    return (await mallory.nextKind('ack', (a) => a.clientMsgId === id)).code;
  };
  t.equal(await ack('lobby', 'a'), ErrorCode.BANNED, 'still banned in its room');
  t.equal(await ack('other', 'b'), ErrorCode.OK, 'and only there');
  const samples = parseSamples(await scrape(second.url));
  t.equal(total(samples, 'danmaku_moderation_corrupt_entries_total', { entry: 'ban' }), 1, 'counted');
  t.equal((await admin(second.url, 'deleteBan', { params: { id: ban.id } })).status, 200, 'a moderator removes it');
  t.equal(await ack('lobby', 'c'), ErrorCode.OK);
});
