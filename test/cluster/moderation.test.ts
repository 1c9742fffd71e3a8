import t from 'tap';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { admin } from '../helpers/admin.js';
import { TestClient, type FrameBody } from '../helpers/client.js';
import { NatsServer } from '../helpers/nats.js';
import { startTestNode, token } from '../helpers/node.js';
import { waitFor } from '../helpers/wait.js';

const nats = await NatsServer.start();
const env = { NATS_URL: nats.url, NATS_PREFIX: 'modcluster', COMMENT_RATE_PER_SEC: '5000', COMMENT_BURST: '5000' };
const a = await startTestNode({ ...env, NODE_ID: 'A' });
const b = await startTestNode({ ...env, NODE_ID: 'B' });
const clients: TestClient[] = [];
t.teardown(async () => {
  for (const client of clients) client.ws.terminate();
  await a.drain();
  await b.drain();
  await nats.stop();
});

async function connect(node: { wsUrl: string }, user: string): Promise<TestClient> {
  const client = await TestClient.connect(node.wsUrl, { token: token({ sub: user }) });
  clients.push(client);
  return client;
}

let nextMsg = 0;
async function code(client: TestClient, room: string, text: string): Promise<number> {
  const clientMsgId = `c${++nextMsg}`;
  client.send({ comment: { room, clientMsgId, text } });
  return (await client.nextKind('ack', (ack) => ack.clientMsgId === clientMsgId, 10_000)).code ?? 0;
}

/** Posts every 50 ms until the answer is `expected`; returns how long after the start it took. */
async function msUntil(client: TestClient, room: string, text: string, expected: number): Promise<number> {
  const started = Date.now();
  await waitFor(ErrorCode[expected] ?? String(expected), async () => (await code(client, room, text)) === expected, {
    everyMs: 50,
  });
  return Date.now() - started;
}

t.test('an action through node A takes effect on node B within 1 s', async (t) => {
  const bob = await connect(b, 'bob');
  t.equal(await code(bob, 'lobby', 'before'), ErrorCode.OK);
  await admin(a.url, 'createBan', { body: { userId: 'bob', room: 'lobby', reason: 'spam' } });
  const banned = await msUntil(bob, 'lobby', 'after', ErrorCode.BANNED);
  t.ok(banned < 1000, `ban on A refused on B after ${banned} ms`);

  await admin(a.url, 'updateRoomSettings', { params: { room: 'hush' }, body: { muted: true } });
  const muted = await msUntil(bob, 'hush', 'x', ErrorCode.MUTED);
  t.ok(muted < 1000, `mute on A refused on B after ${muted} ms`);

  await admin(a.url, 'createFilter', { body: { pattern: 'verboten' } });
  const filtered = await msUntil(bob, 'other', 'ganz verboten', ErrorCode.FILTERED);
  t.ok(filtered < 1000, `filter on A refused on B after ${filtered} ms`);

  t.same(
    (await admin(b.url, 'listBans')).ok.bans.map((x) => x.userId),
    ['bob'],
    'B lists the ban made on A',
  );
});

