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
    const created = await admin(node.url, 'POST', '/bans', { body: { userId: 'bob', room: 'lobby', reason: 'spam' } });
    t.equal(created.status, 201);
    t.match(created.body.ban, { userId: 'bob', room: 'lobby', reason: 'spam', expiresAt: null, createdBy: ADMIN_SUB });
    t.equal((await post(bob, 'lobby', 'after')).code, ErrorCode.BANNED, 'refused in the room');
    t.ok((await post(bob, 'other', 'elsewhere')).ok, 'a room ban holds in that room only');
    const listed = await admin(node.url, 'GET', '/bans?userId=bob');
    t.same(
      listed.body.bans.map((b: { id: string }) => b.id),
      [created.body.ban.id],
    );
    t.equal((await admin(node.url, 'GET', `/bans/${created.body.ban.id}`)).body.ban.reason, 'spam');
    t.equal((await admin(node.url, 'DELETE', `/bans/${created.body.ban.id}`)).status, 200);
    t.ok((await post(bob, 'lobby', 'forgiven')).ok, 'unbanned');

    const everywhere = await admin(node.url, 'POST', '/bans', {
      body: { userId: 'bob', reason: 'abuse', durationSeconds: 3600 },
    });
    t.equal(everywhere.body.ban.room, null);
    t.ok(everywhere.body.ban.expiresAt > Date.now() + 3500_000, 'expires in an hour');
    t.equal((await post(bob, 'other', 'x')).code, ErrorCode.BANNED, 'banned in every room');
    const lifted = await admin(node.url, 'DELETE', '/users/bob/bans');
    t.equal(lifted.body.deleted.length, 1);
    t.ok((await post(bob, 'other', 'y')).ok);
  });

  t.test('user mute in one room, unmute', async (t) => {
    const lou = await connect('lou');
    const created = await admin(node.url, 'POST', '/rooms/chat/mutes', {
      body: { userId: 'lou', reason: 'calm down', durationSeconds: 300 },
    });
    t.equal(created.status, 201);
    t.match(created.body.mute, { kind: 'mute', userId: 'lou', room: 'chat', reason: 'calm down' });
    t.equal((await post(lou, 'chat', 'hey')).code, ErrorCode.MUTED, 'refused in that room');
    t.ok((await post(lou, 'lobby', 'hey')).ok, 'other rooms are fine');
    t.same((await admin(node.url, 'GET', '/rooms/chat')).body.mutes, [created.body.mute]);
    t.same((await admin(node.url, 'GET', '/bans?userId=lou')).body.bans, [], 'a mute is not a ban');
    t.equal((await admin(node.url, 'DELETE', `/bans/${created.body.mute.id}`)).status, 404, 'nor deleted as one');
    t.equal((await admin(node.url, 'DELETE', `/mutes/${created.body.mute.id}`)).status, 200);
    t.ok((await post(lou, 'chat', 'thanks')).ok, 'unmuted');
  });

  t.test('room mute, maximum length, slow mode', async (t) => {
    const carol = await connect('carol');
    const dave = await connect('dave');
    const muted = await admin(node.url, 'PATCH', '/rooms/quiet/settings', { body: { muted: true } });
    t.same(muted.body, { room: 'quiet', settings: { muted: true, slowModeSeconds: 0, maxCommentChars: null } });
    t.equal((await post(carol, 'quiet', 'hello')).code, ErrorCode.MUTED);
    t.ok((await post(carol, 'lobby', 'hello')).ok, 'other rooms are not muted');
    await admin(node.url, 'PUT', '/rooms/quiet/settings', { body: { maxCommentChars: 5 } });
    t.equal(
      (await post(carol, 'quiet', 'hello!')).code,
      ErrorCode.TOO_LONG,
      'PUT replaced the mute with a 5-character limit',
    );
    t.ok((await post(carol, 'quiet', '你好世界呀')).ok, 'five characters pass');

    await admin(node.url, 'PATCH', '/rooms/slow/settings', { body: { slowModeSeconds: 60 } });
    t.ok((await post(carol, 'slow', 'first')).ok);
    const second = await post(carol, 'slow', 'second');
    t.equal(second.code, ErrorCode.SLOW_MODE);
    const retryAfterMs = second.retryAfterMs ?? 0; // no hint at all fails the range check
    t.ok(retryAfterMs > 55_000 && retryAfterMs <= 60_000, `retry after ${second.retryAfterMs} ms`);
    t.ok((await post(dave, 'slow', 'mine')).ok, 'slow mode counts per user');
    await admin(node.url, 'PATCH', '/rooms/slow/settings', { body: { slowModeSeconds: 0 } });
    t.ok((await post(carol, 'slow', 'third')).ok, 'slow mode off');

    const room = await admin(node.url, 'GET', '/rooms/slow');
    t.match(room.body, { room: 'slow', settings: { slowModeSeconds: 0 }, bans: [] });
  });

  t.test('word filter: refuse, mask, regex, remove', async (t) => {
    const erin = await connect('erin');
    await erin.join('words');
    const refuse = await admin(node.url, 'POST', '/filters', { body: { pattern: 'BadWord' } });
    t.match(refuse.body.filter, { kind: 'word', pattern: 'BadWord', action: 'refuse' });
    await admin(node.url, 'POST', '/filters', { body: { pattern: '傻瓜', action: 'mask' } });
    await admin(node.url, 'POST', '/filters', { body: { pattern: '\\d{11}', kind: 'regex', action: 'mask' } });
    t.equal((await post(erin, 'words', 'what a badword')).code, ErrorCode.FILTERED, 'case-insensitive');
    t.equal((await post(erin, 'words', 'ｂａｄｗｏｒｄ')).code, ErrorCode.FILTERED, 'full-width letters fold');
    const masked = await post(erin, 'words', '你是傻瓜 call 13800138000');
    t.ok(masked.ok);
    const batch = await erin.nextKind('batch', (b) => b.items?.some((i) => i.id === masked.id) ?? false);
    t.equal(batch.items?.find((i) => i.id === masked.id)?.text, '你是** call ***********');
    const listed = await admin(node.url, 'GET', '/filters');
    t.equal(listed.body.filters.length, 3);
    t.equal((await admin(node.url, 'DELETE', `/filters/${refuse.body.filter.id}`)).status, 200);
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
    const answer = await admin(node.url, 'POST', '/rooms/stage/recall', { body: { ids: [recalledId] } });
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
      (await admin(node.url, 'POST', '/rooms/news/notices', { body: { text: 'stream restarts in 5 min' } })).status,
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
      (await admin(node.url, 'POST', '/kick', { body: { userId: 'jack', reason: 'repeated harassment' } })).status,
      202,
    );
    for (const client of [first, second])
      t.same(await client.closed, { code: CloseCode.KICKED, reason: 'repeated harassment' });
    bystander.send({ ping: { clientTimeMs: 2 } });
    await bystander.nextKind('pong');
    t.equal(bystander.ws.readyState, bystander.ws.OPEN, 'other users stay connected');
  });

  t.test('rooms list: viewers and current danmaku rate', async (t) => {
    const rooms = await admin(node.url, 'GET', '/rooms');
    const stage = rooms.body.rooms.find((r: { room: string }) => r.room === 'stage');
    t.ok(stage.viewers >= 1, 'stage has viewers');
    t.ok(stage.danmakuPerSecond > 0, `stage rate ${stage.danmakuPerSecond}/s`);
    t.ok(
      rooms.body.rooms.some(
        (r: { room: string; settings: { maxCommentChars: number } }) =>
          r.room === 'quiet' && r.settings.maxCommentChars === 5,
      ),
      'rooms with settings are listed',
    );
  });

  t.test('audit: every action with who, what, when and result, paged', async (t) => {
    const page = await admin(node.url, 'GET', '/audit?limit=200');
    const actions = page.body.entries.map((e: { action: string }) => e.action);
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
    for (const entry of page.body.entries) {
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
      page.body.entries.some((e: { status: number; action: string }) => e.action === 'ban.delete' && e.status === 404),
      'refused actions are audited too',
    );
    const times = page.body.entries.map((e: { at: number }) => e.at);
    t.same(
      times,
      [...times].sort((a, b) => b - a),
      'newest first',
    );
    const first = await admin(node.url, 'GET', '/audit?limit=3');
    t.equal(first.body.entries.length, 3);
    const next = await admin(node.url, 'GET', `/audit?limit=3&cursor=${first.body.nextCursor}`);
    t.same(next.body.entries, page.body.entries.slice(3, 6), 'the cursor continues where the page ended');
    const refused = await admin(node.url, 'POST', '/bans', { body: { userId: 'zed' } });
    t.equal(refused.status, 400);
    const latest = (await admin(node.url, 'GET', '/audit?limit=1')).body.entries[0];
    t.match(latest, { action: 'ban.create', status: 400, result: 'refused', request: { userId: 'zed' } });
  });
});
