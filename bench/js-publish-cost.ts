/**
 * Client CPU per JetStream publish (and its ack): nats.js's `JetStreamClient.publish` against
 * NatsRequests.store (src/bus/nats-requests.ts, what NatsBus uses), on a private nats-server with
 * JetStream, in rounds of BENCH_BATCH (50) publishes sent in one turn as a sequencer's aligned flush
 * sends them, the two alternated for BENCH_ROUNDS (40) rounds each. CPU time of this process
 * (process.cpuUsage), so nats-server's share is not counted.
 *
 *   npm run build && node dist/bench/js-publish-cost.js
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers } from '@nats-io/transport-node';
import { NatsRequests } from '../src/bus/nats-requests.js';
import { freePort } from './load/servers.js';

const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'js-publish-cost-'));
  const server = spawn('/usr/sbin/nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', dir], {
    stdio: 'ignore',
  });
  try {
    await sleep(500);
    const nc = await connect({ servers: `nats://127.0.0.1:${port}`, noAsyncTraces: true, noEcho: true });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'COST', subjects: ['cost.>'], max_msgs_per_subject: 10 });
    const js = jetstream(nc);
    const requests = new NatsRequests(nc);
    const body = new Uint8Array(80).fill(7);
    let id = 0;
    const kinds = {
      'nats.js JetStreamClient.publish': (subject: string) => {
        const h = headers();
        h.set('Danmaku-Oldest-At', String(Date.now()));
        return js.publish(subject, body, { headers: h, msgID: `m${id++}`, timeout: 1000 }).then((ack) => ack.seq);
      },
      'NatsRequests.store': (subject: string) => {
        const h = headers();
        h.set('Danmaku-Oldest-At', String(Date.now()));
        h.set('Nats-Msg-Id', `m${id++}`);
        return requests.store(subject, body, h, 1000);
      },
    };
    const spent = new Map<string, number[]>();
    for (let round = -2; round < ROUNDS; round++) {
      for (const [name, publish] of Object.entries(kinds)) {
        const before = process.cpuUsage();
        await Promise.all(Array.from({ length: BATCH }, (_, i) => publish(`cost.room-${i}`)));
        const used = process.cpuUsage(before);
        // The first two rounds warm the JIT up and are not counted.
        if (round >= 0) spent.set(name, [...(spent.get(name) ?? []), (used.user + used.system) / BATCH]);
      }
    }
    for (const [name, perPublish] of spent) {
      const sorted = [...perPublish].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      process.stdout.write(`${name}: median ${median.toFixed(1)} µs of client CPU per publish (${BATCH} per turn)\n`);
    }
    requests.close();
    await nc.close();
  } finally {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`js-publish-cost failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
