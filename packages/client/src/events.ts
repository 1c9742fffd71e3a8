export type Transport = 'websocket' | 'longpoll';

export type ClientState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Why the client stopped for good: it will not reconnect by itself. */
export type ClosedReason = 'client' | 'auth' | 'refused' | 'attempts_exhausted';

export interface Danmaku {
  readonly id: string;
  readonly userId: string;
  readonly userName: string;
  readonly text: string;
  /** 0xRRGGBB */
  readonly color: number;
  /** 0 scroll, 1 top, 2 bottom */
  readonly mode: number;
  readonly sentAtMs: number;
  readonly priority: number;
}

/** Everything the client tells the app, as one union discriminated on `type`. */
export type ClientEvent =
  | { readonly type: 'connecting'; readonly attempt: number; readonly url: string; readonly transport: Transport }
  | {
      readonly type: 'open';
      readonly transport: Transport;
      readonly sessionId: string;
      readonly reconnected: boolean;
      readonly downtimeMs: number;
    }
  | {
      readonly type: 'reconnecting';
      readonly attempt: number;
      readonly maxAttempts: number;
      readonly delayMs: number;
      readonly code: number;
      readonly reason: string;
    }
  | { readonly type: 'closed'; readonly reason: ClosedReason; readonly code: number; readonly message: string }
  | { readonly type: 'danmaku'; readonly room: string; readonly seq: number; readonly items: readonly Danmaku[] }
  | {
      readonly type: 'joined';
      readonly room: string;
      readonly viewers: number;
      readonly resumed: boolean;
      readonly gap: boolean;
    }
  /** Some batches of the room will never arrive: history did not reach back far enough, or the room's stream restarted. */
  | { readonly type: 'gap'; readonly room: string; readonly cause: 'history' | 'epoch' }
  /**
   * The server could not take a join now (UNAVAILABLE, RATE_LIMITED, OVERLOADED); it is sent again
   * after `delayMs` (the client's backoff for `attempt`). `joined` follows once it succeeds.
   */
  | {
      readonly type: 'join-retry';
      readonly room: string;
      readonly attempt: number;
      readonly delayMs: number;
      readonly code: string;
    }
  | { readonly type: 'recall'; readonly room: string; readonly ids: readonly string[] }
  | { readonly type: 'notice'; readonly room: string; readonly text: string }
  /** The room's live viewer count (every node) changed; the server sends it at most about once per PRESENCE_INTERVAL_MS. */
  | { readonly type: 'presence'; readonly room: string; readonly viewers: number }
  /** Settles every outbox entry, including ones restored from storage that have no promise in this run. */
  | {
      readonly type: 'posted';
      readonly clientMsgId: string;
      readonly ok: boolean;
      readonly code: string;
      readonly seq: number;
      readonly id: string;
    }
  | { readonly type: 'rtt'; readonly rttMs: number }
  /**
   * The server accepted the connection's token (the hello's, or a refresh): it expires at
   * `expiresAtMs` (server clock, ms since the epoch). `leftRooms`: rooms a narrower refreshed token
   * no longer allows posting in, which the server left (they are not rejoined).
   */
  | { readonly type: 'token'; readonly expiresAtMs: number; readonly leftRooms: readonly string[] }
  | { readonly type: 'server-error'; readonly code: string; readonly message: string };

export type ClientEventType = ClientEvent['type'];