t.test('recall, notice and kick through A reach viewers on B', async (t) => {
  const poster = await connect(a, 'poster');
  const viewer = await connect(b, 'viewer');
  await viewer.join('stage');
  await poster.join('stage');
  const zeroId = `r${++nextMsg}`;
  poster.send({ comment: { room: 'stage', clientMsgId: zeroId, text: 'zero' } });
  const zero = await poster.nextKind('ack', (ack) => ack.clientMsgId === zeroId, 10_000);
  const start = await viewer.nextKind('batch', (x) => x.items?.some((i) => i.id === zero.id) ?? false, 10_000);
  const acks: FrameBody<'ack'>[] = [];
  for (const text of ['one', 'two']) {
    const clientMsgId = `r${++nextMsg}`;
    poster.send({ comment: { room: 'stage', clientMsgId, text } });
    acks.push(await poster.nextKind('ack', (ack) => ack.clientMsgId === clientMsgId, 10_000));
  }
  await viewer.nextKind('batch', (x) => x.items?.some((i) => i.id === acks[1]?.id) ?? false, 10_000);
  const startedAt = Date.now();
  await admin(a.url, 'recallDanmaku', { params: { room: 'stage' }, body: { ids: [acks[0]?.id] } });
  const recall = await viewer.nextKind('recall', () => true, 1000);
  t.same(recall.ids, [acks[0]?.id], `recall frame on B after ${Date.now() - startedAt} ms`);
  const resumed = await connect(b, 'viewer2');
  await resumed.join('stage', Number(start.seq), start.epoch ?? '');
  t.same(
    resumed.danmaku('stage').map((d) => d.text),
    ['two'],
    'a client resuming on B does not get the recalled danmaku',
  );

  await admin(a.url, 'postNotice', { params: { room: 'stage' }, body: { text: 'hello from A' } });
  t.equal((await viewer.nextKind('notice', () => true, 1000)).text, 'hello from A');

  await admin(a.url, 'kickUser', { body: { userId: 'viewer', reason: 'bye' } });
  t.same(await viewer.closed, { code: CloseCode.KICKED, reason: 'bye' });
});

t.test('a node started later loads the moderation state and audit log from the KV bucket', async (t) => {
  const c = await startTestNode({ ...env, NODE_ID: 'C' });
  t.teardown(() => c.drain());
  t.same(
    (await admin(c.url, 'listBans')).ok.bans.map((x) => x.userId),
    ['bob'],
  );
  t.ok(
    (await admin(c.url, 'readAudit', { query: { limit: 200 } })).ok.entries.some((e) => e.action === 'user.kick'),
    'the shared audit log',
  );
  const bob = await connect(c, 'bob');
  t.equal(await code(bob, 'lobby', 'again'), ErrorCode.BANNED);
});

t.test("A's own batches, recall, notice and kick reach viewers on A (its NATS connection does not echo)", async (t) => {
  // A sequences the room (its first comment lands on A) and has a viewer in it: A's stored batches
  // and its own signals reach that viewer without a round trip through nats-server.
  const poster = await connect(a, 'poster3');
  const viewer = await connect(a, 'viewer3');
  await viewer.join('podium');
  await poster.join('podium');
  const acks: FrameBody<'ack'>[] = [];
  for (const text of ['eins', 'zwei', 'drei']) {
    const clientMsgId = `p${++nextMsg}`;
    poster.send({ comment: { room: 'podium', clientMsgId, text } });
    acks.push(await poster.nextKind('ack', (ack) => ack.clientMsgId === clientMsgId, 10_000));
  }
  await viewer.nextKind('batch', (x) => x.items?.some((i) => i.id === acks[2]?.id) ?? false, 10_000);
  // Anything delivered twice would have arrived by now (an echo takes a round trip).
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.same(
    viewer.danmaku('podium').map((d) => d.text),
    ['eins', 'zwei', 'drei'],
    "every comment once, in order, on the sequencer's own node",
  );
  const seqs = viewer.batchSeqs('podium');
  t.same(
    seqs,
    [...new Set(seqs)].sort((x, y) => x - y),
    'each batch once, in seq order',
  );

  await admin(a.url, 'recallDanmaku', { params: { room: 'podium' }, body: { ids: [acks[0]?.id] } });
  t.same((await viewer.nextKind('recall', () => true, 1000)).ids, [acks[0]?.id], 'recall through A reaches A');
  await admin(a.url, 'postNotice', { params: { room: 'podium' }, body: { text: 'hello on A' } });
  t.equal((await viewer.nextKind('notice', () => true, 1000)).text, 'hello on A');
  await admin(a.url, 'kickUser', { body: { userId: 'viewer3', reason: 'bye' } });
  t.same(await viewer.closed, { code: CloseCode.KICKED, reason: 'bye' });
});
