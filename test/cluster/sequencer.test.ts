import t from 'tap';
import { ErrorCode, type ServerFrame } from '../../src/protocol/codec.js';
import { admin, adminToken } from '../helpers/admin.js';
import { TestClient } from '../helpers/client.js';
import { startThreeNodes } from '../helpers/three-nodes.js';
import { TcpProxy } from '../helpers/proxy.js';
import { joinedSdkClient } from '../helpers/sdk.js';

type Ack = NonNullable<ServerFrame['ack']>;

// One sequencer per room across three nodes: de-dup, slow mode and batching happen once for the whole cluster.
const { nats, a, b, c, connect, natsMessages } = await startThreeNodes(t, 'seq', {
  // Long enough that a room's holder keeps trusting its lease through the 3 s NATS stall below.
  ROOM_LEASE_TTL_MS: '8000',
});

function post(
  client: TestClient,
  room: string,
  clientMsgId: string,
  text = clientMsgId,
  timeoutMs = 15_000,
): Promise<Ack> {
  client.send({ comment: { room, clientMsgId, text, mode: 0 } });
  return client.nextKind('ack', (ack) => ack.clientMsgId === clientMsgId, timeoutMs);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every danmaku the viewer received in the room with this text. */
function copies(viewer: TestClient, room: string, text: string): { seq: number; id: string }[] {
  return viewer.danmaku(room).filter((d) => d.text === text);
}

t.test('a retry on another node gets the original seq and id, and the room shows the comment once', async (t) => {
  const room = 'elsewhere';
  const owner = await connect(c, 'carol');
  t.ok((await post(owner, room, 'first')).ok, 'C takes the room');
  const viewer = await connect(b);
  await viewer.join(room);
  const alice = await connect(a, 'alice');
  const sent = await post(alice, room, 'm1', 'once only');
  t.ok(sent.ok);
  const aliceOnB = await connect(b, 'alice');
  const retried = await post(aliceOnB, room, 'm1', 'once only');
  t.same([retried.ok, retried.seq, retried.id], [true, sent.seq, sent.id], 'B answers with the ack A gave');
  t.ok((await post(alice, room, 'm2', 'after')).ok);
  await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'after') ?? false, 10_000);
  t.equal(copies(viewer, room, 'once only').length, 1, 'one copy');
});

t.test(
  'slow mode holds across nodes: the same user posting on A, then on B within the interval, is refused SLOW_MODE',
  async (t) => {
    const room = 'slowroom';
    const set = await admin(a.url, 'updateRoomSettings', {
      token: adminToken(),
      params: { room },
      body: { slowModeSeconds: 30 },
    });
    t.equal(set.status, 200);
    await delay(500); // the setting reaches every node through the KV watch
    const onA = await connect(a, 'sloth');
    const first = await post(onA, room, 's1');
    t.ok(first.ok);
    const onB = await connect(b, 'sloth');
    const second = await post(onB, room, 's2');
    t.equal(second.code, ErrorCode.SLOW_MODE, 'refused on B');
    t.ok(
      (second.retryAfterMs ?? 0) > 20_000 && (second.retryAfterMs ?? 0) <= 30_000,
      'told to wait the rest of the interval',
    );
    const other = await post(await connect(c, 'someone-else'), room, 's3');
    t.ok(other.ok, 'another user is not held back');
  },
);

t.test(
  'posters on three nodes in one room: a viewer gets at most one batch frame per tick, every comment once',
  async (t) => {
    const room = 'threeway';
    const viewers = [await connect(a), await connect(b), await connect(c)];
    for (const viewer of viewers) await viewer.join(room);
    const posters = [await connect(a, 'pa'), await connect(b, 'pb'), await connect(c, 'pc')];
    const acks: Promise<Ack>[] = [];
    const natsBefore = await natsMessages();
    const started = Date.now();
    // 20 comments per second per node for 2 s.
    for (let i = 0; i < 40; i++) {
      posters.forEach((poster, p) => acks.push(post(poster, room, `t${p}-${i}`)));
      await delay(50);
    }
    const answered = await Promise.all(acks);
    t.ok(
      answered.every((ack) => ack.ok),
      'every comment stored',
    );
    const last = Math.max(...answered.map((ack) => Number(ack.seq)));
    for (const viewer of viewers) {
      await viewer.nextKind('batch', (x) => x.room === room && Number(x.seq) >= last, 10_000);
      const texts = viewer.danmaku(room).map((d) => d.text);
      t.equal(texts.length, 120, 'every comment delivered');
      t.equal(new Set(texts).size, 120, 'none twice');
    }
    const seconds = (Date.now() - started) / 1000;
    const natsAfter = await natsMessages();
    const frames = viewers[0]?.batchSeqs(room).length ?? 0;
    const delivered = viewers.reduce((sum, viewer) => sum + viewer.batchSeqs(room).length, 0);
    const natsIn = natsAfter.in - natsBefore.in;
    const natsOut = natsAfter.out - natsBefore.out;
    // What docs/cluster.md reports as NATS messages per comment and per delivered batch.
    t.comment(
      `NATS in ${natsIn}, out ${natsOut} in ${seconds.toFixed(1)} s: ` +
        `${((natsIn + natsOut) / 120).toFixed(2)} per comment, ${((natsIn + natsOut) / delivered).toFixed(2)} per delivered batch`,
    );
    // One sequencer batches for the cluster: ~20 frames a second; one batcher per node would give ~60.
    t.ok(
      frames <= Math.ceil(seconds * 20) + 2,
      `${frames} batch frames in ${seconds.toFixed(1)} s: at most one per 50 ms tick`,
    );
  },
);

