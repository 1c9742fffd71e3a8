import { randomBytes } from 'node:crypto';
import { BusAmbiguousError, BusUnavailableError, WrongLastSeqError, type Bus, type Position } from '../bus/bus.js';
import type { PostResult, SequencerDirectory, Submission } from '../bus/directory.js';
import { ErrorCode, v1 } from '../protocol/codec.js';
import { AmbiguousBatchError, type BatchOutcome, type RoomBatcher } from './batcher.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';
import { DedupWindow } from './dedup-window.js';

/** A remembered outcome; `again` is set while the comment's batch is ambiguous (stored or not, unknown). */
interface Remembered {
  readonly id: string;
  result: Promise<PostResult>;
  again: (() => Promise<Position>) | undefined;
}

/** What the sequencer keeps per room it sequences. */
interface RoomState {
  /** Settles once the window and slow mode are rebuilt from history (a cluster's new owner). */
  adopted: Promise<void>;
  readonly window: DedupWindow<Remembered>;
  /** user → when their last comment passed slow mode (ms since the epoch). */
  readonly lastPosted: Map<string, number>;
  /** The room's last stored seq as this sequencer wrote it; undefined until read, and after an ambiguous write. */
  lastSeq: number | undefined;
  /** The room's writes, one at a time: each expects the seq the previous one left. */
  tail: Promise<unknown>;
  usedAt: number;
}

export interface SequencerOptions {
  /** DEDUP_WINDOW_MS: how long (ms) a (user, client_msg_id) is answered with its first outcome. */
  readonly dedupWindowMs: number;
  /** The room's slow-mode interval (ms), 0 for none; read per comment so an admin change applies at once. */
  readonly slowModeMs: (room: string) => number;
}

// What a refused comment waits before its retry: what CommentPipeline tells clients for UNAVAILABLE.
const RETRY_AFTER_MS = 1000;

/**
 * The one place a room's comments are ordered: on the memory bus every room's, in a cluster the
 * rooms whose lease this node holds. Per room it de-duplicates by (user, client_msg_id) for
 * DEDUP_WINDOW_MS, applies slow mode room-wide, hands the rest to the batcher (which applies the
 * room's broadcast budget and flushes once per tick), and writes the room's batches one at a time,
 * each with an idempotency key and the seq it expects before it, so no second writer can interleave.
 * A room taken over from another node first rebuilds its window and slow mode from the room's
 * history, so a retry that reaches it after the old owner stored the comment gets the original seq and id.
 */
export class Sequencer {
  private readonly rooms = new Map<string, RoomState>();
  // Idempotency keys unique across nodes and restarts without coordination: a random boot prefix and a counter.
  private readonly bootId = randomBytes(6).toString('base64url');
  private writes = 0;
  private readonly now: () => number;
  private readonly sweeping: Periodic;
  private batcher: RoomBatcher | undefined;

  constructor(
    private readonly bus: Bus,
    private readonly directory: SequencerDirectory | undefined,
    private readonly options: SequencerOptions,
    scheduler: Scheduler,
  ) {
    this.now = scheduler.now;
    directory?.onLost((room) => this.rooms.delete(room));
    this.sweeping = scheduler.every('sequencer sweep', Math.min(options.dedupWindowMs, 10_000), () => this.sweep());
  }

  /** The batcher stores through {@link store}; the two are built around each other once, before any submit. */
  attach(batcher: RoomBatcher): void {
    this.batcher = batcher;
  }

  /**
   * The remembered outcome of a retry, when this node sequences the room and the outcome is known
   * (stored, or in flight): lets a retry skip the per-node checks, as a comment already accepted
   * must get its original ack even if its user is limited now.
   */
  earlier(room: string, userId: string, clientMsgId: string): Promise<PostResult> | undefined {
    const remembered = this.rooms.get(room)?.window.get(userId, clientMsgId);
    return remembered?.again === undefined ? remembered?.result : undefined;
  }

  /** Answers each comment, in order: a retry's original outcome, SLOW_MODE, or its batch's seq and id. */
  async submit(room: string, submissions: readonly Submission[]): Promise<PostResult[]> {
    const state = this.room(room);
    try {
      await state.adopted;
    } catch {
      if (this.rooms.get(room) === state) this.rooms.delete(room);
      return submissions.map(() => ({ ok: false, code: ErrorCode.UNAVAILABLE, retryAfterMs: RETRY_AFTER_MS }));
    }
    state.usedAt = this.now();
    return Promise.all(submissions.map((submission) => this.one(room, state, submission)));
  }

  private one(room: string, state: RoomState, { clientMsgId, item }: Submission): Promise<PostResult> {
    const userId = item.userId ?? '';
    const earlier = state.window.get(userId, clientMsgId);
    if (earlier !== undefined) {
      const again = earlier.again;
      if (again !== undefined) {
        earlier.again = undefined;
        earlier.result = this.settle(state, userId, clientMsgId, earlier, this.retried(earlier, again));
      }
      return earlier.result;
    }
    const slowMs = this.options.slowModeMs(room);
    const now = this.now();
    if (slowMs > 0) {
      const wait = (state.lastPosted.get(userId) ?? -Infinity) + slowMs - now;
      if (wait > 0) return Promise.resolve({ ok: false, code: ErrorCode.SLOW_MODE, retryAfterMs: Math.ceil(wait) });
      state.lastPosted.set(userId, now);
    }
    const batcher = this.batcher;
    if (batcher === undefined) throw new Error('Sequencer.attach was not called');
    const remembered: Remembered = {
      id: item.id ?? '',
      result: Promise.resolve({ ok: false, code: 0 }),
      again: undefined,
    };
    remembered.result = this.settle(state, userId, clientMsgId, remembered, batcher.add(room, item, clientMsgId));
    state.window.set(userId, clientMsgId, remembered);
    return remembered.result;
  }

