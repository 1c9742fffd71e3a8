import { randomBytes } from 'node:crypto';
import {
  BusAmbiguousError,
  BusUnavailableError,
  WrongLastSeqError,
  type Bus,
  type Position,
  type PublishOptions,
} from '../bus/bus.js';
import type { PostResult, SequencerDirectory, Submission } from '../bus/directory.js';
import { ErrorCode, v1 } from '../protocol/codec.js';
import { AmbiguousBatchError, type BatchOutcome, type RoomBatcher, type Settler } from './batcher.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';
import { DedupWindow } from './dedup-window.js';

/** Receives one comment's answer, once. */
export type Answer = (result: PostResult) => void;

/**
 * A remembered outcome: the answer once known, else who waits for it (the comment, and retries that
 * came while its batch was in flight); `again` is set while the comment's batch is ambiguous
 * (stored or not, unknown). Plain fields rather than a promise: one of these lives per comment. It
 * is also what the batcher settles: a closure per comment for that was a measurable share of the
 * comment path's allocation (docs/benchmarks.md).
 */
class Remembered implements Settler {
  /**
   * The stored seq of a comment whose outcome was ok, else -1; the answer is rebuilt from it (and
   * `id`) when a retry asks. One of these lives per comment for DEDUP_WINDOW_MS (120 s): keeping
   * the ok answer's object too was a second object per comment that every scavenge copied.
   */
  private okSeq = -1;
  /** The outcome when it was not ok. */
  private refusal: PostResult | undefined = undefined;
  waiting: Answer[] | undefined = undefined;
  again: (() => Promise<Position>) | undefined = undefined;

  /**
   * @param first the comment's answer; undefined for an outcome rebuilt from history (`result` then).
   * @param state the room's window and slow mode, which a failure that stored nothing frees.
   */
  constructor(
    readonly id: string,
    public first: Answer | undefined,
    result: PostResult | undefined,
    private readonly state: Pick<RoomState, 'window' | 'lastPosted'>,
    private readonly userId: string,
    private readonly clientMsgId: string,
  ) {
    this.result = result;
  }

  /** The comment's answer once known: ok with its seq and id, or why not. */
  get result(): PostResult | undefined {
    return this.okSeq >= 0 ? { ok: true, seq: this.okSeq, id: this.id } : this.refusal;
  }

  set result(result: PostResult | undefined) {
    this.okSeq = result?.ok === true ? result.seq : -1;
    this.refusal = result?.ok === false ? result : undefined;
  }

  /** Maps a batch outcome to the comment's answer, keeps what a retry must see, and answers who waits. */
  settle(outcome: BatchOutcome): void {
    let result: PostResult;
    // The batcher's and retry's success outcomes are exactly { ok, seq, id }: answered as they are.
    if (outcome.ok) result = outcome;
    else {
      if (outcome.again !== undefined) {
        // Stored or not is unknown: a retry stores the same batch under the same key, never a second copy.
        this.again = outcome.again;
      } else {
        // Nothing was stored: the comment may be posted again for real, and its slow-mode slot is free.
        this.state.window.delete(this.userId, this.clientMsgId, this);
        this.state.lastPosted.delete(this.userId);
      }
      result = { ok: false, code: outcome.code, retryAfterMs: outcome.retryAfterMs ?? RETRY_AFTER_MS };
    }
    this.result = result;
    const { first, waiting } = this;
    this.first = undefined;
    this.waiting = undefined;
    first?.(result);
    if (waiting !== undefined) for (const wait of waiting) wait(result);
  }
}

/** What the sequencer keeps per room it sequences. */
interface RoomState {
  /**
   * Settles once the window and slow mode are rebuilt from history (a cluster's new owner);
   * undefined once they are (and always on the memory bus), so a comment goes on without a turn.
   */
  adopted: Promise<void> | undefined;
  readonly window: DedupWindow<Remembered>;
  /** user → when their last comment passed slow mode (ms since the epoch). */
  readonly lastPosted: Map<string, number>;
  /** The room's last stored seq as this sequencer wrote it; undefined until read, and after an ambiguous write. */
  lastSeq: number | undefined;
  /** The room's write in flight, if any: the next one starts once it settled (each expects the seq it left). */
  current: Write | undefined;
  /** Writes waiting for {@link current} to settle, oldest first; undefined until a room has had one. */
  queued: Write[] | undefined;
  /**
   * The settle handlers of {@link current}'s publish, made once per room rather than per batch: with
   * many small rooms nearly every comment is a batch, and the write chain's closures and promises
   * were the largest allocator of the comment path (docs/benchmarks.md).
   */
  readonly stored: (position: Position) => Position;
  readonly failed: (err: unknown) => Promise<Position>;
  usedAt: number;
}

