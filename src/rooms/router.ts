import { BusUnavailableError } from '../bus/bus.js';
import { NotOwnerError, type PostResult, type SequencerDirectory, type Submission } from '../bus/directory.js';
import { ErrorCode } from '../protocol/codec.js';
import type { Sequencer } from './sequencer.js';

export interface RouterOptions {
  /** BATCH_INTERVAL_MS: a room's comments go to a remote sequencer at most once per interval (ms). */
  readonly intervalMs: number;
  /** How long (ms) a forward keeps looking for the room's sequencer (owner gone, lease not yet expired) before UNAVAILABLE. */
  readonly forwardDeadlineMs: number;
}

interface Outbox {
  readonly submissions: Submission[];
  readonly answers: ((result: PostResult) => void)[];
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
 * the room (always, on the memory bus), else the holder's over NATS request/reply — one request per
 * room per tick, carrying every comment of the tick.
 */
export class CommentRouter {
  private readonly outboxes = new Map<string, Outbox>();
  private readonly lastSentAt = new Map<string, number>();
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

  post(room: string, submission: Submission): Promise<PostResult> {
    if (this.directory === undefined || this.directory.holds(room))
      return this.sequencer.submit(room, [submission]).then((results) => results[0] as PostResult);
    return new Promise((resolve) => {
      let outbox = this.outboxes.get(room);
      if (outbox === undefined) {
        outbox = { submissions: [], answers: [] };
        this.outboxes.set(room, outbox);
        const since = Date.now() - (this.lastSentAt.get(room) ?? 0);
        const send = () => this.send(room);
        if (since >= this.options.intervalMs) setImmediate(send);
        else setTimeout(send, this.options.intervalMs - since);
      }
      outbox.submissions.push(submission);
      outbox.answers.push(resolve);
    });
  }

  private send(room: string): void {
    const outbox = this.outboxes.get(room);
    if (outbox === undefined) return;
    this.outboxes.delete(room);
    const now = Date.now();
    this.lastSentAt.set(room, now);
    // Rooms quiet for a tick need no memory of when they last sent.
    if (this.lastSentAt.size > 1024)
      for (const [r, at] of this.lastSentAt) if (now - at > this.options.intervalMs) this.lastSentAt.delete(r);
    const done = this.deliver(room, outbox.submissions, now + this.options.forwardDeadlineMs).then(
      (results) => outbox.answers.forEach((answer, i) => answer(results[i] ?? UNAVAILABLE)),
      () => outbox.answers.forEach((answer) => answer(UNAVAILABLE)),
    );
    this.inFlight.add(done);
    void done.finally(() => this.inFlight.delete(done));
  }

  /**
   * Finds the room's sequencer and hands it the comments; when its holder is gone (no answer, or
   * it no longer holds the room) asks the directory again until the deadline. Resending is safe:
   * the sequencer de-duplicates by (user, client_msg_id), and a new one rebuilds that from history.
   */
  private async deliver(room: string, submissions: readonly Submission[], deadline: number): Promise<PostResult[]> {
    const directory = this.directory as SequencerDirectory;
    for (;;) {
      try {
        const owner = await directory.owner(room);
        if (owner.local) return await this.sequencer.submit(room, submissions);
        return await directory.forward(owner.node, room, submissions);
      } catch (err) {
        if (!(err instanceof NotOwnerError || err instanceof BusUnavailableError)) throw err;
        if (Date.now() + OWNER_RETRY_MS > deadline) throw err;
        await delay(OWNER_RETRY_MS);
      }
    }
  }

  /** Sends every collected comment now and waits until all are answered (drain). */
  async flushAll(): Promise<void> {
    for (const room of [...this.outboxes.keys()]) this.send(room);
    await Promise.all([...this.inFlight]);
  }
}
