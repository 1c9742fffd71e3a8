/**
 * Token buckets keyed by a string (a user id, an IP). A bucket refills at `ratePerSec` up to
 * `burst`; a full bucket carries no information, so idle keys are forgotten on sweep and the
 * map stays as small as the set of recently active keys.
 */
export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepTimer = setInterval(() => this.sweep(), Math.max(1000, (burst / ratePerSec) * 1000)).unref();
  }

  private refill(key: string): { tokens: number; at: number } {
    const now = this.now();
    const bucket = this.buckets.get(key);
    if (bucket === undefined) {
      const fresh = { tokens: this.burst, at: now };
      this.buckets.set(key, fresh);
      return fresh;
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.ratePerSec);
    bucket.at = now;
    return bucket;
  }

  /** Takes one token. Returns 0 when allowed, else the milliseconds until a token is available. */
  take(key: string): number {
    const bucket = this.refill(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.ratePerSec) * 1000);
  }

  private sweep(): void {
    for (const key of [...this.buckets.keys()]) {
      if (this.refill(key).tokens >= this.burst) this.buckets.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }
}
