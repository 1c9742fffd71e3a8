import { randomBytes } from 'node:crypto';
import { BusAmbiguousError, BusUnavailableError, type Position } from '../bus/bus.js';
import type { PostResult } from '../bus/directory.js';
import { ErrorCode, encodeBatchBody, type DanmakuProps } from '../protocol/codec.js';
import type { Metrics } from '../metrics/metrics.js';
import type { KeyedTokenBuckets } from '../limits/token-bucket.js';
import type { Periodic, Scheduler, Timer } from '../lifecycle/scheduler.js';
import { selectFairly } from './shedding.js';

/**
 * Stores one batch: resolves with its position once stored. Rejects with BusAmbiguousError carrying
 * `again` when the batch may have been stored (its ack was lost): calling `again` stores it under
 * the same idempotency key, so it ends up stored once whichever happened.
 */
export type StoreBatch = (
  room: string,
  body: Uint8Array,
  oldestAt: number,
  clientMsgIds: string[],
) => Promise<Position>;

/** A batch whose store was ambiguous; `again()` settles it (see StoreBatch). */
export class AmbiguousBatchError extends BusAmbiguousError {
  constructor(
    cause: unknown,
    readonly again: () => Promise<Position>,
  ) {
    super('the batch may have been stored: its ack was lost', { cause });
  }
}

/** A batcher's answer for one item: a PostResult, and for an ambiguous store the way to settle it. */
export type BatchOutcome = PostResult & { readonly again?: () => Promise<Position> };

/**
 * Receives one comment's outcome from the batcher, once. An object with a method rather than a
 * closure: the sequencer's per-comment record is its own receiver, one allocation per comment fewer.
 */
export interface Settler {
  settle(outcome: BatchOutcome): void;
}

export interface BatcherOptions {
  readonly intervalMs: number;
  readonly maxItems: number;
  /** Flush once the texts collected reach this many UTF-8 bytes (estimated), so frames stay small for slow links. */
  readonly maxBytes: number;
  /**
   * BATCH_ALIGN_MS: a quiet room's first comment waits for the next multiple of this many ms of the
   * wall clock instead of the next turn (0), and a busy room's next batch for the first multiple once
   * its interval has passed, so every room due meanwhile flushes in one turn.
   */
  readonly alignMs?: number;
  /**
   * Where the boundaries fall (ms): at `alignPhaseMs` + k × `alignMs` of the wall clock. A sequencer's
   * flushes sit half a period after the forwarders' (src/rooms/router.ts, phase 0), so the comments
   * other nodes forward at a boundary reach it before its next flush and are stored in it.
   */
  readonly alignPhaseMs?: number;
}

const ITEM_OVERHEAD_BYTES = 64;

/** An upper estimate of an item's encoded bytes (3 per UTF-16 unit plus the fixed fields), without encoding twice. */
function itemBytes(item: DanmakuProps): number {
  return (item.text?.length ?? 0) * 3 + ITEM_OVERHEAD_BYTES;
}

/**
 * ms from `now` to the next boundary `phaseMs` + k × `alignMs` of the wall clock (ms since the Unix
 * epoch), in (0, alignMs]; 0 when `alignMs` is 0. One boundary for the whole node (and for every node
 * on one clock): what is due in between goes out in one turn, its NATS writes in one socket write,
 * its acks in one read.
 */
export function untilAligned(now: number, alignMs: number, phaseMs = 0): number {
  return alignMs > 0 ? alignMs - ((((now - phaseMs) % alignMs) + alignMs) % alignMs) : 0;
}

/**
 * A room's batching state: its open batch and when it last flushed. One record per room rather than
 * two maps: an open batch is no longer deleted from a map when it is stored (in rooms of a few
 * viewers every comment opens and stores one, and a map emptied by a delete shrinks its table, to
 * grow it again at the next set: ~150 bytes per batch), and a comment costs one lookup.
 */
interface RoomSlot {
  pending: Pending | undefined;
  /** ms since the epoch; 0 for none within the interval. */
  lastFlushAt: number;
}

interface Pending {
  readonly room: string;
  readonly slot: RoomSlot;
  readonly items: DanmakuProps[];
  readonly clientMsgIds: string[];
  readonly settle: Settler[];
  readonly oldestAt: number;
  bytes: number;
}

/** Quiet rooms' batches that one shared one-shot stores. */
interface Due {
  batches: Pending[];
  tick: Timer | undefined;
}

/**
 * Collects a room's accepted comments (on a cluster: the whole cluster's, at the room's sequencer)
 * and stores one batch per room per tick.
 * The first comment into a room that has not flushed within the last interval goes out on the
 * next turn of the event loop (a quiet room does not wait a tick), or with `alignMs` at the next
 * aligned boundary; after that, a busy room flushes at most once per interval (with `alignMs`, at the
 * first boundary once the interval has passed), or at once when the batch reaches maxItems or maxBytes.
 */
