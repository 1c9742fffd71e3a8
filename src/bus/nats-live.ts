import type { Logger } from '../log.js';
import { BusUnavailableError, type Position, type StoredBatch } from './bus.js';

// Between two attempts to read what NATS holds while it is away.
const RETRY_DELAY_MS = 250;
// A read of missed batches that stops short of a batch known to be stored (a fetch that expired
// under load, a replica behind its leader) is retried this many times before what is missing is
// taken as evicted: limits retention evicts a room's oldest batches first, not its newest.
const SHORT_READ_RETRIES = 8;

/** What a LiveRoom needs of the bus: the stream's view of one room. */
export interface RoomHistory {
  readonly epoch: string;
  readonly log: Logger;
  /** The room's last stored seq (0: none). Rejects when NATS cannot answer. */
  lastSeq(subject: string): Promise<number>;
  /** Stored batches of the room in (afterSeq, headSeq], in order; may stop short when history was evicted. */
  readBetween(room: string, subject: string, afterSeq: number, headSeq: number): Promise<StoredBatch[]>;
  /** `oldestAt`: ms since the Unix epoch of the batch's oldest item (0: unknown). */
  toBatch(room: string, seq: number, body: Uint8Array, oldestAt: number): StoredBatch;
}

interface Announcement {
  readonly seq: number;
  /** The room's seq before this batch; -1 when its sequencer did not say. */
  readonly prev: number;
  readonly batch: StoredBatch;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One room's live batches on this node, without a JetStream consumer: the room's sequencer
 * announces each stored batch on the live subject with its seq and the room's previous seq, and
 * the bus hands this room's to {@link announced} (the bus's one live subscription exists before
 * any LiveRoom, so nothing stored after the head read below goes unannounced).
 * While announcements chain (prev = the last seq delivered here), each is delivered as it comes;
 * when one does not (an announcement was lost: core NATS is at most once), the missing batches
 * are read from the stream first, so every batch is delivered once, in seq order. After a
 * reconnect the room reads the stream up to its head, since announcements sent meanwhile are gone.
 */
export class LiveRoom {
  readonly ready: Promise<Position>;
  private readonly queue: Announcement[] = [];
  private delivered = 0;
  private started = false;
  private pumping = false;
  private closed = false;
  private shortReads = 0;

  constructor(
    private readonly history: RoomHistory,
    readonly room: string,
    private readonly subject: string,
    private readonly deliver: (batch: StoredBatch) => void,
  ) {
    this.ready = this.start();
  }

  /** Reads the room's head once registered with the bus, so a batch stored between the two is announced, not skipped. */
  private async start(): Promise<Position> {
    let failures = 0;
    for (;;) {
      if (this.closed) throw new BusUnavailableError(`subscription to ${this.room} closed`);
      try {
        const head = await this.history.lastSeq(this.subject);
        this.delivered = Math.max(this.delivered, head);
        this.started = true;
        this.pump();
        if (failures > 0) this.history.log.info({ room: this.room, failures }, 'live room started after retries');
        return { epoch: this.history.epoch, seq: head };
      } catch (err) {
        // Once per streak, not every 250 ms: a permissions error would otherwise hang every join silently or flood the log.
        if (failures++ === 0)
          this.history.log.warn(
            { err, room: this.room },
            "cannot start the live room (reading the room's head); retrying every 250 ms",
          );
        await delay(RETRY_DELAY_MS);
      }
    }
  }

  /**
   * A stored batch of the room: from another node's announcement, or from this node's own write
   * (the connection does not echo). `prev` is the room's seq before it, -1 when unknown; `oldestAt`
   * ms since the Unix epoch.
   */
  announced(seq: number, prev: number, body: Uint8Array, oldestAt: number): void {
    const batch = this.history.toBatch(this.room, seq, body, oldestAt);
    // The common case, the next batch with nothing waiting before it: delivered now, as drain would,
    // without the pump's promises (per batch on every node with viewers in the room).
    if (this.started && !this.pumping && !this.closed && this.queue.length === 0 && prev === this.delivered)
      return this.hand(batch);
    this.queue.push({ seq, prev, batch });
    this.pump();
  }

