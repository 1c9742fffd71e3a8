import type { Bus, Position, StoredBatch, Subscription } from '../bus/bus.js';
import { encodeBatchBody, stampBatch, v1 } from '../protocol/codec.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Scheduler } from '../lifecycle/scheduler.js';
import { ResumeWindow, type ResumeWindowLimits } from './resume-window.js';

/**
 * What a room's compact frames need besides the batch (src/protocol/compact.ts): its alias on this
 * node, and the epoch every compact viewer's joined carried (null once they differ), which compact
 * batches of that epoch leave out. Built by the fan-out only when the room has compact viewers.
 */
export interface CompactRoom {
  readonly alias: number;
  readonly compactEpoch: string | null | undefined;
}

/** Hands one stamped batch frame to every local viewer of a room (uWS pub/sub in the gateway). */
export type Fanout = (frame: Uint8Array, batch: StoredBatch, compact: CompactRoom) => void;

/** Danmaku ids a moderator recalled; replayed history leaves them out. */
export interface RecalledIds {
  hasRecalls(room: string): boolean;
  isRecalled(room: string, id: string): boolean;
}

export type JoinOutcome = 'fresh' | 'resumed' | 'gap';

export interface JoinResult {
  readonly outcome: JoinOutcome;
  /** The room's position when the join was answered; live batches continue after it. */
  readonly head: Position;
  /** Stamped batch frames the viewer missed, in order; send them before any live batch. */
  readonly replay: readonly Uint8Array[];
}

interface LocalRoom extends CompactRoom {
  /** The room's name, the one string every local viewer's session keeps (see roomName). */
  readonly name: string;
  viewers: number;
  readonly subscription: Subscription;
  delivered: Position | undefined;
  readonly caughtUp: Set<() => void>;
  /** The UTF-8 bytes of the last epoch stamped, so a live batch does not encode it again. */
  epochBytes: { readonly epoch: string; readonly bytes: Uint8Array } | undefined;
  compactEpoch: string | null | undefined;
  /** Recent batches delivered here, which serve cursors without a bus read. */
  readonly window: ResumeWindow;
}

const utf8 = new TextEncoder();
const pooled = (bytes: number): Uint8Array => Buffer.allocUnsafe(bytes);

// How long a join waits for this node's subscription to deliver what history already holds.
// Only a lagging bus consumer makes it wait; past this the join proceeds (the SDK de-duplicates by seq).
const CATCH_UP_TIMEOUT_MS = 2000;

/**
 * This node's side of every room: one bus subscription per room with local viewers, shared by
 * all of them; the stamped frame of each batch is built once here and fanned out to all.
 */
export class RoomHub {
  private readonly rooms = new Map<string, LocalRoom>();
  private viewersChanged: (room: string) => void = () => undefined;
  private aliases = 0;

  constructor(
    private readonly bus: Bus,
    private readonly fanout: Fanout,
    private readonly metrics: Metrics,
    private readonly maxReplayBytes: number,
    private readonly recalled: RecalledIds,
    private readonly windowLimits: ResumeWindowLimits,
    private readonly scheduler: Scheduler,
  ) {}

  /** Local viewers of a room (a viewer joins before its replay is fetched, so it counts at once). */
  localViewers(room: string): number {
    return this.rooms.get(room)?.viewers ?? 0;
  }

  /** Called after a room's local viewer count changed (a join or a release), with the room's name. */
  onViewersChange(listener: (room: string) => void): void {
    this.viewersChanged = listener;
  }

  roomNames(): IterableIterator<string> {
    return this.rooms.keys();
  }

  /**
   * This node's copy of a room's name when the room has local viewers, else the name given. Every
   * join decodes its own copy of the name; sessions keep this one, so a room's thousands of idle
   * viewers do not each hold one.
   */
  roomName(room: string): string {
    return this.rooms.get(room)?.name ?? room;
  }

  private acquire(room: string): LocalRoom {
    let local = this.rooms.get(room);
    if (local === undefined) {
      const created: LocalRoom = {
        name: room,
        viewers: 0,
        subscription: this.bus.subscribe(room, (batch) => this.deliver(created, batch)),
        delivered: undefined,
        caughtUp: new Set(),
        epochBytes: undefined,
        alias: ++this.aliases,
        compactEpoch: undefined,
        window: new ResumeWindow(this.windowLimits),
      };
      void created.subscription.ready.then(
        (position) => {
          created.delivered ??= position;
          created.window.started(position);
        },
        // eslint-disable-next-line local/handled-errors -- a failed subscription fails every join, which awaits `ready` itself
        () => undefined,
      );
      local = created;
      this.rooms.set(room, local);
      this.metrics.roomsActive.set(this.rooms.size);
    }
    local.viewers++;
    this.metrics.viewers.inc();
    this.viewersChanged(room);
    return local;
  }

  /**
   * The alias a compact viewer's joined names the room by, recording the epoch that joined
   * carried: live compact batches of that epoch leave it out while every such joined agreed on it.
   * Only for a room the viewer holds (joined), so the room is local.
   */
  compactAlias(room: string, epoch: string): number {
    const local = this.rooms.get(room);
    if (local === undefined) return 0;
    if (local.compactEpoch === undefined) local.compactEpoch = epoch;
    else if (local.compactEpoch !== epoch) local.compactEpoch = null;
    return local.alias;
  }

