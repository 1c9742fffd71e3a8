import type { MemoryRun, RateRun, ServerId, VariantRun } from './scenarios.js';
import { LOAD_CPU_SATURATED, P99_BOUND_MS, SERVER_SATURATED, lossFree, type StepResult } from './session.js';

export interface LoadResults {
  readonly date: string;
  readonly machine: string;
  readonly mode: 'full' | 'quick' | 'custom';
  readonly pinned: string;
  readonly hot?: readonly RateRun[];
  readonly rooms?: readonly RateRun[];
  readonly memory?: readonly MemoryRun[];
  readonly batching?: readonly VariantRun[];
  readonly compression?: readonly VariantRun[];
  readonly elapsedSec: number;
}

/** The step at the fixed rate (the first of the ladder: every server runs it; its retry if it had one). */
export function fixedStep(run: RateRun): StepResult | undefined {
  const first = run.steps[0];
  return first && run.steps.filter((s) => s.rate === first.rate).at(-1);
}

function fastest(steps: readonly StepResult[]): StepResult | undefined {
  return steps.reduce<StepResult | undefined>(
    (best, s) => (best === undefined || s.deliveriesPerSec > best.deliveriesPerSec ? s : best),
    undefined,
  );
}

/** The fastest step with no loss and p99 under the bound. */
export function bestSustained(run: RateRun): StepResult | undefined {
  return fastest(run.steps.filter((s) => s.sustained));
}

/** The fastest step with no loss, whatever its latency (on a busy machine, p99 is the machine's). */
export function bestLossFree(run: RateRun): StepResult | undefined {
  return fastest(run.steps.filter(lossFree));
}

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–';
const ms = (n: number) => num(n, 0);
const ratio = (n: number | undefined) =>
  n === undefined || !Number.isFinite(n) ? '–' : `${n >= 10 ? num(n, 0) : num(n, 1)}×`;

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

interface Ratios {
  readonly rate?: number;
  readonly cpu?: number;
  readonly bytes?: number;
  /** Fewer bytes each at its own highest rate, where this server's batches are fullest. */
  readonly bytesAtBest?: number;
  /** True when rate and CPU come from the loss-free steps because one side sustained none. */
  readonly lossFreeOnly: boolean;
}

/**
 * How many times better than the peer: more deliveries/s, less CPU per delivery (each at its own
 * highest rate), fewer bytes (at the fixed rate, and each at its own highest rate). From the sustained steps when both have one,
 * else from the loss-free steps, and then marked.
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
    cpu: mine && theirs ? theirs.cpuSecPerMillion / mine.cpuSecPerMillion : undefined,
    bytes: mineFixed && theirsFixed ? theirsFixed.bytesPerDanmaku / mineFixed.bytesPerDanmaku : undefined,
    bytesAtBest: mine && theirs ? theirs.bytesPerDanmaku / mine.bytesPerDanmaku : undefined,
    lossFreeOnly,
  };
}

const LOSS_FREE_MARK = '†';
const ratioCell = (r: Ratios) =>
  `${ratio(r.rate)} / ${ratio(r.cpu)} / ${ratio(r.bytes)}, ${ratio(r.bytesAtBest)}${r.lossFreeOnly && r.rate !== undefined ? LOSS_FREE_MARK : ''}`;

/** Why the load side could not keep up: its own core full (saturated), or lagging with CPU to spare (starved by other processes). */
export function loadLimit(s: StepResult): string | undefined {
  if (!s.loadSaturated) return undefined;
  return s.loadCpuShare >= LOAD_CPU_SATURATED
    ? `saturated (${(s.loadCpuShare * 100).toFixed(0)}% CPU)`
    : `starved (lag p99 ${ms(s.loadLoopDelayP99Ms)} ms at ${(s.loadCpuShare * 100).toFixed(0)}% CPU)`;
}

function loadNote(run: RateRun): string {
  const first = run.steps.find((s) => s.loadSaturated);
  const maxShare = Math.max(0, ...run.steps.map((s) => s.loadCpuShare));
  return first ? `${loadLimit(first)} from ${num(first.rate)} c/s` : `ok (≤ ${(maxShare * 100).toFixed(0)}% CPU)`;
}

