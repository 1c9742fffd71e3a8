import { bestLossFree, bestSustained, cpuAt, fixedStep, stepAt, stopReason } from './analysis.js';
import type { MemoryRun, RateRun, RateScenario, RateScenarioId, ServerId, VariantRun } from './scenarios.js';
import { LOAD_CPU_SATURATED, SERVER_SATURATED, type StepResult } from './session.js';

/** One rate scenario as run: its shape and every server's ladder. */
export interface RateScenarioResult {
  readonly id: RateScenarioId;
  readonly title: string;
  readonly shape: RateScenario;
  readonly runs: readonly RateRun[];
}

export interface LoadResults {
  readonly date: string;
  readonly machine: string;
  readonly mode: 'full' | 'quick' | 'custom';
  readonly pinned: string;
  /** os.loadavg() (1, 5, 15 min) when the run started and ended: how busy the machine was. */
  readonly loadAverageBefore: readonly number[];
  readonly loadAverageAfter: readonly number[];
  readonly rates?: readonly RateScenarioResult[];
  /** Bytes per lone comment: every server at the lone rate, ours with and without deflate. */
  readonly lone?: readonly VariantRun[];
  readonly memory?: readonly MemoryRun[];
  readonly batching?: readonly VariantRun[];
  readonly compression?: readonly VariantRun[];
  readonly elapsedSec: number;
}

/** Deliveries per second every scenario compares CPU at besides each server's highest rate. */
export const REFERENCE_DELIVERIES_PER_SEC = 40_000;

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
const ms = (n: number) => num(n, 0);
const pct = (share: number) => `${Math.round(share * 100)}%`;
const ratio = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : `${n >= 10 ? num(n, 0) : num(n, 2)}×`;
const divide = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? undefined : a / b;

function lossText(s: StepResult): string {
  const lost = s.expected - s.delivered;
  // More than expected: late deliveries of the step before, which did not quiet down within 5 s.
  const note =
    lost > 0
      ? ` (−${((lost / s.expected) * 100).toFixed(2)}%)`
      : lost < 0
        ? ` (+${num(-lost)} late from the step before)`
        : '';
  return `${num(s.delivered)}/${num(s.expected)}${note}`;
}

function peer(runs: readonly RateRun[], id: ServerId): RateRun | undefined {
  return runs.find((r) => r.serverId === id && r.skipped === undefined);
}

/** The rate scenario with this id, when it ran. */
export function rateScenario(results: LoadResults, id: RateScenarioId): RateScenarioResult | undefined {
  return results.rates?.find((r) => r.id === id);
}

interface Ratios {
  /** Highest sustained deliveries/s, this ÷ other. */
  readonly rate?: number;
  /** CPU per delivery, other ÷ this, at the other's highest sustained rate (this one ran it too, or around it). */
  readonly cpu?: number;
  /** Bytes per danmaku, other ÷ this, at the fixed rate and each at its own highest rate. */
  readonly bytes?: number;
  readonly bytesAtBest?: number;
  /** True when rate and CPU come from the loss-free steps because one side sustained none. */
  readonly lossFreeOnly: boolean;
}

/**
 * How many times better than the other server: more deliveries/s, less CPU per delivery at equal
 * rate, fewer bytes. From the sustained steps when both have one, else from the loss-free steps,
 * and then marked.
 */
export function ratiosAgainst(run: RateRun, other: RateRun | undefined): Ratios {
  if (other === undefined) return { lossFreeOnly: false };
  const strict = [bestSustained(run), bestSustained(other)] as const;
  const lossFreeOnly = strict[0] === undefined || strict[1] === undefined;
  const [mine, theirs] = lossFreeOnly ? [bestLossFree(run), bestLossFree(other)] : strict;
  const mineFixed = fixedStep(run);
  const theirsFixed = fixedStep(other);
  return {
    rate: mine && theirs ? mine.deliveriesPerSec / theirs.deliveriesPerSec : undefined,
    cpu: theirs ? divide(theirs.cpuSecPerMillion, cpuAt(run, theirs.rate)) : undefined,
    bytes: mineFixed && theirsFixed ? theirsFixed.bytesPerDanmaku / mineFixed.bytesPerDanmaku : undefined,
    bytesAtBest: mine && theirs ? theirs.bytesPerDanmaku / mine.bytesPerDanmaku : undefined,
    lossFreeOnly,
  };
}

