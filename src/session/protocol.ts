import { mayPostIn, narrowingFailure, type Claims } from '../auth/token.js';
import type { TokenVerifier } from '../auth/verifier.js';
import type { Config } from '../config/config.js';
import { platformLabel, type CloseReason } from '../domain/connection.js';
import { isRoomId, roomIdRule } from '../domain/room.js';
import { TokenBucket } from '../limits/token-bucket.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { recordReport } from '../metrics/telemetry.js';
import { CloseCode } from '../protocol/close-codes.js';
import { ErrorCode, type ClientMessage } from '../protocol/codec.js';
import { COMPACT_LAYOUT } from '../protocol/compact.js';
import type { danmaku } from '../protocol/generated/danmaku.js';
import type { JoinResult, RoomHub } from '../rooms/hub.js';
import {
  ackFrame,
  errorFrame,
  goawayFrame,
  joinedFrame,
  leftFrame,
  pongFrame,
  refreshedFrame,
  welcomeFrame,
  type AckFields,
} from './frames.js';
import { ExpiryWheel } from './expiry.js';
import { addRoom, clearRooms, monotonicMs, removeRoom, sessionId, type RoomQueue, type Session } from './session.js';
import type { SessionTransport } from './transport.js';

type Join = danmaku.v1.Join;

/** Where accepted comments go (the CommentPipeline). */
export interface CommentSink {
  /** Calls `done` once with the comment's ack when decided (possibly before returning); throws on a fault of this server. */
  decide(session: Session, comment: danmaku.v1.Comment, done: (ack: AckFields) => void): void;
}

export interface SessionDeps {
  readonly config: Config;
  readonly hub: RoomHub;
  readonly comments: CommentSink;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Verifies the tokens of hello and refresh (and, in the transports, of the request). */
  readonly tokens: TokenVerifier;
  /** Whole-room viewer count (across nodes in a cluster). */
  readonly viewers: (room: string) => number;
  /** The node's clock and timers: token expiry (one sweep per transport), held polls, drain deadlines. */
  readonly scheduler: Scheduler;
}

/**
 * The client protocol, once for every transport: handles each ClientFrame of a session (hello,
 * join, leave, comment, ping, report, refresh), keeps the session's limits (joins per second, bad
 * frames, telemetry budget, rooms per connection), and answers through its transport. One instance
 * per transport; the per-connection state is the {@link Session}.
 *
 * Token lifetime: a connection's token expires with it. A comment after `exp` plus the clock
 * tolerance is refused UNAUTHENTICATED, and at that time a connection that did not refresh is sent
 * an UNAUTHENTICATED error and closed with 4102 (TOKEN_EXPIRED) by one timer per transport
 * ({@link ExpiryWheel}). `refresh` replaces the token with one for the same `sub` that keeps or
 * narrows its role and rooms; rooms the new token no longer lets it post in are left.
 *
 * Membership: frames of one room are handled in the order they arrived. A join or leave that
 * arrives while a join of the same room is in flight waits for it to be answered, so any sequence
 * of joins and leaves ends in the state of the last one, every join is answered (`joined` or an
 * error) and every leave (`left` or NOT_JOINED), in order. (A join refused on arrival — a bad
 * room id, over the join rate — is answered at once and changes nothing.) Joins of different
 * rooms run at once. Every room in `session.rooms` holds exactly one RoomHub reference, released
 * once: by a leave, by its join failing, or by {@link closed}. Without the queue, a leave released
 * the last reference while the join was in flight; on the NATS bus that closed the room's
 * subscription under the join, whose failure then undid the next join (issue 12).
 */
export class SessionProtocol<C> {
  // Label children bound once: connection metrics of this transport.
  private readonly open;
  private readonly opened;
  private readonly duration;
  /** Open connections with a token, by when it runs out. */
  private readonly expiries: ExpiryWheel<C>;
  private readonly expiring: Periodic;

  constructor(
    private readonly deps: SessionDeps,
    private readonly transport: SessionTransport<C>,
  ) {
    const labels = { transport: transport.name };
    this.open = deps.metrics.connectionsOpen.labels(labels);
    this.opened = deps.metrics.connectionsOpened.labels(labels);
    this.duration = deps.metrics.connectionDuration.labels(labels);
    this.expiries = new ExpiryWheel<C>(deps.scheduler.now());
    this.expiring = deps.scheduler.every(`${transport.name} token expiry`, 1000, () =>
      this.expireDue(deps.scheduler.now()),
    );
  }

