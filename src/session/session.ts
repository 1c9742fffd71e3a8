import { randomBytes } from 'node:crypto';
import type { Claims } from '../auth/token.js';
import type { CloseReason, Platform } from '../domain/connection.js';
import type { TokenBucket } from '../limits/token-bucket.js';
import type { danmaku } from '../protocol/generated/danmaku.js';

/**
 * Membership frames of one room that arrived while a join of that room was in flight, handled in
 * order once it is answered (see SessionProtocol): joins, and runs of consecutive leaves as a count.
 */
export interface RoomQueue {
  readonly frames: (danmaku.v1.Join | number)[];
  /** Settles once the join in flight and every frame queued behind it were answered. */
  done: Promise<void>;
}

/**
 * Per-connection state of any transport: a WebSocket keeps it in its uWS user data (typed; nothing
 * is stuck onto the socket), a long-poll request for its duration. Every idle viewer keeps one, so
 * it holds no more than an idle viewer needs (see each field). A few fields belong to the WebSocket
 * transport (liveness, backpressure, RTT probe); they live here rather than in an object of their
 * own because a second object per idle socket costs more than the fields.
 */
export interface Session {
  /** Numbers the sessions of this process; the id clients see is derived from it by {@link sessionId}. */
  readonly serial: number;
  readonly ip: string;
  /** {@link monotonicMs} when it opened. */
  readonly openedAt: number;
  claims: Claims | undefined;
  /**
   * Settles once the token of a hello (or a refresh) in flight was checked: a comment that arrives
   * meanwhile waits for it, so "hello, then post at once" is judged with the hello's token.
   */
  authenticating: Promise<void> | undefined;
  platform: Platform;
  /** Which of a room's live batch topics it subscribes to, as its hello asked (see {@link Delivery}). */
  delivery: Delivery;
  /**
   * Rooms joined or being joined; each holds one reference in the RoomHub. Replaced, never
   * mutated, by {@link addRoom} and {@link removeRoom}: an exact-size array of one room is ~60
   * bytes where a Set was ~180, and joins are rate-limited, so copying a few names is cheap.
   */
  rooms: readonly string[];
  /** Rooms with a join in flight, each with the membership frames queued behind it; undefined when none. */
  joining: Map<string, RoomQueue> | undefined;
  badFrames: number;
  /**
   * Join budget, made by the first join. A full bucket carries no information (a new one starts
   * full), so the gateway's sweep drops it once it refilled: an idle viewer keeps none.
   */
  joins: TokenBucket | undefined;
  /** Client telemetry events counted so far (bounded per connection). */
  telemetryEvents: number;
  /** Whether a hello of this connection already counted it as a reconnect. */
  reconnectCounted: boolean;
  /** {@link monotonicMs} when it last sent anything (a frame or a pong). */
  lastSeenAt: number;
  /** Its send queue was over the slow-viewer limit at the last sweep (WebSocket). */
  overLimit: boolean;
  /** Token carried by the outstanding RTT probe ping; 0 when none is outstanding (WebSocket). */
  rttToken: number;
  /** {@link monotonicMs} when that ping was sent (WebSocket). */
  rttSentAt: number;
  /** Set once the connection ended: async work finishing later must not touch it. */
  closed: boolean;
  /** Why the server closed it, when it did; undefined means the client went away. */
  closeReason: CloseReason | undefined;
}

/**
 * How a connection gets a room's live batches: `plain` stamped batch frames; `deflate` the same,
 * deflated once per node when that pays (Hello.accept_deflate); `compact` the compact layout,
 * deflated with preset dictionary 1 when that pays (Hello.batch_layout = 1). Replays are plain for all.
 */
export type Delivery = 'plain' | 'deflate' | 'compact';

const NO_ROOMS: readonly string[] = Object.freeze([]);

// concat and slice allocate exactly the length they need; a spread or filter reserves 17 slots.

/** Adds a room the session is not in yet. */
export function addRoom(session: Session, room: string): void {
  session.rooms = session.rooms.concat(room);
}

/** Removes a room; false when the session was not in it. */
export function removeRoom(session: Session, room: string): boolean {
  const at = session.rooms.indexOf(room);
  if (at < 0) return false;
  session.rooms =
    session.rooms.length === 1 ? NO_ROOMS : session.rooms.slice(0, at).concat(session.rooms.slice(at + 1));
  return true;
}

/** Forgets every room at once (the socket closed); the caller releases them first. */
export function clearRooms(session: Session): void {
  session.rooms = NO_ROOMS;
}

/**
 * Whole milliseconds of the monotonic clock, for the timestamps a session keeps. They stay within
 * V8's small integers for a process's first 24 days and are stored inside the session; a
 * Date.now() value needs a 16-byte box per field per session.
 */
export function monotonicMs(): number {
  return Math.floor(performance.now());
}

// A random prefix per process keeps ids unique across nodes and restarts, as random ids were, while
// a session keeps one small integer instead of a string and opening it draws no random bytes.
const SESSION_ID_PREFIX = randomBytes(6).toString('base64url');
let sessionsCreated = 0;

/** The id clients (welcome) and logs know the session by. */
export function sessionId(session: Session): string {
  return SESSION_ID_PREFIX + session.serial.toString(36);
}

/** A fresh session for a WebSocket or a long-poll request. */
export function createSession(ip: string, claims: Claims | undefined, platform: Platform): Session {
  const now = monotonicMs();
  return {
    serial: ++sessionsCreated,
    ip,
    openedAt: now,
    claims,
    authenticating: undefined,
    platform,
    delivery: 'plain',
    rooms: NO_ROOMS,
    joining: undefined,
    badFrames: 0,
    joins: undefined,
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
