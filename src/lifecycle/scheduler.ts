import type { Logger } from '../log.js';

/**
 * The time source of periodic work: wall-clock ms and interval timers. The default is the
 * process's own; unit tests pass a fake clock (@sinonjs/fake-timers' `createClock()` fits) and
 * advance it, so sweeps and expiries are tested without sleeping.
 */
export interface Timers {
  /** ms since the Unix epoch. */
  now(): number;
  setInterval(task: () => void, intervalMs: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Node's timers; intervals are unref'd so periodic housekeeping never keeps a process alive. */
export const SYSTEM_TIMERS: Timers = {
  now: () => Date.now(),
  setInterval: (task, intervalMs) => setInterval(task, intervalMs).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** A periodic task's handle. */
export interface Periodic {
  cancel(): void;
}

/**
 * The one owner of a node's periodic work (sweeps of idle rate buckets, room rates, expired
 * moderation entries, idle sockets). Every task is named, so a task that throws is logged with its
 * name and keeps its schedule instead of killing the process; `close` cancels them all at drain.
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

  /** Cancels every task. */
  close(): void {
    for (const handle of this.tasks) this.timers.clearInterval(handle);
    this.tasks.clear();
  }
}
