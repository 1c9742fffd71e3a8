/**
 * Time and timers as the SDK core uses them, injected (`ClientOptions.clock`) so tests drive every
 * timer with a fake clock instead of sleeping. The default uses the runtime's own timers, which
 * every supported runtime has (WeChat's JS runtime included).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Calls `callback` once after `delayMs` ms; returns a handle for {@link Clock.clearTimeout}. */
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  // The handle came from setTimeout above; its type differs by runtime (a number, a Node Timeout).
  clearTimeout: (handle) => clearTimeout(handle as Parameters<typeof clearTimeout>[0]),
};

/**
 * One timer slot: at most one pending callback. `start` replaces what is pending, `stop` clears
 * it, so an owner that stops its slots leaves no timer behind.
 */
export class Timer {
  private handle: unknown;
  private armed = false;

  constructor(private readonly clock: Clock) {}

  get pending(): boolean {
    return this.armed;
  }

  /** Runs `callback` once after `delayMs` ms, replacing anything pending. */
  start(delayMs: number, callback: () => void): void {
    this.stop();
    this.armed = true;
    this.handle = this.clock.setTimeout(() => {
      this.armed = false;
      callback();
    }, delayMs);
  }

  /** Runs `callback` every `intervalMs` ms until stopped (re-armed before each call). */
  repeat(intervalMs: number, callback: () => void): void {
    this.start(intervalMs, () => {
      this.repeat(intervalMs, callback);
      callback();
    });
  }

  stop(): void {
    if (!this.armed) return;
    this.armed = false;
    this.clock.clearTimeout(this.handle);
  }
}

const resolved = Promise.resolve();

/** Runs `callback` after the current turn (a microtask): WeChat's runtime has no queueMicrotask. */
export function defer(callback: () => void): void {
  void resolved.then(callback);
}
