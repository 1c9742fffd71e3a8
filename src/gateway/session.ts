import { randomBytes } from 'node:crypto';
import type { Claims } from '../auth/token.js';
import type { Limits } from '../config/config.js';
import { TokenBucket } from '../limits/token-bucket.js';
import type { CloseReason, Platform } from '../metrics/metrics.js';
import type { RttState } from './rtt.js';

/** Per-connection state, held in uWS user data (typed; nothing is stuck onto the socket). */
export interface Session extends RttState {
  readonly id: string;
  readonly ip: string;
  readonly openedAt: number;
  claims: Claims | undefined;
  platform: Platform;
  /** Its hello accepted deflated batches: it subscribes to its rooms' deflate topics. */
  acceptDeflate: boolean;
  /** Rooms joined or being joined; each holds one reference in the RoomHub. */
  readonly rooms: Set<string>;
  badFrames: number;
  readonly joins: TokenBucket;
  /** Client telemetry events counted so far (bounded per connection). */
  telemetryEvents: number;
  /** Whether a hello of this connection already counted it as a reconnect. */
  reconnectCounted: boolean;
  lastSeenAt: number;
  /** Its send queue was over the slow-viewer limit at the last sweep. */
  overLimit: boolean;
  /** Set once the socket closed: async work finishing later must not touch it. */
  closed: boolean;
  /** Why the server closed it, when it did; undefined means the client went away. */
  closeReason: CloseReason | undefined;
}

/**
 * What a socket carries as uWS user data. uWS copies the user data's properties onto its socket
 * object, so the session sits behind this one property: copied field by field, the session's ~20
 * fields grew each socket's property store by ~450 bytes (a heap snapshot of 3,000 idle sockets).
 */
export interface SocketData {
  readonly session: Session;
}

export const ROOM_ID = /^[A-Za-z0-9_.:-]+$/;

/** A fresh session for a WebSocket or a long-poll request. */
export function createSession(ip: string, claims: Claims | undefined, platform: Platform, limits: Limits): Session {
  const now = Date.now();
  return {
    id: randomBytes(9).toString('base64url'),
    ip,
    openedAt: now,
    claims,
    platform,
    acceptDeflate: false,
    rooms: new Set(),
    badFrames: 0,
    joins: new TokenBucket(limits.joinRatePerConnection, limits.joinRatePerConnection * 2),
    telemetryEvents: 0,
    reconnectCounted: false,
    rttToken: 0,
    rttSentAt: 0,
    lastSeenAt: now,
    overLimit: false,
    closed: false,
    closeReason: undefined,
  };
}
