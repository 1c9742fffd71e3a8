import { ErrorCode } from '../../../src/protocol/codec.js';
import { backoffDelay, type ReconnectPolicy } from './backoff.js';
import { Timer, type Clock } from './clock.js';
import { errorCodeName } from './errors.js';
import type { ClientEvent } from './events.js';

/** Error frames that mean "this join did not happen now; it may later". */
const RETRYABLE = new Set<number>([ErrorCode.UNAVAILABLE, ErrorCode.RATE_LIMITED, ErrorCode.OVERLOADED]);

export interface JoinRetryHooks {
  /** Send the room's join again (with its current cursor). */
  rejoin(room: string): void;
  /** Tell the app a room waits for a retry. */
  waiting(event: Extract<ClientEvent, { type: 'join-retry' }>): void;
}

/**
 * Joins that the server has not answered with `joined` yet, and their retries. The server answers
 * a join it cannot serve now (the bus is down: UNAVAILABLE; joins too fast: RATE_LIMITED) with an
 * `error` frame that does not name the room, so every join still unanswered when such an error
 * arrives is sent again after the client's backoff (the server treats a repeated join as a fresh
 * one from the cursor, so resending a join that was merely slow is harmless). Without this, the app
 * would stay "open" without the room and show nothing.
 */
export class JoinRetry {
  private readonly unanswered = new Set<string>();
  private attempt = 0;
  private readonly timer: Timer;

  constructor(
    clock: Clock,
    private readonly policy: ReconnectPolicy,
    private readonly random: () => number,
    private readonly hooks: JoinRetryHooks,
  ) {
    this.timer = new Timer(clock);
  }

  sent(room: string): void {
    this.unanswered.add(room);
  }

  /** The room's `joined` arrived (or the app left it). */
  settled(room: string): void {
    this.unanswered.delete(room);
    if (this.unanswered.size === 0) {
      this.attempt = 0;
      this.timer.stop();
    }
  }

  /**
   * An `error` frame with `code` arrived. Returns true when it was taken as a refused join (a
   * retry is scheduled, or already was by an earlier error of the same round).
   */
  refused(code: number): boolean {
    if (!RETRYABLE.has(code) || this.unanswered.size === 0) return false;
    if (this.timer.pending) return true;
    this.attempt++;
    const delayMs = backoffDelay(this.policy, this.attempt, this.random);
    for (const room of this.unanswered)
      this.hooks.waiting({ type: 'join-retry', room, attempt: this.attempt, delayMs, code: errorCodeName(code) });
    this.timer.start(delayMs, () => {
      for (const room of [...this.unanswered]) this.hooks.rejoin(room);
    });
    return true;
  }

  /** The link ended: the next link joins every room afresh. */
  reset(): void {
    this.unanswered.clear();
    this.attempt = 0;
    this.timer.stop();
  }
}
