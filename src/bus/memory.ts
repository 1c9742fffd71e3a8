import { randomBytes } from 'node:crypto';
import {
  BusUnavailableError,
  type Bus,
  type Position,
  type Replay,
  type Signal,
  type StoredBatch,
  type Subscription,
} from './bus.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';

export interface MemoryBusOptions {
  readonly historyMaxBatches: number;
  readonly historyMaxAgeMs: number;
  /** The node's clock and timers: ages of stored batches, the history sweep. */
  readonly scheduler: Scheduler;
  /** How often age limits are applied to quiet rooms and idle rooms forgotten (ms; default 10,000, never above historyMaxAgeMs). */
  readonly sweepIntervalMs?: number;
  /**
   * Told about a subscriber that threw while a batch was handed to it (default: ignored). The batch
   * is stored either way and the other subscribers still get it: delivery is not the write.
   */
  readonly onDeliveryError?: (err: unknown, room: string, seq: number) => void;
}

const DEFAULT_SWEEP_INTERVAL_MS = 10_000;

function newEpoch(): string {
  return randomBytes(6).toString('base64url');
}

const IDLE_ROOM_FORGET_MS = 3600_000;
// History bodies are copied into per-room slabs and kept as views of them. Slabs start small (a
// quiet room holds at most about twice its bytes) and double up to the maximum; a body over a
// quarter of it gets its own copy.
const FIRST_SLAB_BYTES = 1024;
const MAX_SLAB_BYTES = 64 * 1024;

/**
 * One room's stream: a bounded FIFO of batches and the seq of the newest one ever evicted.
 *
 * The FIFO is parallel arrays (seq, times, body) rather than an object per batch: with 1,000 rooms
 * each keeping up to HISTORY_MAX_BATCHES, a node holds up to a million batches, and four objects
 * each (entry, batch, two boxed timestamps) were objects every major GC walked for minutes
 * (docs/benchmarks.md). Number arrays that only ever hold numbers keep them unboxed. A batch's
 * StoredBatch is built when it is published and when a replay reads it.
 */
class RoomLog {
  lastSeq = 0;
  evictedThrough = 0;
  idleSince: number;
  readonly subscribers = new Set<(batch: StoredBatch) => void>();
  private seqs: number[] = [];
  private storedAts: number[] = [];
  private oldestAts: number[] = [];
  // Evicted bodies are cleared so their slabs can be collected before the arrays are compacted.
  private bodies: (Uint8Array | undefined)[] = [];
  private start = 0;
  private slab = new Uint8Array(0);
  private slabUsed = 0;

  constructor(
    readonly room: string,
    readonly epoch: string,
    createdAt: number,
  ) {
    this.idleSince = createdAt;
  }

  get size(): number {
    return this.seqs.length - this.start;
  }

  append(batch: StoredBatch, storedAt: number): void {
    this.seqs.push(batch.seq);
    this.storedAts.push(storedAt);
    this.oldestAts.push(batch.oldestAt);
    this.bodies.push(batch.body);
  }

  /**
   * A copy of a body to keep in history: the encoder's small buffers are slices of shared 8 KiB
   * slabs, and history would keep whole slabs alive for a few hundred bytes each (found by the
   * churn soak). Copied into this room's own slab rather than an ArrayBuffer per batch: in 1,000
   * small rooms every comment is a batch of its own, and a million ArrayBuffers (each a backing
   * store the GC tracks) were most of the GC time of the many-rooms profile (docs/benchmarks.md).
   * A slab is freed once every batch in it was evicted.
   */
  keep(body: Uint8Array): Uint8Array {
    if (body.length > MAX_SLAB_BYTES / 4) return body.slice();
    if (this.slabUsed + body.length > this.slab.length) {
      // At least twice the body: a body of up to a quarter of the maximum always fits.
      const size = Math.max(FIRST_SLAB_BYTES, this.slab.length * 2, body.length * 2);
      this.slab = new Uint8Array(Math.min(MAX_SLAB_BYTES, size));
      this.slabUsed = 0;
    }
    const kept = this.slab.subarray(this.slabUsed, this.slabUsed + body.length);
    kept.set(body);
    this.slabUsed += body.length;
    return kept;
  }

  evict(maxBatches: number, oldestKept: number): void {
    while (this.size > 0) {
      if (this.size <= maxBatches && (this.storedAts[this.start] as number) >= oldestKept) break;
      this.evictedThrough = this.seqs[this.start] as number;
      this.bodies[this.start] = undefined;
      this.start++;
    }
    // Compact lazily so eviction stays O(1) amortised instead of shifting on every publish.
    if (this.start > 1024 && this.start * 2 > this.seqs.length) {
      this.seqs = this.seqs.slice(this.start);
      this.storedAts = this.storedAts.slice(this.start);
      this.oldestAts = this.oldestAts.slice(this.start);
      this.bodies = this.bodies.slice(this.start);
      this.start = 0;
    }
  }

  after(seq: number): StoredBatch[] {
    let first = this.seqs.length;
    while (first > this.start && (this.seqs[first - 1] as number) > seq) first--;
    const out: StoredBatch[] = [];
    for (let i = first; i < this.seqs.length; i++)
      out.push({
        room: this.room,
        epoch: this.epoch,
        seq: this.seqs[i] as number,
        body: this.bodies[i] as Uint8Array,
        oldestAt: this.oldestAts[i] as number,
      });
    return out;
  }
}

