import { connectPoster, connectViewer, type Closeable, type Protocol } from './clients.js';
import { peakRssBytes, rssBytes } from './procfs.js';
import {
  AUTH_SECRET,
  startDanmaku,
  startDanmakuCluster,
  startDanmakuShards,
  startPeer,
  type Pinning,
  type RunningServer,
} from './servers.js';
import { loadLimit } from './report.js';
import { LoadSession, SERVER_SATURATED, lossFree, type StepResult } from './session.js';
import { signToken } from '../../src/auth/token.js';

export type ServerId = 'danmaku' | 'cluster' | 'cluster-affine' | 'shards' | 'bare' | 'socketio' | 'ws';
/** The rate ladders: one hot room, and many small rooms in three shapes. */
export type RateScenarioId = 'hot' | 'rooms200x10' | 'rooms100x20' | 'rooms1000x2';
export type ScenarioId = RateScenarioId | 'lone' | 'memory' | 'batching' | 'compression';

export const SERVER_NAMES: Record<ServerId, string> = {
  danmaku: 'danmaku (memory bus)',
  cluster: 'danmaku ×3 (NATS)',
  'cluster-affine': 'danmaku ×3 (NATS, room-affine)',
  shards: 'danmaku ×3 unjoined (no NATS, room-affine)',
  bare: 'bare uWS + protobuf',
  socketio: 'Socket.IO 4',
  ws: 'ws (JSON)',
};

/** Nodes of every multi-node row (the two clusters and the unjoined nodes). */
export const CLUSTER_NODES = 3;

/** The rows whose comments leave from their room's own node (each poster worker needs a poster on every node). */
export const ROOM_AFFINE_SERVERS: readonly ServerId[] = ['cluster-affine', 'shards'];

/** Rooms × viewers with the posting rate stepped up until p99 passes the bound or anything is lost. */
export interface RateScenario {
  readonly rooms: number;
  readonly viewersPerRoom: number;
  readonly posters: number;
  /** Comments per second over all rooms; the first is the fixed rate every server is compared at. */
  readonly ladder: readonly number[];
  readonly stepMs: number;
}

/** One room at one fixed rate (lone comments, batching, compression). */
export interface FixedShape {
  readonly viewers: number;
  readonly rate: number;
  readonly stepMs: number;
}

export interface Sizes {
  readonly rate: Readonly<Record<RateScenarioId, RateScenario>>;
  /** Bytes per lone comment: the hot room at 10 comments/s, one danmaku per frame. */
  readonly lone: FixedShape;
  readonly idleConnections: number;
  /** Issue 2: 1 room × N viewers at a fixed rate, batched vs. unbatched. */
  readonly batching: FixedShape;
  readonly compression: FixedShape;
  readonly graceMs: number;
  readonly viewerWorkers: number;
  /** Load processes the posters are split over. */
  readonly posterWorkers: number;
  readonly probeViewers: number;
  /**
   * After a ladder stops, steps run between the highest sustained rate and the first failed one
   * (geometric midpoints), each halving the gap: 2 narrow a doubling ladder to about ±19 %.
   */
  readonly refineSteps: number;
}

/** Comments/s from `first`, doubling, `steps` rates. */
const doubling = (first: number, steps: number) => Array.from({ length: steps }, (_, i) => first * 2 ** i);

export const FULL: Sizes = {
  rate: {
    hot: { rooms: 1, viewersPerRoom: 2000, posters: 10, ladder: doubling(10, 9), stepMs: 3000 },
    // Up to ~1 M deliveries/s in each many-rooms shape: past the bare ceiling measured on 2 cores.
    rooms200x10: { rooms: 200, viewersPerRoom: 10, posters: 20, ladder: doubling(200, 10), stepMs: 2500 },
    rooms100x20: { rooms: 100, viewersPerRoom: 20, posters: 20, ladder: doubling(100, 10), stepMs: 2500 },
    rooms1000x2: { rooms: 1000, viewersPerRoom: 2, posters: 20, ladder: doubling(1000, 9), stepMs: 2500 },
  },
  lone: { viewers: 2000, rate: 10, stepMs: 3000 },
  idleConnections: 5000,
  batching: { viewers: 1000, rate: 200, stepMs: 4000 },
  compression: { viewers: 2000, rate: 200, stepMs: 3000 },
  graceMs: 2000,
  viewerWorkers: 2,
  posterWorkers: 2,
  probeViewers: 100,
  refineSteps: 2,
};

