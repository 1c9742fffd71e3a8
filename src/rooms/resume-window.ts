import type { Position, StoredBatch } from '../bus/bus.js';

/** Bounds of one room's window; both hold at once (the first reached trims). */
export interface ResumeWindowLimits {
  /** Most batches kept per room (RESUME_WINDOW_BATCHES). */
  readonly maxBatches: number;
  /** Most body bytes kept per room (RESUME_WINDOW_BYTES). */
  readonly maxBytes: number;
}

/**
 * The batches this node delivered for one room, newest last, bounded by count and bytes: a cursor
 * inside it is served without reading the bus, so viewers reconnecting together (a node died and
 * its viewers land here) cost no stream read each.
 *
 * It holds every batch delivered after `start` (the subscription's ready head: the bus contract
 * delivers every later batch once, in seq order) until it trims. A cursor is served when the
 * window provably holds everything after it, the rule the buses apply to their history: the
 * cursor's own batch is in the window (all later batches were delivered after it), or the cursor
 * is the head the subscription started after and nothing was trimmed. Seq 0 is never served here:
 * a bus may report an empty room as 0 after its batches were evicted, so only the bus can tell.
 */
export class ResumeWindow {
  // Kept batches are batches[first..]; trimmed ones are cleared and the array compacted in halves,
  // since shifting a full window on every batch was 1.5 % of a node in 1,000 rooms of two.
  private batches: (StoredBatch | undefined)[] = [];
  private first = 0;
  private bytes = 0;
  private start: Position | undefined;

  constructor(private readonly limits: ResumeWindowLimits) {}

  /** The subscription's ready head; batches delivered before it is known are kept too. */
  started(head: Position): void {
    this.start ??= head;
  }

  private get size(): number {
    return this.batches.length - this.first;
  }

  add(batch: StoredBatch): void {
    // A new epoch (the stream was recreated): nothing kept belongs to it.
    if (this.size > 0 && this.batches[this.first]?.epoch !== batch.epoch) this.reset();
    if (this.start !== undefined && this.start.epoch !== batch.epoch) this.start = undefined;
    this.batches.push(batch);
    this.bytes += batch.body.length;
    while (this.size > this.limits.maxBatches || (this.bytes > this.limits.maxBytes && this.size > 1)) {
      const dropped = this.batches[this.first] as StoredBatch;
      this.batches[this.first++] = undefined;
      this.bytes -= dropped.body.length;
      this.start = undefined;
    }
    if (this.first > 64 && this.first * 2 > this.batches.length) {
      this.batches = this.batches.slice(this.first);
      this.first = 0;
    }
  }

  private reset(): void {
    this.batches = [];
    this.first = 0;
    this.bytes = 0;
    this.start = undefined;
  }

  /** Every kept batch after `seq` of `epoch`, or undefined when the window cannot vouch for the cursor. */
  after(epoch: string, seq: number): readonly StoredBatch[] | undefined {
    if (seq <= 0) return undefined;
    const oldest = this.size > 0 ? this.batches[this.first] : undefined;
    const epochNow = oldest?.epoch ?? this.start?.epoch;
    if (epochNow === undefined || epoch !== epochNow) return undefined;
    const kept = () => this.batches.slice(this.first) as StoredBatch[];
    if (this.start !== undefined && this.start.epoch === epoch && this.start.seq === seq) return kept();
    // Newest first: a reconnecting viewer's cursor is near the head.
    for (let i = this.batches.length - 1; i >= this.first; i--) {
      const batch = this.batches[i] as StoredBatch;
      if (batch.seq === seq) return this.batches.slice(i + 1) as StoredBatch[];
      if (batch.seq < seq) return undefined;
    }
    return undefined;
  }
}
