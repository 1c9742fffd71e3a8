import { createClock, type NodeImmediate, type TimerId } from '@sinonjs/fake-timers';
import { Scheduler } from '../../src/lifecycle/scheduler.js';
import { RecordedTelemetry } from './telemetry.js';

/**
 * A scheduler on a fake clock starting at `startMs`: `tick(ms)` moves time and runs what fell due.
 * Work scheduled for the next turn (`after(0)`) runs at the next `tick(0)`, or, when scheduled by a
 * timer during a tick, 1 fake ms later (fake-timers' rule, so a loop of immediates cannot hang a tick).
 */
export function fakeScheduler(startMs = 1_000_000): {
  readonly scheduler: Scheduler;
  readonly telemetry: RecordedTelemetry;
  tick(ms: number): void;
  /** Timers (of any kind) scheduled and not yet run or cancelled. */
  pending(): number;
} {
  const clock = createClock(startMs);
  const telemetry = new RecordedTelemetry();
  const scheduler = new Scheduler(telemetry.log, {
    now: () => clock.now,
    setInterval: (task, intervalMs) => clock.setInterval(task, intervalMs),
    clearInterval: (handle) => clock.clearInterval(handle as TimerId),
    setTimeout: (task, delayMs) => clock.setTimeout(task, delayMs),
    clearTimeout: (handle) => clock.clearTimeout(handle as TimerId),
    setImmediate: (task) => clock.setImmediate(task),
    clearImmediate: (handle) => clock.clearImmediate(handle as NodeImmediate),
  });
  return { scheduler, telemetry, tick: (ms) => void clock.tick(ms), pending: () => clock.countTimers() };
}

/** A scheduler on the process's own clock, for tests of real I/O; its failures are recorded in `telemetry`. */
export function systemScheduler(): { readonly scheduler: Scheduler; readonly telemetry: RecordedTelemetry } {
  const telemetry = new RecordedTelemetry();
  return { scheduler: new Scheduler(telemetry.log), telemetry };
}
