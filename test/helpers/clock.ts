import { createClock, type TimerId } from '@sinonjs/fake-timers';
import { Scheduler } from '../../src/lifecycle/scheduler.js';
import { RecordedTelemetry } from './telemetry.js';

/** A scheduler on a fake clock starting at `startMs`: `tick(ms)` moves time and runs what fell due. */
export function fakeScheduler(startMs = 1_000_000): {
  readonly scheduler: Scheduler;
  readonly telemetry: RecordedTelemetry;
  tick(ms: number): void;
} {
  const clock = createClock(startMs);
  const telemetry = new RecordedTelemetry();
  const scheduler = new Scheduler(telemetry.log, {
    now: () => clock.now,
    setInterval: (task, intervalMs) => clock.setInterval(task, intervalMs),
    clearInterval: (handle) => clock.clearInterval(handle as TimerId),
  });
  return { scheduler, telemetry, tick: (ms) => void clock.tick(ms) };
}
