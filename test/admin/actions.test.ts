import t from 'tap';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { ADMIN_SUB, admin } from '../helpers/admin.js';
import { TestClient, type FrameBody } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';

let nextMsg = 0;

async function post(client: TestClient, room: string, text: string) {
  const clientMsgId = `m${++nextMsg}`;
  client.send({ comment: { room, clientMsgId, text } });
  return client.nextKind('ack', (a) => a.clientMsgId === clientMsgId);
}

t.test('each admin action, seen by connected clients', async (t) => {
  const node = await startTestNode({ COMMENT_BURST: '1000', COMMENT_RATE_PER_SEC: '1000' });
  t.teardown(() => node.drain());
  const connect = async (sub: string) => {
    const client = await TestClient.connect(node.wsUrl, { token: token({ sub }) });
    t.teardown(() => client.ws.close());
    return client;
  };

  t.test('ban in one room, ban everywhere, unban', async (t) => {
    const bob = await connect('bob');
    await bob.join('lobby');
    t.ok((await post(bob, 'lobby', 'before')).ok);
    const created = await admin(node.url, 'createBan', { body: { userId: 'bob', room: 'lobby', reason: 'spam' } });
    t.equal(created.status, 201);
    t.match(created.ok.ban, { userId: 'bob', room: 'lobby', reason: 'spam', expiresAt: null, createdBy: ADMIN_SUB });
    t.equal((await post(bob, 'lobby', 'after')).code, ErrorCode.BANNED, 'refused in the room');
    t.ok((await post(bob, 'other', 'elsewhere')).ok, 'a room ban holds in that room only');
    const listed = await admin(node.url, 'listBans', { query: { userId: 'bob' } });
    t.same(
      listed.ok.bans.map((b) => b.id),
      [created.ok.ban.id],
    );
    t.equal((await admin(node.url, 'getBan', { params: { id: created.ok.ban.id } })).ok.ban.reason, 'spam');
    t.equal((await admin(node.url, 'deleteBan', { params: { id: created.ok.ban.id } })).status, 200);
    t.ok((await post(bob, 'lobby', 'forgiven')).ok, 'unbanned');

    const everywhere = await admin(node.url, 'createBan', {
      body: { userId: 'bob', reason: 'abuse', durationSeconds: 3600 },
    });
    t.equal(everywhere.ok.ban.room, null);
    t.ok((everywhere.ok.ban.expiresAt ?? 0) > Date.now() + 3500_000, 'expires in an hour');
    t.equal((await post(bob, 'other', 'x')).code, ErrorCode.BANNED, 'banned in every room');
    const lifted = await admin(node.url, 'deleteUserBans', { params: { userId: 'bob' } });
    t.equal(lifted.ok.deleted.length, 1);
    t.ok((await post(bob, 'other', 'y')).ok);
  });

  t.test('user mute in one room, unmute', async (t) => {
    const lou = await connect('lou');
    const created = await admin(node.url, 'muteUser', {
      params: { room: 'chat' },
      body: { userId: 'lou', reason: 'calm down', durationSeconds: 300 },
    });
    t.equal(created.status, 201);
    t.match(created.ok.mute, { kind: 'mute', userId: 'lou', room: 'chat', reason: 'calm down' });
    t.equal((await post(lou, 'chat', 'hey')).code, ErrorCode.MUTED, 'refused in that room');
    t.ok((await post(lou, 'lobby', 'hey')).ok, 'other rooms are fine');
    t.same((await admin(node.url, 'getRoom', { params: { room: 'chat' } })).ok.mutes, [created.ok.mute]);
    t.same((await admin(node.url, 'listBans', { query: { userId: 'lou' } })).ok.bans, [], 'a mute is not a ban');
    t.equal(
      (await admin(node.url, 'deleteBan', { params: { id: created.ok.mute.id } })).status,
      404,
      'nor deleted as one',
    );
    t.equal((await admin(node.url, 'deleteMute', { params: { id: created.ok.mute.id } })).status, 200);
    t.ok((await post(lou, 'chat', 'thanks')).ok, 'unmuted');
  });

  t.test('room mute, maximum length, slow mode', async (t) => {
    const carol = await connect('carol');
    const dave = await connect('dave');
    const muted = await admin(node.url, 'updateRoomSettings', { params: { room: 'quiet' }, body: { muted: true } });
    t.same(muted.ok, { room: 'quiet', settings: { muted: true, slowModeSeconds: 0, maxCommentChars: null } });
    t.equal((await post(carol, 'quiet', 'hello')).code, ErrorCode.MUTED);
    t.ok((await post(carol, 'lobby', 'hello')).ok, 'other rooms are not muted');
    await admin(node.url, 'replaceRoomSettings', { params: { room: 'quiet' }, body: { maxCommentChars: 5 } });
    t.equal(
      (await post(carol, 'quiet', 'hello!')).code,
      ErrorCode.TOO_LONG,
      'PUT replaced the mute with a 5-character limit',
    );
    t.ok((await post(carol, 'quiet', '你好世界呀')).ok, 'five characters pass');

    await admin(node.url, 'updateRoomSettings', { params: { room: 'slow' }, body: { slowModeSeconds: 60 } });
    t.ok((await post(carol, 'slow', 'first')).ok);
    const second = await post(carol, 'slow', 'second');
    t.equal(second.code, ErrorCode.SLOW_MODE);
    const retryAfterMs = second.retryAfterMs ?? 0; // no hint at all fails the range check
    t.ok(retryAfterMs > 55_000 && retryAfterMs <= 60_000, `retry after ${second.retryAfterMs} ms`);
    t.ok((await post(dave, 'slow', 'mine')).ok, 'slow mode counts per user');
    await admin(node.url, 'updateRoomSettings', { params: { room: 'slow' }, body: { slowModeSeconds: 0 } });
    t.ok((await post(carol, 'slow', 'third')).ok, 'slow mode off');

    const room = await admin(node.url, 'getRoom', { params: { room: 'slow' } });
    t.match(room.ok, { room: 'slow', settings: { slowModeSeconds: 0 }, bans: [] });
  });

  t.test('word filter: refuse, mask, regex, remove', async (t) => {
    const erin = await connect('erin');
    await erin.join('words');
    const refuse = await admin(node.url, 'createFilter', { body: { pattern: 'BadWord' } });
    t.match(refuse.ok.filter, { kind: 'word', pattern: 'BadWord', action: 'refuse' });
    await admin(node.url, 'createFilter', { body: { pattern: '傻瓜', action: 'mask' } });
    await admin(node.url, 'createFilter', { body: { pattern: '\\d{11}', kind: 'regex', action: 'mask' } });
    t.equal((await post(erin, 'words', 'what a badword')).code, ErrorCode.FILTERED, 'case-insensitive');
    t.equal((await post(erin, 'words', 'ｂａｄｗｏｒｄ')).code, ErrorCode.FILTERED, 'full-width letters fold');
    const masked = await post(erin, 'words', '你是傻瓜 call 13800138000');
    t.ok(masked.ok);
    const batch = await erin.nextKind('batch', (b) => b.items?.some((i) => i.id === masked.id) ?? false);
    t.equal(batch.items?.find((i) => i.id === masked.id)?.text, '你是** call ***********');
    const listed = await admin(node.url, 'listFilters');
    t.equal(listed.ok.filters.length, 3);
    t.equal((await admin(node.url, 'deleteFilter', { params: { id: refuse.ok.filter.id } })).status, 200);
    t.ok((await post(erin, 'words', 'what a badword')).ok, 'a removed rule stops refusing');
  });

  t.test('recall: every viewer gets the frame and a resuming client does not get the danmaku back', async (t) => {
    const poster = await connect('frank');
    const viewer = await connect('gina');
    await viewer.join('stage');
    await poster.join('stage');
    // The cursor a reconnecting viewer resumes from: the last batch it saw before the ones recalled from.
    const zero = await post(poster, 'stage', 'zero');
    const start = await viewer.nextKind('batch', (b) => b.items?.some((i) => i.id === zero.id) ?? false);
    const acks: FrameBody<'ack'>[] = [];
    for (const text of ['one', 'two', 'three']) acks.push(await post(poster, 'stage', text));
    const recalledId = acks[1]?.id as string;
    await viewer.nextKind('batch', (b) => b.items?.some((i) => i.id === acks[2]?.id) ?? false);
    const answer = await admin(node.url, 'recallDanmaku', { params: { room: 'stage' }, body: { ids: [recalledId] } });
    t.equal(answer.status, 202);
    for (const client of [viewer, poster]) {
      const recall = await client.nextKind('recall');
      t.same({ room: recall.room, ids: recall.ids }, { room: 'stage', ids: [recalledId] });
    }
    const resumed = await connect('gina');
    const joined = await resumed.join('stage', Number(start.seq), start.epoch ?? '');
    t.ok(joined.resumed, 'resumed from history');
    t.same(
      resumed.danmaku('stage').map((d) => d.text),
      ['one', 'three'],
      'the recalled danmaku is not replayed',
    );
  });

  t.test('notice reaches every viewer of the room only', async (t) => {
    const inRoom = await connect('hank');
    const elsewhere = await connect('ivy');
    await inRoom.join('news');
    await elsewhere.join('sports');
    t.equal(
      (await admin(node.url, 'postNotice', { params: { room: 'news' }, body: { text: 'stream restarts in 5 min' } }))
        .status,
      202,
    );
    const notice = await inRoom.nextKind('notice');
    t.same({ room: notice.room, text: notice.text }, { room: 'news', text: 'stream restarts in 5 min' });
    // A ping answered after the notice was published proves the other room's viewer got nothing.
    elsewhere.send({ ping: { clientTimeMs: 1 } });
    await elsewhere.nextKind('pong');
    t.notOk(elsewhere.frames.some((f) => f.kind === 'notice'));
  });

  t.test('kick closes every connection of the user with the reason', async (t) => {
    const first = await connect('jack');
    const second = await connect('jack');
    const bystander = await connect('kate');
    t.equal(
      (await admin(node.url, 'kickUser', { body: { userId: 'jack', reason: 'repeated harassment' } })).status,
      202,
    );
    for (const client of [first, second])
      t.same(await client.closed, { code: CloseCode.KICKED, reason: 'repeated harassment' });
    bystander.send({ ping: { clientTimeMs: 2 } });
    await bystander.nextKind('pong');
    t.equal(bystander.ws.readyState, bystander.ws.OPEN, 'other users stay connected');
  });

  t.test('rooms list: viewers and current danmaku rate', async (t) => {
    const rooms = await admin(node.url, 'listRooms');
    const stage = rooms.ok.rooms.find((r) => r.room === 'stage');
    t.ok((stage?.viewers ?? 0) >= 1, 'stage has viewers');
    t.ok((stage?.danmakuPerSecond ?? 0) > 0, `stage rate ${stage?.danmakuPerSecond}/s`);
    t.ok(
      rooms.ok.rooms.some((r) => r.room === 'quiet' && r.settings.maxCommentChars === 5),
      'rooms with settings are listed',
    );
  });

  t.test('audit: every action with who, what, when and result, paged', async (t) => {
    const page = await admin(node.url, 'readAudit', { query: { limit: 200 } });
    const actions = page.ok.entries.map((e) => e.action);
    for (const action of [
      'ban.create',
      'ban.delete',
      'ban.delete_user',
      'mute.create',
      'mute.delete',
      'room.settings.update',
      'room.settings.replace',
      'filter.create',
      'filter.delete',
      'danmaku.recall',
      'room.notice',
      'user.kick',
    ]) {
      t.ok(actions.includes(action), `${action} audited`);
    }
    for (const entry of page.ok.entries) {
      t.match(entry, {
        actor: ADMIN_SUB,
        status: Number,
        result: entry.status < 400 ? 'ok' : 'refused',
        at: Number,
        method: String,
        path: /^\/admin\/v1\//,
      });
    }
    t.ok(
      page.ok.entries.some((e) => e.action === 'ban.delete' && e.status === 404),
      'refused actions are audited too',
    );
    const times = page.ok.entries.map((e) => e.at);
    t.same(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    const first = await admin(node.url, 'readAudit', { query: { limit: 3 } });
    t.equal(first.ok.entries.length, 3);
    const next = await admin(node.url, 'readAudit', { query: { limit: 3, cursor: first.ok.nextCursor ?? '' } });
    t.not(first.ok.nextCursor, null, 'a cursor to a next page');
    t.same(next.ok.entries, page.ok.entries.slice(3, 6), 'the cursor continues where the page ended');
    const refused = await admin(node.url, 'createBan', { body: { userId: 'zed' } });
    t.equal(refused.status, 400);
    const latest = (await admin(node.url, 'readAudit', { query: { limit: 1 } })).ok.entries[0];
    t.match(latest, { action: 'ban.create', status: 400, result: 'refused', request: { userId: 'zed' } });
  });
});
