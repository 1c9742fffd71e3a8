import { connect } from '@nats-io/transport-node';
import t from 'tap';
import { pprofTop } from '../../bench/pprof-top.js';
import { freePort, NatsServer } from '../helpers/nats.js';

/** nats-server's own pprof endpoint (its `--profile` port), as bench/cluster-cpu.ts reads it. */
async function fetchProfile(port: number, path: string): Promise<Uint8Array> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(20_000) });
  if (!res.ok) throw new Error(`HTTP ${res.status} on ${path}`);
  return new Uint8Array(await res.arrayBuffer());
}

t.test("a real nats-server's CPU profile names where it spent its time", async (t) => {
  const profilePort = await freePort();
  const server = await NatsServer.start(['--profile', String(profilePort)]);
  t.teardown(() => server.stop());
  const connection = await connect({ servers: server.url });
  t.teardown(() => connection.close());
  const received = { count: 0 };
  connection.subscribe('load', {
    callback: () => {
      received.count++;
    },
  });
  const profiling = fetchProfile(profilePort, '/debug/pprof/profile?seconds=2');
  // Keep the server busy routing messages for the whole profile window.
  const until = Date.now() + 2200;
  while (Date.now() < until) {
    for (let i = 0; i < 2000; i++) connection.publish('load', 'x'.repeat(64));
    await connection.flush();
  }
  const { entries, totalNs, durationNs } = pprofTop(await profiling);

  t.ok(received.count > 0, 'the load reached the subscriber');
  t.ok(durationNs >= 1.9e9 && durationNs < 5e9, `the profile covers the 2 s asked for (${durationNs} ns)`);
  t.ok(totalNs > 0, `CPU was sampled (${(totalNs / 1e6).toFixed(0)} ms)`);
  const readLoop = entries.find((e) => e.name.endsWith('server.(*client).readLoop'));
  t.ok(readLoop !== undefined && readLoop.cumNs > 0, "the clients' read loop is on the sampled stacks");
  t.ok(
    entries.every((e) => e.flatNs <= e.cumNs && e.cumNs <= totalNs),
    'flat time never exceeds cumulative time, nor cumulative the total',
  );
  const flatSum = entries.reduce((sum, e) => sum + e.flatNs, 0);
  t.equal(flatSum, totalNs, 'every sample is on top of exactly one function');

  const heap = await fetchProfile(profilePort, '/debug/pprof/heap');
  t.throws(() => pprofTop(heap), /not a CPU profile/, 'a heap profile is refused by name');
});