export const QUICK: Sizes = {
  rate: {
    hot: { rooms: 1, viewersPerRoom: 200, posters: 4, ladder: [20, 80, 320], stepMs: 1000 },
    rooms200x10: { rooms: 20, viewersPerRoom: 10, posters: 4, ladder: [100, 400], stepMs: 1000 },
    rooms100x20: { rooms: 10, viewersPerRoom: 20, posters: 4, ladder: [100, 400], stepMs: 1000 },
    rooms1000x2: { rooms: 100, viewersPerRoom: 2, posters: 4, ladder: [200, 800], stepMs: 1000 },
  },
  lone: { viewers: 200, rate: 10, stepMs: 1500 },
  idleConnections: 500,
  batching: { viewers: 100, rate: 200, stepMs: 1500 },
  compression: { viewers: 200, rate: 200, stepMs: 1500 },
  graceMs: 1000,
  viewerWorkers: 1,
  posterWorkers: 1,
  probeViewers: 20,
  refineSteps: 0,
};

export interface RateRun {
  readonly server: string;
  readonly serverId: ServerId;
  readonly steps: readonly StepResult[];
  readonly peakRssBytes: number;
  readonly skipped?: string;
}

export interface MemoryRun {
  readonly server: string;
  readonly serverId: ServerId;
  readonly connections: number;
  readonly rssBeforeBytes: number;
  readonly rssAfterBytes: number;
  readonly bytesPerConnection: number;
  readonly skipped?: string;
}

export interface VariantRun {
  readonly variant: string;
  readonly server: string;
  readonly serverId: ServerId;
  readonly env: Record<string, string>;
  readonly viewers: number;
  readonly step: StepResult;
}

export interface Context {
  readonly sizes: Sizes;
  readonly pin: Pinning;
  readonly log: (line: string) => void;
}

