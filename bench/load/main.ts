import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { markdown, type LoadResults } from './report.js';
import {
  CLUSTER_NODES,
  FULL,
  QUICK,
  ROOM_AFFINE_SERVERS,
  SERVER_NAMES,
  runMemoryScenario,
  runRateScenario,
  runVariants,
  type Context,
  type RateScenarioId,
  type ScenarioId,
  type ServerId,
  type Sizes,
  type Variant,
} from './scenarios.js';
import type { Pinning } from './servers.js';

export interface LoadOptions {
  readonly mode: 'full' | 'quick' | 'custom';
  readonly sizes: Sizes;
  readonly servers: readonly ServerId[];
  readonly scenarios: readonly ScenarioId[];
  /** Pin server and load generator to separate cores (needs two cores and taskset). */
  readonly pin: boolean;
  readonly log: (line: string) => void;
}

const ALL_SERVERS: readonly ServerId[] = ['danmaku', 'cluster', 'cluster-affine', 'shards', 'bare', 'socketio', 'ws'];
/** The unjoined nodes are a baseline for the cluster's rate ladders only: one room or idle sockets say nothing new of them. */
const ladderOnly = (id: ServerId) => id === 'shards';
const RATE_SCENARIOS: readonly RateScenarioId[] = ['hot', 'rooms200x10', 'rooms100x20', 'rooms1000x2'];
const ALL_SCENARIOS: readonly ScenarioId[] = [...RATE_SCENARIOS, 'lone', 'memory', 'batching', 'compression'];
/** Names that stand for several scenarios. */
const SCENARIO_ALIASES: Readonly<Record<string, readonly ScenarioId[]>> = {
  rooms: ['rooms200x10', 'rooms100x20', 'rooms1000x2'],
};

function list<T extends string>(
  raw: string | undefined,
  all: readonly T[],
  variable: string,
  aliases: Readonly<Record<string, readonly T[]>> = {},
): readonly T[] {
  if (raw === undefined || raw === '') return all;
  const picked: string[] = raw.split(',').flatMap((s): readonly string[] => aliases[s.trim()] ?? [s.trim()]);
  const unknown = picked.filter((p) => !all.includes(p as T));
  if (unknown.length)
    throw new Error(
      `${variable}: unknown ${unknown.join(', ')} (choose from ${[...all, ...Object.keys(aliases)].join(', ')})`,
    );
  return all.filter((id) => picked.includes(id));
}

function count(raw: string | undefined, variable: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable}: expected a whole number ≥ 1, got "${raw}"`);
  return n;
}

/**
 * BENCH_QUICK=1 for a smoke run; BENCH_SERVERS / BENCH_SCENARIOS (comma lists) to run a part
 * ("rooms" stands for the three many-rooms shapes); BENCH_VIEWER_WORKERS / BENCH_POSTER_WORKERS
 * (load processes of each kind); BENCH_PIN=0 not to pin.
 */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const quick = env.BENCH_QUICK === '1';
  const base = quick ? QUICK : FULL;
  const options: LoadOptions = {
    mode: quick ? 'quick' : env.BENCH_SERVERS || env.BENCH_SCENARIOS ? 'custom' : 'full',
    sizes: {
      ...base,
      viewerWorkers: count(env.BENCH_VIEWER_WORKERS, 'BENCH_VIEWER_WORKERS') ?? base.viewerWorkers,
      posterWorkers: count(env.BENCH_POSTER_WORKERS, 'BENCH_POSTER_WORKERS') ?? base.posterWorkers,
    },
    servers: list(env.BENCH_SERVERS, ALL_SERVERS, 'BENCH_SERVERS'),
    scenarios: list(env.BENCH_SCENARIOS, ALL_SCENARIOS, 'BENCH_SCENARIOS', SCENARIO_ALIASES),
    pin: env.BENCH_PIN !== '0',
    log: (line) => process.stdout.write(`${line}\n`),
  };
  // Here as well as in runLoadBench: `npm run bench` reads the options before its micro benchmarks.
  checkRoomAffinePosters(options);
  return options;
}

const UNPINNED: Pinning = { serverCore: undefined, loadCores: [] };

/**
 * The server's processes on core 0, the load generator (and this orchestrator) on every other
 * core, when there are two cores or more and taskset: what stops a ladder is then the server's
 * core or the load generator's cores, and the report tells which.
 */
function pinCores(wanted: boolean): { pin: Pinning; note: string } {
  if (!wanted) return { pin: UNPINNED, note: 'not pinned (BENCH_PIN=0)' };
  const cores = availableParallelism();
  if (cores < 2) return { pin: UNPINNED, note: 'not pinned (one core)' };
  const loadCores = Array.from({ length: cores - 1 }, (_, i) => i + 1);
  const list = cores === 2 ? '1' : `1-${cores - 1}`;
  try {
    execFileSync('taskset', ['-a', '-p', '-c', list, String(process.pid)], { stdio: 'ignore' });
    return {
      pin: { serverCore: 0, loadCores },
      note: `server processes pinned to core 0, load generator to core${cores === 2 ? '' : 's'} ${list} (taskset)`,
    };
  } catch {
    return { pin: UNPINNED, note: 'not pinned (taskset unavailable)' };
  }
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}`;
}

