interface Slot<T> {
  readonly key: string;
  readonly at: number;
  value: T;
}

/**
 * Remembers a value per (user, client_msg_id) for `windowMs` (DEDUP_WINDOW_MS), so a retried
 * comment is answered with its original outcome instead of being posted twice.
 *
 * Expiry is a FIFO of slots beside the Map, not iteration over the Map: a Map that is iterated from
 * its front while entries are deleted there keeps the deleted slots until it rehashes, and the bench
 * (bench/micro/retry-cache.bench.ts) measured that walk degrading once entries expire as fast as they
 * arrive. The queue's head index moves instead, and the array is compacted in halves.
 */
export class DedupWindow<T> {
  private readonly slots = new Map<string, Slot<T>>();
  private queue: Slot<T>[] = [];
  private head = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private static key(userId: string, clientMsgId: string): string {
    return `${userId}\u0000${clientMsgId}`;
  }

  private expire(): void {
    const oldest = this.now() - this.windowMs;
    while (this.head < this.queue.length) {
      const slot = this.queue[this.head] as Slot<T>;
      if (slot.at > oldest) break;
      if (this.slots.get(slot.key) === slot) this.slots.delete(slot.key);
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  get(userId: string, clientMsgId: string): T | undefined {
    this.expire();
    return this.slots.get(DedupWindow.key(userId, clientMsgId))?.value;
  }

  /** Remembers a value; `at` (ms) defaults to now — a window rebuilt from history passes when the comment came. */
  set(userId: string, clientMsgId: string, value: T, at = this.now()): void {
    const slot: Slot<T> = { key: DedupWindow.key(userId, clientMsgId), at, value };
    this.slots.set(slot.key, slot);
    this.queue.push(slot);
  }

  /** Forgets an entry whose outcome may be retried for real (nothing was stored). */
  delete(userId: string, clientMsgId: string, value: T): void {
    const key = DedupWindow.key(userId, clientMsgId);
    if (this.slots.get(key)?.value === value) this.slots.delete(key);
  }

  get size(): number {
    return this.slots.size;
  }
}
