import type { RateRun } from './scenarios.js';
import { LOAD_CPU_SATURATED, P99_BOUND_MS, SERVER_SATURATED, lossFree, type StepResult } from './session.js';

/**
 * What the report reads out of a ladder: which step counts for what, CPU at equal rates, and what
 * stopped the ladder. Pure functions of the recorded steps.
 */

/** A server's event loop counts as stalling when its delay p99 reaches this (a 10 ms-resolution histogram). */
export const LOOP_STALL_MS = 50;
const LOAD_LAG_MS = 50;
/** A server whose loop waited this share of the step for its core was starved by other processes. */
export const SERVER_STARVED_WAIT = 0.1;

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

/** The last step run at this comment rate (the retry, when there was one). */
export function stepAt(run: RateRun, rate: number): StepResult | undefined {
  return run.steps.filter((s) => s.rate === rate).at(-1);
}

/**
 * CPU s per million deliveries of a run at a comment rate: its loss-free step at that rate, or
 * interpolated between the loss-free steps around it (linear in log rate and log CPU, which is
 * how per-delivery cost falls as batches fill). Undefined outside the loss-free steps' range.
 * Every server of a scenario runs the same ladder, so this compares CPU at equal rates.
 */
export function cpuAt(run: RateRun, rate: number): number | undefined {
  const points = new Map<number, number>();
  for (const s of run.steps)
    if (lossFree(s) && Number.isFinite(s.cpuSecPerMillion)) points.set(s.rate, s.cpuSecPerMillion);
  const exact = points.get(rate);
  if (exact !== undefined) return exact;
  const rates = [...points.keys()].sort((a, b) => a - b);
  const above = rates.find((r) => r > rate);
  const below = rates.filter((r) => r < rate).at(-1);
  if (above === undefined || below === undefined) return undefined;
  const [lo, hi] = [points.get(below) as number, points.get(above) as number];
  if (lo <= 0 || hi <= 0) return undefined;
  const t = Math.log(rate / below) / Math.log(above / below);
  return Math.exp(Math.log(lo) + t * Math.log(hi / lo));
}

/** Who ended a ladder at its first failed step above the highest sustained one. */
export type Limiter =
  'server CPU' | 'server loop' | 'load generator' | 'machine' | 'neither' | 'ladder top' | 'no step';

export interface StopReason {
  readonly by: Limiter;
  /** The failed step it is read from (absent for 'ladder top' and 'no step'). */
  readonly step?: StepResult;
  /** One line: what failed and in what state the server and load generator were. */
  readonly text: string;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Why the ladder stopped: the first failed step above the highest sustained one (the last step when
 * none was sustained), read in this order — the server's core full (server CPU); the load
 * generator's cores full (load generator: the ceiling measured is the generator's, not the
 * server's); the server waiting for its core a tenth of the step or more (machine: other processes
 * had it, so a lagging loop says nothing about the server); the server's event loop stalling with
 * CPU to spare (server loop: something periodic or long blocks it); the load generator's loops
 * lagging without full cores (load generator, starved by the machine); else neither was saturated.
 */
export function stopReason(run: RateRun): StopReason {
  if (run.steps.length === 0) return { by: 'no step', text: 'no step measured' };
  const best = bestSustained(run);
  const above = run.steps.filter((s) => !s.sustained && s.rate > (best?.rate ?? 0));
  const failed = above.reduce<StepResult | undefined>(
    (first, s) => (first && first.rate <= s.rate ? first : s),
    undefined,
  );
  if (failed === undefined) return { by: 'ladder top', text: 'sustained every step (ladder top)' };
  const what = [
    ...(lossFree(failed) ? [] : ['loss']),
    ...(failed.latency.p99 >= P99_BOUND_MS ? [`p99 ${Math.round(failed.latency.p99)} ms`] : []),
  ].join(', ');
  const at = `${what} at ${Math.round(failed.deliveriesPerSec).toLocaleString('en')} deliv/s`;
  const server = `server ${pct(failed.serverCpuShare)} CPU, ${pct(failed.serverWaitShare)} waiting for it`;
  const loop = failed.serverLoop;
  const loopText = loop
    ? `, server loop p99 ${Math.round(loop.loopP99Ms)} ms, max ${Math.round(loop.loopMaxMs)} ms, GC max ${Math.round(loop.gcMaxMs)} ms`
    : '';
  if (failed.serverCpuShare >= SERVER_SATURATED)
    return { by: 'server CPU', step: failed, text: `${at}: ${server} (CPU-bound)${loopText}` };
  if (failed.loadCpuShare >= LOAD_CPU_SATURATED)
    return {
      by: 'load generator',
      step: failed,
      text: `${at}: load generator saturated (${pct(failed.loadCpuShare)} of its cores), ${server}${loopText}`,
    };
  if (failed.serverWaitShare >= SERVER_STARVED_WAIT)
    return { by: 'machine', step: failed, text: `${at}: server starved by other processes (${server})${loopText}` };
  if (loop !== undefined && loop.loopP99Ms >= LOOP_STALL_MS)
    return { by: 'server loop', step: failed, text: `${at}: server loop stalls with ${server}${loopText}` };
  if (failed.loadLoopDelayP99Ms >= LOAD_LAG_MS)
    return {
      by: 'load generator',
      step: failed,
      text: `${at}: load generator starved (lag p99 ${Math.round(failed.loadLoopDelayP99Ms)} ms at ${pct(failed.loadCpuShare)} CPU), ${server}${loopText}`,
    };
  return {
    by: 'neither',
    step: failed,
    text: `${at}: ${server}, load generator ${pct(failed.loadCpuShare)}${loopText}`,
  };
}