t.test(
  'NATS stalls past the lease trust while a comment is in flight: UNAVAILABLE twice, then one copy (the room is taken again and its window rebuilt from history)',
  async (t) => {
    const room = 'stall';
    const viewer = await connect(b);
    await viewer.join(room);
    const poster = await connect(a, 'stalled');
    t.ok((await post(poster, room, 'warm')).ok, 'A holds the room');
    await nats.signal('SIGSTOP');
    let resumed = false;
    t.teardown(async () => {
      if (!resumed) await nats.signal('SIGCONT');
    });
    const first = await post(poster, room, 'x1', 'stalled comment');
    t.equal(first.code, ErrorCode.UNAVAILABLE, 'no ack within the publish timeout');
    const second = await post(poster, room, 'x1', 'stalled comment');
    t.equal(second.code, ErrorCode.UNAVAILABLE, 'still stalled');
    await nats.signal('SIGCONT');
    resumed = true;
    const third = await post(poster, room, 'x1', 'stalled comment');
    t.ok(third.ok, 'stored');
    t.ok((await post(poster, room, 'x2', 'marker')).ok);
    await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'marker') ?? false, 10_000);
    const seen = copies(viewer, room, 'stalled comment');
    t.equal(seen.length, 1, 'one copy');
    t.same([seen[0]?.seq, seen[0]?.id], [Number(third.seq), third.id], 'the ack names the stored copy');
  },
);

t.test(
  'a stall shorter than the lease: the retry re-sends the same batch under its msg id and JetStream stores it once',
  async (t) => {
    const room = 'shortstall';
    const viewer = await connect(b);
    await viewer.join(room);
    const poster = await connect(a, 'brief');
    t.ok((await post(poster, room, 'warm')).ok, 'A holds the room');
    await nats.signal('SIGSTOP');
    let resumed = false;
    t.teardown(async () => {
      if (!resumed) await nats.signal('SIGCONT');
    });
    const first = await post(poster, room, 'y1', 'brief stall');
    t.equal(first.code, ErrorCode.UNAVAILABLE, 'no ack within the publish timeout');
    await nats.signal('SIGCONT');
    resumed = true;
    // NATS now stores the batch it was sent before the stall; the retry must not store a second one.
    const retried = await post(poster, room, 'y1', 'brief stall');
    t.ok(retried.ok, 'stored');
    t.ok((await post(poster, room, 'y2', 'brief marker')).ok);
    await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'brief marker') ?? false, 10_000);
    const seen = copies(viewer, room, 'brief stall');
    t.equal(seen.length, 1, 'one copy');
    t.same([seen[0]?.seq, seen[0]?.id], [Number(retried.seq), retried.id], 'the ack names the stored copy');
  },
);

t.test(
  'the SDK resends an unacked comment on another node after its socket dies: one copy, the original seq',
  async (t) => {
    const room = 'sdkroom';
    const proxy = await TcpProxy.start(a.port);
    t.teardown(() => proxy.close());
    const viewer = await connect(c);
    await viewer.join(room);
    const warm = await connect(a, 'sdk-user');
    t.ok((await post(warm, room, 'sdk-warm')).ok, 'A holds the room');
    const { client } = await joinedSdkClient(t, [proxy.wsUrl, b.wsUrl], 'sdk-user', room);
    await nats.signal('SIGSTOP');
    const posted = client.post(room, 'sdk once');
    await delay(300);
    proxy.dropAll(); // the ack would come back through here: lost
    await delay(700);
    await nats.signal('SIGCONT');
    const receipt = await posted;
    t.ok(receipt.seq > 0, 'posted, acked by B');
    t.ok((await post(warm, room, 'sdk-marker')).ok);
    await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'sdk-marker') ?? false, 10_000);
    const seen = copies(viewer, room, 'sdk once');
    t.equal(seen.length, 1, 'one copy');
    t.same([seen[0]?.seq, seen[0]?.id], [receipt.seq, receipt.id], 'the receipt names the stored copy');
  },
);
