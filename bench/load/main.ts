import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { markdown, type LoadResults } from './report.js';
import {
  FULL,
  QUICK,
  runMemoryScenario,
  runRateScenario,
  runVariants,
  type Context,
  type ScenarioId,
  type ServerId,
  type Sizes,
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

const ALL_SERVERS: readonly ServerId[] = ['danmaku', 'cluster', 'socketio', 'ws'];
const ALL_SCENARIOS: readonly ScenarioId[] = ['hot', 'rooms', 'memory', 'batching', 'compression'];

function list<T extends string>(raw: string | undefined, all: readonly T[], variable: string): readonly T[] {
  if (raw === undefined || raw === '') return all;
  const picked = raw.split(',').map((s) => s.trim());
  const unknown = picked.filter((p) => !all.includes(p as T));
  if (unknown.length) throw new Error(`${variable}: unknown ${unknown.join(', ')} (choose from ${all.join(', ')})`);
  return picked as T[];
}

/** BENCH_QUICK=1 for a smoke run; BENCH_SERVERS / BENCH_SCENARIOS (comma lists) to run a part; BENCH_PIN=0 not to pin. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): LoadOptions {
  const quick = env.BENCH_QUICK === '1';
  return {
    mode: quick ? 'quick' : env.BENCH_SERVERS || env.BENCH_SCENARIOS ? 'custom' : 'full',
    sizes: quick ? QUICK : FULL,
    servers: list(env.BENCH_SERVERS, ALL_SERVERS, 'BENCH_SERVERS'),
    scenarios: list(env.BENCH_SCENARIOS, ALL_SCENARIOS, 'BENCH_SCENARIOS'),
    pin: env.BENCH_PIN !== '0',
    log: (line) => process.stdout.write(`${line}\n`),
  };
}

/** Server on core 0, load generator (and this orchestrator) on core 1, when there are two cores and taskset. */
function pinCores(wanted: boolean): { pin: Pinning; note: string } {
  if (!wanted) return { pin: { serverCore: undefined, loadCore: undefined }, note: 'not pinned (BENCH_PIN=0)' };
  if (availableParallelism() < 2)
    return { pin: { serverCore: undefined, loadCore: undefined }, note: 'not pinned (one core)' };
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    return {
      pin: { serverCore: 0, loadCore: 1 },
      note: 'server processes pinned to core 0, load generator to core 1 (taskset)',
    };
  } catch {
    return { pin: { serverCore: undefined, loadCore: undefined }, note: 'not pinned (taskset unavailable)' };
  }
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Linux ${release()}, Node ${process.version}`;
}

export async function runLoadBench(options: LoadOptions): Promise<LoadResults> {
  const started = performance.now();
  const { pin, note } = pinCores(options.pin);
  const ctx: Context = { sizes: options.sizes, pin, log: options.log };
  const { sizes, servers, scenarios, log } = options;
  const results: { -readonly [K in keyof LoadResults]: LoadResults[K] } = {
    date: new Date().toISOString(),
    machine: machineDescription(),
    mode: options.mode,
    pinned: note,
    elapsedSec: 0,
  };
  log(`load benchmark (${options.mode}): ${results.machine}; ${note}`);
  if (scenarios.includes('hot')) {
    log(`hot room: ${sizes.hot.rooms} room × ${sizes.hot.viewersPerRoom} viewers`);
    const runs = [];
    for (const id of servers) runs.push(await runRateScenario(id, sizes.hot, ctx));
    results.hot = runs;
  }
  if (scenarios.includes('rooms')) {
    log(`many rooms: ${sizes.rooms.rooms} rooms × ${sizes.rooms.viewersPerRoom} viewers`);
    const runs = [];
    for (const id of servers) runs.push(await runRateScenario(id, sizes.rooms, ctx));
    results.rooms = runs;
  }
  if (scenarios.includes('memory')) {
    log(`connection memory: ${sizes.idleConnections} idle connections`);
    const runs = [];
    for (const id of servers) runs.push(await runMemoryScenario(id, ctx));
    results.memory = runs;
  }
  if (scenarios.includes('batching') && servers.includes('danmaku')) {
    log(
      `issue 2: 1 room × ${sizes.batching.viewers} viewers at ${sizes.batching.rate} comments/s, batched vs. unbatched`,
    );
    results.batching = await runVariants(
      [
        { variant: 'batched (BATCH_INTERVAL_MS=50), deflated', env: { BATCH_INTERVAL_MS: '50' } },
        {
          variant: 'batched, not deflated (BATCH_DEFLATE_MIN_BYTES=off)',
          env: { BATCH_INTERVAL_MS: '50', BATCH_DEFLATE_MIN_BYTES: 'off' },
        },
        { variant: 'unbatched (BATCH_MAX_ITEMS=1)', env: { BATCH_MAX_ITEMS: '1' } },
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
        { variant: 'none (BATCH_DEFLATE_MIN_BYTES=off)', env: { BATCH_DEFLATE_MIN_BYTES: 'off' } },
        { variant: 'deflated once per batch (default)', env: {} },
        {
          variant: 'WS_COMPRESSION=shared, per viewer',
          env: { WS_COMPRESSION: 'shared', BATCH_DEFLATE_MIN_BYTES: 'off' },
        },
      ],
      sizes.compression,
      ctx,
    );
  }
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