  private retried(remembered: Remembered, again: () => Promise<Position>): Promise<BatchOutcome> {
    return again().then(
      (position) => ({ ok: true, seq: position.seq, id: remembered.id }),
      (err: unknown) =>
        err instanceof AmbiguousBatchError
          ? { ok: false, code: ErrorCode.UNAVAILABLE, again: err.again }
          : { ok: false, code: err instanceof BusUnavailableError ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL },
    );
  }

  /** Maps a batch outcome to the comment's answer, keeping what a retry must see. */
  private async settle(
    state: RoomState,
    userId: string,
    clientMsgId: string,
    remembered: Remembered,
    outcome: Promise<BatchOutcome>,
  ): Promise<PostResult> {
    const result = await outcome;
    if (result.ok) return { ok: true, seq: result.seq, id: result.id };
    if (result.again !== undefined) {
      // Stored or not is unknown: a retry stores the same batch under the same key, never a second copy.
      remembered.again = result.again;
    } else {
      // Nothing was stored: the comment may be posted again for real, and its slow-mode slot is free.
      state.window.delete(userId, clientMsgId, remembered);
      state.lastPosted.delete(userId);
    }
    return { ok: false, code: result.code, retryAfterMs: result.retryAfterMs ?? RETRY_AFTER_MS };
  }

  private room(room: string): RoomState {
    let state = this.rooms.get(room);
    if (state === undefined) {
      state = {
        adopted: Promise.resolve(),
        window: new DedupWindow<Remembered>(this.options.dedupWindowMs, this.now),
        lastPosted: new Map(),
        lastSeq: undefined,
        tail: Promise.resolve(),
        usedAt: this.now(),
      };
      // Rebuilt in place: the window, slow mode and last seq adopt() fills are the ones submit() reads.
      if (this.directory !== undefined) state.adopted = this.adopt(room, state);
      this.rooms.set(room, state);
    }
    return state;
  }

  /**
   * Rebuilds a room's window and slow mode from the batches stored in the last DEDUP_WINDOW_MS:
   * every item carries its user, id and sent_at_ms, and the stored batch the client_msg_id of each.
   */
  private async adopt(room: string, state: Omit<RoomState, 'adopted'>): Promise<void> {
    const directory = this.directory as SequencerDirectory;
    const since = this.now() - this.options.dedupWindowMs;
    const { head, batches } = await directory.recent(room, since);
    for (const batch of batches) {
      const items = v1.Batch.decode(batch.body).items;
      items.forEach((item, i) => {
        const clientMsgId = batch.clientMsgIds[i];
        const userId = item.userId ?? '';
        const at = Number(item.sentAtMs ?? 0);
        if (clientMsgId !== undefined) {
          const result: PostResult = { ok: true, seq: batch.seq, id: item.id ?? '' };
          state.window.set(
            userId,
            clientMsgId,
            { id: result.id, result: Promise.resolve(result), again: undefined },
            at,
          );
        }
        if (at > (state.lastPosted.get(userId) ?? 0)) state.lastPosted.set(userId, at);
      });
    }
    state.lastSeq = head;
  }

  /**
   * The batcher's StoreBatch: writes a room's batches one after another, each under a fresh
   * idempotency key and expecting the seq its predecessor left.
   */
  readonly store = (room: string, body: Uint8Array, oldestAt: number, clientMsgIds: string[]): Promise<Position> => {
    const msgId = `${this.bootId}.${(this.writes++).toString(36)}`;
    return this.write(this.room(room), room, body, oldestAt, msgId, clientMsgIds);
  };

  /**
   * One write of the room's chain. A refusal for a stale expected seq (history evicted under it, or a
   * write of ours that was ambiguous) is retried once after reading the head. Once a batch is
   * ambiguous it stays so until a write settles it: a failed retry never turns it into "not stored".
   */
  private write(
    state: RoomState,
    room: string,
    body: Uint8Array,
    oldestAt: number,
    msgId: string,
    clientMsgIds: string[],
    ambiguous = false,
  ): Promise<Position> {
    const again = () => this.write(state, room, body, oldestAt, msgId, clientMsgIds, true);
    const run = state.tail.then(async () => {
      try {
        for (let attempt = 1; ; attempt++) {
          state.lastSeq ??= (await this.bus.head(room)).seq;
          try {
            const prevSeq = state.lastSeq;
            const position = await this.bus.publish(room, body, oldestAt, { msgId, prevSeq, clientMsgIds });
            state.lastSeq = Math.max(prevSeq, position.seq);
            return position;
          } catch (err) {
            state.lastSeq = undefined;
            if (!(err instanceof WrongLastSeqError) || attempt > 1) throw err;
          }
        }
      } catch (err) {
        if (ambiguous || err instanceof BusAmbiguousError) throw new AmbiguousBatchError(err, again);
        throw err;
      }
    });
    // eslint-disable-next-line local/handled-errors -- the failure reaches the caller through `run`; the tail only orders the room's next write
    state.tail = run.catch(() => undefined);
    return run;
  }

  /** Forgets rooms idle for a whole window: nothing in their window can be asked for any more. */
  private sweep(): void {
    const idleSince = this.now() - this.options.dedupWindowMs;
    for (const [room, state] of this.rooms) if (state.usedAt < idleSince) this.rooms.delete(room);
  }

  close(): void {
    this.sweeping.cancel();
  }
}
