import { rendezvousOrder } from './affinity.js';
import { backoffDelay, type ReconnectPolicy } from './backoff.js';
import type { Transport } from './events.js';

export interface PollPolicy {
  /** /poll URLs; by default derived from `urls` (ws→http, /ws→/poll). */
  readonly urls: readonly string[];
  /** WebSocket attempts that fail in a row before switching to long-poll. Default 3. */
  readonly afterFailures: number;
  /** Use long-poll from the start. */
  readonly force: boolean;
  /** How long the server may hold a receive request. Default 25 s. */
  readonly waitMs: number;
  /** While on long-poll, how often to try whether WebSocket works again. Default 30 s. */
  readonly probeWebSocketMs: number;
}

/** Where the next connection attempt goes. */
export interface Target {
  readonly transport: Transport;
  readonly url: string;
}

/** The ws:// URL of a node's /ws turned into its http:// /poll URL. */
export function toPollUrl(wsUrl: string): string {
  return wsUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/ws(\?|$)/, '/poll$1');
}

/**
 * Which transport and URL each connection attempt uses, and how long to wait before it: retries
 * rotate through the URLs (in the affinity room's rendezvous order when there is one, so the first
 * attempt goes to the room's node and retries fall back in the order every client agrees on);
 * WebSocket attempts that never open, `afterFailures` in a row, switch to long-poll; the attempt
 * count (the backoff exponent) restarts after a connection that stayed up `stableAfterMs`. Pure
 * bookkeeping: no timers, no I/O.
 */
export class ConnectPlan {
  private attemptNo = 0;
  private wsFailuresInRow = 0;
  private urlIndex = 0;

  constructor(
    private readonly wsUrls: readonly string[],
    private readonly poll: PollPolicy,
    private readonly policy: ReconnectPolicy,
    private readonly random: () => number,
    /** The room whose rendezvous order the URLs are tried in; undefined: the order given. */
    private readonly affinityRoom: () => string | undefined = () => undefined,
  ) {
    if (wsUrls.length === 0) throw new Error('DanmakuClient: at least one URL is needed');
  }

  /** The k-th URL to try: `urls` ranked for the affinity room, or as given. */
  private pick(urls: readonly string[]): string {
    const room = this.affinityRoom();
    const ordered = room === undefined || urls.length < 2 ? urls : rendezvousOrder(urls, room);
    return ordered[this.urlIndex % ordered.length] ?? '';
  }

  /** The attempt number of the current (or next) attempt; 0 is the first connect. */
  get attempt(): number {
    return this.attemptNo;
  }

  /** A fresh `connect()`: the first attempt, on WebSocket unless long-poll is forced. */
  restart(): void {
    this.attemptNo = 0;
    this.wsFailuresInRow = 0;
  }

  target(): Target {
    const poll = this.poll.force || this.wsFailuresInRow >= this.poll.afterFailures;
    return { transport: poll ? 'longpoll' : 'websocket', url: this.pick(poll ? this.poll.urls : this.wsUrls) };
  }

  /** The WebSocket URL a probe (while on long-poll) tries. */
  probeUrl(): string {
    return this.pick(this.wsUrls);
  }

  /** The server welcomed us: WebSocket works (again) if that is what carried it. */
  opened(transport: Transport): void {
    if (transport === 'websocket') this.wsFailuresInRow = 0;
  }

  /**
   * An attempt ended before the server's welcome (refused, unreachable, or past the connect
   * deadline). A refusal with Retry-After is the server spreading a storm, not a network that blocks
   * WebSocket: counting it towards long-poll would walk around the server's admission control.
   */
  failedToOpen(transport: Transport, refusedWithRetryAfter: boolean): void {
    if (transport === 'websocket' && !refusedWithRetryAfter) this.wsFailuresInRow++;
  }

  /** An open connection ended after `openForMs` ms; a stable one restarts the backoff. */
  dropped(openForMs: number): void {
    if (openForMs >= this.policy.stableAfterMs) this.attemptNo = 0;
  }

  /** A WebSocket probe opened while on long-poll: the next attempt uses WebSocket. */
  webSocketWorks(): void {
    this.wsFailuresInRow = 0;
  }

  /**
   * Counts the next attempt, moves to the next URL and returns how long to wait before it, or
   * undefined when `maxAttempts` are used up. `delayMs` is the server's goaway delay when one was
   * given, else the jittered backoff; a refused upgrade's Retry-After (ms) is a floor, plus jitter
   * so that every client it told the same second does not arrive together.
   */
  next(
    retry: { readonly goawayDelayMs?: number; readonly retryAfterMs?: number } = {},
  ): { readonly attempt: number; readonly delayMs: number } | undefined {
    this.attemptNo++;
    if (this.attemptNo > this.policy.maxAttempts) return undefined;
    this.urlIndex++;
    const backoffMs = retry.goawayDelayMs ?? backoffDelay(this.policy, this.attemptNo, this.random);
    const delayMs =
      retry.retryAfterMs === undefined
        ? backoffMs
        : Math.max(backoffMs, retry.retryAfterMs + Math.floor(this.random() * this.policy.baseMs));
    return { attempt: this.attemptNo, delayMs };
  }
}
