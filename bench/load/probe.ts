/** What the preloaded loop probe (loop-probe.ts) reports, and how the orchestrator reads it. */

/** Starts the one line a probed process writes to stderr on SIGUSR2. */
export const PROBE_MARK = '@bench-probe ';

/** One server process's event loop and GC over a step; times in ms. */
export interface LoopProbe {
  /** Event-loop delay percentiles (perf_hooks.monitorEventLoopDelay at 10 ms resolution). */
  readonly loopP50Ms: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  readonly gcCount: number;
  /** Total and longest GC pause, and the total of mark-compact (major) pauses. */
  readonly gcTotalMs: number;
  readonly gcMaxMs: number;
  readonly gcMajorMs: number;
}

/** Several processes of one server (the cluster's nodes): the worst loop, the GC summed (longest pause kept). */
export function mergeProbes(probes: readonly LoopProbe[]): LoopProbe | undefined {
  if (probes.length === 0) return undefined;
  const max = (key: keyof LoopProbe) => Math.max(...probes.map((p) => p[key]));
  const sum = (key: keyof LoopProbe) => probes.reduce((s, p) => s + p[key], 0);
  return {
    loopP50Ms: max('loopP50Ms'),
    loopP99Ms: max('loopP99Ms'),
    loopMaxMs: max('loopMaxMs'),
    gcCount: sum('gcCount'),
    gcTotalMs: sum('gcTotalMs'),
    gcMaxMs: max('gcMaxMs'),
    gcMajorMs: sum('gcMajorMs'),
  };
}