  /**
   * Counts a connection that opened (for long-poll: a request held for batches) and, when it has a
   * token, keeps it until the token runs out.
   */
  connected(conn: C, session: Session): void {
    this.open.inc();
    this.opened.inc();
    if (session.claims !== undefined) this.expiries.add(conn, session, this.deadlineMs(session.claims));
  }

  /** Stops the expiry timer (the node is shutting down). */
  stop(): void {
    this.expiring.cancel();
  }

  /** Connections whose token expiry is being watched. */
  get watchedExpiries(): number {
    return this.expiries.size;
  }

  /** When a connection holding `claims` must end: exp plus the clock tolerance (ms since the epoch). */
  private deadlineMs(claims: Claims): number {
    return this.deps.tokens.deadlineMs(claims.exp);
  }

  /**
   * The connection ended: async work finishing later leaves it alone, its rooms' hub references
   * are released. With `counted` (it was {@link connected}) the connection metrics record it.
   */
  closed(conn: C, session: Session, reason: CloseReason, counted = true): void {
    if (session.claims !== undefined) this.expiries.remove(conn, this.deadlineMs(session.claims));
    session.closed = true;
    session.joining = undefined;
    for (const room of session.rooms) this.deps.hub.release(room);
    clearRooms(session);
    if (!counted) return;
    this.open.dec();
    this.deps.metrics.connectionsClosed.inc({ transport: this.transport.name, reason });
    this.duration.observe((monotonicMs() - session.openedAt) / 1000);
  }

  /** Sends `welcome`: on open (WebSocket), or as the answer to hello (stateless transports). */
  welcome(conn: C, session: Session): void {
    const { config } = this.deps;
    this.send(
      conn,
      session,
      welcomeFrame({
        sessionId: sessionId(session),
        nodeId: config.nodeId,
        heartbeatIntervalMs: config.limits.heartbeatIntervalMs,
        userId: session.claims?.sub ?? '',
        tokenExpiresAtMs: session.claims === undefined ? 0 : session.claims.exp * 1000,
      }),
    );
  }

  /**
   * Handles one decoded frame. Returns a promise for the frames answered later (join, comment):
   * it settles once they were answered and never rejects; undefined when everything was answered.
   */
  handle(conn: C, session: Session, frame: ClientMessage): Promise<void> | undefined {
    switch (frame.kind) {
      case 'hello':
        return this.hello(conn, session, frame.hello);
      case 'join':
        return this.join(conn, session, frame.join);
      case 'leave':
        return this.leave(conn, session, frame.leave.room);
      case 'comment':
        return this.comment(conn, session, frame.comment);
      case 'ping':
        return this.ping(conn, session, frame.ping.clientTimeMs);
      case 'report':
        recordReport(this.deps.metrics, session, frame.report.events);
        return undefined;
      case 'refresh':
        return this.refresh(conn, session, frame.refresh.token);
    }
  }

  /** A frame the transport could not hand over (undecodable, a text frame): BAD_FRAME, and the MAX_BAD_FRAMES-th closes. */
  badFrame(conn: C, session: Session, message: string): void {
    this.deps.metrics.badFrames.inc();
    session.badFrames++;
    this.send(conn, session, errorFrame(ErrorCode.BAD_FRAME, message));
    if (session.badFrames >= this.deps.config.limits.maxBadFrames)
      this.end(conn, session, 'protocol', CloseCode.POLICY, 'too many bad frames');
  }

  /** Ends a connection from the server side, recording why; nothing once it is closed. */
  end(conn: C, session: Session, reason: CloseReason, code: number, text: string): void {
    if (session.closed) return;
    session.closeReason = reason;
    this.transport.close(conn, code, text);
  }

  /** The node is draining: `goaway` with a jittered delay (DRAIN_RECONNECT_MAX_MS), then close with 1012. */
  goaway(conn: C, session: Session): void {
    if (session.closed) return;
    this.send(conn, session, goawayFrame(this.deps.config.limits.drainReconnectMaxMs));
    this.end(conn, session, 'drain', CloseCode.SERVICE_RESTART, 'server restart');
  }

