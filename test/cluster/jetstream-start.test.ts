import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { StartingProcess } from '../helpers/gateway-process.js';
import { NatsCluster } from '../helpers/nats-cluster.js';
import { SECRET, token } from '../helpers/node.js';

// A node started while its NATS cluster cannot answer JetStream (a leader election, a stalled
// server) used to exit at its first JetStream timeout ("fatal: timeout"): a rolling restart of NATS
// and the nodes together turned into a crash loop. Two of three servers are stopped (SIGSTOP, TCP up),
// so the one the node is given has no JetStream quorum until they go on.
const cluster = await NatsCluster.start();
t.teardown(() => cluster.stop());
const [live, ...stalled] = cluster.members;
if (live === undefined) throw new Error('the cluster has no members');

const env = (prefix: string, timeoutMs: number) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  AUTH_SECRET: SECRET,
  LOG_LEVEL: 'warn',
  NATS_URL: live.url,
  NATS_PREFIX: prefix,
  NATS_CONNECT_TIMEOUT_MS: String(timeoutMs),
});

async function stall(): Promise<void> {
  for (const member of stalled) await cluster.pause(member);
}

async function resume(): Promise<void> {
  for (const member of stalled) await cluster.resume(member);
  await cluster.waitForMetaLeader();
}

t.test('without a JetStream quorum for longer than NATS_CONNECT_TIMEOUT_MS: an exit that says so', async (t) => {
  await stall();
  t.teardown(resume);
  const node = StartingProcess.spawn(env('noquorum', 3000));
  t.teardown(() => node.kill());
  const { code } = await node.exited;
  t.equal(code, 1, 'the node exits with an error');
  t.match(
    node.output,
    /fatal: JetStream did not set up the room stream: \d+ attempts? in \d+ s, the last failed with: /,
  );
});

t.test('a node started while JetStream has no quorum waits for it, then starts and carries comments', async (t) => {
  await stall();
  const node = StartingProcess.spawn(env('quorum', 60_000));
  t.teardown(() => node.kill());
  await node.waitFor('JetStream not available yet, retrying', 30_000);
  await resume();
  await node.waitFor('listening: http://127.0.0.1:', 60_000);
  const port = /listening: http:\/\/127\.0\.0\.1:(\d+)\//.exec(node.output)?.[1];
  t.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200, 'ready on the bus');

  const viewer = await TestClient.connect(`ws://127.0.0.1:${port}/ws`);
  const poster = await TestClient.connect(`ws://127.0.0.1:${port}/ws`, { token: token({ sub: 'poster' }) });
  t.teardown(() => {
    viewer.ws.terminate();
    poster.ws.terminate();
  });
  await viewer.join('after-quorum');
  poster.send({ comment: { room: 'after-quorum', clientMsgId: 'first', text: 'hello', mode: 0 } });
  const ack = await poster.nextKind('ack', (a) => a.clientMsgId === 'first', 20_000);
  t.ok(ack.ok, 'the comment is stored');
  await viewer.nextKind('batch', (batch) => batch.room === 'after-quorum', 20_000);
  t.same(
    viewer.danmaku('after-quorum').map((d) => d.text),
    ['hello'],
    'the viewer gets it once',
  );
});
