/**
 * Where a cluster's CPU goes per process, at fixed rates: one node; three nodes with each room's
 * viewers spread round-robin; three nodes with each room on its rendezvous node (the SDK's
 * roomAffinity); and, on request, three nodes that share nothing (`shards`: each on its own memory
 * bus, every room's clients on its rendezvous node: what three processes cost before any NATS).
 * Many rooms (BENCH_ROOMS × BENCH_VIEWERS_PER_ROOM, default 200 × 10), each rate for BENCH_STEP_MS
 * (8000); prints user and system CPU seconds of every server process (nats-server last) and their
 * context switches, and the step's delivery latency (p50/p99, ms). CPU time is per process, so it
 * holds up on a shared machine better than a rate ladder: what the other processes take shows as
 * waiting, not as our CPU.
 *
 *   npm run build && node dist/bench/cluster-cpu.js
 *
 * BENCH_KINDS (single,spread,affine; shards on request), BENCH_RATES (200,800: comments/s over all
 * rooms). BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the nodes,
 * BENCH_NATS_PPROF_DIR=DIR nats-server (bench/pprof-top.ts reads it); BENCH_WAIT_MS delays the load
 * after start-up (it was needed while token upgrades were closed under the profiler, a uWS bug worked
 * around since: docs/architecture.md, "Upgrades that wait for a token").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopProbe } from './load/probe.js';
import { LoadSession } from './load/session.js';
import {
  startDanmaku,
  startDanmakuCluster,
  startDanmakuShards,
  type NatsMessages,
  type Pinning,
  type RunningServer,
} from './load/servers.js';

type Kind = 'single' | 'shards' | 'spread' | 'affine';

interface ProcessCpu {
  readonly userSec: number;
  readonly systemSec: number;
  readonly voluntary: number;
  readonly involuntary: number;
}

// Linux reports CPU time in clock ticks of 1/100 s (getconf CLK_TCK).
const TICKS_PER_SEC = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function processCpu(pid: number): ProcessCpu {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const count = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  return {
    userSec: Number(fields[11]) / TICKS_PER_SEC,
    systemSec: Number(fields[12]) / TICKS_PER_SEC,
    voluntary: count('voluntary_ctxt_switches'),
    involuntary: count('nonvoluntary_ctxt_switches'),
  };
}

function list(raw: string | undefined, fallback: readonly string[]): string[] {
  return raw === undefined || raw === '' ? [...fallback] : raw.split(',').map((s) => s.trim());
}

/** A mistyped setting: reported as its message alone, not as a failure of the tool. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A whole number ≥ `min` from `value`, named `name` in the error otherwise. */
function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`${name}: expected a whole number ≥ ${min}, got "${value}"`);
  return n;
}

/** The environment variable `name` as a whole number ≥ `min`, or `fallback` when unset. */
function whole(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : wholeNumber(name, raw, min);
}

const KINDS: readonly Kind[] = ['single', 'shards', 'spread', 'affine'];
const isKind = (name: string): name is Kind => (KINDS as readonly string[]).includes(name);

/** The server's event loop and GC over the step, as the preloaded probe saw them (the worst process). */
function loopSummary(loop: LoopProbe | undefined): string {
  if (loop === undefined) return 'server loop not probed';
  return (
    `server loop p99/max ${loop.loopP99Ms.toFixed(0)}/${loop.loopMaxMs.toFixed(0)} ms, ` +
    `GC ${loop.gcTotalMs.toFixed(0)} ms (max pause ${loop.gcMaxMs.toFixed(0)} ms, major ${loop.gcMajorMs.toFixed(0)} ms)`
  );
}

/**
 * NATS messages per second in and out of nats-server over the step, and per batch (the batch frames
 * viewers received ÷ viewers per room: each batch reaches every viewer of its room once).
 */
function natsSummary(
  before: NatsMessages | undefined,
  after: NatsMessages | undefined,
  ms: number,
  batches: number,
): string {
  if (before === undefined || after === undefined || batches <= 0) return '';
  const inn = after.in - before.in;
  const out = after.out - before.out;
  return (
    `; NATS msgs/s in/out ${((inn * 1000) / ms).toFixed(0)}/${((out * 1000) / ms).toFixed(0)}, ` +
    `${((inn + out) / batches).toFixed(2)} per batch (${(batches / (ms / 1000)).toFixed(0)} batches/s)`
  );
}

/**
 * With BENCH_NATS_PPROF_DIR: nats-server's CPU profile over the step (its first stepMs - 1 s), saved
 * as `nats-<kind>-<rate>.pb.gz` there; read it with bench/pprof-top.ts.
 */