  private send(conn: C, session: Session, frame: Uint8Array): boolean {
    return !session.closed && this.transport.send(conn, frame);
  }

  private hello(conn: C, session: Session, hello: danmaku.v1.Hello): Promise<void> | undefined {
    session.platform = platformLabel(hello.platform);
    // Fixed once a room is joined: its subscription is on the topic this chose.
    if (session.rooms.length === 0)
      session.delivery =
        hello.batchLayout === COMPACT_LAYOUT
          ? 'compact'
          : hello.acceptDeflate && this.deps.config.batchDeflateMinBytes !== undefined
            ? 'deflate'
            : 'plain';
    // Once per connection: repeated hellos must not let one client fake a reconnect storm.
    if (hello.reconnectAttempt > 0 && !session.reconnectCounted) {
      session.reconnectCounted = true;
      this.deps.metrics.reconnectsSeen.inc({ platform: session.platform });
    }
    if (hello.token === '') {
      if (this.transport.stateless) this.welcome(conn, session);
      return undefined;
    }
    const done = this.authenticate(conn, session, hello.token).finally(() => {
      if (session.authenticating === done) session.authenticating = undefined;
    });
    session.authenticating = done;
    return done;
  }

  /**
   * Checks the token a hello carries. A token from the upgrade request (header or query) takes
   * precedence over it, but a bad one anywhere is refused: UNAUTHENTICATED and close 4100. A
   * connection that gets its token here is told its expiry with `refreshed`.
   */
  private async authenticate(conn: C, session: Session, token: string): Promise<void> {
    const verified = await this.deps.tokens.verify(token);
    if (session.closed) return;
    this.transport.cork(conn, () => {
      if (!verified.ok) {
        this.deps.metrics.upgradesRefused.inc({ reason: 'unauthenticated' });
        this.send(conn, session, errorFrame(ErrorCode.UNAUTHENTICATED, `token refused: ${verified.reason}`));
        this.end(conn, session, 'auth', CloseCode.UNAUTHENTICATED, 'unauthenticated');
        return;
      }
      if (session.claims === undefined) {
        this.setClaims(conn, session, verified.claims);
        if (!this.transport.stateless) this.send(conn, session, this.refreshedOk(verified.claims, []));
      }
      if (this.transport.stateless) this.welcome(conn, session);
    });
  }

  /** Gives the session new claims and moves its place in the expiry wheel accordingly. */
  private setClaims(conn: C, session: Session, claims: Claims): void {
    if (session.claims !== undefined) this.expiries.remove(conn, this.deadlineMs(session.claims));
    session.claims = claims;
    this.expiries.add(conn, session, this.deadlineMs(claims));
  }

  private refreshedOk(claims: Claims, leftRooms: string[]): Uint8Array {
    return refreshedFrame({ code: ErrorCode.OK, message: '', tokenExpiresAtMs: claims.exp * 1000, leftRooms });
  }

  /**
   * `refresh{token}`: a valid token for the same `sub` that keeps or narrows the role and rooms
   * replaces the connection's token (and its expiry); rooms it no longer lets the connection post in
   * are left (`left` each), then `refreshed` says the new expiry and those rooms. Refused (the old
   * token stays): `refreshed` with UNAUTHENTICATED (a bad token) or FORBIDDEN (another user, wider
   * rights, or a connection that never had a token).
   */
  private async refresh(conn: C, session: Session, token: string): Promise<void> {
    if (session.authenticating !== undefined) await session.authenticating;
    const verified = await this.deps.tokens.verify(token);
    if (session.closed) return;
    const current = session.claims;
    let refusal: readonly [ErrorCode, string] | undefined;
    if (!verified.ok) refusal = [ErrorCode.UNAUTHENTICATED, `token refused: ${verified.reason}`];
    else if (current === undefined) refusal = [ErrorCode.FORBIDDEN, 'no token to refresh: send the token in hello'];
    else {
      const widened = narrowingFailure(current, verified.claims);
      if (widened !== undefined) refusal = [ErrorCode.FORBIDDEN, widened];
    }
    this.transport.cork(conn, () => {
      if (refusal !== undefined || !verified.ok || current === undefined) {
        const [code, message] = refusal ?? [ErrorCode.INTERNAL, 'refresh failed'];
        this.send(conn, session, refreshedFrame({ code, message, tokenExpiresAtMs: 0, leftRooms: [] }));
        return;
      }
      const next = verified.claims;
      const left = session.rooms.filter((room) => mayPostIn(current, room) && !mayPostIn(next, room));
      this.setClaims(conn, session, next);
      for (const room of left) void this.leave(conn, session, room);
      this.send(conn, session, this.refreshedOk(next, left));
    });
  }