/**
 * One batch on its way to the bus, under the idempotency key `msgId` (the same for each try); also
 * the publish's options, so a write allocates no second object for them.
 */
interface Write extends PublishOptions {
  readonly state: RoomState;
  readonly room: string;
  readonly body: Uint8Array;
  /** When its oldest comment came (ms since the epoch). */
  readonly oldestAt: number;
  readonly clientMsgIds: string[];
  /** Once a batch is ambiguous it stays so until a write settles it: a failed retry never turns it into "not stored". */
  readonly ambiguous: boolean;
  /** The current try's expected seq; set before each publish, which reads it until it settles. */
  prevSeq: number;
  /** 1, or 2 once a stale expected seq was read again. */
  attempt: number;
  /** Lets a write that waits its turn start (the room's previous write settled); undefined for one that started at once. */
  start: (() => void) | undefined;
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
    if (remembered === undefined || remembered.again !== undefined) return undefined;
    const known = remembered.result;
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => (remembered.waiting ??= []).push(resolve));
  }

  /** Answers each comment, in order: a retry's original outcome, SLOW_MODE, or its batch's seq and id. */
  submit(room: string, submissions: readonly Submission[]): Promise<PostResult[]> {
    return new Promise((resolve) => {
      const results: PostResult[] = [];
      let left = submissions.length;
      if (left === 0) resolve(results);
      submissions.forEach((submission, i) =>
        this.post(room, submission, (result) => {
          results[i] = result;
          if (--left === 0) resolve(results);
        }),
      );
    });
  }

  /**
   * {@link submit} for one comment, answered through `answer` (once, possibly before this returns):
   * this node's own comments take this path, with no promise per comment.
   */
  post(room: string, submission: Submission, answer: Answer): void {
    const state = this.room(room);
    const adopted = state.adopted;
    if (adopted === undefined) {
      this.one(room, state, submission, answer);
      return;
    }
    adopted.then(
      () => this.one(room, state, submission, answer),
      () => {
        if (this.rooms.get(room) === state) this.rooms.delete(room);
        answer({ ok: false, code: ErrorCode.UNAVAILABLE, retryAfterMs: RETRY_AFTER_MS });
      },
    );
  }

  private one(room: string, state: RoomState, { clientMsgId, item }: Submission, answer: Answer): void {
    const now = this.now();
    state.usedAt = now;
    const userId = item.userId ?? '';
    const earlier = state.window.get(userId, clientMsgId);
    if (earlier !== undefined) {
      const again = earlier.again;
      if (again !== undefined) {
        earlier.again = undefined;
        earlier.result = undefined;
        earlier.first = answer;
        this.retry(earlier, again);
      } else if (earlier.result !== undefined) answer(earlier.result);
      else (earlier.waiting ??= []).push(answer);
      return;
    }
    const slowMs = this.options.slowModeMs(room);
    if (slowMs > 0) {
      const wait = (state.lastPosted.get(userId) ?? -Infinity) + slowMs - now;
      if (wait > 0) {
        answer({ ok: false, code: ErrorCode.SLOW_MODE, retryAfterMs: Math.ceil(wait) });
        return;
      }
      state.lastPosted.set(userId, now);
    }
    const batcher = this.batcher;
    if (batcher === undefined) throw new Error('Sequencer.attach was not called');
    const remembered = new Remembered(item.id ?? '', answer, undefined, state, userId, clientMsgId);
    // In the window before the batcher sees it: a shed comment is answered within enqueue, and must be forgotten.
    state.window.set(userId, clientMsgId, remembered);
    batcher.enqueue(room, item, clientMsgId, remembered);
  }

  private retry(remembered: Remembered, again: () => Promise<Position>): void {
    again().then(
      (position) => remembered.settle({ ok: true, seq: position.seq, id: remembered.id }),
      (err: unknown) =>
        remembered.settle(
          err instanceof AmbiguousBatchError
            ? { ok: false, code: ErrorCode.UNAVAILABLE, again: err.again }
            : { ok: false, code: err instanceof BusUnavailableError ? ErrorCode.UNAVAILABLE : ErrorCode.INTERNAL },
        ),
    );
  }

  private room(room: string): RoomState {
    let state = this.rooms.get(room);
    if (state === undefined) {
      const created: RoomState = {
        adopted: undefined,
        window: new DedupWindow<Remembered>(this.options.dedupWindowMs, this.now),
        lastPosted: new Map(),
        lastSeq: undefined,
        current: undefined,
        queued: undefined,
        stored: (position) => this.stored(created, position),
        failed: (err) => this.failed(created, err),
        usedAt: this.now(),
      };
      // Rebuilt in place: the window, slow mode and last seq adopt() fills are the ones submit() reads.
      if (this.directory !== undefined) {
        const adopted = this.adopt(room, created);
        created.adopted = adopted;
        // Registered first, so it runs before the comments that waited: they keep their order.
        adopted.then(
          () => {
            if (created.adopted === adopted) created.adopted = undefined;
          },
          // eslint-disable-next-line local/handled-errors -- each comment that waits on `adopted` answers the failure (post)
          () => undefined,
        );
      }
      state = created;
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
            new Remembered(result.id, undefined, result, state, userId, clientMsgId),
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
    const state = this.room(room);
    return this.write({
      state,
      room,
      body,
      oldestAt,
      msgId,
      clientMsgIds,
      ambiguous: false,
      prevSeq: 0,
      attempt: 1,
      start: undefined,
    });
  };

  /**
   * One write of the room's chain: at once in an idle room; in a busy one after the room's writes
   * before it, stored or not (a failure reaches that write's caller, and the next expects the seq
   * read afresh). A refusal for a stale expected seq (history evicted under it, or a write of ours
   * that was ambiguous) is retried once after reading the head. Then-chains, not async functions,
   * and the room's own handlers: with many small rooms every comment is a batch of its own.
   */
  private write(write: Write): Promise<Position> {
    const state = write.state;
    if (state.current === undefined) {
      state.current = write;
      return this.attempt(write);
    }
    return new Promise<void>((start) => {
      write.start = start;
      (state.queued ??= []).push(write);
    }).then(() => this.attempt(write));
  }

  /** Publishes the room's current write expecting the room's last seq (read first when unknown). */
  private attempt(write: Write): Promise<Position> {
    const { state } = write;
    let published: Promise<Position>;
    try {
      published = this.publish(write);
    } catch (err) {
      // A bus that throws at once fails this write like a rejection: the room's next write still starts.
      published = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return published.then(state.stored, state.failed);
  }

  private publish(write: Write): Promise<Position> {
    const { state, room } = write;
    const prevSeq = state.lastSeq;
    if (prevSeq === undefined)
      return this.bus.head(room).then((head) => {
        state.lastSeq ??= head.seq;
        return this.publish(write);
      });
    write.prevSeq = prevSeq;
    return this.bus.publish(room, write.body, write.oldestAt, write);
  }

  private stored(state: RoomState, position: Position): Position {
    const write = state.current as Write;
    state.lastSeq = Math.max(write.prevSeq, position.seq);
    this.next(state);
    return position;
  }

  /** A stale expected seq is tried once more; any other failure ends the write, ambiguous if it may have been stored. */
  private failed(state: RoomState, err: unknown): Promise<Position> {
    const write = state.current as Write;
    state.lastSeq = undefined;
    if (err instanceof WrongLastSeqError && write.attempt === 1) {
      write.attempt = 2;
      return this.attempt(write);
    }
    this.next(state);
    if (write.ambiguous || err instanceof BusAmbiguousError)
      throw new AmbiguousBatchError(err, () =>
        this.write({ ...write, ambiguous: true, prevSeq: 0, attempt: 1, start: undefined }),
      );
    throw err;
  }

  /** The room's current write settled: the oldest waiting one starts, else the room is idle. */
  private next(state: RoomState): void {
    const next = state.queued?.shift();
    state.current = next;
    next?.start?.();
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