/** Against the bare ceiling: this ÷ bare for rate (≤ 1 expected) and for CPU per delivery (≥ 1) at equal rates. */
export interface CeilingRatios {
  readonly rate?: number;
  /** At REFERENCE_DELIVERIES_PER_SEC. */
  readonly cpuAtReference?: number;
  /** At this server's highest sustained rate (the bare server ran it, or the rates around it). */
  readonly cpuAtHighest?: number;
  /** The comment rates those two were read at. */
  readonly referenceRate: number;
  readonly highestRate?: number;
}

export function againstCeiling(run: RateRun, bare: RateRun | undefined, shape: RateScenario): CeilingRatios {
  const referenceRate = REFERENCE_DELIVERIES_PER_SEC / shape.viewersPerRoom;
  if (bare === undefined) return { referenceRate };
  const best = bestSustained(run);
  const bareBest = bestSustained(bare);
  return {
    rate: best && bareBest ? best.deliveriesPerSec / bareBest.deliveriesPerSec : undefined,
    cpuAtReference: divide(cpuAt(run, referenceRate), cpuAt(bare, referenceRate)),
    cpuAtHighest: best ? divide(best.cpuSecPerMillion, cpuAt(bare, best.rate)) : undefined,
    referenceRate,
    ...(best ? { highestRate: best.rate } : {}),
  };
}

const LOSS_FREE_MARK = '†';
const peerCell = (r: Ratios) =>
  `${ratio(r.rate)} / ${ratio(r.cpu)}${r.lossFreeOnly && r.rate !== undefined ? LOSS_FREE_MARK : ''}`;

/** Why the load side could not keep up: its cores full (saturated), or lagging with CPU to spare (starved by other processes). */
export function loadLimit(s: StepResult): string | undefined {
  if (!s.loadSaturated) return undefined;
  return s.loadCpuShare >= LOAD_CPU_SATURATED
    ? `saturated (${pct(s.loadCpuShare)} CPU)`
    : `starved (lag p99 ${ms(s.loadLoopDelayP99Ms)} ms at ${pct(s.loadCpuShare)} CPU)`;
}

function loadNote(run: RateRun): string {
  const first = run.steps.find((s) => s.loadSaturated);
  const maxShare = Math.max(0, ...run.steps.map((s) => s.loadCpuShare));
  return first ? `${loadLimit(first)} from ${num(first.rate)} c/s` : `ok (≤ ${pct(maxShare)} CPU)`;
}

