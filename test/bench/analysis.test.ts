import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { cpuAt, stopReason } from '../../bench/load/analysis.js';
import { clusterBaselineTable, clusterFloorsTable, type LoadResults } from '../../bench/load/report.js';
import type { RateRun, ServerId } from '../../bench/load/scenarios.js';
import type { StepResult } from '../../bench/load/session.js';
import { summarize, type CpuProfile } from '../../bench/profile-top.js';

/** A measured step: sustained unless told otherwise; 10 viewers per room. */
function step(rate: number, over: Partial<StepResult> = {}): StepResult {
  const delivered = rate * 10 * 2;
  return {
    rate,
    durationMs: 2000,
    sent: rate * 2,
    acked: rate * 2,
    refused: 0,
    unanswered: 0,
    expected: delivered,
    delivered,
    frames: delivered,
    bytesRead: delivered * 100,
    latency: { samples: 100, p50: 10, p99: 50, max: 60 },
    serverCpuSec: 0.5,
    serverCpuShare: 0.25,
    serverWaitShare: 0.01,
    deliveriesPerSec: delivered / 2,
    cpuSecPerMillion: 10,
    bytesPerDanmaku: 100,
    loadCpuShare: 0.3,
    viewerCpuSec: 0.2,
    posterCpuSec: 0.1,
    loadLoopDelayP99Ms: 11,
    maxSendLagMs: 0,
    viewersClosed: 0,
    loadSaturated: false,
    sustained: true,
    ...over,
  };
}

const run = (steps: StepResult[]): RateRun => ({
  server: 'test',
  serverId: 'danmaku',
  steps,
  peakRssBytes: 0,
});
const slow = { sustained: false, latency: { samples: 100, p50: 150, p99: 320, max: 400 } };

/** A load run of one scenario, 200 rooms × 10 viewers, with these servers' ladders. */
const manyRooms = (runs: RateRun[]): LoadResults => ({
  date: 'd',
  machine: 'm',
  mode: 'custom',
  pinned: 'p',
  loadAverageBefore: [],
  loadAverageAfter: [],
  elapsedSec: 1,
  rates: [
    {
      id: 'rooms200x10',
      title: 'Many rooms',
      shape: { rooms: 200, viewersPerRoom: 10, posters: 20, ladder: [200], stepMs: 2500 },
      runs,
    },
  ],
});

/** A ladder from 200 to 6,400 c/s whose CPU per M is `cpu(rate)`, sustained up to `top`. */
const ladder = (id: ServerId, cpu: (rate: number) => number, top: number): RateRun => ({
  ...run(
    [200, 400, 800, 1600, 3200, 6400].map((rate) =>
      step(rate, { cpuSecPerMillion: cpu(rate), ...(rate > top ? slow : {}) }),
    ),
  ),
  serverId: id,
});

t.test('a ladder stops on what was saturated at its first failed step', async (t) => {
  const cases: [string, Partial<StepResult>, string][] = [
    ['server CPU', { serverCpuShare: 0.96 }, 'server CPU'],
    ['load generator', { loadCpuShare: 0.95, loadSaturated: true }, 'load generator'],
    ['machine', { serverWaitShare: 0.4 }, 'machine'],
    [
      'server loop',
      {
        serverLoop: {
          loopP50Ms: 11,
          loopP99Ms: 240,
          loopMaxMs: 300,
          gcCount: 3,
          gcTotalMs: 400,
          gcMaxMs: 280,
          gcMajorMs: 280,
        },
      },
      'server loop',
    ],
    ['neither', {}, 'neither'],
  ];
  for (const [what, state, by] of cases) {
    const reason = stopReason(run([step(100), step(200), step(400, { ...slow, ...state })]));
    t.equal(reason.by, by, what);
    t.equal(reason.step?.rate, 400, `${what}: read from the failed step`);
    t.match(reason.text, /p99 320 ms at 4,000 deliv\/s/, `${what}: says what failed`);
  }
  t.equal(stopReason(run([step(100), step(200)])).by, 'ladder top', 'every step sustained');
  // A refinement step between the highest sustained and the failed one is the one that stopped it.
  const refined = stopReason(
    run([step(100), step(200), step(400, { ...slow, serverCpuShare: 0.97 }), step(283, { ...slow })]),
  );
  t.equal(refined.step?.rate, 283, 'the lowest failed rate above the highest sustained one');
});

