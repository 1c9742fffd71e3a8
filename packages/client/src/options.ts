import type { PollPolicy } from './attempts.js';
import type { ReconnectPolicy } from './backoff.js';
import type { Clock } from './clock.js';
import type { Platform } from './platform.js';
import type { TokenProvider } from './token.js';

export interface ClientOptions {
  /** WebSocket URLs (ws:// or wss://, path /ws); retries rotate through them. */
  readonly urls: string | readonly string[];
  /**
   * Connect to the first joined room's node: the URLs are tried in rendezvous (HRW) order of that
   * room's id over the URLs' hosts, so every client listing the same nodes (in any order) puts a
   * room's viewers on one node, and retries fall back in the same order. In a cluster this is what
   * makes a node receive only its rooms' batches (docs/cluster.md, "Room affinity"). Default false:
   * the order given.
   */
  readonly roomAffinity?: boolean;
  readonly platform: Platform;
  /** Needed to post; watching needs none. Sent in hello (and as a bearer header to /poll). */
  readonly token?: string;
  /**
   * Called for the token to use (takes precedence over `token`; sync or async): before every
   * connection attempt, and before the live connection's token expires — the new token is sent in
   * `refresh`, so the connection stays open (a quarter of the remaining lifetime before expiry, at
   * least 1 s, at most 60 s before). A connection closed because its token expired or was refused
   * (4102, 4100, HTTP 401) reconnects with a new token from it; without `getToken` the client
   * stops (`closed` with reason `auth`).
   */
  readonly getToken?: TokenProvider;
  /**
   * An attempt that has no `welcome` from the server within this many ms is abandoned (close code
   * 4004), counts as a failed attempt, and the next URL is tried after the backoff. Default 5000.
   */
  readonly connectTimeoutMs?: number;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** How long to wait for a pong before the connection counts as dead. Default 10 s. */
  readonly pongTimeoutMs?: number;
  readonly outbox?: { readonly maxItems?: number; readonly storageKey?: string };
  /**
   * A comment sent and not answered (ack) within this many ms is sent again with the same
   * client_msg_id, which the server de-duplicates, and reported in telemetry as a client error.
   * Default 10000.
   */
  readonly commentAckTimeoutMs?: number;
  readonly poll?: Partial<PollPolicy>;
  /** How often batched telemetry is sent. Default 15 s. */
  readonly telemetryFlushMs?: number;
  /** Source of randomness for backoff jitter and message ids. */
  readonly random?: () => number;
  /**
   * Ask for live batches in the compact layout (Hello.batch_layout = 1): a lone danmaku in about half
   * the bytes of JSON, deflated with the protocol's preset dictionary 1. Default false (today's frames).
   */
  readonly compactBatches?: boolean;
  /** Time and timers (default: the runtime's); tests pass a fake clock. */
  readonly clock?: Clock;
}

export interface PostOptions {
  /** 0xRRGGBB. Default white. */
  readonly color?: number;
  /** 0 scroll, 1 top, 2 bottom */
  readonly mode?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5000;