async function profileNats(server: RunningServer, kind: Kind, rate: number, stepMs: number): Promise<void> {
  const dir = process.env.BENCH_NATS_PPROF_DIR;
  if (dir === undefined || server.natsCpuProfile === undefined) return;
  const profile = await server.natsCpuProfile(Math.max(1, Math.floor(stepMs / 1000) - 1));
  writeFileSync(join(dir, `nats-${kind}-${rate}.pb.gz`), profile);
}

async function start(kind: Kind, pin: Pinning): Promise<RunningServer> {
  if (kind === 'single') return startDanmaku('one node', {}, pin);
  if (kind === 'shards') return startDanmakuShards('three unjoined nodes', 3, pin);
  return startDanmakuCluster(`three nodes, ${kind}`, 3, pin, kind === 'affine');
}

async function measure(kind: Kind, rates: readonly number[], pin: Pinning): Promise<void> {
  const roomCount = whole('BENCH_ROOMS', 200);
  const viewersPerRoom = whole('BENCH_VIEWERS_PER_ROOM', 10);
  const stepMs = whole('BENCH_STEP_MS', 8000);
  const server = await start(kind, pin);
  let session: LoadSession | undefined;
  try {
    await sleep(whole('BENCH_WAIT_MS', 0, 0));
    const rooms = Array.from({ length: roomCount }, (_, i) => `room-${i}`);
    session = await LoadSession.open({
      server,
      rooms,
      viewersPerRoom,
      posters: 20,
      viewerWorkers: 1,
      posterWorkers: 1,
      probeViewers: 100,
      pin,
    });
    // Warm-up (JIT, each room's sequencer taken), not reported.
    await session.step(rates[0] ?? 200, 2000, rooms, 2000);
    for (const rate of rates) {
      const before = server.pids.map(processCpu);
      const natsBefore = await server.natsMessages?.();
      // Caught now: a profile that fails while the step runs must not end the run as an unhandled rejection.
      const natsProfile = profileNats(server, kind, rate, stepMs).catch((err: unknown) => {
        process.stderr.write(`nats-server profile not saved: ${err instanceof Error ? err.message : String(err)}\n`);
      });
      const step = await session.step(rate, stepMs, rooms, 2000);
      await natsProfile;
      const after = server.pids.map(processCpu);
      const natsAfter = await server.natsMessages?.();
      const perProcess = after.map((a, i) => {
        const b = before[i] as ProcessCpu;
        return `${(a.userSec - b.userSec).toFixed(2)}+${(a.systemSec - b.systemSec).toFixed(2)} s (${a.voluntary - b.voluntary}/${a.involuntary - b.involuntary})`;
      });
      const total = after.reduce((sum, a, i) => {
        const b = before[i] as ProcessCpu;
        return sum + a.userSec - b.userSec + a.systemSec - b.systemSec;
      }, 0);
      process.stdout.write(
        `${kind.padEnd(6)} ${String(rate).padStart(5)} c/s: ${step.delivered}/${step.expected} delivered, ` +
          `CPU ${total.toFixed(2)} s = ${((total / step.delivered) * 1e6).toFixed(1)} s per M, waiting ${(step.serverWaitShare * 100).toFixed(0)} %, ` +
          `latency p50/p99 ${step.latency.p50.toFixed(0)}/${step.latency.p99.toFixed(0)} ms; ` +
          `${loopSummary(step.serverLoop)}, load side ${(step.loadCpuShare * 100).toFixed(0)} % CPU, loop p99 ${step.loadLoopDelayP99Ms.toFixed(0)} ms; ` +
          `per process user+sys (voluntary/involuntary switches): ${perProcess.join(', ')}` +
          natsSummary(natsBefore, natsAfter, step.durationMs, step.frames / viewersPerRoom) +
          '\n',
      );
    }
  } finally {
    await session?.close();
    await server.stop();
  }
}

async function main(): Promise<void> {
  const kinds = list(process.env.BENCH_KINDS, ['single', 'spread', 'affine']);
  const unknown = kinds.filter((kind) => !isKind(kind));
  if (unknown.length > 0)
    throw new UsageError(
      `BENCH_KINDS: unknown ${unknown.map((k) => `"${k}"`).join(', ')} (choose from ${KINDS.join(', ')})`,
    );
  const rates = list(process.env.BENCH_RATES, ['200', '800']).map((rate) => wholeNumber('BENCH_RATES', rate, 1));
  // As the load benchmark pins: servers on core 0, load on core 1.
  const pin: Pinning = { serverCore: 0, loadCores: [1] };
  for (const kind of kinds.filter(isKind)) await measure(kind, rates, pin);
}

main().catch((err: unknown) => {
  const text =
    err instanceof UsageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`cluster-cpu failed: ${text}\n`);
  process.exit(1);
});