// How long (ms) the cluster check posts before it calls the nodes islands.
const CLUSTER_CHECK_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Checks that a comment posted on the first node reaches a viewer on the second: a real cluster, not islands. */
async function clusterShares(server: RunningServer): Promise<string | undefined> {
  const [first, second] = server.targets;
  if (first === undefined || second === undefined) return 'fewer than two nodes';
  let received = 0;
  const open: Closeable[] = [];
  try {
    open.push(
      await connectViewer('danmaku', second, 'cluster-check', false, {
        items: (n) => (received += n),
        frame: () => undefined,
        sentAt: () => undefined,
        closed: () => undefined,
      }),
    );
    const token = signToken(AUTH_SECRET, {
      sub: 'check',
      name: 'check',
      rooms: ['*'],
      role: 'viewer',
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    const poster = await connectPoster('danmaku', first, { id: 'check', name: 'check' }, token);
    open.push(poster);
    // Posted again every second: the first post can be refused while the nodes still take their
    // rooms (slower with --cpu-prof), and one refused comment is no proof of islands.
    for (let waited = 0; waited < CLUSTER_CHECK_MS && received === 0; waited += 50) {
      if (waited % 1000 === 0) poster.post('cluster-check', `c${waited}`, `cluster check#${waited}`);
      await sleep(50);
    }
    if (received > 0) return undefined;
    // A node under --cpu-prof closes sockets that upgraded with a token for its first ~40 s (docs/cluster.md).
    const profiled = (process.env.BENCH_SERVER_NODE_ARGS ?? '').includes('--cpu-prof');
    return `no comment posted on node 1 reached a viewer on node 2 within ${CLUSTER_CHECK_MS / 1000} s: ${
      profiled
        ? 'under --cpu-prof the nodes close the poster at first (use dist/bench/cluster-cpu.js with BENCH_WAIT_MS=45000)'
        : 'this build ignores NATS_URL (each node runs its own memory bus)'
    }`;
  } finally {
    for (const c of open) c.close();
  }
}

async function startServer(id: ServerId, ctx: Context, env: Record<string, string> = {}): Promise<RunningServer> {
  if (id === 'danmaku') return startDanmaku(SERVER_NAMES.danmaku, env, ctx.pin);
  if (id === 'cluster' || id === 'cluster-affine') {
    // Viewers spread over the nodes (round-robin, as behind a plain load balancer), or each room's
    // viewers and posters on its rendezvous node (the SDK's roomAffinity).
    const cluster = await startDanmakuCluster(SERVER_NAMES[id], CLUSTER_NODES, ctx.pin, id === 'cluster-affine');
    const problem = await clusterShares(cluster).catch((err: unknown) =>
      err instanceof Error ? err.message : String(err),
    );
    if (problem !== undefined) {
      await cluster.stop();
      throw new SkipError(problem);
    }
    return cluster;
  }
  // The cluster's baseline: three processes on the same core, each serving its rooms alone.
  if (id === 'shards') return startDanmakuShards(SERVER_NAMES.shards, CLUSTER_NODES, ctx.pin);
  return startPeer(SERVER_NAMES[id], id, ctx.pin);
}

export class SkipError extends Error {
  override readonly name = 'SkipError';
}

const roomNames = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

const sessionPlan = (
  server: RunningServer,
  rooms: readonly string[],
  viewersPerRoom: number,
  posters: number,
  ctx: Context,
) => ({
  server,
  rooms,
  viewersPerRoom,
  posters,
  viewerWorkers: Math.max(ctx.sizes.viewerWorkers, ctx.pin.loadCores.length),
  posterWorkers: ctx.sizes.posterWorkers,
  probeViewers: ctx.sizes.probeViewers,
  pin: ctx.pin,
});

/** The rate between the highest sustained step and the lowest failed one above it, if they are far enough apart. */
function nextRefinement(steps: readonly StepResult[]): number | undefined {
  const ok = Math.max(0, ...steps.filter((s) => s.sustained).map((s) => s.rate));
  const failed = Math.min(...steps.filter((s) => !s.sustained && s.rate > ok).map((s) => s.rate));
  if (ok === 0 || !Number.isFinite(failed) || failed / ok < 1.15) return undefined;
  return Math.round(Math.sqrt(ok * failed));
}

/**
 * One server through the rate ladder of a scenario: up the ladder until a step is not sustained,
 * then `refineSteps` steps between the highest sustained rate and the failed one.
 */
export async function runRateScenario(id: ServerId, scenario: RateScenario, ctx: Context): Promise<RateRun> {
  const name = SERVER_NAMES[id];
  let server: RunningServer;
  try {
    server = await startServer(id, ctx);
  } catch (err) {
    if (err instanceof SkipError) {
      ctx.log(`  ${name}: skipped: ${err.message}`);
      return { server: name, serverId: id, steps: [], peakRssBytes: 0, skipped: err.message };
    }
    throw err;
  }
  const rooms = roomNames(scenario.rooms, 'room');
  const { sizes } = ctx;
  let session: LoadSession | undefined;
  try {
    const open = await LoadSession.open(sessionPlan(server, rooms, scenario.viewersPerRoom, scenario.posters, ctx));
    session = open;
    const steps: StepResult[] = [];
    // One retry before giving up on a rate, for every server alike: on a shared machine a single
    // step can fail on someone else's burst. Both steps are kept in the results.
    const measure = async (rate: number): Promise<StepResult> => {
      let step = await open.step(rate, scenario.stepMs, rooms, sizes.graceMs);
      ctx.log(describeStep(name, step));
      if (!step.sustained) {
        steps.push(step);
        step = await open.step(rate, scenario.stepMs, rooms, sizes.graceMs);
        ctx.log(describeStep(`${name} (retry)`, step));
      }
      steps.push(step);
      return step;
    };
    // Warm-up (JIT, buffers) at the fixed rate, not recorded.
    await open.step(scenario.ladder[0] as number, Math.min(1000, scenario.stepMs), rooms, sizes.graceMs);
    for (const rate of scenario.ladder) {
      const step = await measure(rate);
      // Past a rate that missed only the latency bound while the server still had CPU to spare and
      // the load side was starved, the ladder goes on: the lag is the machine's, and the loss-free
      // steps above still tell what the server costs. A step with loss, or a CPU-bound server, ends it.
      if (!step.sustained && !(lossFree(step) && step.serverCpuShare < SERVER_SATURATED && step.loadSaturated)) break;
    }
    for (let i = 0; i < sizes.refineSteps; i++) {
      const rate = nextRefinement(steps);
      if (rate === undefined) break;
      await measure(rate);
    }
    return { server: name, serverId: id, steps, peakRssBytes: peakRssBytes(server.pids) };
  } finally {
    await session?.close();
    await server.stop();
  }
}

export function describeStep(name: string, s: StepResult): string {
  const loss = s.expected > 0 ? ((1 - s.delivered / s.expected) * 100).toFixed(2) : '0';
  return (
    `  ${name.padEnd(22)} ${String(s.rate).padStart(6)} c/s → ${Math.round(s.deliveriesPerSec).toLocaleString('en').padStart(10)} deliv/s` +
    `  loss ${loss}%  p50/p99/max ${s.latency.p50}/${s.latency.p99}/${Math.round(s.latency.max)} ms  server CPU ${(s.serverCpuShare * 100).toFixed(0)}%` +
    `${s.serverLoop ? ` (loop p99 ${Math.round(s.serverLoop.loopP99Ms)} ms, GC max ${Math.round(s.serverLoop.gcMaxMs)} ms)` : ''}` +
    `  load CPU ${(s.loadCpuShare * 100).toFixed(0)}%${s.loadSaturated ? ` (load ${loadLimit(s)})` : ''}  ${s.sustained ? 'ok' : 'NOT sustained'}`
  );
}

/**
 * RSS growth of the server for `connections` more idle viewers (joined to one room) on top of as
 * many already connected: the marginal memory of an idle connection. Connecting the first batch
 * puts every one-time growth into the baseline, for every server alike: V8's young generation
 * (its pages become resident as connect garbage passes through them, up to ~48 MiB whatever the
 * number of connections), JIT code, pools, the server's room structures.
 */
export async function runMemoryScenario(id: ServerId, ctx: Context): Promise<MemoryRun> {
  const name = SERVER_NAMES[id];
  const connections = ctx.sizes.idleConnections;
  let server: RunningServer;
  try {
    server = await startServer(id, ctx);
  } catch (err) {
    if (err instanceof SkipError)
      return {
        server: name,
        serverId: id,
        connections,
        rssBeforeBytes: 0,
        rssAfterBytes: 0,
        bytesPerConnection: 0,
        skipped: err.message,
      };
    throw err;
  }
  let session: LoadSession | undefined;
  try {
    session = await LoadSession.open({ ...sessionPlan(server, ['idle'], connections, 0, ctx), probeViewers: 0 });
    await sleep(2000);
    const rssBeforeBytes = rssBytes(server.pids);
    await session.addViewers(['idle'], connections, 0);
    await sleep(2000);
    const rssAfterBytes = rssBytes(server.pids);
    const run = {
      server: name,
      serverId: id,
      connections,
      rssBeforeBytes,
      rssAfterBytes,
      bytesPerConnection: (rssAfterBytes - rssBeforeBytes) / connections,
    };
    ctx.log(
      `  ${name.padEnd(22)} ${connections} idle connections: RSS ${(rssBeforeBytes / 2 ** 20).toFixed(1)} → ${(rssAfterBytes / 2 ** 20).toFixed(1)} MiB, ${(run.bytesPerConnection / 1024).toFixed(1)} KiB each`,
    );
    return run;
  } finally {
    await session?.close();
    await server.stop();
  }
}

/** A server with an environment at one fixed rate into one room: a row of the lone-comment, batching or compression table. */
export interface Variant {
  readonly variant: string;
  readonly serverId: ServerId;
  readonly env: Record<string, string>;
  /** How the viewers talk to it, when not the server's own protocol (this server's compact layout). */
  readonly protocol?: Protocol;
}

/** Each variant in turn: one room × shape.viewers at shape.rate for shape.stepMs, after a warm-up second. */
export async function runVariants(
  variants: readonly Variant[],
  shape: FixedShape,
  ctx: Context,
): Promise<VariantRun[]> {
  const runs: VariantRun[] = [];
  for (const { variant, serverId, env, protocol } of variants) {
    let server: RunningServer;
    try {
      server = await startServer(serverId, ctx, env);
    } catch (err) {
      if (err instanceof SkipError) {
        ctx.log(`  ${variant}: skipped: ${err.message}`);
        continue;
      }
      throw err;
    }
    let session: LoadSession | undefined;
    try {
      const viewed = protocol === undefined ? server : { ...server, protocol };
      session = await LoadSession.open(sessionPlan(viewed, ['room-0'], shape.viewers, 4, ctx));
      await session.step(shape.rate, Math.min(1000, shape.stepMs), ['room-0'], ctx.sizes.graceMs);
      const step = await session.step(shape.rate, shape.stepMs, ['room-0'], ctx.sizes.graceMs);
      ctx.log(describeStep(variant, step));
      runs.push({ variant, server: SERVER_NAMES[serverId], serverId, env, viewers: shape.viewers, step });
    } finally {
      await session?.close();
      await server.stop();
    }
  }
  return runs;
}