export function rateTable(scenario: RateScenarioResult): string {
  const { runs, shape } = scenario;
  const sio = peer(runs, 'socketio');
  const ws = peer(runs, 'ws');
  const bare = peer(runs, 'bare');
  const reference = num(REFERENCE_DELIVERIES_PER_SEC);
  const lines = [
    `### ${scenario.title}`,
    '',
    `| server | delivered/expected @ fixed rate | highest sustained deliveries/s | server CPU there | CPU s per M @ fixed / @ ${reference}/s / @ highest | rate ÷ bare | CPU ÷ bare @ ${reference}/s / @ this one's highest | vs Socket.IO (rate / CPU @ its highest) | vs ws (rate / CPU @ its highest) | bytes per danmaku @ fixed / @ highest | e2e p50 / p99 / max ms @ fixed | peak RSS MiB | stopped by | why it stopped | load generator |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ];
  for (const run of runs) {
    if (run.skipped !== undefined) {
      lines.push(`| ${run.server} | skipped: ${run.skipped} |${' |'.repeat(13)}`);
      continue;
    }
    const fixed = fixedStep(run);
    if (fixed === undefined) continue;
    const best = bestSustained(run);
    const ceiling = againstCeiling(run, bare, shape);
    const reason = stopReason(run);
    const self = run.serverId === 'bare';
    lines.push(
      `| ${run.server} | ${lossText(fixed)} | ${best ? num(best.deliveriesPerSec) : 'none'} | ${best ? pct(best.serverCpuShare) : '–'} | ` +
        `${num(fixed.cpuSecPerMillion, 2)} / ${num(cpuAt(run, ceiling.referenceRate) ?? NaN, 2)} / ${best ? num(best.cpuSecPerMillion, 2) : '–'} | ` +
        `${self ? '1' : ratio(ceiling.rate)} | ${self ? '1 / 1' : `${ratio(ceiling.cpuAtReference)} / ${ratio(ceiling.cpuAtHighest)}`} | ` +
        `${peerCell(ratiosAgainst(run, sio))} | ${peerCell(ratiosAgainst(run, ws))} | ` +
        `${num(fixed.bytesPerDanmaku, 1)} / ${best ? num(best.bytesPerDanmaku, 1) : '–'} | ` +
        `${ms(fixed.latency.p50)} / ${ms(fixed.latency.p99)} / ${ms(fixed.latency.max)} | ${num(run.peakRssBytes / 2 ** 20, 0)} | ` +
        `${reason.by} | ${reason.text} | ${loadNote(run)} |`,
    );
  }
  const marked = (r: RateRun, other: RateRun | undefined) => {
    const ratios = ratiosAgainst(r, other);
    return ratios.lossFreeOnly && ratios.rate !== undefined;
  };
  if (runs.some((r) => r.skipped === undefined && (marked(r, sio) || marked(r, ws)))) {
    lines.push(
      '',
      `${LOSS_FREE_MARK} rate and CPU ratios from the highest loss-free steps: one of the two sustained no step under the p99 bound.`,
    );
  }
  return lines.join('\n');
}

/** p99 (ms) and server CPU at every rate of the scenario, one row per server; ✗ marks a step not sustained. */
export function latencyMatrix(scenario: RateScenarioResult): string {
  const runs = scenario.runs.filter((r) => r.skipped === undefined && r.steps.length > 0);
  const rates = [...new Set(runs.flatMap((r) => r.steps.map((s) => s.rate)))].sort((a, b) => a - b);
  const perViewer = scenario.shape.viewersPerRoom;
  const lines = [
    `| server | ${rates.map((r) => `${num(r)} c/s (${num(r * perViewer)}/s)`).join(' | ')} |`,
    `| --- | ${rates.map(() => '---').join(' | ')} |`,
  ];
  for (const run of runs) {
    const cells = rates.map((rate) => {
      const s = stepAt(run, rate);
      if (s === undefined) return '';
      return `${s.sustained ? '' : '✗ '}${ms(s.latency.p99)} · ${pct(s.serverCpuShare)}`;
    });
    lines.push(`| ${run.server} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function stepsTable(runs: readonly RateRun[]): string {
  const lines = [
    '| server | comments/s | deliveries/s | loss | p50 / p99 / max ms | server CPU / waiting | server loop p99 / max ms | GC total / max ms | CPU s per M | frames | bytes/danmaku | load CPU | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    for (const s of run.steps) {
      const loss = s.expected > 0 ? `${(((s.expected - s.delivered) / s.expected) * 100).toFixed(2)}%` : '–';
      const loop = s.serverLoop;
      lines.push(
        `| ${run.server} | ${num(s.rate)} | ${num(s.deliveriesPerSec)} | ${loss} | ${ms(s.latency.p50)} / ${ms(s.latency.p99)} / ${ms(s.latency.max)} | ${pct(s.serverCpuShare)} / ${pct(s.serverWaitShare)} | ` +
          `${loop ? `${ms(loop.loopP99Ms)} / ${ms(loop.loopMaxMs)}` : '–'} | ${loop ? `${ms(loop.gcTotalMs)} / ${ms(loop.gcMaxMs)}` : '–'} | ` +
          `${num(s.cpuSecPerMillion, 2)} | ${num(s.frames)} | ${num(s.bytesPerDanmaku, 1)} | ${pct(s.loadCpuShare)}${s.loadSaturated ? ` ${loadLimit(s)?.split(' ')[0]}` : ''} | ${s.sustained ? 'yes' : 'no'} |`,
      );
    }
  }
  return lines.join('\n');
}

export function memoryTable(runs: readonly MemoryRun[]): string {
  const sio = runs.find((r) => r.serverId === 'socketio' && r.skipped === undefined);
  const ws = runs.find((r) => r.serverId === 'ws' && r.skipped === undefined);
  const lines = [
    `### Connection memory (${num(runs[0]?.connections ?? 0)} idle connections added to as many, each joined to one room)`,
    '',
    `| server | RSS MiB with ${num(runs[0]?.connections ?? 0)} | RSS MiB with ${num(2 * (runs[0]?.connections ?? 0))} | KiB per added idle connection | vs Socket.IO | vs ws |`,
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    if (run.skipped !== undefined) {
      lines.push(`| ${run.server} | skipped: ${run.skipped} | | | | |`);
      continue;
    }
    lines.push(
      `| ${run.server} | ${num(run.rssBeforeBytes / 2 ** 20, 1)} | ${num(run.rssAfterBytes / 2 ** 20, 1)} | ${num(run.bytesPerConnection / 1024, 2)} | ` +
        `${sio ? ratio(run.bytesPerConnection / sio.bytesPerConnection) : '–'} | ${ws ? ratio(run.bytesPerConnection / ws.bytesPerConnection) : '–'} |`,
    );
  }
  return lines.join('\n');
}

export function variantTable(title: string, runs: readonly VariantRun[]): string {
  const lines = [
    `### ${title}`,
    '',
    '| variant | viewers | comments/s | delivered/expected | frames/s received (all viewers) | frames/s per viewer | bytes per danmaku | CPU s per M deliveries | e2e p50 / p99 / max ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    const s = run.step;
    const framesPerSec = s.frames / (s.durationMs / 1000);
    lines.push(
      `| ${run.variant} | ${num(run.viewers)} | ${num(s.rate)} | ${lossText(s)} | ${num(framesPerSec)} | ${num(framesPerSec / run.viewers, 1)} | ${num(s.bytesPerDanmaku, 1)} | ${num(s.cpuSecPerMillion, 2)} | ${ms(s.latency.p50)} / ${ms(s.latency.p99)} / ${ms(s.latency.max)} |`,
    );
  }
  return lines.join('\n');
}

/** Bytes per lone comment against each JSON server's (their ÷ this: above 1× this row sends fewer). */
export function loneTable(runs: readonly VariantRun[]): string {
  const json = (id: ServerId) => runs.find((r) => r.serverId === id)?.step.bytesPerDanmaku;
  const [sio, ws] = [json('socketio'), json('ws')];
  const first = runs[0];
  const lines = [
    `### Lone comments (1 room × ${num(first?.viewers ?? 0)} viewers at ${num(first?.step.rate ?? 0)} comments/s: one danmaku per frame)`,
    '',
    '| server | delivered/expected | danmaku per frame | bytes per danmaku | Socket.IO ÷ this | ws ÷ this | CPU s per M deliveries | e2e p50 / p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    const s = run.step;
    lines.push(
      `| ${run.variant} | ${lossText(s)} | ${num(s.frames > 0 ? s.delivered / s.frames : 0, 2)} | ${num(s.bytesPerDanmaku, 1)} | ${ratio(divide(sio, s.bytesPerDanmaku))} | ${ratio(divide(ws, s.bytesPerDanmaku))} | ${num(s.cpuSecPerMillion, 2)} | ${ms(s.latency.p50)} / ${ms(s.latency.p99)} |`,
    );
  }
  return lines.join('\n');
}

interface Floor {
  readonly what: string;
  readonly measured: number | undefined;
  readonly floor: number;
  /** true when a bigger measured value is better. */
  readonly atLeast: boolean;
  /** What makes the measurement doubtful (the machine stopped the ladder, batches were not lone…). */
  readonly caveat?: string;
}

function floorLines(title: string, floors: readonly Floor[]): string {
  const lines = [`### ${title}`, '', '| floor | measured | required | verdict |', '| --- | --- | --- | --- |'];
  for (const f of floors) {
    const ok = f.measured !== undefined && (f.atLeast ? f.measured >= f.floor : f.measured <= f.floor);
    const shown = f.measured === undefined ? 'not measured' : num(f.measured, 2);
    const verdict =
      f.measured === undefined
        ? 'not measured'
        : ok
          ? 'met'
          : `MISSED (${f.atLeast ? `${num((f.measured / f.floor) * 100, 0)}% of the floor` : `${num(f.measured, 2)} > ${num(f.floor, 2)}`})`;
    lines.push(
      `| ${f.what} | ${shown} | ${f.atLeast ? '≥' : '≤'} ${f.floor} | ${verdict}${f.caveat ? ` (${f.caveat})` : ''} |`,
    );
  }
  return lines.join('\n');
}

const ours = (runs: readonly RateRun[] | undefined) =>
  runs?.find((r) => r.serverId === 'danmaku' && r.skipped === undefined);

export function floorsTable(results: LoadResults): string {
  const hot = rateScenario(results, 'hot')?.runs ?? [];
  const mine = ours(hot);
  const floors: Floor[] = [];
  if (mine) {
    const sio = ratiosAgainst(mine, peer(hot, 'socketio'));
    const ws = ratiosAgainst(mine, peer(hot, 'ws'));
    const mark = (r: Ratios) => (r.lossFreeOnly ? ` ${LOSS_FREE_MARK}` : '');
    floors.push(
      {
        what: `hot room: highest sustained deliveries/s vs Socket.IO${mark(sio)}`,
        measured: sio.rate,
        floor: 10,
        atLeast: true,
      },
      { what: `hot room: highest sustained deliveries/s vs ws${mark(ws)}`, measured: ws.rate, floor: 5, atLeast: true },
      {
        what: `hot room: CPU per M deliveries at Socket.IO's highest rate, Socket.IO ÷ ours${mark(sio)}`,
        measured: sio.cpu,
        floor: 10,
        atLeast: true,
      },
      // Bytes twice over: lone comments (the fixed rate, one danmaku per frame, nothing to merge or
      // deflate) and busy (each at its highest sustained rate, where our batches fill up and deflate).
      {
        what: 'hot room: bytes per danmaku at the fixed rate (lone comments), Socket.IO ÷ ours',
        measured: sio.bytes,
        floor: 2,
        atLeast: true,
      },
      {
        what: 'hot room: bytes per danmaku at the fixed rate (lone comments), ws ÷ ours',
        measured: ws.bytes,
        floor: 2,
        atLeast: true,
      },
      {
        what: `hot room: bytes per danmaku, each at its highest rate, Socket.IO ÷ ours${mark(sio)}`,
        measured: sio.bytesAtBest,
        floor: 2,
        atLeast: true,
      },
      {
        what: `hot room: bytes per danmaku, each at its highest rate, ws ÷ ours${mark(ws)}`,
        measured: ws.bytesAtBest,
        floor: 2,
        atLeast: true,
      },
    );
  }
  // Below saturation: neither the server's core nor the load generator's was near full.
  const belowSaturation = (results.rates ?? [])
    .flatMap((r) => r.runs)
    .filter((r) => r.serverId === 'danmaku')
    .flatMap((r) => r.steps.filter((s) => s.serverCpuShare < SERVER_SATURATED && !s.loadSaturated));
  if (belowSaturation.length) {
    const lost = belowSaturation.reduce(
      (sum, s) => sum + Math.max(0, s.expected - s.delivered) + s.refused + s.unanswered,
      0,
    );
    floors.push({ what: 'danmaku lost below saturation (count)', measured: lost, floor: 0, atLeast: false });
  }
  const memory = results.memory ?? [];
  const ourMemory = memory.find((r) => r.serverId === 'danmaku' && r.skipped === undefined);
  const sioMemory = memory.find((r) => r.serverId === 'socketio' && r.skipped === undefined);
  if (ourMemory && sioMemory) {
    floors.push({
      what: 'RSS per idle connection, ours ÷ Socket.IO',
      measured: ourMemory.bytesPerConnection / sioMemory.bytesPerConnection,
      floor: 0.1,
      atLeast: false,
    });
  }
  return floorLines('Floors (issue 7)', floors);
}

/** A caveat when the machine or the load generator stopped one of the ladders: it did not find the server's ceiling. */
function outsideStop(runs: readonly (RateRun | undefined)[]): { caveat?: string } {
  const outside = runs
    .flatMap((r) => (r ? [stopReason(r).by] : []))
    .find((by) => by === 'machine' || by === 'load generator');
  return outside ? { caveat: `a ladder was stopped by the ${outside}, not the server` } : {};
}

/** The scenarios among `ids` that ran with this server on its own, each with its label for a floor. */
function withOurs(results: LoadResults, ids: readonly RateScenarioId[]) {
  return ids.flatMap((id) => {
    const scenario = rateScenario(results, id);
    const mine = ours(scenario?.runs);
    if (scenario === undefined || mine === undefined) return [];
    const label = id === 'hot' ? 'hot room' : `${num(scenario.shape.rooms)} × ${num(scenario.shape.viewersPerRoom)}`;
    return [{ scenario, mine, label }];
  });
}

/** Issue 16: many rooms near the bare ceiling, 1,000 × 2 against Socket.IO, lone-comment bytes. */
export function ceilingFloorsTable(results: LoadResults): string {
  const floors: Floor[] = [];
  for (const { scenario, mine, label } of withOurs(results, ['rooms100x20', 'rooms200x10'])) {
    const bare = peer(scenario.runs, 'bare');
    const ceiling = againstCeiling(mine, bare, scenario.shape);
    const best = bestSustained(mine);
    const withCaveat = outsideStop([mine, bare]);
    floors.push(
      {
        what: `${label}: CPU per M at ${num(REFERENCE_DELIVERIES_PER_SEC)}/s, ours ÷ bare`,
        measured: ceiling.cpuAtReference,
        floor: 1.2,
        atLeast: false,
      },
      {
        what: `${label}: CPU per M at our highest sustained rate${ceiling.highestRate ? ` (${num(ceiling.highestRate)} c/s)` : ''}, ours ÷ bare`,
        measured: ceiling.cpuAtHighest,
        floor: 1.2,
        atLeast: false,
        ...withCaveat,
      },
      {
        what: `${label}: highest sustained deliveries/s, ours ÷ bare`,
        measured: ceiling.rate,
        floor: 0.6,
        atLeast: true,
        ...withCaveat,
      },
      {
        what: `${label}: server CPU at our highest sustained step (p99 < 200 ms up to it)`,
        measured: best?.serverCpuShare,
        floor: 0.85,
        atLeast: true,
        ...withCaveat,
      },
    );
  }
  const thousand = rateScenario(results, 'rooms1000x2');
  const mine = ours(thousand?.runs);
  if (thousand && mine) {
    const socketio = peer(thousand.runs, 'socketio');
    const sio = ratiosAgainst(mine, socketio);
    floors.push({
      what: `1,000 × 2: highest sustained deliveries/s, ours ÷ Socket.IO${sio.lossFreeOnly ? ` ${LOSS_FREE_MARK}` : ''}`,
      measured: sio.rate,
      floor: 5,
      atLeast: true,
      ...outsideStop([mine, socketio]),
    });
  }
  const lone = results.lone ?? [];
  const ourLone = lone.filter((r) => r.serverId === 'danmaku').map((r) => r.step);
  const jsonLone = lone.filter((r) => r.serverId === 'socketio' || r.serverId === 'ws').map((r) => r.step);
  if (ourLone.length && jsonLone.length) {
    const perFrame = Math.max(...ourLone.map((s) => (s.frames > 0 ? s.delivered / s.frames : 0)));
    floors.push({
      what: 'bytes per lone comment, the fewer JSON server ÷ our fewest',
      measured:
        Math.min(...jsonLone.map((s) => s.bytesPerDanmaku)) / Math.min(...ourLone.map((s) => s.bytesPerDanmaku)),
      floor: 2,
      atLeast: true,
      // A server that falls behind merges comments into one frame: then they were not lone.
      ...(perFrame > 1.05 ? { caveat: `up to ${num(perFrame, 2)} danmaku per frame: not lone` } : {}),
    });
  }
  return floorLines('Floors (issue 16)', floors);
}

/**
 * Issue 12: each cluster row (viewers spread, room-affine) against one node on the same core, in the
 * hot room and in 200 × 10: CPU per M deliveries at equal rates (the fixed rate and 40,000/s), and
 * the highest sustained rate.
 */
export function clusterFloorsTable(results: LoadResults): string {
  const floors: Floor[] = [];
  for (const { scenario, mine: single, label } of withOurs(results, ['hot', 'rooms200x10'])) {
    const fixed = fixedStep(single);
    // Every comment goes to the viewers of one room.
    const referenceRate = REFERENCE_DELIVERIES_PER_SEC / scenario.shape.viewersPerRoom;
    for (const clusterId of ['cluster', 'cluster-affine'] as const) {
      const cluster = peer(scenario.runs, clusterId);
      if (cluster === undefined) continue;
      const row = clusterId === 'cluster' ? 'viewers spread' : 'room-affine';
      const best = [bestSustained(cluster), bestSustained(single)] as const;
      // A starved step batches more comments per frame, which lowers CPU per M: not the server's figure.
      const caveat = outsideStop([cluster, single]);
      floors.push(
        {
          what: `${label}, ${row}: CPU per M at the fixed rate${fixed ? ` (${num(fixed.rate)} c/s)` : ''}, 3 nodes ÷ one`,
          measured: fixed && divide(cpuAt(cluster, fixed.rate), fixed.cpuSecPerMillion),
          floor: 1.5,
          atLeast: false,
        },
        {
          what: `${label}, ${row}: CPU per M at ${num(REFERENCE_DELIVERIES_PER_SEC)}/s, 3 nodes ÷ one`,
          measured: divide(cpuAt(cluster, referenceRate), cpuAt(single, referenceRate)),
          floor: 1.5,
          atLeast: false,
          ...caveat,
        },
        {
          what: `${label}, ${row}: highest sustained deliveries/s, 3 nodes ÷ one`,
          measured: best[0] && best[1] ? best[0].deliveriesPerSec / best[1].deliveriesPerSec : undefined,
          floor: 0.7,
          atLeast: true,
          ...caveat,
        },
      );
    }
  }
  return floorLines('Floors (issue 12)', floors);
}

/**
 * What the cluster rows cost beyond running three processes: three unjoined nodes (`shards`, the
 * room-affine layout with no NATS: each node serves its rooms alone) against one node, and each
 * cluster row against those three, in every hot-room and many-rooms scenario where one node and the
 * unjoined nodes ran. The first column is what three processes pay on the same core before any
 * coordination; the others are what NATS, the sequencers and the stores add (with the cluster's
 * own batching defaults). A cell is "–" where a row did not run or sustained no loss-free step at
 * that rate. Empty when no scenario ran both one node and the unjoined nodes.
 */
export function clusterBaselineTable(results: LoadResults): string {
  const lines: string[] = [];
  const caveats: string[] = [];
  for (const { scenario, mine: single, label } of withOurs(results, [
    'hot',
    'rooms200x10',
    'rooms100x20',
    'rooms1000x2',
  ])) {
    const shards = peer(scenario.runs, 'shards');
    if (shards === undefined) continue;
    const clusters = [peer(scenario.runs, 'cluster'), peer(scenario.runs, 'cluster-affine')];
    const involved = [single, shards, ...clusters];
    const { caveat } = outsideStop(involved);
    if (caveat !== undefined) caveats.push(`${label}: ${caveat}.`);
    if (involved.some((r) => r !== undefined && stopReason(r).by === 'ladder top'))
      caveats.push(`${label}: a ladder reached its top, so its highest rate is a lower bound.`);
    const fixed = fixedStep(single);
    const referenceRate = REFERENCE_DELIVERIES_PER_SEC / scenario.shape.viewersPerRoom;
    const best = (r: RateRun | undefined) => (r === undefined ? undefined : bestSustained(r)?.deliveriesPerSec);
    const row = (what: string, read: (r: RateRun | undefined) => number | undefined) =>
      `| ${label} | ${what} | ${ratio(divide(read(shards), read(single)))} | ${clusters
        .map((c) => ratio(divide(read(c), read(shards))))
        .join(' | ')} |`;
    if (fixed !== undefined)
      lines.push(
        row(`CPU per M at ${num(fixed.rate)} c/s`, (r) => (r === undefined ? undefined : cpuAt(r, fixed.rate))),
      );
    lines.push(
      row(`CPU per M at ${num(REFERENCE_DELIVERIES_PER_SEC)}/s`, (r) =>
        r === undefined ? undefined : cpuAt(r, referenceRate),
      ),
      row('highest sustained deliveries/s', best),
    );
  }
  if (lines.length === 0) return '';
  return [
    '### Three processes before NATS (issue 12)',
    '',
    '| scenario | what | 3 unjoined nodes ÷ one node | 3 nodes, viewers spread ÷ 3 unjoined | 3 nodes, room-affine ÷ 3 unjoined |',
    '| --- | --- | --- | --- | --- |',
    ...lines,
    '',
    'CPU rows: above 1× costs more per delivery. Highest-rate rows: above 1× sustains more.',
    ...caveats,
  ].join('\n');
}

export function markdown(results: LoadResults): string {
  const parts = [
    `## Load benchmark — ${results.date}`,
    '',
    `Machine: ${results.machine}. Mode: ${results.mode}. ${results.pinned}. Load average (1/5/15 min) ${results.loadAverageBefore.join(' / ')} at the start, ${results.loadAverageAfter.join(' / ')} at the end. Run took ${num(results.elapsedSec)} s.`,
    '',
  ];
  for (const scenario of results.rates ?? []) {
    parts.push(
      rateTable(scenario),
      '',
      `p99 ms · server CPU at each step (✗: not sustained):`,
      '',
      latencyMatrix(scenario),
      '',
    );
  }
  if (results.lone?.length) parts.push(loneTable(results.lone), '');
  if (results.memory?.length) parts.push(memoryTable(results.memory), '');
  if (results.batching?.length)
    parts.push(variantTable('Issue 2: batched vs. unbatched (1 room, fixed rate)', results.batching), '');
  if (results.compression?.length)
    parts.push(
      variantTable(
        'Compression of batch frames: deflated once per batch vs. uWebSockets.js shared compressor (hot room, fixed rate)',
        results.compression,
      ),
      '',
    );
  parts.push(floorsTable(results), '', ceilingFloorsTable(results), '', clusterFloorsTable(results), '');
  const baseline = clusterBaselineTable(results);
  if (baseline !== '') parts.push(baseline, '');
  for (const scenario of results.rates ?? []) {
    if (scenario.runs.some((r) => r.steps.length))
      parts.push(
        `<details><summary>Every step: ${scenario.title}</summary>`,
        '',
        stepsTable(scenario.runs),
        '',
        '</details>',
        '',
      );
  }
  return parts.join('\n');
}