function limitNote(run: RateRun): string {
  const last = run.steps[run.steps.length - 1];
  if (last === undefined) return '';
  if (last.sustained) return 'ladder top reached';
  const why = [];
  if (last.delivered < last.expected || last.refused > 0 || last.unanswered > 0) why.push('loss');
  if (last.latency.p99 >= P99_BOUND_MS) why.push(`p99 ${ms(last.latency.p99)} ms`);
  return `failed at ${num(last.deliveriesPerSec)} deliv/s: ${why.join(', ')}${last.serverCpuShare >= SERVER_SATURATED ? ', server CPU-bound' : ''}`;
}

export function rateTable(title: string, runs: readonly RateRun[]): string {
  const sio = peer(runs, 'socketio');
  const ws = peer(runs, 'ws');
  const lines = [
    `### ${title}`,
    '',
    `| server | delivered/expected @ fixed rate | e2e p50 / p99 / max ms @ fixed | CPU s per M deliveries @ fixed | highest sustained deliveries/s | CPU s per M @ highest | highest loss-free deliveries/s (p99 ignored) | CPU s per M @ loss-free | bytes per danmaku @ fixed / @ highest | peak RSS MiB | vs Socket.IO (rate / CPU / bytes @ fixed, @ highest) | vs ws (rate / CPU / bytes @ fixed, @ highest) | why it stopped | load generator |`,
    `| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |`,
  ];
  for (const run of runs) {
    if (run.skipped !== undefined) {
      lines.push(`| ${run.server} | skipped: ${run.skipped} | | | | | | | | | | | | |`);
      continue;
    }
    const fixed = fixedStep(run);
    const best = bestSustained(run);
    const lossless = bestLossFree(run);
    if (fixed === undefined) continue;
    const a = ratiosAgainst(run, sio);
    const b = ratiosAgainst(run, ws);
    lines.push(
      `| ${run.server} | ${lossText(fixed)} | ${ms(fixed.latency.p50)} / ${ms(fixed.latency.p99)} / ${ms(fixed.latency.max)} | ${num(fixed.cpuSecPerMillion, 2)} | ` +
        `${best ? num(best.deliveriesPerSec) : 'none'} | ${best ? num(best.cpuSecPerMillion, 2) : '–'} | ${lossless ? num(lossless.deliveriesPerSec) : 'none'} | ${lossless ? num(lossless.cpuSecPerMillion, 2) : '–'} | ` +
        `${num(fixed.bytesPerDanmaku, 1)} / ${best ? num(best.bytesPerDanmaku, 1) : '–'} | ${num(run.peakRssBytes / 2 ** 20, 0)} | ${ratioCell(a)} | ${ratioCell(b)} | ${limitNote(run)} | ${loadNote(run)} |`,
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

export function stepsTable(runs: readonly RateRun[]): string {
  const lines = [
    '| server | comments/s | deliveries/s | loss | p50 / p99 / max ms | server CPU | CPU s per M | frames | bytes/danmaku | load CPU | sustained |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const run of runs) {
    for (const s of run.steps) {
      const loss = s.expected > 0 ? `${(((s.expected - s.delivered) / s.expected) * 100).toFixed(2)}%` : '–';
      lines.push(
        `| ${run.server} | ${num(s.rate)} | ${num(s.deliveriesPerSec)} | ${loss} | ${ms(s.latency.p50)} / ${ms(s.latency.p99)} / ${ms(s.latency.max)} | ${(s.serverCpuShare * 100).toFixed(0)}% | ${num(s.cpuSecPerMillion, 2)} | ${num(s.frames)} | ${num(s.bytesPerDanmaku, 1)} | ${(s.loadCpuShare * 100).toFixed(0)}%${s.loadSaturated ? ` ${loadLimit(s)?.split(' ')[0]}` : ''} | ${s.sustained ? 'yes' : 'no'} |`,
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

interface Floor {
  readonly what: string;
  readonly measured: number | undefined;
  readonly floor: number;
  /** true when a bigger measured value is better. */
  readonly atLeast: boolean;
}

export function floorsTable(results: LoadResults): string {
  const hot = results.hot ?? [];
  const ours = hot.find((r) => r.serverId === 'danmaku' && r.skipped === undefined);
  const floors: Floor[] = [];
  if (ours) {
    const sio = ratiosAgainst(ours, peer(hot, 'socketio'));
    const ws = ratiosAgainst(ours, peer(hot, 'ws'));
    const mark = (r: Ratios) => (r.lossFreeOnly ? ` ${LOSS_FREE_MARK}` : '');
    floors.push({
      what: `hot room: highest sustained deliveries/s vs Socket.IO${mark(sio)}`,
      measured: sio.rate,
      floor: 10,
      atLeast: true,
    });
    floors.push({
      what: `hot room: highest sustained deliveries/s vs ws${mark(ws)}`,
      measured: ws.rate,
      floor: 5,
      atLeast: true,
    });
    floors.push({
      what: `hot room: CPU per M deliveries at saturation, Socket.IO ÷ ours${mark(sio)}`,
      measured: sio.cpu,
      floor: 10,
      atLeast: true,
    });
    // Bytes twice over: lone comments (the fixed rate, one danmaku per frame, nothing to merge or
    // deflate) and busy (each at its highest sustained rate, where our batches fill up and deflate).
    floors.push({
      what: 'hot room: bytes per danmaku at the fixed rate (lone comments), Socket.IO ÷ ours',
      measured: sio.bytes,
      floor: 2,
      atLeast: true,
    });
    floors.push({
      what: 'hot room: bytes per danmaku at the fixed rate (lone comments), ws ÷ ours',
      measured: ws.bytes,
      floor: 2,
      atLeast: true,
    });
    floors.push({
      what: `hot room: bytes per danmaku, each at its highest rate, Socket.IO ÷ ours${mark(sio)}`,
      measured: sio.bytesAtBest,
      floor: 2,
      atLeast: true,
    });
    floors.push({
      what: `hot room: bytes per danmaku, each at its highest rate, ws ÷ ours${mark(ws)}`,
      measured: ws.bytesAtBest,
      floor: 2,
      atLeast: true,
    });
    // Below saturation: neither the server's core nor the load generator's was near full.
    const belowSaturation = [...hot, ...(results.rooms ?? [])]
      .filter((r) => r.serverId === 'danmaku')
      .flatMap((r) => r.steps.filter((s) => s.serverCpuShare < SERVER_SATURATED && !s.loadSaturated));
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
  const lines = ['### Floors (issue 7)', '', '| floor | measured | required | verdict |', '| --- | --- | --- | --- |'];
  for (const f of floors) {
    const ok = f.measured !== undefined && (f.atLeast ? f.measured >= f.floor : f.measured <= f.floor);
    const shown = f.measured === undefined ? 'not measured' : num(f.measured, 2);
    const verdict =
      f.measured === undefined
        ? 'not measured'
        : ok
          ? 'met'
          : `MISSED (${f.atLeast ? `${num((f.measured / f.floor) * 100, 0)}% of the floor` : `${num(f.measured, 2)} > ${num(f.floor, 2)}`})`;
    lines.push(`| ${f.what} | ${shown} | ${f.atLeast ? '≥' : '≤'} ${f.floor} | ${verdict} |`);
  }
  return lines.join('\n');
}

export function markdown(results: LoadResults): string {
  const parts = [
    `## Load benchmark — ${results.date}`,
    '',
    `Machine: ${results.machine}. Mode: ${results.mode}. ${results.pinned}. Run took ${num(results.elapsedSec)} s.`,
    '',
  ];
  if (results.hot?.length) parts.push(rateTable('Hot room (1 room × 2,000 viewers in full mode)', results.hot), '');
  if (results.rooms?.length)
    parts.push(rateTable('Many rooms (200 rooms × 10 viewers in full mode)', results.rooms), '');
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
  parts.push(floorsTable(results), '');
  const all = [...(results.hot ?? []), ...(results.rooms ?? [])];
  if (all.length) parts.push('<details><summary>Every step</summary>', '', stepsTable(all), '', '</details>', '');
  return parts.join('\n');
}
