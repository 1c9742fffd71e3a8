import { ErrorCode, type ServerFrame } from '../../../src/protocol/codec.js';
import { Timer, type Clock } from './clock.js';
import { PostRejectedError, RateLimitedError, errorCodeName } from './errors.js';
import type { ClientEvent } from './events.js';
import type { Outbox, OutboxEntry } from './outbox.js';

/** Server answers that mean "keep the comment and send it again". */
const RETRYABLE = new Set<number>([ErrorCode.UNAVAILABLE, ErrorCode.OVERLOADED]);

/** When an UNAVAILABLE/OVERLOADED ack names no retry_after_ms. */
export const DEFAULT_COMMENT_RETRY_MS = 1000;

type Ack = NonNullable<ServerFrame['ack']>;
export type PostedEvent = Extract<ClientEvent, { type: 'posted' }>;

/** How long a sent comment waits for its ack before it is sent again (ClientOptions.commentAckTimeoutMs). */
export const DEFAULT_COMMENT_ACK_TIMEOUT_MS = 10_000;

/**
 * Sends outbox entries on the current link and turns acks into outcomes: ok and refusals settle
 * the entry (its promise and a `posted` event); UNAVAILABLE and OVERLOADED keep it and send it
 * again after the ack's `retry_after_ms` with the same client_msg_id (the server de-duplicates).
 * An entry sent and not answered within the ack timeout is sent again the same way: a server that
 * lost a comment, or a frame lost on the way, cannot leave a post pending for as long as the link
 * lives. Each entry on a link has one timer, its ack deadline or its retry; they belong to that
 * link: {@link CommentSender.cancel} drops them when it ends, since the next link resends every
 * pending entry anyway.
 */
export class CommentSender {
  private readonly retries = new Map<string, Timer>();
  private readonly ackTimeoutMs: number;

  /**
   * @param send puts one comment on the current link; false when there is no link (the entry waits
   * for {@link sendAll}).
   * @param onUnanswered told the client_msg_id of an entry whose ack did not come in time, before it is resent.
   * @param ackTimeoutMs ms a sent entry waits for its ack before it is sent again (default 10 s).
   */
  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly send: (entry: OutboxEntry) => boolean,
    private readonly onUnanswered: (clientMsgId: string) => void = () => undefined,
    ackTimeoutMs = DEFAULT_COMMENT_ACK_TIMEOUT_MS,
  ) {
    this.ackTimeoutMs = ackTimeoutMs;
  }

  /** A link became ready: every pending entry goes out, in posting order. */
  sendAll(): void {
    this.cancel();
    for (const entry of this.outbox.pending()) this.sendOne(entry);
  }

  /** Sends one entry now when there is a link, and waits for its ack until the ack timeout. */
  sendOne(entry: OutboxEntry): void {
    if (!this.send(entry)) return;
    const clientMsgId = entry.clientMsgId;
    this.arm(clientMsgId, this.ackTimeoutMs, () => {
      this.onUnanswered(clientMsgId);
      this.sendOne(entry);
    });
  }

  /** Handles one ack; returns the `posted` event to emit when it settled an entry. */
  ack(ack: Ack): PostedEvent | undefined {
    const clientMsgId = ack.clientMsgId ?? '';
    const code = ack.code ?? ErrorCode.OK;
    if (!ack.ok && RETRYABLE.has(code)) {
      this.retryLater(clientMsgId, ack.retryAfterMs || DEFAULT_COMMENT_RETRY_MS);
      return undefined;
    }
    const seq = Number(ack.seq ?? 0);
    const id = ack.id ?? '';
    const error = ack.ok
      ? undefined
      : code === ErrorCode.RATE_LIMITED
        ? new RateLimitedError(clientMsgId, ack.retryAfterMs ?? 0)
        : new PostRejectedError(errorCodeName(code), clientMsgId);
    this.retries.get(clientMsgId)?.stop();
    this.retries.delete(clientMsgId);
    const settled = this.outbox.settle(
      clientMsgId,
      error === undefined ? { receipt: { clientMsgId, seq, id } } : { error },
    );
    if (!settled) return undefined;
    return { type: 'posted', clientMsgId, ok: ack.ok ?? false, code: errorCodeName(code), seq, id };
  }

  /** Number of entries with a timer: waiting for their ack or their retry (for tests and diagnostics). */
  get retrying(): number {
    return this.retries.size;
  }

  /** The link ended (or the client stopped): no retry of this link fires. */
  cancel(): void {
    for (const timer of this.retries.values()) timer.stop();
    this.retries.clear();
  }

  private retryLater(clientMsgId: string, delayMs: number): void {
    const entry = this.outbox.pending().find((e) => e.clientMsgId === clientMsgId);
    if (entry === undefined) return;
    this.arm(clientMsgId, delayMs, () => this.sendOne(entry));
  }

  /** Replaces the entry's timer: `then` runs after `delayMs` if the entry is still unsettled. */
  private arm(clientMsgId: string, delayMs: number, then: () => void): void {
    const timer = this.retries.get(clientMsgId) ?? new Timer(this.clock);
    this.retries.set(clientMsgId, timer);
    timer.start(delayMs, () => {
      this.retries.delete(clientMsgId);
      if (this.outbox.has(clientMsgId)) then();
    });
  }
}
