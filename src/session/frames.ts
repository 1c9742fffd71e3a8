import { ErrorCode, encodeServerFrame } from '../protocol/codec.js';
import type { danmaku } from '../protocol/generated/danmaku.js';

/** The fields of an ack, as the comment pipeline answers a comment. */
export type AckFields = danmaku.v1.Ack.$Properties;

/** What `welcome` tells a client about its session and this node. */
export interface WelcomeFields {
  readonly sessionId: string;
  readonly nodeId: string;
  /** How often the client should send `ping` (ms). */
  readonly heartbeatIntervalMs: number;
  /** The token's `sub`, '' when the connection has no token. */
  readonly userId: string;
  /** The token's `exp` in ms since the epoch; 0 without a token. */
  readonly tokenExpiresAtMs: number;
}

/** What `refreshed` tells a client: its token's new expiry (code OK), or why the new token was refused. */
export interface RefreshedFields {
  readonly code: ErrorCode;
  readonly message: string;
  /** ms since the epoch; 0 when refused. */
  readonly tokenExpiresAtMs: number;
  /** Rooms left because the new token no longer allows posting in them. */
  readonly leftRooms: string[];
}

/** What `joined` tells a client: where the room's live batches continue, and how the join went. */
export interface JoinedFields {
  readonly room: string;
  readonly epoch: string;
  /** The seq live batches continue after. */
  readonly lastSeq: number;
  /** Viewers of the whole room (all nodes), the joiner included. */
  readonly viewers: number;
  readonly outcome: 'fresh' | 'resumed' | 'gap';
  /** CompactBatch.room_alias of the room's live batches for a compact connection; 0 for others. */
  readonly roomAlias: number;
}

// The one place each ServerFrame the session answers with is built. Each returns the encoded frame.

export function welcomeFrame(welcome: WelcomeFields): Uint8Array {
  return encodeServerFrame({
    welcome: {
      sessionId: welcome.sessionId,
      nodeId: welcome.nodeId,
      heartbeatIntervalMs: welcome.heartbeatIntervalMs,
      serverTimeMs: Date.now(),
      userId: welcome.userId,
      tokenExpiresAtMs: welcome.tokenExpiresAtMs,
    },
  });
}

export function refreshedFrame(refreshed: RefreshedFields): Uint8Array {
  return encodeServerFrame({ refreshed: { ...refreshed, serverTimeMs: Date.now() } });
}

export function joinedFrame(joined: JoinedFields): Uint8Array {
  return encodeServerFrame({
    joined: {
      room: joined.room,
      epoch: joined.epoch,
      lastSeq: joined.lastSeq,
      viewers: joined.viewers,
      resumed: joined.outcome === 'resumed',
      gap: joined.outcome === 'gap',
      roomAlias: joined.roomAlias,
    },
  });
}

export function leftFrame(room: string): Uint8Array {
  return encodeServerFrame({ left: { room } });
}

export function ackFrame(ack: AckFields): Uint8Array {
  return encodeServerFrame({ ack });
}

/** The answer to a ping: the client's time echoed, and ours (wall clock, ms since the epoch). */
export function pongFrame(clientTimeMs: number): Uint8Array {
  return encodeServerFrame({ pong: { clientTimeMs, serverTimeMs: Date.now() } });
}

export function errorFrame(code: ErrorCode, message: string): Uint8Array {
  return encodeServerFrame({ error: { code, message } });
}

/**
 * Tells a client this node is draining, with a delay drawn from [0, maxDelayMs) (DRAIN_RECONNECT_MAX_MS):
 * spread so a whole node's viewers do not land on the others in the same instant.
 */
export function goawayFrame(maxDelayMs: number): Uint8Array {
  return encodeServerFrame({
    goaway: { reason: 'node draining', reconnectDelayMs: Math.floor(Math.random() * maxDelayMs) },
  });
}