  /** Delivers queued announcements in order, reading from the stream whatever a hole says was missed. */
  private pump(): void {
    if (!this.started || this.pumping || this.closed) return;
    this.pumping = true;
    void this.drain().finally(() => {
      this.pumping = false;
      // An announcement that arrived between drain's last look at the queue and this callback (NATS
      // hands a socket read's messages over in one synchronous loop, before this microtask runs) was
      // refused by the pump above; without this it would wait for the room's next batch, or forever.
      if (this.queue.length > 0) this.pump();
    });
  }

  private async drain(): Promise<void> {
    while (!this.closed) {
      const next = this.queue[0];
      if (next === undefined) return;
      if (next.seq <= this.delivered) {
        this.queue.shift();
        continue;
      }
      if (next.prev !== this.delivered) {
        const upTo = next.prev >= 0 ? next.prev : next.seq - 1;
        if (upTo > this.delivered && !(await this.fetch(upTo, next.prev >= 0))) {
          // NATS cannot answer now; the reconnect's resync (or the next try) picks it up.
          await delay(RETRY_DELAY_MS);
          continue;
        }
      }
      this.queue.shift();
      if (next.seq > this.delivered) this.hand(next.batch);
    }
  }

  private hand(batch: StoredBatch): void {
    this.delivered = batch.seq;
    this.deliver(batch);
  }

  /**
   * Reads and delivers the stored batches after the last delivered one, up to `upTo`; false when
   * NATS did not answer or the read stopped short of `upTo` (the caller tries again after a pause).
   * `stored`: `upTo` is a batch of this room the sequencer stored (an announcement's prev), so a read
   * must reach it; otherwise it is only a bound (a stream seq) and whatever the read found is all.
   */
  private async fetch(upTo: number, stored: boolean): Promise<boolean> {
    try {
      const batches = await this.history.readBetween(this.room, this.subject, this.delivered, upTo);
      for (const batch of batches) if (batch.seq > this.delivered && !this.closed) this.hand(batch);
      if (this.delivered >= upTo || !stored) {
        this.delivered = Math.max(this.delivered, upTo);
        this.shortReads = 0;
        return true;
      }
      // Skipping the rest now would lose stored batches silently: read again, and only after
      // SHORT_READ_RETRIES take them as evicted.
      if (++this.shortReads <= SHORT_READ_RETRIES) return false;
      this.history.log.warn(
        { room: this.room, from: this.delivered, upTo },
        'batches missing from the stream were skipped (evicted before this node read them)',
      );
      this.shortReads = 0;
      this.delivered = upTo;
      return true;
    } catch (err) {
      // The caller retries after a pause; debug, since a NATS outage already logs at the bus.
      this.history.log.debug({ err, room: this.room }, 'cannot read the missed batches yet');
      return false;
    }
  }

  /**
   * After a reconnect: announcements sent while away are lost, so read the stream up to its head.
   * When the stream was recreated (history lost), everything it holds for the room is new here.
   */
  resync(streamRecreated: boolean): void {
    if (streamRecreated) this.delivered = 0;
    void (async () => {
      let from = this.delivered;
      let shortReads = 0;
      while (!this.closed) {
        try {
          const head = await this.history.lastSeq(this.subject);
          from = Math.max(from, this.delivered);
          if (head <= from) return;
          // Read batches are queued like announcements whose predecessor is unknown: drain fetches any hole.
          const batches = await this.history.readBetween(this.room, this.subject, from, head);
          for (const batch of batches) this.queue.push({ seq: batch.seq, prev: -1, batch });
          this.queue.sort((a, b) => a.seq - b.seq);
          this.pump();
          // The head is stored: a read that did not reach it stopped short. Read the rest now rather
          // than wait for the room's next announcement, which may never come.
          const reached = batches.at(-1)?.seq ?? from;
          if (reached >= head || ++shortReads > SHORT_READ_RETRIES) return;
          from = reached;
          await delay(RETRY_DELAY_MS);
        } catch (err) {
          this.history.log.debug({ err, room: this.room }, 'resync after reconnect failed; retrying');
          await delay(RETRY_DELAY_MS);
        }
      }
    })();
  }

  close(): void {
    this.closed = true;
  }
}