/** The title of a rate scenario's table, from its shape as run. */
function rateTitle(id: RateScenarioId, sizes: Sizes): string {
  const { rooms, viewersPerRoom } = sizes.rate[id];
  const shape = `${rooms.toLocaleString('en')} room${rooms === 1 ? '' : 's'} × ${viewersPerRoom.toLocaleString('en')} viewers`;
  return id === 'hot' ? `Hot room (${shape})` : `Many rooms (${shape})`;
}

/**
 * Lone comments: every server but the unjoined nodes, and ours with its deflate threshold off, at its
 * default, at 0 (every batch deflated), and to viewers that opt into the compact layout.
 */
function loneVariants(servers: readonly ServerId[]): Variant[] {
  const variants: Variant[] = [];
  for (const serverId of servers) {
    if (ladderOnly(serverId)) continue;
    if (serverId !== 'danmaku') {
      variants.push({ variant: SERVER_NAMES[serverId], serverId, env: {} });
      continue;
    }
    variants.push(
      {
        variant: `${SERVER_NAMES.danmaku}, not deflated (BATCH_DEFLATE_MIN_BYTES=off)`,
        serverId,
        env: { BATCH_DEFLATE_MIN_BYTES: 'off' },
      },
      { variant: `${SERVER_NAMES.danmaku}, default (deflated from 256 bytes)`, serverId, env: {} },
      {
        variant: `${SERVER_NAMES.danmaku}, every batch deflated (BATCH_DEFLATE_MIN_BYTES=0)`,
        serverId,
        env: { BATCH_DEFLATE_MIN_BYTES: '0' },
      },
      {
        variant: `${SERVER_NAMES.danmaku}, compact layout (hello batch_layout 1, dictionary deflate)`,
        serverId,
        env: {},
        protocol: 'danmaku-compact',
      },
    );
  }
  return variants;
}

const loadAverage = (): readonly number[] => loadavg().map((l) => Math.round(l * 100) / 100);

/**
 * Refuses, before anything runs, a plan whose room-affine rows would fail mid-run: each of their
 * comments leaves from its room's node, so every poster worker needs at least one poster per node
 * (posters are dealt to workers round-robin, so the smallest worker holds ⌊posters / workers⌋).
 */
export function checkRoomAffinePosters(options: Pick<LoadOptions, 'servers' | 'scenarios' | 'sizes'>): void {
  if (!options.servers.some((id) => ROOM_AFFINE_SERVERS.includes(id))) return;
  for (const id of RATE_SCENARIOS) {
    if (!options.scenarios.includes(id)) continue;
    const { posters } = options.sizes.rate[id];
    const workers = Math.max(1, Math.min(options.sizes.posterWorkers, posters));
    if (Math.floor(posters / workers) < CLUSTER_NODES)
      throw new Error(
        `${id}: ${posters} posters over ${workers} poster workers leave a worker with fewer than ${CLUSTER_NODES}, one per node, which the room-affine rows (${ROOM_AFFINE_SERVERS.join(', ')}) need: lower BENCH_POSTER_WORKERS or leave those rows out of BENCH_SERVERS`,
      );
  }
}