t.test('CPU at a rate: the step at that rate, or log-log between the loss-free steps around it', async (t) => {
  const r = run([
    step(100, { cpuSecPerMillion: 40 }),
    step(400, { cpuSecPerMillion: 10 }),
    step(800, { ...slow, cpuSecPerMillion: 6, delivered: 1 }),
  ]);
  t.equal(cpuAt(r, 100), 40, 'exact');
  t.equal(Math.round((cpuAt(r, 200) ?? 0) * 1000) / 1000, 20, 'halfway in log rate between 40 and 10');
  t.equal(cpuAt(r, 800), undefined, 'a step with loss says nothing about CPU per delivery');
  t.equal(cpuAt(r, 50), undefined, 'nothing below the ladder');
});

t.test('profile-top: a real V8 profile puts a busy function first by self time', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'profile-top-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'burn.mjs');
  writeFileSync(
    script,
    [
      'function burnHash(n) { let h = 0; for (let i = 0; i < n; i++) h = (h * 31 + i) | 0; return h; }',
      // 400 ms of CPU, not of wall time: on a loaded machine a wall-clock burn gets little CPU and the module loader outweighs it.
      'function cpuMs() { const u = process.cpuUsage(); return (u.user + u.system) / 1000; }',
      'function outer() { let s = 0; const until = cpuMs() + 400; while (cpuMs() < until) s += burnHash(1e6); return s; }',
      'console.log(outer());',
    ].join('\n'),
  );
  const ran = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, script], { encoding: 'utf8' });
  t.equal(ran.status, 0, 'the profiled script ran');
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error('node wrote no profile');
  const summary = summarize(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, { root: dir });
  // The script's own functions: tap's module hooks ride along in the child (its processinfo puts
  // them back into NODE_OPTIONS), and on a loaded machine Node's wait for them (makeSyncRequest,
  // waitForWorker) can outweigh a 400 ms burn; they are rightly in the profile, just not the script.
  const top = summary.functions.find((f) => f.name.includes('burn.mjs'));
  t.match(top?.name, /^burnHash \(burn\.mjs:1\)$/, "the hot loop has the most self time of the script's functions");
  const outer = summary.functions.find((f) => f.name.startsWith('outer '));
  t.ok(outer && top && outer.totalMs >= top.totalMs, 'its caller has at least as much total time');
  t.ok(outer && outer.selfMs < outer.totalMs, 'and less self time than total');
  t.ok(summary.busyMs > 200 && summary.busyMs <= summary.windowMs, 'busy time is most of a 400 ms burn');
});