export class RoomBatcher {
  private readonly slots = new Map<string, RoomSlot>();
  /**
   * Batches of quiet rooms, stored at the next aligned boundary (or next turn) by one shared
   * one-shot: with many small rooms nearly every comment opens such a batch, and a platform timer
   * each was a measurable share of the GC.
   */
  private readonly soon: Due = { batches: [], tick: undefined };
  /**
   * Busy rooms' batches by the moment (ms since the epoch) they are stored at: the end of the room's
   * interval since its last flush, or with `alignMs` the first boundary at or after it. One one-shot
   * per moment instead of a timer per batch; with `alignMs` the node's busy rooms flush together
   * (their NATS writes in one turn). A batch stored early (maxItems, maxBytes) stays listed until its
   * one-shot runs, which skips it.
   */
  private readonly boundaries = new Map<number, Due>();
  /** Stores not settled yet, and what {@link flushAll} waits on until there are none. */
  private inFlight = 0;
  private drained: (() => void)[] = [];
  private readonly sweeping: Periodic;
  private readonly now: () => number;
  // Unique across nodes and restarts without coordination: a random boot prefix plus a counter.
  private readonly idPrefix = randomBytes(4).toString('base64url');
  private nextId = 0;

  /**
   * @param roomBudget per-room token bucket of danmaku per second: no viewer can read 2,000 a
   * second, so a hot room broadcasts a fair sample and tells the rest OVERLOADED.
   * @param scheduler the node's clock and timers: one one-shot per room with a pending batch.
   */
  constructor(
    private readonly store: StoreBatch,
    private readonly options: BatcherOptions,
    private readonly metrics: Metrics,
    private readonly roomBudget: KeyedTokenBuckets,
    private readonly scheduler: Scheduler,
  ) {
    this.now = scheduler.now;
    // Quiet rooms are forgotten by one periodic sweep, not a timer per flush (20 a second per busy room).
    this.sweeping = scheduler.every('batcher quiet rooms', Math.max(1000, options.intervalMs), () =>
      this.forgetQuietRooms(),
    );
  }

  private forgetQuietRooms(): void {
    const quietSince = this.now() - this.options.intervalMs;
    for (const [room, slot] of this.slots)
      if (slot.pending === undefined && slot.lastFlushAt <= quietSince) this.slots.delete(room);
  }

  newId(): string {
    return `${this.idPrefix}${(this.nextId++).toString(36)}`;
  }

  /** Adds an accepted comment to its room's next batch; resolves with the comment's outcome once the batch settled. */
  add(room: string, item: DanmakuProps, clientMsgId: string): Promise<BatchOutcome> {
    return new Promise((resolve) => this.enqueue(room, item, clientMsgId, { settle: resolve }));
  }

  /**
   * {@link add} with a {@link Settler}, settled once with the comment's outcome (in the store's settling
   * turn): the sequencer's path, where a promise per comment was a measurable share of the GC.
   * `settle` must not throw: it runs in a loop over the batch's comments.
   */
  enqueue(room: string, item: DanmakuProps, clientMsgId: string, settle: Settler): void {
    let slot = this.slots.get(room);
    if (slot === undefined) {
      slot = { pending: undefined, lastFlushAt: 0 };
      this.slots.set(room, slot);
    }
    let batch = slot.pending;
    if (batch === undefined) {
      // Only a new batch reads the clock: a busy room's comments join one already open.
      const now = this.now();
      // Created holding the first comment: an empty array's first push reserves 17 slots, and in
      // rooms of a few viewers most batches never get a second comment.
      batch = {
        room,
        slot,
        items: [item],
        clientMsgIds: [clientMsgId],
        settle: [settle],
        oldestAt: now,
        bytes: itemBytes(item),
      };
      slot.pending = batch;
      // Full at its first comment (BATCH_MAX_ITEMS 1, or one long text): stored now, with no timer
      // set only to be cancelled — in rooms of a few viewers that was a platform timer per batch.
      if (this.full(batch)) {
        this.flush(batch);
        return;
      }
      const wait = this.options.intervalMs - (now - slot.lastFlushAt);
      const alignMs = this.options.alignMs ?? 0;
      // Not flushed within the interval: the next turn, so a quiet room does not wait.
      if (wait > 0 && alignMs > 0) this.atBoundary(batch, now, now + wait, alignMs);
      // Due when its interval since the last flush passes (an integer ms, both read from the clock):
      // the rooms flushed in one turn are due at the same ms and share one one-shot, where a timer
      // per batch was a platform timer per comment in rooms of a few viewers.
      else if (wait > 0) this.dueAt(batch, now, now + wait);
      else {
        const soon = this.soon;
        soon.batches.push(batch);
        soon.tick ??= this.scheduler.after(
          untilAligned(now, this.options.alignMs ?? 0, this.options.alignPhaseMs ?? 0),
          this.flushSoon,
        );
      }
    } else {
      batch.items.push(item);
      batch.clientMsgIds.push(clientMsgId);
      batch.settle.push(settle);
      batch.bytes += itemBytes(item);
      if (this.full(batch)) this.flush(batch);
    }
  }

