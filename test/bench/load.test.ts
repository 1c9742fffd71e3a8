import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import t from 'tap';
import type { LoadResults } from '../../bench/load/report.js';
import type { RateScenario, RateScenarioId, ServerId } from '../../bench/load/scenarios.js';
import { ROOT } from '../helpers/root.js';

type Harness = typeof import('../../bench/load/main.js');
type Report = typeof import('../../bench/load/report.js');
type Scenarios = typeof import('../../bench/load/scenarios.js');

const out = join(ROOT, '.tap', 'bench-dist');

/**
 * The harness spawns the server and its load workers as plain node processes, which must be
 * JavaScript: transpile src/ and bench/load/ file by file (esbuild, well under a second) instead of
 * paying a TypeScript loader start-up in every child.
 */
async function compileHarness(): Promise<void> {
  const sources = (dir: string) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => join(ROOT, dir, f));
  await build({
    entryPoints: [...sources('src'), ...sources('bench/load')],
    outdir: out,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
}

const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(out, path)).href)) as T;

/** One small ladder of `scenario` in `shape` against `servers`, unpinned, with `posterWorkers` poster processes. */
async function runSmall(
  scenario: RateScenarioId,
  shape: RateScenario,
  servers: ServerId[],
  posterWorkers: number,
): Promise<LoadResults> {
  await compileHarness();
  const { runLoadBench } = await load<Harness>('bench/load/main.js');
  const { QUICK } = await load<Scenarios>('bench/load/scenarios.js');
  return runLoadBench({
    mode: 'custom',
    sizes: { ...QUICK, rate: { ...QUICK.rate, [scenario]: shape }, posterWorkers, probeViewers: 5 },
    servers,
    scenarios: [scenario],
    pin: false,
    log: () => undefined,
  });
}

// The load harness in its smallest shape against this server and the bare ceiling: real server
// processes, real load workers (posters split over two), real sockets. A broken counter, codec
// walk, probe or /proc reading shows up as loss or nonsense.
t.test(
  'load harness: this server and the bare ceiling deliver every danmaku to every viewer and the table says so',
  async (t) => {
    const results = await runSmall(
      'hot',
      { rooms: 1, viewersPerRoom: 20, posters: 2, ladder: [50], stepMs: 1500 },
      ['danmaku', 'bare'],
      2,
    );
    const { markdown } = await load<Report>('bench/load/report.js');
    const runs = results.rates?.[0]?.runs ?? [];
    t.same(
      runs.map((r) => r.serverId),
      ['danmaku', 'bare'],
      'both servers ran the ladder',
    );
    for (const run of runs) {
      const step = run.steps[0];
      if (step === undefined) throw new Error(`${run.server}: no step was measured`);
      t.equal(step.delivered, step.expected, `${run.server}: no loss`);
      t.ok(step.serverLoop !== undefined && step.serverLoop.loopP99Ms >= 0, `${run.server}: the loop probe answered`);
    }
    const run = runs[0];
    const step = run?.steps[0];
    if (run === undefined || step === undefined) throw new Error('no step was measured');
    t.equal(step.sent, 75, 'posters sent 50 comments/s for 1.5 s');
    t.equal(step.refused + step.unanswered, 0, 'every comment acknowledged');
    t.equal(step.expected, 75 * 20, 'each comment is expected at each of the 20 viewers');
    t.equal(step.delivered, step.expected, 'no loss');
    t.ok(step.latency.samples >= 75 * 5, 'every probe viewer timed every danmaku');
    t.ok(step.latency.p50 <= step.latency.p99 && step.latency.p99 <= step.latency.max, 'percentiles are ordered');
    t.ok(
      step.bytesPerDanmaku > 50 && step.bytesPerDanmaku < 400,
      `bytes per danmaku is plausible (${step.bytesPerDanmaku.toFixed(1)})`,
    );
    t.ok(step.frames > 0 && step.frames <= step.delivered, 'batches hold one or more danmaku');
    t.ok(step.serverCpuSec >= 0 && run.peakRssBytes > 10 * 2 ** 20, 'server CPU and RSS read from /proc');
    const table = markdown(results);
    t.match(table, /\| danmaku \(memory bus\) \| 1,500\/1,500 \|/, 'the steps table shows delivered/expected');
    t.match(table, /\| bare uWS \+ protobuf \| 1,500\/1,500 \|/, 'and the bare server beside it');
  },
);

// The cluster's baseline row: three nodes that share nothing, every room's clients on its rendezvous
// node. If the routing sent a viewer to a node other than its room's posters', that viewer would
// receive nothing (each node has its own memory bus), which shows as loss.
t.test('load harness: three unjoined nodes serve many rooms with every client on its room’s node', async (t) => {
  // Nine posters in three workers: poster i is in worker i mod 3, so dealing posters to nodes by i mod 3
  // would put each worker's three on one node; each worker must have one on every node.
  const results = await runSmall(
    'rooms200x10',
    { rooms: 12, viewersPerRoom: 3, posters: 9, ladder: [60], stepMs: 1500 },
    ['shards'],
    3,
  );
  const runs = results.rates?.[0]?.runs ?? [];
  t.same(
    runs.map((r) => r.serverId),
    ['shards'],
    'the unjoined nodes ran the ladder',
  );
  const step = runs[0]?.steps[0];
  if (step === undefined) throw new Error('the unjoined nodes measured no step');
  t.equal(step.expected, 90 * 3, 'each of 90 comments is expected at the 3 viewers of its room');
  t.equal(step.delivered, step.expected, 'every viewer received its room from the node its posters used');
  t.equal(step.refused + step.unanswered, 0, 'every comment acknowledged');
});
