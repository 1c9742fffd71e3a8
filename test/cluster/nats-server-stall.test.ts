import t, { type Test } from 'tap';
import { ErrorCode, type ServerFrame } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { NatsCluster, type ClusterMember } from '../helpers/nats-cluster.js';
import { token } from '../helpers/node.js';
import { joinedSdkClient } from '../helpers/sdk.js';

type Ack = NonNullable<ServerFrame['ack']>;

// A NATS server stalls (SIGSTOP: process frozen, TCP up) under the node sequencing a room while a
// comment is in flight, on a three-server NATS cluster with R3: the poster's retries with the same
// client_msg_id must end in one copy, whichever node answers them.
const cluster = await NatsCluster.start();
t.teardown(() => cluster.stop());
const [n1, n2, n3] = cluster.members as [ClusterMember, ClusterMember, ClusterMember];
const clients: TestClient[] = [];
const nodes: GatewayProcess[] = [];
t.teardown(async () => {
  for (const client of clients) client.ws.terminate();
  await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
});

const env = {
  NATS_PREFIX: 'stall',
  NATS_REPLICAS: '3',
  // Short, so a stalled owner's rooms move within the test's time.
  ROOM_LEASE_TTL_MS: '1000',
  COMMENT_RATE_PER_SEC: '5000',
  COMMENT_BURST: '5000',
  ROOM_RATE_PER_SEC: '100000',
};
// A is pinned to n1, the server the test stalls; B never uses n1, so it keeps working through the stall.
const a = await GatewayProcess.start('A', { ...env, NATS_URL: n1.url });
nodes.push(a);
const b = await GatewayProcess.start('B', { ...env, NATS_URL: `${n2.url},${n3.url}` });
nodes.push(b);
// Every JetStream leader elsewhere (the room stream, both directory buckets, the state bucket, the
// meta group): the stall hits A's connection, not JetStream's availability (an election is
// test/cluster/nats-server-loss.test.ts's subject).
await cluster.moveLeadersOff(n1, ['stall_ROOMS', 'KV_stall_rooms', 'KV_stall_nodes', 'KV_stall_state']);

async function connect(node: GatewayProcess, user?: string): Promise<TestClient> {
  const client = await TestClient.connect(node.wsUrl, user === undefined ? {} : { token: token({ sub: user }) });
  clients.push(client);
  return client;
}

function post(client: TestClient, room: string, clientMsgId: string, text: string): Promise<Ack> {
  client.send({ comment: { room, clientMsgId, text, mode: 0 } });
  return client.nextKind('ack', (ack) => ack.clientMsgId === clientMsgId, 15_000);
}

/** Posts until acked ok, waiting what each UNAVAILABLE says, as the protocol tells clients to; every answer in order. */
async function postUntilOk(client: TestClient, room: string, clientMsgId: string, text: string): Promise<Ack[]> {
  const answers: Ack[] = [];
  // Generous: JetStream's Raft groups re-elect around a stalled member now and then, for seconds.
  const deadline = Date.now() + 40_000;
  for (;;) {
    const ack = await post(client, room, clientMsgId, text);
    answers.push(ack);
    if (ack.ok || ack.code !== ErrorCode.UNAVAILABLE || Date.now() > deadline) return answers;
    await new Promise((resolve) => setTimeout(resolve, ack.retryAfterMs || 1000));
  }
}

/** A viewer on B joined to `room`, and `user`'s raw client on A, whose first comment makes A the room's sequencer. */
async function roomSequencedByA(
  t: Test,
  room: string,
  user: string,
): Promise<{ viewer: TestClient; poster: TestClient }> {
  const viewer = await connect(b);
  await viewer.join(room);
  const poster = await connect(a, user);
  t.ok((await postUntilOk(poster, room, `${room}-warm`, `${room} warm`)).pop()?.ok, 'A sequences the room');
  return { viewer, poster };
}

/** Stalls n1 for the rest of the test unless continued; continued at teardown in any case. */
async function stallN1(t: Test): Promise<() => Promise<void>> {
  await cluster.pause(n1);
  let stopped = true;
  const resume = async () => {
    if (!stopped) return;
    stopped = false;
    await cluster.resume(n1);
  };
  t.teardown(resume);
  return resume;
}

t.test(
  "the owner's NATS server stalls while a comment is in flight; the poster retries on the other node: one copy",
  async (t) => {
    const room = 'stall-raw';
    const { viewer, poster } = await roomSequencedByA(t, room, 'raw-poster');
    const resume = await stallN1(t);
    const first = await post(poster, room, 'r1', 'stalled raw');
    t.equal(first.code, ErrorCode.UNAVAILABLE, "A's write cannot be acked while its server is stalled");
    const onB = await connect(b, 'raw-poster');
    const answers = await postUntilOk(onB, room, 'r1', 'stalled raw');
    const stored = answers[answers.length - 1];
    t.ok(stored?.ok, `B takes the room over from A (heartbeat gone) and stores it (${answers.length} tries)`);
    await resume();
    // n1 now hands on A's write from before the stall; it expects the head B has moved past, so it is refused.
    t.ok((await postUntilOk(onB, room, 'r2', 'raw marker')).pop()?.ok, 'a later comment is stored');
    await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'raw marker') ?? false, 10_000);
    const seen = viewer.danmaku(room).filter((d) => d.text === 'stalled raw');
    t.equal(seen.length, 1, 'one copy');
    t.same([seen[0]?.seq, seen[0]?.id], [Number(stored?.seq), stored?.id], 'the ack names the stored copy');
  },
);

t.test(
  "the owner's NATS server stalls past its heartbeat while the SDK's comment is in flight: the SDK's retries store it once",
  async (t) => {
    const room = 'stall-sdk';
    const { viewer, poster: warm } = await roomSequencedByA(t, room, 'sdk-poster');
    const { client } = await joinedSdkClient(t, [a.wsUrl], 'sdk-poster', room);
    const resume = await stallN1(t);
    const posted = client.post(room, 'stalled sdk');
    // Past A's heartbeat trust (2/3 of the 1 s TTL) and its expiry: A drops the room meanwhile, and the
    // SDK's resends (UNAVAILABLE) find it gone; the write sent before the stall is still in n1.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await resume();
    const receipt = await posted;
    t.ok(receipt.seq > 0, 'posted once n1 runs again');
    t.ok((await postUntilOk(warm, room, 'sdk-marker', 'sdk marker')).pop()?.ok, 'a later comment is stored');
    await viewer.nextKind('batch', (x) => x.items?.some((i) => i.text === 'sdk marker') ?? false, 10_000);
    const seen = viewer.danmaku(room).filter((d) => d.text === 'stalled sdk');
    t.equal(seen.length, 1, 'one copy');
    t.same([seen[0]?.seq, seen[0]?.id], [receipt.seq, receipt.id], 'the receipt names the stored copy');
  },
);
