import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';

/** A token bucket: refills at `ratePerSec` up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.ratePerSec);
    this.at = now;
  }

  /** Takes one token. Returns 0 when allowed, else the milliseconds until a token is available. */
  take(): number {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000);
  }

  /** Takes up to n tokens at once; returns how many it took. */
  takeUpTo(n: number): number {
    this.refill();
    const granted = Math.max(0, Math.min(n, Math.floor(this.tokens)));
    this.tokens -= granted;
    return granted;
  }

  get full(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }
}

/**
 * Token buckets keyed by a string (a user id, an IP). A full bucket carries no information, so
 * idle keys are forgotten on sweep and the map holds only recently active keys.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly now: () => number;
  private readonly sweeping: Periodic;

  /** `name` labels its sweep in the scheduler's log. */
  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    scheduler: Scheduler,
    name: string,
  ) {
    this.now = scheduler.now;
    // A bucket refills from empty in burst / rate seconds; sweeping more often than that finds nothing full.
    this.sweeping = scheduler.every(`${name} sweep`, Math.max(1000, (burst / ratePerSec) * 1000), () => this.sweep());
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.ratePerSec, this.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  take(key: string): number {
    return this.bucket(key).take();
  }

  takeUpTo(key: string, n: number): number {
    return this.bucket(key).takeUpTo(n);
  }

  private sweep(): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.full) this.buckets.delete(key);
    }
  }

  close(): void {
    this.sweeping.cancel();
  }
}