  /** Whether a batch reached maxItems or maxBytes (by {@link itemBytes}' estimate). */
  private full(batch: Pending): boolean {
    return batch.items.length >= this.options.maxItems || batch.bytes >= this.options.maxBytes;
  }

  private readonly flushSoon = (): void => this.flushDue(this.soon);

  /** Files a busy room's batch under the first boundary at or after `dueAt` (ms since the epoch). */
  private atBoundary(batch: Pending, now: number, dueAt: number, alignMs: number): void {
    this.dueAt(batch, now, dueAt + (untilAligned(dueAt, alignMs, this.options.alignPhaseMs ?? 0) % alignMs));
  }

  /** Files a batch under the one-shot of the moment `boundaryAt` (ms since the epoch), created when it is the first. */
  private dueAt(batch: Pending, now: number, boundaryAt: number): void {
    let due = this.boundaries.get(boundaryAt);
    if (due === undefined) {
      const created: Due = { batches: [], tick: undefined };
      created.tick = this.scheduler.after(boundaryAt - now, () => {
        this.boundaries.delete(boundaryAt);
        this.flushDue(created);
      });
      this.boundaries.set(boundaryAt, created);
      due = created;
    }
    due.batches.push(batch);
  }

  /** Stores the batches of a shared one-shot that are still pending. */
  private flushDue(due: Due): void {
    const { batches } = due;
    due.batches = [];
    due.tick = undefined;
    // A batch already stored (maxItems, maxBytes) is not pending any more, or a later one is: that one waits its interval.
    for (const batch of batches) this.flush(batch);
  }

  /** Stores the batch if it is still its room's open one (a shared one-shot may list one already stored). */
  private flush(batch: Pending): void {
    const { room, slot } = batch;
    if (slot.pending !== batch) return;
    slot.pending = undefined;
    slot.lastFlushAt = this.now();
    const granted = this.roomBudget.takeUpTo(room, batch.items.length);
    if (granted < batch.items.length) this.shed(batch, selectFairly(batch.items, granted));
    if (batch.items.length === 0) return;
    const body = encodeBatchBody(room, batch.items);
    this.metrics.batchItems.observe(batch.items.length);
    this.metrics.batchBytes.observe(body.length);
    const started = performance.now();
    this.inFlight++;
    this.storing(room, body, batch.oldestAt, batch.clientMsgIds).then(
      (position) => {
        this.metrics.busPublishLatency.observe((performance.now() - started) / 1000);
        this.metrics.batchesPublished.inc();
        const { items, settle } = batch;
        for (let i = 0; i < items.length; i++)
          (settle[i] as Settler).settle({ ok: true, seq: position.seq, id: items[i]?.id as string });
        this.settled();
      },
      (err: unknown) => {
        this.metrics.busPublishFailures.inc();
        const code = err instanceof BusUnavailableError ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL;
        const again = err instanceof AmbiguousBatchError ? err.again : undefined;
        for (const settle of batch.settle)
          settle.settle(again === undefined ? { ok: false, code } : { ok: false, code, again });
        this.settled();
      },
    );
  }

  /**
   * The store as a promise even when it throws at once (a fault below it): its comments are then
   * answered through the failure path instead of never, and the other batches of a shared tick
   * still flush.
   */
  private storing(room: string, body: Uint8Array, oldestAt: number, clientMsgIds: string[]): Promise<Position> {
    try {
      return this.store(room, body, oldestAt, clientMsgIds);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }

  // A counter rather than a set of promises: tracking each store cost two more promises per batch.
  private settled(): void {
    if (--this.inFlight > 0) return;
    const drained = this.drained;
    this.drained = [];
    for (const wake of drained) wake();
  }

  /** Keeps only the selected items in the batch; the others are answered OVERLOADED, never dropped unanswered. */
  private shed(batch: Pending, keep: readonly number[]): void {
    const kept = new Set(keep);
    const items: DanmakuProps[] = [];
    const clientMsgIds: string[] = [];
    const settle: Settler[] = [];
    batch.items.forEach((item, i) => {
      const answer = batch.settle[i] as Settler;
      if (kept.has(i)) {
        items.push(item);
        clientMsgIds.push(batch.clientMsgIds[i] as string);
        settle.push(answer);
      } else {
        answer.settle({ ok: false, code: ErrorCode.OVERLOADED });
      }
    });
    this.metrics.commentsShed.inc(batch.items.length - items.length);
    batch.items.splice(0, batch.items.length, ...items);
    batch.clientMsgIds.splice(0, batch.clientMsgIds.length, ...clientMsgIds);
    batch.settle.splice(0, batch.settle.length, ...settle);
  }

  /** Publishes everything collected so far and waits for every publish to settle. */
  async flushAll(): Promise<void> {
    this.sweeping.cancel();
    for (const due of [this.soon, ...this.boundaries.values()]) {
      this.scheduler.cancel(due.tick);
      due.tick = undefined;
      due.batches = [];
    }
    this.boundaries.clear();
    for (const slot of [...this.slots.values()]) if (slot.pending !== undefined) this.flush(slot.pending);
    if (this.inFlight > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
  }
}
