import t from 'tap';
import { StartingProcess } from '../helpers/gateway-process.js';
import { NatsServer, freePort } from '../helpers/nats.js';
import { SECRET } from '../helpers/node.js';

const env = (natsUrl: string, extra: Record<string, string> = {}) => ({
  PORT: '0',
  HOST: '127.0.0.1',
  AUTH_SECRET: SECRET,
  LOG_LEVEL: 'warn',
  NATS_URL: natsUrl,
  ...extra,
});

// Alone: its 2 s of retries must fail by refusal, not by an attempt still pending at the deadline,
// which start-ups running beside it make likelier (they slow each connect attempt).
await t.test('no NATS at the address: retried for NATS_CONNECT_TIMEOUT_MS, then an exit naming NATS_URL', async (t) => {
  const url = `nats://127.0.0.1:${await freePort()}`;
  const started = performance.now();
  const node = StartingProcess.spawn(env(url, { NATS_CONNECT_TIMEOUT_MS: '2000' }));
  t.teardown(() => node.kill());
  const { code } = await node.exited;
  const seconds = (performance.now() - started) / 1000;
  t.equal(code, 1);
  t.match(node.output, `NATS_URL: cannot reach NATS at ${url}:`);
  t.match(node.output, /the last failed with: connection refused/);
  t.match(node.output, /NATS not reachable yet, retrying/, 'it retried');
  t.ok(seconds >= 2 && seconds < 20, `gave up after ${seconds.toFixed(1)} s`);
});

// The others have their own nats-server and node processes and mostly wait on their start-ups and
// retry timers: they run side by side (tap buffers each one's output).
t.jobs = 3;

t.test('a NATS that comes up after the node: the node waits for it and starts', async (t) => {
  const nats = await NatsServer.start();
  await nats.stop();
  t.teardown(() => nats.stop());
  const node = StartingProcess.spawn(env(nats.url));
  t.teardown(() => node.kill());
  await node.waitFor('NATS not reachable yet, retrying', 20_000);
  await nats.launch();
  await node.waitFor('listening: http://127.0.0.1:', 30_000);
  const port = /listening: http:\/\/127\.0\.0\.1:(\d+)\//.exec(node.output)?.[1];
  t.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200, 'ready on the bus');
});

t.test(
  'NATS_URL lists several servers: a node whose listed servers are partly down connects to a live one',
  async (t) => {
    const nats = await NatsServer.start();
    t.teardown(() => nats.stop());
    const dead = `nats://127.0.0.1:${await freePort()}`;
    // Before the list was split, only the last entry was used: a dead last entry kept the node from starting.
    for (const list of [`${nats.url},${dead}`, `${dead},${nats.url}`]) {
      const node = StartingProcess.spawn(env(list, { NATS_CONNECT_TIMEOUT_MS: '5000' }));
      t.teardown(() => node.kill());
      await node.waitFor('listening: http://127.0.0.1:', 30_000);
      const port = /listening: http:\/\/127\.0\.0\.1:(\d+)\//.exec(node.output)?.[1];
      t.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200, `ready with NATS_URL=${list}`);
      await node.kill();
    }
  },
);

t.test('NATS_REPLICAS above what a single NATS server can hold stops start-up naming NATS_REPLICAS', async (t) => {
  const nats = await NatsServer.start();
  t.teardown(() => nats.stop());
  const node = StartingProcess.spawn(env(nats.url, { NATS_REPLICAS: '3' }));
  t.teardown(() => node.kill());
  const { code } = await node.exited;
  t.equal(code, 1);
  t.match(node.output, /NATS_REPLICAS=3: JetStream refused stream \w+ with 3 replicas .*at least 3 servers/);
});