  /** Called once per viewer that joined (whether or not its join finished). */
  release(room: string): void {
    const local = this.rooms.get(room);
    if (local === undefined) return;
    local.viewers--;
    this.metrics.viewers.dec();
    if (local.viewers === 0) {
      local.subscription.close();
      this.rooms.delete(room);
      this.metrics.roomsActive.set(this.rooms.size);
    }
    this.viewersChanged(room);
  }

  private deliver(local: LocalRoom, batch: StoredBatch): void {
    // The batch is a Position (epoch, seq), and the window keeps it anyway: no object per batch.
    local.delivered = batch;
    local.window.add(batch);
    if (local.epochBytes?.epoch !== batch.epoch)
      local.epochBytes = { epoch: batch.epoch, bytes: utf8.encode(batch.epoch) };
    // Live frames are short-lived (published, then dropped): pooled Buffers, no ArrayBuffer each.
    this.fanout(stampBatch(batch.body, local.epochBytes.bytes, batch.seq, pooled), batch, local);
    this.metrics.deliveryLatency.observe(Math.max(0, this.scheduler.now() - batch.oldestAt) / 1000);
    for (const wake of local.caughtUp) wake();
  }

  /**
   * A replayed batch minus recalled danmaku. Only replays of rooms with recalls pay a decode and
   * re-encode; live batches are never touched. A batch left empty still goes out, keeping its seq.
   */
  private withoutRecalled(batch: StoredBatch): Uint8Array {
    if (!this.recalled.hasRecalls(batch.room)) return batch.body;
    const decoded = v1.Batch.decode(batch.body);
    const kept = decoded.items.filter((item) => !this.recalled.isRecalled(batch.room, item.id ?? ''));
    return kept.length === decoded.items.length ? batch.body : encodeBatchBody(decoded.room, kept);
  }

  private waitForDelivery(local: LocalRoom, seq: number): Promise<void> {
    if ((local.delivered?.seq ?? 0) >= seq) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = () => {
        this.scheduler.cancel(timer);
        local.caughtUp.delete(check);
        resolve();
      };
      const check = () => {
        if ((local.delivered?.seq ?? 0) >= seq) finish();
      };
      const timer = this.scheduler.after(CATCH_UP_TIMEOUT_MS, finish);
      local.caughtUp.add(check);
    });
  }

  /**
   * A join answered from the room's resume window, or undefined when the window cannot vouch for
   * the cursor (then the bus's history decides). Synchronous from the window read to the return, so
   * no live batch slips between the replay and the head the caller subscribes after.
   */
  private fromWindow(local: LocalRoom, epoch: string, lastSeq: number): JoinResult | undefined {
    const delivered = local.delivered;
    if (delivered === undefined || epoch === '') return undefined;
    const batches = local.window.after(epoch, lastSeq);
    if (batches === undefined) return undefined;
    this.metrics.resumeWindowHits.inc();
    const replay: Uint8Array[] = [];
    let replayBytes = 0;
    for (const batch of batches) {
      const frame = stampBatch(this.withoutRecalled(batch), batch.epoch, batch.seq);
      replayBytes += frame.length;
      if (replayBytes > this.maxReplayBytes) return { outcome: 'gap', head: delivered, replay: [] };
      replay.push(frame);
    }
    return { outcome: 'resumed', head: delivered, replay };
  }

  /**
   * Joins a room for one viewer. With lastSeq > 0 it replays every batch after it, or reports a
   * gap (history too short, another epoch, or more than maxReplayBytes missed); it never returns
   * part of the missing history as a resume. When the promise resolves,
   * the caller must subscribe the viewer to live batches synchronously: everything after
   * `head` comes live, everything up to it was in `replay`.
   */
  async join(room: string, epoch: string, lastSeq: number): Promise<JoinResult> {
    const local = this.acquire(room);
    const start = await local.subscription.ready;
    local.delivered ??= start;
    // An epoch with seq 0 is a cursor too: the viewer joined an empty room and must get what came since.
    if (lastSeq === 0 && epoch === '') {
      return { outcome: 'fresh', head: local.delivered, replay: [] };
    }
    const fromWindow = this.fromWindow(local, epoch, lastSeq);
    if (fromWindow !== undefined) return fromWindow;
    const replay: Uint8Array[] = [];
    let replayBytes = 0;
    let cursor = lastSeq;
    let cursorEpoch = epoch;
    for (;;) {
      this.metrics.busHistoryReads.inc();
      const page = await this.bus.replay(room, cursorEpoch, cursor);
      if (!page.complete) return { outcome: 'gap', head: local.delivered ?? page.head, replay: [] };
      for (const batch of page.batches) {
        const frame = stampBatch(this.withoutRecalled(batch), batch.epoch, batch.seq);
        replayBytes += frame.length;
        // Past this a resume would flood the socket with minutes-old danmaku; say gap instead.
        if (replayBytes > this.maxReplayBytes)
          return { outcome: 'gap', head: local.delivered ?? page.head, replay: [] };
        replay.push(frame);
        cursor = batch.seq;
      }
      cursorEpoch = page.head.epoch;
      await this.waitForDelivery(local, page.head.seq);
      const delivered = local.delivered ?? page.head;
      // Batches delivered live while we were fetching are already gone past this viewer: fetch again.
      if (delivered.seq <= cursor)
        return { outcome: 'resumed', head: { epoch: cursorEpoch, seq: Math.max(cursor, delivered.seq) }, replay };
    }
  }
}