t.test(
  'issue 12 floors: each cluster row against one node, at the fixed rate, at 40,000/s and at the highest rate',
  async (t) => {
    const results = manyRooms([
      ladder('danmaku', (rate) => 40_000 / rate, 6400),
      ladder('cluster', (rate) => (4 * 40_000) / rate, 800),
      ladder('cluster-affine', (rate) => (1.25 * 40_000) / rate, 3200),
    ]);
    const rows = clusterFloorsTable(results)
      .split('\n')
      .filter((line) => line.startsWith('| 200 × 10'));
    t.same(
      rows.map((line) => line.replace(/ \|$/, '').split(' | ')),
      [
        [
          '| 200 × 10, viewers spread: CPU per M at the fixed rate (200 c/s), 3 nodes ÷ one',
          '4.00',
          '≤ 1.5',
          'MISSED (4.00 > 1.50)',
        ],
        ['| 200 × 10, viewers spread: CPU per M at 40,000/s, 3 nodes ÷ one', '4.00', '≤ 1.5', 'MISSED (4.00 > 1.50)'],
        [
          '| 200 × 10, viewers spread: highest sustained deliveries/s, 3 nodes ÷ one',
          '0.13',
          '≥ 0.7',
          'MISSED (18% of the floor)',
        ],
        ['| 200 × 10, room-affine: CPU per M at the fixed rate (200 c/s), 3 nodes ÷ one', '1.25', '≤ 1.5', 'met'],
        ['| 200 × 10, room-affine: CPU per M at 40,000/s, 3 nodes ÷ one', '1.25', '≤ 1.5', 'met'],
        [
          '| 200 × 10, room-affine: highest sustained deliveries/s, 3 nodes ÷ one',
          '0.50',
          '≥ 0.7',
          'MISSED (71% of the floor)',
        ],
      ],
      'both rows, the ratios read at the rates named (40,000 deliveries/s = 4,000 c/s into rooms of 10)',
    );
  },
);

t.test('issue 12 baseline: three unjoined nodes against one node, and each cluster row against them', async (t) => {
  // CPU per M at 200, 4,000 (= 40,000 deliveries/s into rooms of 10) and 8,000 c/s, and the highest
  // sustained rate: each row different, so a ratio read the wrong way round or at the wrong rate shows.
  const at = (id: ServerId, cpu: readonly [number, number, number], top: number): RateRun => ({
    ...run([200, 4000, 8000].map((rate, i) => step(rate, { cpuSecPerMillion: cpu[i], ...(rate > top ? slow : {}) }))),
    serverId: id,
  });
  const single = at('danmaku', [50, 10, 8], 8000);
  const cluster = at('cluster', [180, 40, 30], 200);
  t.equal(clusterBaselineTable(manyRooms([single, cluster])), '', 'no table without the unjoined nodes');
  const shards = at('shards', [90, 16, 12], 4000);
  const table = clusterBaselineTable(manyRooms([single, cluster, shards]));
  t.match(
    table,
    /200 × 10: a ladder reached its top, so its highest rate is a lower bound\./,
    "one node's ladder sustained its top step (8,000 c/s): the rate ratios are bounds",
  );
  const rows = table
    .split('\n')
    .filter((line) => line.startsWith('| 200 × 10'))
    .map((line) => line.replace(/ \|$/, '').split(' | '));
  t.same(
    rows,
    [
      ['| 200 × 10', 'CPU per M at 200 c/s', '1.80×', '2.00×', '–'],
      ['| 200 × 10', 'CPU per M at 40,000/s', '1.60×', '2.50×', '–'],
      ['| 200 × 10', 'highest sustained deliveries/s', '0.50×', '0.05×', '–'],
    ],
    'unjoined ÷ one node, cluster ÷ unjoined, at the fixed rate, at 40,000 deliveries/s and of the highest rates; "–" for the row that did not run',
  );
});

t.test('a plan whose room-affine rows would lack a poster per node is refused before anything runs', async (t) => {
  const { checkRoomAffinePosters } = await import('../../bench/load/main.js');
  const { FULL } = await import('../../bench/load/scenarios.js');
  const plan = (servers: ServerId[], posterWorkers: number) => ({
    servers,
    scenarios: ['hot' as const, 'rooms200x10' as const],
    sizes: { ...FULL, posterWorkers },
  });
  t.doesNotThrow(() => checkRoomAffinePosters(plan(['danmaku', 'cluster-affine', 'shards'], 2)), 'the default plan');
  t.doesNotThrow(() => checkRoomAffinePosters(plan(['danmaku', 'cluster'], 9)), 'no room-affine row, any workers');
  t.throws(
    () => checkRoomAffinePosters(plan(['danmaku', 'shards'], 4)),
    /hot: 10 posters over 4 poster workers leave a worker with fewer than 3/,
    'the hot room has 10 posters: 4 workers leave one with 2',
  );
});