/**
 * The single-node bus. Seq comes from a per-room counter (no skips); history lives in this
 * process, so a restart loses it and every room gets a new epoch. A room's log is created with the
 * bus's current epoch; forgetting a log that held batches rotates that epoch, so a room created
 * again never reuses an (epoch, seq) of its past life, while a room whose log was empty when it was
 * forgotten comes back with the same epoch: a cursor (epoch, 0) taken in the empty room still
 * means "before the first batch" and resumes.
 */
export class MemoryBus implements Bus {
  readonly kind = 'memory';
  private readonly rooms = new Map<string, RoomLog>();
  private epoch = newEpoch();
  private readonly now: () => number;
  private closed = false;
  private readonly signalListeners: ((message: Signal) => void)[] = [];
  private readonly sweeping: Periodic;

  constructor(private readonly options: MemoryBusOptions) {
    this.now = options.scheduler.now;
    // Age limits must hold for quiet rooms too, which never publish to trigger eviction.
    const interval = Math.min(options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS, options.historyMaxAgeMs);
    this.sweeping = options.scheduler.every('memory bus history sweep', interval, () => this.sweep());
  }

  private log(room: string): RoomLog {
    let log = this.rooms.get(room);
    if (log === undefined) {
      log = new RoomLog(room, this.epoch, this.now());
      this.rooms.set(room, log);
    }
    return log;
  }

  private evict(log: RoomLog): void {
    log.evict(this.options.historyMaxBatches, this.now() - this.options.historyMaxAgeMs);
  }

  private sweep(): void {
    const now = this.now();
    for (const [room, log] of this.rooms) {
      this.evict(log);
      if (log.size > 0 || log.subscribers.size > 0) log.idleSince = now;
      // A room that never had a batch is forgotten at once, so joins of made-up room ids by anonymous
      // viewers cannot pile up logs; its epoch is the bus's, which stays, so nothing a viewer holds
      // changes meaning. An emptied log still carries the seq reconnecting clients resume from;
      // dropping it at once would turn "nothing missed" into a gap. Only long-idle rooms go.
      else if (log.lastSeq === 0) this.rooms.delete(room);
      else if (now - log.idleSince > IDLE_ROOM_FORGET_MS) {
        this.rooms.delete(room);
        this.epoch = newEpoch();
      }
    }
  }

  publish(room: string, body: Uint8Array, oldestAt: number): Promise<Position> {
    if (this.closed) return Promise.reject(new BusUnavailableError('bus closed'));
    const log = this.log(room);
    const batch: StoredBatch = { room, epoch: log.epoch, seq: ++log.lastSeq, body: log.keep(body), oldestAt };
    log.append(batch, this.now());
    this.evict(log);
    // Subscribers run inside publish (the NATS bus hands batches on from its own callbacks). One
    // that throws must not turn a stored batch into a failed write — its comments' retries would
    // then be stored twice — nor keep the batch from the room's other subscribers.
    for (const deliver of log.subscribers) {
      try {
        deliver(batch);
      } catch (err) {
        this.options.onDeliveryError?.(err, room, batch.seq);
      }
    }
    // The stored batch is a Position (epoch, seq): no second object per batch for the answer.
    return Promise.resolve(batch);
  }

  subscribe(room: string, deliver: (batch: StoredBatch) => void): Subscription {
    const log = this.log(room);
    log.subscribers.add(deliver);
    return {
      ready: Promise.resolve({ epoch: log.epoch, seq: log.lastSeq }),
      close: () => {
        log.subscribers.delete(deliver);
      },
    };
  }

  replay(room: string, epoch: string, afterSeq: number): Promise<Replay> {
    const log = this.log(room);
    this.evict(log);
    const head = { epoch: log.epoch, seq: log.lastSeq };
    const sameEpoch = epoch === '' || epoch === log.epoch;
    if (!sameEpoch || afterSeq > log.lastSeq || afterSeq < log.evictedThrough) {
      return Promise.resolve({ complete: false, head });
    }
    return Promise.resolve({ complete: true, head, batches: log.after(afterSeq) });
  }

  head(room: string): Promise<Position> {
    const log = this.log(room);
    return Promise.resolve({ epoch: log.epoch, seq: log.lastSeq });
  }

  signal(message: Signal): Promise<void> {
    // Delivered on a later turn, as a remote bus would: no caller may rely on re-entrancy.
    this.options.scheduler.after(0, () => {
      for (const listener of this.signalListeners) listener(message);
    });
    return Promise.resolve();
  }

  onSignal(listener: (message: Signal) => void): void {
    this.signalListeners.push(listener);
  }

  historyBatches(): Promise<number> {
    let batches = 0;
    for (const log of this.rooms.values()) batches += log.size;
    return Promise.resolve(batches);
  }

  isReady(): boolean {
    return !this.closed;
  }

  onReadyChange(): void {
    // Memory is ready from construction until close; there is no change to report.
  }

  close(): Promise<void> {
    this.closed = true;
    this.sweeping.cancel();
    return Promise.resolve();
  }
}