  /** The session's token ran out (the wheel closes it within a second; its comments are refused already). */
  private expired(session: Session): boolean {
    if (session.claims === undefined || this.deps.scheduler.now() < this.deadlineMs(session.claims)) return false;
    this.deps.metrics.commentsRefused.inc({ code: 'UNAUTHENTICATED' });
    return true;
  }

  /** Ends every connection whose token ran out by `nowMs`: UNAUTHENTICATED, then close 4102. */
  private expireDue(nowMs: number): void {
    this.expiries.advance(nowMs, (conn, session) => {
      if (session.closed) return;
      this.transport.cork(conn, () => {
        this.send(conn, session, errorFrame(ErrorCode.UNAUTHENTICATED, 'token expired; reconnect with a new token'));
        this.end(conn, session, 'token_expired', CloseCode.TOKEN_EXPIRED, 'token expired');
      });
    });
  }

  private join(conn: C, session: Session, join: Join): Promise<void> | undefined {
    const { limits } = this.deps.config;
    if (!isRoomId(join.room, limits.maxRoomIdChars)) {
      this.badFrame(conn, session, `join: ${roomIdRule(limits.maxRoomIdChars)}`);
      return undefined;
    }
    // The session keeps the hub's copy of the name, shared with the room's other viewers.
    const room = this.deps.hub.roomName(join.room);
    session.joins ??= new TokenBucket(limits.joinRatePerConnection, limits.joinRatePerConnection * 2);
    if (session.joins.take() > 0) {
      this.send(conn, session, errorFrame(ErrorCode.RATE_LIMITED, `join ${room}: too many joins; slow down`));
      return undefined;
    }
    const queue = session.joining?.get(room);
    if (queue !== undefined) {
      queue.frames.push(join);
      return queue.done;
    }
    const started: RoomQueue = { frames: [], done: Promise.resolve() };
    (session.joining ??= new Map()).set(room, started);
    started.done = this.membership(conn, session, room, join, started);
    return started.done;
  }

  private leave(conn: C, session: Session, room: string): Promise<void> | undefined {
    const queue = session.joining?.get(room);
    if (queue === undefined) return this.leaveNow(conn, session, room);
    // Consecutive leaves queue as one count: their number, not their memory, grows with a flood.
    const last = queue.frames.length - 1;
    const run = queue.frames[last];
    if (typeof run === 'number') queue.frames[last] = run + 1;
    else queue.frames.push(1);
    return queue.done;
  }

  /** Handles a room's membership frames in order, starting with a join, until none is queued. */
  private async membership(conn: C, session: Session, room: string, join: Join, queue: RoomQueue): Promise<void> {
    let next: Join | number | undefined = join;
    try {
      while (next !== undefined && !session.closed) {
        if (typeof next === 'number') for (let i = 0; i < next; i++) this.leaveNow(conn, session, room);
        else await this.joinNow(conn, session, room, next);
        next = queue.frames.shift();
      }
    } catch (err) {
      this.internalError(conn, session, err);
    } finally {
      if (session.joining?.get(room) === queue) {
        session.joining.delete(room);
        if (session.joining.size === 0) session.joining = undefined;
      }
    }
  }

