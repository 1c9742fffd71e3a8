import { writeSync } from 'node:fs';
import { PerformanceObserver, constants, monitorEventLoopDelay, type PerformanceEntry } from 'node:perf_hooks';
import { PROBE_MARK, type LoopProbe } from './probe.js';

/**
 * Preloaded (`node --import`) into every Node server process under test, this server's and the
 * peers' alike: it keeps an event-loop delay histogram and the GC pauses, and on SIGUSR2 writes
 * them since the last SIGUSR2 as one line to stderr (PROBE_MARK + a JSON LoopProbe) and
 * starts over. The orchestrator reads it once per step: a server whose latency breaks while its
 * core has time to spare shows here whether its loop stalled, and whether GC did it.
 */

const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    gc.count++;
    gc.totalMs += entry.duration;
    gc.maxMs = Math.max(gc.maxMs, entry.duration);
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

process.on('SIGUSR2', () => {
  const probe: LoopProbe = {
    loopP50Ms: loop.percentile(50) / 1e6,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
    gcCount: gc.count,
    gcTotalMs: gc.totalMs,
    gcMaxMs: gc.maxMs,
    gcMajorMs: gc.majorMs,
  };
  loop.reset();
  gc = { count: 0, totalMs: 0, maxMs: 0, majorMs: 0 };
  // Synchronous: the line must be whole and out before the orchestrator's next read.
  writeSync(2, `\n${PROBE_MARK}${JSON.stringify(probe)}\n`);
});
