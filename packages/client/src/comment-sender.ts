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

/**
 * Sends outbox entries on the current link and turns acks into outcomes: ok and refusals settle
 * the entry (its promise and a `posted` event); UNAVAILABLE and OVERLOADED keep it and send it
 * again after the ack's `retry_after_ms` with the same client_msg_id (the server de-duplicates).
 * Those retry timers belong to one link: {@link CommentSender.cancel} drops them when it ends,
 * since the next link resends every pending entry anyway.
 */
export class CommentSender {
  private readonly retries = new Map<string, Timer>();

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly send: (entry: OutboxEntry) => void,
  ) {}

  /** A link became ready: every pending entry goes out, in posting order. */
  sendAll(): void {
    this.cancel();
    for (const entry of this.outbox.pending()) this.send(entry);
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

  /** Number of entries waiting for a retry timer (for tests and diagnostics). */
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
    const timer = this.retries.get(clientMsgId) ?? new Timer(this.clock);
    this.retries.set(clientMsgId, timer);
    timer.start(delayMs, () => {
      this.retries.delete(clientMsgId);
      if (this.outbox.has(clientMsgId)) this.send(entry);
    });
  }
}
