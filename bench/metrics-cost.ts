/**
 * What metrics cost on the hot path: the same fixed load against one node with METRICS=on and
 * METRICS=off, alternating, reporting deliveries per second and the node's CPU per delivery.
 *
 *   npm run build && node dist/bench/metrics-cost.js
 *
 * The node runs in a child process (dist/src/main.js) so its CPU time can be read from
 * /proc/<pid>/stat (Linux) apart from the load generator's. Viewers and posters are `ws` clients in
 * this process. Tune with BENCH_ROOMS, BENCH_VIEWERS (per room), BENCH_RATE (comments/s per room),
 * BENCH_SECONDS (measured window per run) and BENCH_ROUNDS.
 *
 * On a shared machine the load generator, not the node, limits throughput, so frames/s match and
 * the difference shows in CPU per frame, which is noisy. It first times, in process, the exact
 * metric calls the hot path makes per comment and per batch, on real and no-op metrics: that
 * figure times the comment and batch rates gives the cost without the noise.
 */
import WebSocket from 'ws';
import { signToken } from '../src/auth/token.js';
import { createMetrics, type Metrics } from '../src/metrics/metrics.js';
import { encodeClientFrame } from '../src/protocol/codec.js';
import { cpuSeconds } from './load/procfs.js';
import { startListeningNode, type ListeningNode } from './node-process.js';

const SECRET = 'metrics-cost-bench-secret-0123456789';
const ROOMS = Number(process.env.BENCH_ROOMS ?? 20);
const VIEWERS_PER_ROOM = Number(process.env.BENCH_VIEWERS ?? 25);
const RATE_PER_ROOM = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP_MS = 2000;
const TICK_MS = 10;

interface Run {
  readonly mode: 'on' | 'off';
  readonly deliveredPerSec: number;
  readonly ackedPerSec: number;
  readonly cpuPerSec: number;
}

function startNode(metrics: 'on' | 'off'): Promise<ListeningNode> {
  return startListeningNode({
    AUTH_SECRET: SECRET,
    NODE_ID: `bench-${metrics}`,
    METRICS: metrics,
    COMMENT_RATE_PER_SEC: '100000',
    ROOM_RATE_PER_SEC: '1000000',
    COMMENT_BURST: '100000',
  });
}

function open(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function measure(mode: 'on' | 'off'): Promise<Run> {
  const { child, port } = await startNode(mode);
  const url = `ws://127.0.0.1:${port}/ws`;
  const sockets: WebSocket[] = [];
  let delivered = 0;
  let acked = 0;
  try {
    for (let r = 0; r < ROOMS; r++) {
      const room = `bench-${r}`;
      for (let v = 0; v < VIEWERS_PER_ROOM; v++) {
        const ws = await open(url);
        ws.on('message', () => delivered++);
        ws.send(encodeClientFrame({ join: { room } }));
        sockets.push(ws);
      }
    }
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const posters = await Promise.all(
      Array.from({ length: ROOMS }, async (_, r) => {
        const ws = await open(url, {
          authorization: `Bearer ${signToken(SECRET, { sub: `poster-${r}`, name: 'p', rooms: ['*'], role: 'viewer', exp })}`,
        });
        ws.on('message', () => acked++);
        sockets.push(ws);
        return ws;
      }),
    );
    let sent = 0;
    let due = 0;
    const timer = setInterval(() => {
      due += (RATE_PER_ROOM * TICK_MS) / 1000;
      for (; due >= 1; due--) {
        for (const [r, ws] of posters.entries())
          ws.send(
            encodeClientFrame({ comment: { room: `bench-${r}`, clientMsgId: `m${sent}`, text: `comment ${sent}` } }),
          );
        sent++;
      }
    }, TICK_MS);
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
    const start = { at: performance.now(), delivered, acked, cpu: cpuSeconds([child.pid as number]) };
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    const elapsed = (performance.now() - start.at) / 1000;
    const run: Run = {
      mode,
      deliveredPerSec: (delivered - start.delivered) / elapsed,
      ackedPerSec: (acked - start.acked) / elapsed,
      cpuPerSec: (cpuSeconds([child.pid as number]) - start.cpu) / elapsed,
    };
    clearInterval(timer);
    return run;
  } finally {
    for (const ws of sockets) ws.terminate();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** The metric calls one accepted comment costs (gateway + pipeline), timed per call site. */
function perComment(metrics: Metrics): void {
  metrics.commentsReceived.inc();
  metrics.commentsAccepted.inc();
}

/** The metric calls one batch costs: batcher on publish, hub and fan-out on delivery. */
function perBatch(metrics: Metrics): void {
  metrics.batchItems.observe(5);
  metrics.batchBytes.observe(300);
  metrics.busPublishLatency.observe(0.0002);
  metrics.batchesPublished.inc();
  metrics.deliveryLatency.observe(0.004);
  metrics.deliveredFrames.inc(25);
  metrics.deliveredBytes.inc(7500);
}

function nsPerCall(fn: (m: Metrics) => void, metrics: Metrics): number {
  const n = 2_000_000;
  for (let i = 0; i < n / 10; i++) fn(metrics);
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(metrics);
  return Number(process.hrtime.bigint() - started) / n;
}

function median(values: number[]): number {
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((c) => c.padEnd(14)).join(' | ')} |`;
}

async function main(): Promise<void> {
  const on = createMetrics('bench', true);
  const off = createMetrics('bench', false);
  const commentNs = median(Array.from({ length: 7 }, () => nsPerCall(perComment, on) - nsPerCall(perComment, off)));
  const batchNs = median(Array.from({ length: 7 }, () => nsPerCall(perBatch, on) - nsPerCall(perBatch, off)));
  process.stdout.write(
    `hot-path metric calls, on minus off: ${commentNs.toFixed(0)} ns per accepted comment, ${batchNs.toFixed(0)} ns per batch\n\n`,
  );
  process.stdout.write(
    `${ROOMS} rooms × ${VIEWERS_PER_ROOM} viewers, ${RATE_PER_ROOM} comments/s per room, ${SECONDS} s per run, ${ROUNDS} rounds\n\n`,
  );
  process.stdout.write(
    `${row(['metrics', 'frames/s', 'acks/s', 'node CPU', 'CPU µs/frame'])}\n${row(['---', '---', '---', '---', '---'])}\n`,
  );
  const runs: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const run = await measure(mode);
      runs.push(run);
      process.stdout.write(
        `${row([mode, run.deliveredPerSec.toFixed(0), run.ackedPerSec.toFixed(0), `${(run.cpuPerSec * 100).toFixed(1)} %`, ((run.cpuPerSec / run.deliveredPerSec) * 1e6).toFixed(2)])}\n`,
      );
    }
  }
  const mean = (mode: 'on' | 'off', pick: (r: Run) => number) => {
    const of = runs.filter((r) => r.mode === mode);
    return of.reduce((sum, r) => sum + pick(r), 0) / of.length;
  };
  const perFrame = (mode: 'on' | 'off') => mean(mode, (r) => r.cpuPerSec) / mean(mode, (r) => r.deliveredPerSec);
  process.stdout.write(
    `\nmean frames/s: on ${mean('on', (r) => r.deliveredPerSec).toFixed(0)}, off ${mean('off', (r) => r.deliveredPerSec).toFixed(0)}; ` +
      `node CPU per delivered frame: on ${(perFrame('on') * 1e6).toFixed(2)} µs, off ${(perFrame('off') * 1e6).toFixed(2)} µs ` +
      `(${(((perFrame('on') - perFrame('off')) / perFrame('off')) * 100).toFixed(1)} %)\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