  private async joinNow(conn: C, session: Session, room: string, join: Join): Promise<void> {
    const { hub, config } = this.deps;
    const rejoin = session.rooms.includes(room);
    if (!rejoin && session.rooms.length >= config.limits.maxRoomsPerConnection) {
      const message = `at most ${config.limits.maxRoomsPerConnection} rooms per connection`;
      this.send(conn, session, errorFrame(ErrorCode.TOO_MANY_ROOMS, message));
      return;
    }
    // The new reference is taken before a rejoin releases the old one, so the room's bus
    // subscription stays open. A rejoin is a request to resume again from a new cursor: live
    // batches stop until its replay is sent.
    const joining = hub.join(room, join.epoch, join.lastSeq);
    if (rejoin) {
      this.transport.unsubscribe(conn, room, session.delivery);
      hub.release(room);
    } else {
      addRoom(session, room);
    }
    let result: JoinResult;
    try {
      result = await joining;
    } catch (err) {
      // Closed meanwhile: close released the reference. Open: this join still holds the room.
      if (session.closed) return;
      this.deps.log.error({ err, room, session: sessionId(session) }, 'join failed');
      removeRoom(session, room);
      hub.release(room);
      this.send(conn, session, errorFrame(ErrorCode.UNAVAILABLE, 'join failed; retry'));
      return;
    }
    if (session.closed) return;
    this.deps.metrics.resumes.inc({ outcome: result.outcome });
    this.transport.cork(conn, () => this.joined(conn, session, room, result));
  }

  /** The replay, then live batches from this same turn on, so nothing falls between them; then `joined`. */
  private joined(conn: C, session: Session, room: string, result: JoinResult): void {
    for (const frame of result.replay) if (!this.send(conn, session, frame)) return;
    this.transport.subscribe(conn, room, session.delivery);
    if (this.transport.stateless && result.outcome === 'resumed') return;
    this.send(
      conn,
      session,
      joinedFrame({
        room,
        epoch: result.head.epoch,
        lastSeq: result.head.seq,
        viewers: this.deps.viewers(room),
        outcome: result.outcome,
        roomAlias:
          session.delivery === 'compact' && !this.transport.stateless
            ? this.deps.hub.compactAlias(room, result.head.epoch)
            : 0,
      }),
    );
  }

  private leaveNow(conn: C, session: Session, room: string): undefined {
    if (!removeRoom(session, room)) {
      this.send(conn, session, errorFrame(ErrorCode.NOT_JOINED, 'not in that room'));
      return;
    }
    this.transport.unsubscribe(conn, room, session.delivery);
    this.deps.hub.release(room);
    this.send(conn, session, leftFrame(room));
  }

  // Chained rather than async functions: a comment is the hottest path, and each async layer
  // costs a promise and a resumption per comment.
  private comment(conn: C, session: Session, comment: danmaku.v1.Comment): Promise<void> {
    this.deps.metrics.commentsReceived.inc();
    return session.authenticating === undefined
      ? this.answer(conn, session, comment)
      : session.authenticating.then(
          () => this.answer(conn, session, comment),
          (err: unknown) => this.internalError(conn, session, err),
        );
  }

  /** Acks a comment once the pipeline decided; a pipeline fault is INTERNAL. */
  private answer(conn: C, session: Session, comment: danmaku.v1.Comment): Promise<void> {
    // One promise per comment: the pipeline answers through a callback.
    return new Promise((resolve) => {
      const acked = (ack: AckFields) => {
        try {
          if (!session.closed) this.transport.sendSoon(conn, ackFrame(ack));
        } catch (err) {
          // Called from the batch's loop over its comments: one failure must not leave the others unanswered.
          this.internalError(conn, session, err);
        }
        resolve();
      };
      try {
        if (this.expired(session))
          acked({ clientMsgId: comment.clientMsgId.slice(0, 64), ok: false, code: ErrorCode.UNAUTHENTICATED });
        else this.deps.comments.decide(session, comment, acked);
      } catch (err) {
        this.internalError(conn, session, err);
        resolve();
      }
    });
  }

  private ping(conn: C, session: Session, clientTimeMs: number): undefined {
    this.deps.metrics.pingsReceived.inc();
    this.send(conn, session, pongFrame(clientTimeMs));
    this.deps.metrics.pongsSent.inc();
    return undefined;
  }

  /** An async handler's failure is a server fault: log it, tell the client INTERNAL, keep the process up. */
  private internalError(conn: C, session: Session, err: unknown): void {
    this.deps.log.error({ err, session: sessionId(session) }, 'handler failed');
    if (session.closed) return;
    this.transport.cork(conn, () => this.send(conn, session, errorFrame(ErrorCode.INTERNAL, 'internal error')));
  }
}
