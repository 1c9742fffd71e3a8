import t from 'tap';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect as natsConnect } from '@nats-io/transport-node';
import type { ServerFrame } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { NatsCluster } from '../helpers/nats-cluster.js';
import { token } from '../helpers/node.js';

type Ack = NonNullable<ServerFrame['ack']>;

const cluster = await NatsCluster.start();
t.teardown(() => cluster.stop());
const clients: TestClient[] = [];
const nodes: GatewayProcess[] = [];
t.teardown(async () => {
  for (const client of clients) client.ws.terminate();
  await Promise.all(nodes.map((node) => node.kill('SIGTERM')));
});

function env(prefix: string, replicas: number): Record<string, string> {
  return {
    NATS_URL: cluster.urls,
    NATS_PREFIX: prefix,
    NATS_REPLICAS: String(replicas),
    COMMENT_RATE_PER_SEC: '5000',
    COMMENT_BURST: '5000',
    ROOM_RATE_PER_SEC: '100000',
  };
}

async function startNode(id: string, environment: Record<string, string>): Promise<GatewayProcess> {
  const node = await GatewayProcess.start(id, environment);
  nodes.push(node);
  return node;
}

async function connect(node: GatewayProcess, user?: string): Promise<TestClient> {
  const client = await TestClient.connect(node.wsUrl, user === undefined ? {} : { token: token({ sub: user }) });
  clients.push(client);
  return client;
}

/** Replicas of a stream as JetStream reports them, read through the cluster from a test connection. */
async function replicasOf(stream: string): Promise<number | undefined> {
  const nc = await natsConnect({ servers: cluster.urls.split(',') });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream)).config.num_replicas;
  } finally {
    await nc.close();
  }
}

t.test('NATS_REPLICAS is applied at start-up to a stream and KV bucket created with fewer', async (t) => {
  const one = await startNode('scale-1', env('scale', 1));
  t.equal(await replicasOf('scale_ROOMS'), 1);
  t.equal(await replicasOf('KV_scale_state'), 1);
  await one.kill('SIGTERM');
  await startNode('scale-3', env('scale', 3));
  t.equal(await replicasOf('scale_ROOMS'), 3, 'the room stream was scaled to 3 replicas');
  t.equal(await replicasOf('KV_scale_state'), 3, 'the KV bucket was scaled to 3 replicas');
});

t.test(
  'SIGKILL of the NATS server leading the stream (R3) while posters on two nodes post: every acked comment reaches every viewer once, in one order, nobody is disconnected',
  async (t) => {
    const room = 'leader-loss';
    const [a, b] = await Promise.all([startNode('A', env('loss', 3)), startNode('B', env('loss', 3))]);
    // The hard case: the room consumers live on the stream leader (where nats-server 2.9 places an
    // R1 ephemeral consumer of an R3 stream) while both nodes are connected to other servers, so
    // no reconnect tells a node that its consumer is gone.
    const [serverOfA, serverOfB] = await Promise.all([cluster.clientServer('A'), cluster.clientServer('B')]);
    await cluster.moveStreamLeader('loss_ROOMS', [serverOfA, serverOfB]);
    const viewers = [await connect(a), await connect(a), await connect(b), await connect(b)];
    for (const viewer of viewers) await viewer.join(room);
    const posters = [await connect(a, 'poster-a'), await connect(b, 'poster-b')];

    // Each poster sends a comment every 20 ms without waiting for its ack; acks are timed as they arrive.
    const acks: { ack: Ack; at: number }[] = [];
    const pending: Promise<void>[] = [];
    let n = 0;
    const send = (poster: TestClient) => {
      const id = `c${n++}`;
      poster.send({ comment: { room, clientMsgId: id, text: id, mode: 0 } });
      pending.push(
        poster
          .nextKind('ack', (ack) => ack.clientMsgId === id, 20_000)
          .then((ack) => {
            acks.push({ ack, at: Date.now() });
          }),
      );
    };
    const ticker = setInterval(() => posters.forEach(send), 20);
    const okCount = () => acks.filter((a) => a.ack.ok).length;
    const until = async (what: string, check: () => boolean, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await until('comments to flow', () => okCount() >= 40, 10_000);
      const leader = await cluster.streamLeader('loss_ROOMS');
      t.notOk(
        [serverOfA, serverOfB].some((m) => m.name === leader.name),
        'neither node is connected to the leader: the kill leaves their connections up',
      );
      const killedAt = Date.now();
      await cluster.kill(leader);
      t.comment(`killed ${leader.name}, the stream's leader`);
      await until(
        'ok acks to resume after the kill',
        () => acks.some((a) => a.ack.ok && a.at > killedAt + 1000),
        30_000,
      );
      const resumedAt = okCount();
      await until('comments to keep flowing', () => okCount() >= resumedAt + 100, 20_000);
    } finally {
      clearInterval(ticker);
    }
    await Promise.all(pending);

    const ok = acks.filter((a) => a.ack.ok);
    const refused = acks.length - ok.length;
    let longest = 0;
    for (let i = 1; i < ok.length; i++) longest = Math.max(longest, (ok[i]?.at ?? 0) - (ok[i - 1]?.at ?? 0));
    t.comment(`${ok.length} acked ok, ${refused} refused; longest time without an ok ack: ${longest} ms`);
    // The gap is nats-server's: the stream's replicas notice the dead leader and elect another (raft
    // election timeouts of seconds), then the node's next write goes through. About 5-10 s on a quiet
    // machine; with the rest of the suite and other work beside it it has reached 16 and 26 s. The
    // bound is the wait for posting to resume above: the number itself is what the comment reports.
    t.ok(longest < 30_000, `posting resumed within 30 s of the kill (${longest} ms without an ok ack)`);

    const lastSeq = Math.max(...ok.map((a) => Number(a.ack.seq)));
    await Promise.all(
      viewers.map((viewer) =>
        viewer.nextKind('batch', (batch) => batch.room === room && Number(batch.seq) >= lastSeq, 20_000),
      ),
    );
    const okIds = ok.map((a) => a.ack.id ?? '');
    const [first, ...others] = viewers.map((viewer) => viewer.danmaku(room).map((d) => d.id));
    for (const [i, ids] of [first ?? [], ...others].entries()) {
      const seen = new Set(ids);
      t.equal(seen.size, ids.length, `viewer ${i}: no comment twice`);
      t.ok(
        okIds.every((id) => seen.has(id)),
        `viewer ${i}: every acked comment arrived`,
      );
    }
    for (const other of others) t.same(other, first, 'one order on every node');
    t.ok(
      viewers.every((viewer) => viewer.ws.readyState === viewer.ws.OPEN),
      'no viewer was disconnected',
    );
    t.notOk(a.crashed || b.crashed, 'no node crashed');
  },
);
