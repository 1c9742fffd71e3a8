import { ErrorCode } from '../../../src/protocol/codec.js';

/** The server refused a comment; `code` is the protocol's ErrorCode name (TOO_LONG, BANNED, ...). */
export class PostRejectedError extends Error {
  override name = 'PostRejectedError';
  constructor(
    readonly code: string,
    readonly clientMsgId: string,
  ) {
    super(`comment ${clientMsgId} refused: ${code}`);
  }
}

/** Too many comments: try again after `retryAfterMs`. */
export class RateLimitedError extends PostRejectedError {
  override name = 'RateLimitedError';
  constructor(
    clientMsgId: string,
    readonly retryAfterMs: number,
  ) {
    super('RATE_LIMITED', clientMsgId);
  }
}

/** The outbox already holds its maximum of unsent comments. */
export class OutboxFullError extends Error {
  override name = 'OutboxFullError';
  constructor(readonly maxItems: number) {
    super(`outbox full: ${maxItems} comments are waiting to be sent`);
  }
}

/** The client was closed (by the app, an auth failure, or exhausted retries) before the comment was acknowledged; it stays stored and is sent on the next connect. */
export class ClientClosedError extends Error {
  override name = 'ClientClosedError';
  constructor(readonly reason: string) {
    super(`client closed (${reason}) before the comment was acknowledged; it stays in the outbox`);
  }
}

/** The protocol's name of an ErrorCode (`TOO_LONG`), or `CODE_<n>` for a code this SDK does not know. */
export function errorCodeName(code: number): string {
  return ErrorCode[code] ?? `CODE_${code}`;
}
