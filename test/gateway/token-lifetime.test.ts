import t from 'tap';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { poll } from '../helpers/poll.js';

const nowSec = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Each test has its own node and spends its seconds waiting for a token to expire: run them side by
// side (tap buffers each one's output).
t.jobs = 6;

t.test('a token expiring on an open socket: posts refused, then close 4102', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  const exp = nowSec() + 2;
  const client = await TestClient.connect(node.wsUrl, { token: token({ sub: 'short', exp }) });
  const welcome = await client.nextKind('welcome');
  t.equal(Number(welcome.tokenExpiresAtMs), exp * 1000, 'welcome says when the token expires');
  client.send({ comment: { room: 'r', clientMsgId: 'before', text: 'in time' } });
  t.equal((await client.nextKind('ack')).ok, true, 'posting before exp works');
  await sleep(exp * 1000 - Date.now());
  client.send({ comment: { room: 'r', clientMsgId: 'after', text: 'too late' } });
  const closed = await Promise.race([client.closed, sleep(2500).then(() => undefined)]);
  t.equal(closed?.code, CloseCode.TOKEN_EXPIRED, 'closed with 4102 within about a second of exp');
  const late = client.frames.find((f) => f.kind === 'ack' && f.ack?.clientMsgId === 'after')?.ack;
  // The post either reached the server before the close (refused) or after it (never answered).
  t.not(late?.ok, true, 'the post after exp is never accepted');
  if (late) t.equal(late.code, ErrorCode.UNAUTHENTICATED);
  const error = client.frames.find((f) => f.kind === 'error')?.error;
  t.equal(error?.code, ErrorCode.UNAUTHENTICATED, 'told why before the close');
  t.equal(node.gateway.connectionCount, 0);
});

t.test('a post after exp on a connection the wheel has not reached yet is refused UNAUTHENTICATED', async (t) => {
  // A long tolerance keeps the connection open past exp for the whole test; the post check uses the same deadline.
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '3' });
  t.teardown(() => node.drain());
  const exp = nowSec() + 1;
  const client = await TestClient.connect(node.wsUrl, { token: token({ sub: 'edge', exp }) });
  await sleep((exp + 1.5) * 1000 - Date.now());
  client.send({ comment: { room: 'r', clientMsgId: 'grace', text: 'within the tolerance' } });
  t.equal((await client.nextKind('ack')).ok, true, '1.5 s after exp, within a 3 s tolerance: accepted');
  await sleep((exp + 3) * 1000 - Date.now());
  client.send({ comment: { room: 'r', clientMsgId: 'late', text: 'past the tolerance' } });
  const settled = await Promise.race([client.nextKind('ack').then((a) => a.code), client.closed.then((c) => c.code)]);
  t.ok(settled === ErrorCode.UNAUTHENTICATED || settled === CloseCode.TOKEN_EXPIRED, `refused or closed (${settled})`);
  t.equal((await client.closed).code, CloseCode.TOKEN_EXPIRED);
});

t.test('a token in hello expires the same way and is announced with refreshed', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  const exp = nowSec() + 2;
  const client = await TestClient.connect(node.wsUrl);
  client.send({ hello: { token: token({ sub: 'hello-user', exp }), platform: 'node' } });
  const announced = await client.nextKind('refreshed');
  t.equal(announced.code, ErrorCode.OK);
  t.equal(Number(announced.tokenExpiresAtMs), exp * 1000);
  t.equal((await client.closed).code, CloseCode.TOKEN_EXPIRED);
});

t.test('refresh extends a live connection; it may only keep or narrow its identity', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  const exp = nowSec() + 2;
  const client = await TestClient.connect(node.wsUrl, { token: token({ sub: 'u1', rooms: ['a', 'b'], exp }) });
  await client.join('a');
  await client.join('b');
  await client.join('c');

  client.send({ refresh: { token: token({ sub: 'u2', rooms: ['a'] }) } });
  const otherUser = await client.nextKind('refreshed');
  t.equal(otherUser.code, ErrorCode.FORBIDDEN);
  t.match(otherUser.message, /another user/);
  client.send({ refresh: { token: token({ sub: 'u1', rooms: ['a', 'b', 'c'] }) } });
  t.match((await client.nextKind('refreshed')).message, /widens the rooms \(c\)/);
  client.send({ refresh: { token: token({ sub: 'u1', rooms: ['a'], role: 'admin' }) } });
  t.match((await client.nextKind('refreshed')).message, /widens the role/);
  client.send({ refresh: { token: token({ sub: 'u1', rooms: ['a'] }, 'not-the-secret-0123456789') } });
  const forged = await client.nextKind('refreshed');
  t.equal(forged.code, ErrorCode.UNAUTHENTICATED);
  t.match(forged.message, /bad_signature/);

  const newExp = nowSec() + 3600;
  client.send({ refresh: { token: token({ sub: 'u1', rooms: ['a'], exp: newExp }) } });
  const left = await client.nextKind('left');
  t.equal(left.room, 'b', 'the room the new token does not allow posting in is left');
  const ok = await client.nextKind('refreshed');
  t.equal(ok.code, ErrorCode.OK);
  t.equal(Number(ok.tokenExpiresAtMs), newExp * 1000);
  t.same(ok.leftRooms, ['b']);
  t.notOk(
    client.frames.some((f) => f.kind === 'left' && f.left?.room === 'c'),
    'a room only watched stays joined',
  );

  await sleep(exp * 1000 + 1500 - Date.now());
  client.send({ comment: { room: 'a', clientMsgId: 'still', text: 'after the first exp' } });
  t.equal((await client.nextKind('ack')).ok, true, 'still open and posting after the old exp');
  client.send({ comment: { room: 'b', clientMsgId: 'narrowed', text: 'no longer allowed' } });
  t.equal((await client.nextKind('ack')).code, ErrorCode.FORBIDDEN);
  await client.close();
});

t.test('refresh on a connection without a token is refused', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const client = await TestClient.connect(node.wsUrl);
  client.send({ refresh: { token: token({ sub: 'x' }) } });
  t.equal((await client.nextKind('refreshed')).code, ErrorCode.FORBIDDEN);
  client.send({ comment: { room: 'r', clientMsgId: 'anon', text: 'x' } });
  t.equal((await client.nextKind('ack')).code, ErrorCode.UNAUTHENTICATED, 'still anonymous');
  await client.close();
});

t.test('long-poll: a held request ends when its token expires; the next one is refused 401', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  // A WebSocket viewer keeps the room (and its epoch) alive between the polls.
  const keeper = await TestClient.connect(node.wsUrl);
  t.teardown(() => keeper.close());
  const { epoch } = await keeper.join('quiet');
  const exp = nowSec() + 2;
  const jwt = token({ sub: 'poller', exp });
  const started = Date.now();
  const cursor = { room: 'quiet', epoch, lastSeq: 0 };
  const frames = await poll(node.url, [{ join: cursor }], { token: jwt, waitMs: 20_000 });
  const heldMs = Date.now() - started;
  t.ok(heldMs < 4000, `answered at expiry, not after the 20 s wait (${heldMs} ms)`);
  t.equal(frames.find((f) => f.kind === 'error')?.error?.code, ErrorCode.UNAUTHENTICATED);
  await t.rejects(poll(node.url, [{ join: cursor }], { token: jwt }), /401/);
});
