/**
 * Remembers a value per (user, client_msg_id) for `windowMs` (DEDUP_WINDOW_MS), so a retried
 * comment is answered with its original outcome instead of being posted twice.
 *
 * Expiry is a FIFO beside the Map, not iteration over the Map: a Map that is iterated from
 * its front while entries are deleted there keeps the deleted slots until it rehashes, and the bench
 * (bench/micro/retry-cache.bench.ts) measured that walk degrading once entries expire as fast as they
 * arrive. The queue's head index moves instead, and the arrays are compacted in halves.
 *
 * The FIFO is three parallel arrays (keys, values, times) rather than an object per entry: every
 * accepted comment stays here for the whole window (120 s by default, hundreds of thousands of
 * entries on a busy node), and each object and boxed timestamp kept that long is copied by the young
 * generation's GC and then walked by every major one (GC was a third of the many-rooms profile).
 * A number array holding only numbers keeps them unboxed.
 */
export class DedupWindow<T> {
  /** key → the entry's position in the FIFO, counted from the first entry ever (a small integer). */
  private readonly slots = new Map<string, number>();
  private keys: string[] = [];
  private values: (T | undefined)[] = [];
  private times: number[] = [];
  /** Position of keys[0]; the arrays are compacted from the front. */
  private base = 0;
  private head = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  // A comment asks for its key three times in a row (the pipeline's look for a retry, the
  // sequencer's, then its set): the last key is kept, already flattened and hashed by the Map.
  private lastUserId = '';
  private lastClientMsgId = '';
  private lastKey = '\u0000';
  // ...and the first two are misses of the same key: the last key's slot is kept too, until the
  // key changes or an entry is set, deleted or expired. One Map lookup per comment fewer: `get`
  // was 6 % of a node's CPU in the many-rooms profile (docs/benchmarks.md).
  private lastLooked = false;
  private lastSlot: number | undefined;

  private key(userId: string, clientMsgId: string): string {
    if (userId !== this.lastUserId || clientMsgId !== this.lastClientMsgId) {
      this.lastUserId = userId;
      this.lastClientMsgId = clientMsgId;
      this.lastKey = `${userId}\u0000${clientMsgId}`;
      this.lastLooked = false;
    }
    return this.lastKey;
  }

  private slot(userId: string, clientMsgId: string): number | undefined {
    const key = this.key(userId, clientMsgId);
    if (!this.lastLooked) {
      this.lastSlot = this.slots.get(key);
      this.lastLooked = true;
    }
    return this.lastSlot;
  }

  private expire(now: number): void {
    const oldest = now - this.windowMs;
    const { keys, values, times } = this;
    // Called by every set: the slot kept for the last key may change here or below.
    this.lastLooked = false;
    while (this.head < times.length && (times[this.head] as number) <= oldest) {
      const key = keys[this.head] as string;
      // A later set of the same key moved it to a later position: that one is not due yet.
      if (this.slots.get(key) === this.base + this.head) this.slots.delete(key);
      values[this.head] = undefined;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > times.length) {
      this.keys = keys.slice(this.head);
      this.values = values.slice(this.head);
      this.times = times.slice(this.head);
      this.base += this.head;
      this.head = 0;
    }
  }

  /**
   * The value remembered for the key, unless its window passed. Only a hit reads the clock: most
   * comments are not retries, and each is looked up twice before it is set.
   */
  get(userId: string, clientMsgId: string): T | undefined {
    const at = this.slot(userId, clientMsgId);
    if (at === undefined) return undefined;
    // Due but not yet expired (expiry runs on set): as good as gone.
    if ((this.times[at - this.base] as number) <= this.now() - this.windowMs) return undefined;
    return this.values[at - this.base];
  }

  /**
   * Remembers a value (and forgets what is due); `at` (ms) defaults to now — a window rebuilt from
   * history passes when the comment came.
   */
  set(userId: string, clientMsgId: string, value: T, at?: number): void {
    const now = this.now();
    this.expire(now);
    const key = this.key(userId, clientMsgId);
    this.slots.set(key, this.base + this.keys.length);
    this.keys.push(key);
    this.values.push(value);
    this.times.push(at ?? now);
  }

  /** Forgets an entry whose outcome may be retried for real (nothing was stored). */
  delete(userId: string, clientMsgId: string, value: T): void {
    const at = this.slot(userId, clientMsgId);
    if (at !== undefined && this.values[at - this.base] === value) {
      this.slots.delete(this.lastKey);
      this.lastLooked = false;
    }
  }

  get size(): number {
    return this.slots.size;
  }
}