export async function runLoadBench(options: LoadOptions): Promise<LoadResults> {
  checkRoomAffinePosters(options);
  const started = performance.now();
  const { pin, note } = pinCores(options.pin);
  const ctx: Context = { sizes: options.sizes, pin, log: options.log };
  const { sizes, servers, scenarios, log } = options;
  const results: { -readonly [K in keyof LoadResults]: LoadResults[K] } = {
    date: new Date().toISOString(),
    machine: machineDescription(),
    mode: options.mode,
    pinned: note,
    loadAverageBefore: loadAverage(),
    loadAverageAfter: [],
    elapsedSec: 0,
  };
  log(
    `load benchmark (${options.mode}): ${results.machine}; ${note}; load average ${results.loadAverageBefore.join(' ')}`,
  );
  const rates = [];
  for (const id of RATE_SCENARIOS) {
    if (!scenarios.includes(id)) continue;
    const title = rateTitle(id, sizes);
    log(title);
    const runs = [];
    for (const server of servers) runs.push(await runRateScenario(server, sizes.rate[id], ctx));
    rates.push({ id, title, shape: sizes.rate[id], runs });
  }
  if (rates.length) results.rates = rates;
  if (scenarios.includes('lone')) {
    log(`lone comments: 1 room × ${sizes.lone.viewers} viewers at ${sizes.lone.rate} comments/s`);
    results.lone = await runVariants(loneVariants(servers), sizes.lone, ctx);
  }
  if (scenarios.includes('memory')) {
    log(`connection memory: ${sizes.idleConnections} idle connections`);
    const runs = [];
    for (const id of servers) if (!ladderOnly(id)) runs.push(await runMemoryScenario(id, ctx));
    results.memory = runs;
  }
  if (scenarios.includes('batching') && servers.includes('danmaku')) {
    log(
      `issue 2: 1 room × ${sizes.batching.viewers} viewers at ${sizes.batching.rate} comments/s, batched vs. unbatched`,
    );
    results.batching = await runVariants(
      [
        { variant: 'batched (BATCH_INTERVAL_MS=50), deflated', serverId: 'danmaku', env: { BATCH_INTERVAL_MS: '50' } },
        {
          variant: 'batched, not deflated (BATCH_DEFLATE_MIN_BYTES=off)',
          serverId: 'danmaku',
          env: { BATCH_INTERVAL_MS: '50', BATCH_DEFLATE_MIN_BYTES: 'off' },
        },
        { variant: 'unbatched (BATCH_MAX_ITEMS=1)', serverId: 'danmaku', env: { BATCH_MAX_ITEMS: '1' } },
      ],
      sizes.batching,
      ctx,
    );
  }
  if (scenarios.includes('compression') && servers.includes('danmaku')) {
    log(
      `compression: 1 room × ${sizes.compression.viewers} viewers at ${sizes.compression.rate} comments/s, none vs. deflated once per batch vs. uWS shared compressor`,
    );
    results.compression = await runVariants(
      [
        { variant: 'none (BATCH_DEFLATE_MIN_BYTES=off)', serverId: 'danmaku', env: { BATCH_DEFLATE_MIN_BYTES: 'off' } },
        { variant: 'deflated once per batch (default)', serverId: 'danmaku', env: {} },
        {
          variant: 'WS_COMPRESSION=shared, per viewer',
          serverId: 'danmaku',
          env: { WS_COMPRESSION: 'shared', BATCH_DEFLATE_MIN_BYTES: 'off' },
        },
      ],
      sizes.compression,
      ctx,
    );
  }
  results.loadAverageAfter = loadAverage();
  results.elapsedSec = (performance.now() - started) / 1000;
  return results;
}

/** Writes bench/results/<timestamp>.json and bench/results/latest.md; returns the markdown. */
export function writeResults(results: LoadResults, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const text = markdown(results);
  writeFileSync(join(dir, `${results.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.md'), text);
  return text;
}
