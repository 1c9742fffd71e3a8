import type { Logger } from '../log.js';

/**
 * The time source of periodic and delayed work: wall-clock ms, interval and one-shot timers. The
 * default is the process's own; unit tests pass a fake clock (test/helpers/clock.ts wraps
 * @sinonjs/fake-timers' `createClock()`) and advance it, so sweeps, ticks and expiries are tested
 * without sleeping.
 */
export interface Timers {
  /** ms since the Unix epoch. */
  now(): number;
  setInterval(task: () => void, intervalMs: number): unknown;
  clearInterval(handle: unknown): void;
  setTimeout(task: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `task` on the next turn of the event loop, after pending I/O. */
  setImmediate(task: () => void): unknown;
  clearImmediate(handle: unknown): void;
}

/**
 * A wall clock (ms) read at most once per task: the first read in a task (a uWS callback, a timer,
 * an immediate, a microtask checkpoint's worth of reactions) calls `read`, later reads in the same
 * task return that value, and a microtask queued by the first read forgets it. Node and uWS run the
 * microtask queue after every callback, so no value outlives the callback that read it.
 *
 * Why: a comment read the clock about nine times on its way (sequencer, dedup window, batcher,
 * history, delivery latency, rate buckets, its `sent_at_ms`), and `Date.now()` measured ~200 ns a
 * call on this project's 2-core VM: 2.6 % of a node's CPU in the many-rooms profile
 * (docs/benchmarks.md). Within one callback those reads were equal to the millisecond anyway.
 */
export function taskClock(read: () => number, defer: (forget: () => void) => void = queueMicrotask): () => number {
  let at = -1;
  const forget = (): void => {
    at = -1;
  };
  return () => {
    if (at < 0) {
      at = read();
      defer(forget);
    }
    return at;
  };
}

/**
 * Node's timers. Intervals are unref'd so periodic housekeeping never keeps a process alive;
 * one-shots are not (a batch tick or a held poll is work a client waits for). `now` is read once
 * per task ({@link taskClock}).
 */
export const SYSTEM_TIMERS: Timers = {
  now: taskClock(() => Date.now()),
  setInterval: (task, intervalMs) => setInterval(task, intervalMs).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  setTimeout: (task, delayMs) => setTimeout(task, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setImmediate: (task) => setImmediate(task),
  clearImmediate: (handle) => clearImmediate(handle as NodeJS.Immediate),
};

/** A periodic task's handle. */
export interface Periodic {
  cancel(): void;
}

/** A one-shot timer from {@link Scheduler.after}; `Scheduler.cancel` stops it before it runs. */
export interface Timer {
  readonly handle: unknown;
  /** Scheduled for the next turn (setImmediate) rather than after a delay. */
  readonly soon: boolean;
}

/**
 * The one owner of a node's timed work: periodic sweeps (idle rate buckets, room rates, expired
 * moderation entries, idle sockets, token expiry, bus history) and one-shot timers (a room's batch
 * tick, a held poll, a presence check). Every periodic task is named, so a task that throws is
 * logged with its name and keeps its schedule instead of killing the process; `close` cancels them
 * all at drain.
 */
export class Scheduler {
  private readonly tasks = new Set<unknown>();

  constructor(
    private readonly log: Logger,
    readonly timers: Timers = SYSTEM_TIMERS,
  ) {}

  /** ms since the Unix epoch, from the scheduler's clock. */
  readonly now = (): number => this.timers.now();

  /** Runs `task` every `intervalMs` (ms, ≥ 1) until cancelled or the scheduler closes. */
  every(name: string, intervalMs: number, task: () => void | Promise<void>): Periodic {
    const run = () => {
      try {
        const done = task();
        if (done instanceof Promise)
          done.catch((err: unknown) => this.log.error({ err, task: name }, 'periodic task failed'));
      } catch (err) {
        this.log.error({ err, task: name }, 'periodic task failed');
      }
    };
    const handle = this.timers.setInterval(run, Math.max(1, intervalMs));
    this.tasks.add(handle);
    return {
      cancel: () => {
        if (this.tasks.delete(handle)) this.timers.clearInterval(handle);
      },
    };
  }

  /**
   * Runs `task` once, `delayMs` (ms) from now; with 0 or less, on the next turn of the event loop
   * after pending I/O. One-shots run on the hot path (a room's batch tick), so they cost exactly one
   * platform timer: no wrapper, no registration. Their owner cancels them (`close` does not), and a
   * task must not throw: its owner answers its own failures.
   */
  after(delayMs: number, task: () => void): Timer {
    return delayMs <= 0
      ? { handle: this.timers.setImmediate(task), soon: true }
      : { handle: this.timers.setTimeout(task, delayMs), soon: false };
  }

  /** Cancels a one-shot that has not run yet; a no-op for one that ran, was cancelled, or undefined. */
  cancel(timer: Timer | undefined): void {
    if (timer === undefined) return;
    if (timer.soon) this.timers.clearImmediate(timer.handle);
    else this.timers.clearTimeout(timer.handle);
  }

  /** Cancels every periodic task. */
  close(): void {
    for (const handle of this.tasks) this.timers.clearInterval(handle);
    this.tasks.clear();
  }
}
