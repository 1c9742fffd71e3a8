import { BusUnavailableError } from '../bus/bus.js';
import {
  NotOwnerError,
  type ForwardAnswer,
  type PostResult,
  type SequencerDirectory,
  type Submission,
} from '../bus/directory.js';
import { ErrorCode } from '../protocol/codec.js';
import { untilAligned } from './batcher.js';
import type { Answer, Sequencer } from './sequencer.js';

export interface RouterOptions {
  /** BATCH_INTERVAL_MS: a room's comments go to a remote sequencer at most once per interval (ms). */
  readonly intervalMs: number;
  /** BATCH_ALIGN_MS: a quiet node's first forward waits for the next multiple of this (ms of the wall clock); 0 = next turn. */
  readonly alignMs?: number;
  /** How long (ms) a forward keeps looking for the room's sequencer (owner gone, lease not yet expired) before UNAVAILABLE. */
  readonly forwardDeadlineMs: number;
}

interface Outbox {
  readonly submissions: Submission[];
  readonly answers: Answer[];
}

const RETRY_AFTER_MS = 1000;
const UNAVAILABLE: PostResult = { ok: false, code: ErrorCode.UNAVAILABLE, retryAfterMs: RETRY_AFTER_MS };
// Between two looks for a room's owner while its old holder's lease runs out.
const OWNER_RETRY_MS = 200;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Takes each comment this node accepted to its room's sequencer: the local one when this node holds
 * the room (always, on the memory bus), else the holder's over NATS request/reply. Comments for
 * remote sequencers are collected and sent once per interval: one request per owner node per tick,
 * carrying every comment of every room that node sequences.
 */
export class CommentRouter {
  private outboxes = new Map<string, Outbox>();
  private scheduled = false;
  private lastFlushAt = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sequencer: Sequencer,
    private readonly directory: SequencerDirectory | undefined,
    private readonly options: RouterOptions,
  ) {}

  /** See {@link Sequencer.earlier}; only rooms sequenced here can answer without a round trip. */
  earlier(room: string, userId: string, clientMsgId: string): Promise<PostResult> | undefined {
    if (this.directory !== undefined && !this.directory.holds(room)) return undefined;
    return this.sequencer.earlier(room, userId, clientMsgId);
  }

  /**
   * Takes a comment to its room's sequencer; `answer` is called once with its result (possibly
   * before this returns). A callback, not a promise: a node's own rooms answer with no promise per comment.
   */
  post(room: string, submission: Submission, answer: Answer): void {
    if (this.directory === undefined || this.directory.holds(room)) {
      this.sequencer.post(room, submission, answer);
      return;
    }
    let outbox = this.outboxes.get(room);
    if (outbox === undefined) {
      outbox = { submissions: [], answers: [] };
      this.outboxes.set(room, outbox);
    }
    outbox.submissions.push(submission);
    outbox.answers.push(answer);
    this.schedule();
  }

  /**
   * A quiet node's first comment goes on the next turn (or aligned boundary, with alignMs); a busy
   * node's at most once per interval.
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const now = Date.now();
    const wait = Math.max(
      this.lastFlushAt + this.options.intervalMs - now,
      untilAligned(now, this.options.alignMs ?? 0),
    );
    const run = () => {
      this.scheduled = false;
      this.flush();
    };
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  }

  private flush(): void {
    if (this.outboxes.size === 0) return;
    const rooms = [...this.outboxes];
    this.outboxes = new Map();
    this.lastFlushAt = Date.now();
    const done = this.send(rooms, this.lastFlushAt + this.options.forwardDeadlineMs);
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /** Looks up each room's owner, then sends every room bound for one node in one request. */
  private async send(rooms: readonly [string, Outbox][], deadline: number): Promise<void> {
    const directory = this.directory as SequencerDirectory;
    // An owner that cannot be looked up yet goes the one-room way (deliver), which looks again until the deadline.
    // eslint-disable-next-line local/handled-errors -- undefined is the answer "owner unknown", handled below
    const owners = await Promise.all(rooms.map(([room]) => directory.owner(room).catch(() => undefined)));
    const byNode = new Map<string, [string, Outbox][]>();
    const alone: Promise<void>[] = [];
    rooms.forEach(([room, outbox], i) => {
      const owner = owners[i];
      if (owner === undefined || owner.local) {
        alone.push(answer(outbox, this.deliver(room, outbox.submissions, deadline)));
        return;
      }
      const group = byNode.get(owner.node) ?? [];
      group.push([room, outbox]);
      byNode.set(owner.node, group);
    });
    await Promise.all([...alone, ...[...byNode].map(([node, group]) => this.forwardTo(node, group, deadline))]);
  }

  private async forwardTo(node: string, group: readonly [string, Outbox][], deadline: number): Promise<void> {
    const directory = this.directory as SequencerDirectory;
    let answers: ForwardAnswer[];
    try {
      answers = await directory.forward(
        node,
        group.map(([room, outbox]) => ({ room, submissions: outbox.submissions })),
      );
    } catch {
      // Gone, or no answer in time: each room looks for its owner again below.
      answers = [];
    }
    await Promise.all(
      group.map(([room, outbox], i) => {
        const results = answers[i];
        if (results !== undefined) return answer(outbox, Promise.resolve(results));
        // Its owner moved or did not answer: this room alone looks again until the deadline.
        return answer(
          outbox,
          delay(OWNER_RETRY_MS).then(() => this.deliver(room, outbox.submissions, deadline)),
        );
      }),
    );
  }

  /**
   * Finds the room's sequencer and hands it the comments; when its holder is gone (no answer, or
   * it no longer holds the room) asks the directory again until the deadline. Resending is safe:
   * the sequencer de-duplicates by (user, client_msg_id), and a new one rebuilds that from history.
   */
  private async deliver(
    room: string,
    submissions: readonly Submission[],
    deadline: number,
  ): Promise<readonly PostResult[]> {
    const directory = this.directory as SequencerDirectory;
    for (;;) {
      try {
        const owner = await directory.owner(room);
        if (owner.local) return await this.sequencer.submit(room, submissions);
        const [results] = await directory.forward(owner.node, [{ room, submissions }]);
        if (results === undefined) throw new NotOwnerError(`${owner.node} does not sequence ${room}`);
        return results;
      } catch (err) {
        if (!(err instanceof NotOwnerError || err instanceof BusUnavailableError)) throw err;
        if (Date.now() + OWNER_RETRY_MS > deadline) throw err;
        await delay(OWNER_RETRY_MS);
      }
    }
  }

  /** Sends every collected comment now and waits until all are answered (drain). */
  async flushAll(): Promise<void> {
    this.flush();
    await Promise.all([...this.inFlight]);
  }
}

/** Answers each comment of the outbox from its results, in order; UNAVAILABLE when there is none. */
function answer(outbox: Outbox, results: Promise<readonly PostResult[]>): Promise<void> {
  return results.then(
    (list) => outbox.answers.forEach((resolve, i) => resolve(list[i] ?? UNAVAILABLE)),
    () => outbox.answers.forEach((resolve) => resolve(UNAVAILABLE)),
  );
}
