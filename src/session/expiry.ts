import type { Session } from './session.js';

/**
 * Connections by the wall-clock second their token runs out (exp + AUTH_CLOCK_TOLERANCE_SEC), so
 * one timer per transport ends them: each tick looks only at the seconds that passed since the
 * last one and at the connections due in them — nothing per open connection. A connection without
 * a token is not in it. Measured against a setTimeout per connection in bench/micro/expiry.bench.ts.
 *
 * The deadline is kept by the caller (it follows from the session's claims); {@link remove} must
 * be given the one {@link add} was.
 */
export class ExpiryWheel<C> {
  private readonly buckets = new Map<number, Map<C, Session>>();
  /** The last second whose bucket was taken out (seconds since the epoch). */
  private swept: number;
  private count = 0;

  constructor(nowMs: number = Date.now()) {
    this.swept = Math.floor(nowMs / 1000);
  }

  /** Connections waiting for their deadline. */
  get size(): number {
    return this.count;
  }

  /**
   * Keeps `conn` until `deadlineMs` (ms since the epoch). A deadline already past lands in the
   * next second the wheel looks at.
   */
  add(conn: C, session: Session, deadlineMs: number): void {
    const second = Math.max(Math.ceil(deadlineMs / 1000), this.swept + 1);
    let bucket = this.buckets.get(second);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(second, bucket);
    }
    if (!bucket.has(conn)) this.count++;
    bucket.set(conn, session);
  }

  /** Forgets `conn` (closed, or about to be added again with a new deadline); a no-op when absent. */
  remove(conn: C, deadlineMs: number): void {
    const second = Math.max(Math.ceil(deadlineMs / 1000), this.swept + 1);
    const bucket = this.buckets.get(second);
    if (bucket === undefined || !bucket.delete(conn)) return;
    this.count--;
    if (bucket.size === 0) this.buckets.delete(second);
  }

  /**
   * Takes out every connection whose deadline second has fully started by `nowMs` and hands each
   * to `due`, which may call {@link add} again (for a later deadline) or {@link remove}.
   */
  advance(nowMs: number, due: (conn: C, session: Session) => void): void {
    const now = Math.floor(nowMs / 1000);
    while (this.swept < now) {
      const second = ++this.swept;
      const bucket = this.buckets.get(second);
      if (bucket === undefined) continue;
      this.buckets.delete(second);
      this.count -= bucket.size;
      for (const [conn, session] of bucket) due(conn, session);
    }
  }
}
