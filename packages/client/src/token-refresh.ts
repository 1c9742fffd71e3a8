import { Timer, type Clock } from './clock.js';
import type { TokenSource } from './token.js';

/** Least time before the expiry a refresh starts (ms): enough for getToken() and a round trip. */
const MIN_LEAD_MS = 1000;
/** Most time before the expiry a refresh starts (ms). */
const MAX_LEAD_MS = 60_000;
/** Wait before asking again after getToken() or the server refused a refresh (ms). */
const RETRY_MS = 2000;

export interface RefreshHooks {
  /** Sends `refresh{token}` on the open connection; false when there is none. */
  send(token: string): boolean;
  /** getToken() failed or gave nothing, or the server refused the token: for the app's log. */
  failed(reason: string): void;
}

/**
 * Keeps a live connection's token fresh, as centrifuge-js does: when the server says when the
 * token expires (`welcome.token_expires_at_ms`, or `refreshed`), it calls `getToken()` a quarter
 * of the remaining time before then (at least 1 s, at most 60 s before) and sends `refresh`. The
 * server answers `refreshed` with the new expiry, which schedules the next round. Times are taken
 * relative to the server's clock in the same frame, so a phone's wrong clock does not matter.
 * Without `getToken()` nothing is refreshed: the server closes the connection at expiry (4102).
 */
export class TokenRefresher {
  private readonly timer: Timer;
  /** When the current token stops working, on this client's clock; 0 when unknown. */
  private expiresAt = 0;

  constructor(
    private readonly clock: Clock,
    private readonly tokens: TokenSource,
    private readonly hooks: RefreshHooks,
  ) {
    this.timer = new Timer(clock);
  }

  /** The server said the token expires at `expiresAtMs` by its clock, which read `serverTimeMs` as it sent this (0: no token). */
  expiresAtServerTime(expiresAtMs: number, serverTimeMs: number): void {
    if (expiresAtMs <= 0 || !this.tokens.refreshable) return this.stop();
    const remaining = Math.max(0, expiresAtMs - serverTimeMs);
    this.expiresAt = this.clock.now() + remaining;
    const lead = Math.min(MAX_LEAD_MS, Math.max(MIN_LEAD_MS, remaining / 4));
    this.timer.start(Math.max(0, remaining - lead), () => this.refresh());
  }

  /** The server refused the refreshed token: try again shortly while the old one still works. */
  refused(reason: string): void {
    this.hooks.failed(reason);
    this.retryLater();
  }

  /** The connection ended: nothing to refresh until the next one tells its expiry. */
  stop(): void {
    this.timer.stop();
    this.expiresAt = 0;
  }

  private retryLater(): void {
    if (this.clock.now() + RETRY_MS < this.expiresAt) this.timer.start(RETRY_MS, () => this.refresh());
  }

  /**
   * Asks getToken() and sends the answer. A late answer may reach a newer connection, which then
   * refreshes early with a fresh token: harmless, and cheaper than tracking the round.
   */
  private refresh(): void {
    const failed = (err: unknown) => this.refused(`getToken failed: ${String(err)}`);
    const send = (token: string | undefined) => {
      if (!token) failed('no token');
      else this.hooks.send(token);
    };
    try {
      const answer = this.tokens.next();
      if (answer.ready) send(answer.token);
      else answer.pending.then(send, failed);
    } catch (err) {
      failed(err);
    }
  }
}
