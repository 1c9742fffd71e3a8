import uWS from 'uWebSockets.js';
import type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_socket_context_t } from 'uWebSockets.js';
import { verifyToken } from '../auth/token.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { platformLabel, type CloseReason, type Metrics, type UpgradeRefusal } from '../metrics/metrics.js';
import { recordReport } from '../metrics/telemetry.js';
import { CloseCode } from '../protocol/close-codes.js';
import {
  ErrorCode,
  decodeClientFrame,
  encodeServerFrame,
  type ClientFrame,
  type ServerFrameProps,
} from '../protocol/codec.js';
import type { RoomHub } from '../rooms/hub.js';
import type { UpgradeAdmission } from '../limits/admission.js';
import { bearerToken, checkTokens } from './auth.js';
import type { CommentPipeline } from './comments.js';
import { RttProbe } from './rtt.js';
import { TokenBucket } from '../limits/token-bucket.js';
import { topicOf } from './fanout.js';
import {
  ROOM_ID,
  addRoom,
  clearRooms,
  createSession,
  monotonicMs,
  removeRoom,
  sessionId,
  type Session,
  type SocketData,
} from './session.js';

type Socket = WebSocket<SocketData>;

/** uWS's own cap on a socket's queue, as a multiple of SLOW_VIEWER_BYTES; see attach(). */
export const HARD_BACKPRESSURE_FACTOR = 8;

export interface GatewayDeps {
  readonly config: Config;
  readonly hub: RoomHub;
  readonly comments: CommentPipeline;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly admission: UpgradeAdmission;
  /** Whole-room viewer count (across nodes in a cluster). */
  readonly viewers: (room: string) => number;
}

/**
 * The WebSocket endpoint: upgrade with authentication, then one session per socket that
 * multiplexes rooms, posts comments, answers heartbeats, and is dropped when it falls behind.
 */
export class Gateway {
  readonly sockets = new Set<Socket>();
  private draining = false;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly rtt: RttProbe;

  constructor(private readonly deps: GatewayDeps) {
    const { limits } = deps.config;
    this.rtt = new RttProbe(Math.min(limits.heartbeatIntervalMs, limits.idleTimeoutSec * 500), deps.metrics);
    this.sweepTimer = setInterval(() => this.sweep(), 1000).unref();
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  attach(app: TemplatedApp): void {
    const { limits } = this.deps.config;
    app.ws<SocketData>('/ws', {
      // uWS drops a socket over this without a close frame the client can read (the unread rest of the
      // message resets the connection), so it is only the hard memory cap; the real limit is checked
      // in message() where the socket can be closed with 1009 properly.
      maxPayloadLength: Math.min(limits.maxFrameBytes * 16, 1 << 20),
      idleTimeout: limits.idleTimeoutSec,
      sendPingsAutomatically: true,
      compression: this.deps.config.wsCompression === 'shared' ? uWS.SHARED_COMPRESSOR : uWS.DISABLED,
      // The sweep closes a viewer over SLOW_VIEWER_BYTES with a clear code. A burst can outrun the
      // sweep; then uWS would skip the viewer for that batch, a silent gap. Closing instead keeps the
      // promise: a viewer gets every batch or is closed, reconnects and resumes from its last seq.
      maxBackpressure: limits.slowViewerBytes * HARD_BACKPRESSURE_FACTOR,
      closeOnBackpressureLimit: 1,
      upgrade: (res, req, context) => this.upgrade(res, req, context),
      open: (ws) => this.open(ws),
      message: (ws, message, isBinary) => this.message(ws, message, isBinary),
      pong: (ws, message) => {
        const session = ws.getUserData().session;
        const now = monotonicMs();
        session.lastSeenAt = now;
        this.rtt.pong(session, message, now);
      },
      close: (ws, code, message) => this.close(ws, code, message),
    });
  }

  private refuseUpgrade(
    res: HttpResponse,
    status: string,
    reason: UpgradeRefusal,
    detail: string,
    retryAfterSec = 0,
  ): void {
    this.deps.metrics.upgradesRefused.inc({ reason });
    res.writeStatus(status).writeHeader('content-type', 'application/json');
    if (retryAfterSec > 0) res.writeHeader('retry-after', String(retryAfterSec));
    res.end(JSON.stringify({ error: reason, detail }));
  }

  private upgrade(res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
    if (this.draining) return this.refuseUpgrade(res, '503 Service Unavailable', 'draining', 'node is draining', 1);
    const ip = Buffer.from(res.getRemoteAddressAsText()).toString();
    const admission = this.deps.admission.admit(ip, req.getHeader('origin'));
    if (!admission.ok)
      return this.refuseUpgrade(
        res,
        admission.status,
        admission.reason,
        'connection refused; retry later',
        admission.retryAfterSec,
      );
    const headerToken = bearerToken(req.getHeader('authorization'));
    if (headerToken === '')
      return this.refuseUpgrade(
        res,
        '401 Unauthorized',
        'unauthenticated',
        'authorization header is not a bearer token',
      );
    // The header wins over the query, which wins over hello.
    const auth = checkTokens(this.deps.config.authSecret, [headerToken, req.getQuery('token')]);
    if (!auth.ok)
      return this.refuseUpgrade(res, '401 Unauthorized', 'unauthenticated', `token refused: ${auth.reason}`);
    const session = createSession(ip, auth.claims, 'other');
    const data: SocketData = { session };
    res.upgrade(
      data,
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  }

  private open(ws: Socket): void {
    const session = ws.getUserData().session;
    this.sockets.add(ws);
    this.deps.admission.opened(session.ip);
    const { metrics, config, log } = this.deps;
    metrics.connectionsOpen.inc({ transport: 'websocket' });
    metrics.connectionsOpened.inc({ transport: 'websocket' });
    const id = sessionId(session);
    log.info({ session: id, ip: session.ip, user: session.claims?.sub }, 'connect');
    this.send(ws, {
      welcome: {
        sessionId: id,
        nodeId: config.nodeId,
        heartbeatIntervalMs: config.limits.heartbeatIntervalMs,
        serverTimeMs: Date.now(),
        userId: session.claims?.sub ?? '',
      },
    });
  }

  private close(ws: Socket, code: number, message: ArrayBuffer): void {
    const session = ws.getUserData().session;
    session.closed = true;
    this.sockets.delete(ws);
    this.deps.admission.closed(session.ip);
    for (const room of session.rooms) this.deps.hub.release(room);
    clearRooms(session);
    const idleMs = monotonicMs() - session.lastSeenAt;
    // uWS closes idle sockets itself (code 1006) on a 4 s timer tick; long silence tells it apart from a client that vanished.
    const timedOut =
      session.closeReason === undefined && code === 1006 && idleMs >= this.deps.config.limits.idleTimeoutSec * 500;
    // uWS's hard backpressure close also looks like 1006; a queue seen over the limit gives it away.
    const reason: CloseReason =
      session.closeReason ?? (timedOut ? 'heartbeat' : code === 1006 && session.overLimit ? 'backpressure' : 'client');
    const { metrics } = this.deps;
    if (timedOut) metrics.heartbeatTimeouts.inc();
    metrics.connectionsOpen.dec({ transport: 'websocket' });
    metrics.connectionsClosed.inc({ transport: 'websocket', reason });
    metrics.connectionDuration.observe({ transport: 'websocket' }, (monotonicMs() - session.openedAt) / 1000);
    this.deps.log.info(
      { session: sessionId(session), code, reason, text: Buffer.from(message).toString().slice(0, 123) },
      'close',
    );
  }

  send(ws: Socket, frame: ServerFrameProps): void {
    if (ws.getUserData().session.closed) return;
    ws.send(encodeServerFrame(frame), true);
  }

  /** Ends a socket from the server side, recording why. */
  end(ws: Socket, reason: CloseReason, code: number, text: string): void {
    const session = ws.getUserData().session;
    if (session.closed) return;
    session.closeReason = reason;
    ws.end(code, text);
  }

  /** Closes every socket of one user on this node; returns how many. */
  closeUser(userId: string, reason: CloseReason, code: number, text: string): number {
    let closed = 0;
    for (const ws of [...this.sockets]) {
      if (ws.getUserData().session.claims?.sub !== userId) continue;
      this.end(ws, reason, code, text);
      closed++;
    }
    return closed;
  }

  private badFrame(ws: Socket, message: string): void {
    const session = ws.getUserData().session;
    this.deps.metrics.badFrames.inc();
    session.badFrames++;
    this.send(ws, { error: { code: ErrorCode.BAD_FRAME, message } });
    if (session.badFrames >= this.deps.config.limits.maxBadFrames)
      this.end(ws, 'protocol', CloseCode.POLICY, 'too many bad frames');
  }

  private message(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
    const session = ws.getUserData().session;
    session.lastSeenAt = monotonicMs();
    if (message.byteLength > this.deps.config.limits.maxFrameBytes) {
      this.deps.metrics.badFrames.inc();
      return this.end(ws, 'protocol', CloseCode.TOO_BIG, `message over ${this.deps.config.limits.maxFrameBytes} bytes`);
    }
    if (!isBinary) return this.badFrame(ws, 'text frames are not accepted; send binary ClientFrame');
    const decoded = decodeClientFrame(new Uint8Array(message));
    if (!decoded.ok) return this.badFrame(ws, `undecodable ClientFrame: ${decoded.error}`);
    this.dispatch(ws, session, decoded.frame);
  }

  private dispatch(ws: Socket, session: Session, frame: ClientFrame): void {
    switch (frame.kind) {
      case 'hello':
        return this.hello(ws, session, frame.hello as NonNullable<ClientFrame['hello']>);
      case 'join':
        return this.guard(ws, this.join(ws, session, frame.join as NonNullable<ClientFrame['join']>));
      case 'leave':
        return this.leave(ws, session, (frame.leave as NonNullable<ClientFrame['leave']>).room ?? '');
      case 'comment':
        return this.guard(ws, this.comment(ws, session, frame.comment as NonNullable<ClientFrame['comment']>));
      case 'ping':
        return this.ping(ws, (frame.ping as NonNullable<ClientFrame['ping']>).clientTimeMs ?? 0);
      case 'report':
        return recordReport(
          this.deps.metrics,
          session,
          (frame.report as NonNullable<ClientFrame['report']>).events ?? [],
        );
      default:
        return this.badFrame(ws, 'unknown frame kind');
    }
  }

  /** An async handler's failure is a server fault: log it, tell the client INTERNAL, keep the process up. */
  private guard(ws: Socket, work: Promise<void>): void {
    work.catch((err: unknown) => {
      this.deps.log.error({ err, session: sessionId(ws.getUserData().session) }, 'handler failed');
      this.send(ws, { error: { code: ErrorCode.INTERNAL, message: 'internal error' } });
    });
  }

  private hello(ws: Socket, session: Session, hello: NonNullable<ClientFrame['hello']>): void {
    session.platform = platformLabel(hello.platform ?? '');
    // Fixed once a room is joined: its subscription is on the topic this chose.
    if (session.rooms.length === 0)
      session.acceptDeflate = (hello.acceptDeflate ?? false) && this.deps.config.batchDeflateMinBytes !== undefined;
    // Once per connection: repeated hellos must not let one client fake a reconnect storm.
    if ((hello.reconnectAttempt ?? 0) > 0 && !session.reconnectCounted) {
      session.reconnectCounted = true;
      this.deps.metrics.reconnectsSeen.inc({ platform: session.platform });
    }
    const token = hello.token ?? '';
    if (token === '') return;
    const verified = verifyToken(this.deps.config.authSecret, token);
    if (!verified.ok) {
      this.deps.metrics.upgradesRefused.inc({ reason: 'unauthenticated' });
      this.send(ws, { error: { code: ErrorCode.UNAUTHENTICATED, message: `token refused: ${verified.reason}` } });
      return this.end(ws, 'auth', CloseCode.UNAUTHENTICATED, 'unauthenticated');
    }
    // A token from the upgrade request (header or query) takes precedence over one in hello.
    session.claims ??= verified.claims;
  }

  private validRoom(room: string): boolean {
    return room.length > 0 && room.length <= this.deps.config.limits.maxRoomIdChars && ROOM_ID.test(room);
  }

  private async join(ws: Socket, session: Session, join: NonNullable<ClientFrame['join']>): Promise<void> {
    const name = join.room ?? '';
    if (!this.validRoom(name)) return this.badFrame(ws, 'join: room id must be 1-64 characters of A-Z a-z 0-9 _ . : -');
    // The session keeps the hub's copy of the name, shared with the room's other viewers.
    const room = this.deps.hub.roomName(name);
    const { limits } = this.deps.config;
    session.joins ??= new TokenBucket(limits.joinRatePerConnection, limits.joinRatePerConnection * 2);
    if (session.joins.take() > 0)
      return this.send(ws, {
        error: { code: ErrorCode.RATE_LIMITED, message: `join ${room}: too many joins; slow down` },
      });
    if (removeRoom(session, room)) {
      // A repeated join is a request to resume again from a new cursor: start over.
      ws.unsubscribe(topicOf(room, session.acceptDeflate));
      this.deps.hub.release(room);
    }
    if (session.rooms.length >= limits.maxRoomsPerConnection) {
      return this.send(ws, {
        error: {
          code: ErrorCode.TOO_MANY_ROOMS,
          message: `at most ${this.deps.config.limits.maxRoomsPerConnection} rooms per connection`,
        },
      });
    }
    addRoom(session, room);
    let result;
    try {
      // An absent uint64 decodes to the generated prototype default, a Long(0) object: Number() makes it 0.
      result = await this.deps.hub.join(room, join.epoch ?? '', Number(join.lastSeq ?? 0));
    } catch (err) {
      this.deps.log.error({ err, room, session: sessionId(session) }, 'join failed');
      if (session.closed || !removeRoom(session, room)) return;
      this.deps.hub.release(room);
      return this.send(ws, { error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } });
    }
    // The socket may have closed or left the room while the replay was fetched; close/leave already released it.
    if (session.closed || !session.rooms.includes(room)) return;
    this.deps.metrics.resumes.inc({ outcome: result.outcome });
    ws.cork(() => {
      for (const frame of result.replay) {
        // 2 = uWS dropped it (queue past maxBackpressure): never let a replay silently lose a batch.
        if (ws.send(frame, true) === 2) return this.dropSlow(ws);
      }
      ws.subscribe(topicOf(room, session.acceptDeflate));
      this.send(ws, {
        joined: {
          room,
          epoch: result.head.epoch,
          lastSeq: result.head.seq,
          viewers: this.deps.viewers(room),
          resumed: result.outcome === 'resumed',
          gap: result.outcome === 'gap',
        },
      });
    });
  }

  private leave(ws: Socket, session: Session, room: string): void {
    if (!removeRoom(session, room))
      return this.send(ws, { error: { code: ErrorCode.NOT_JOINED, message: 'not in that room' } });
    ws.unsubscribe(topicOf(room, session.acceptDeflate));
    this.deps.hub.release(room);
    this.send(ws, { left: { room } });
  }

  private async comment(ws: Socket, session: Session, comment: NonNullable<ClientFrame['comment']>): Promise<void> {
    this.deps.metrics.commentsReceived.inc();
    const ack = await this.deps.comments.post(session, comment as Parameters<CommentPipeline['post']>[1]);
    if (session.closed) return;
    ws.cork(() => this.send(ws, { ack }));
  }

  private ping(ws: Socket, clientTimeMs: number): void {
    this.deps.metrics.pingsReceived.inc();
    this.send(ws, { pong: { clientTimeMs, serverTimeMs: Date.now() } });
    this.deps.metrics.pongsSent.inc();
  }

  private dropSlow(ws: Socket): void {
    this.deps.metrics.slowViewerDrops.inc();
    this.end(ws, 'backpressure', CloseCode.SLOW_CONSUMER, 'slow consumer: reconnect and resume');
  }

  /**
   * A viewer whose queue stays over the limit for two sweeps in a row is dropped: one sweep would
   * also catch a fast reader in the middle of a large replay. Join buckets that refilled are
   * dropped here too (see Session.joins).
   */
  private sweep(): void {
    const limit = this.deps.config.limits.slowViewerBytes;
    const now = monotonicMs();
    for (const ws of this.sockets) {
      const session = ws.getUserData().session;
      const over = ws.getBufferedAmount() > limit;
      if (over && session.overLimit) this.dropSlow(ws);
      else if (!over) this.rtt.maybePing(ws, session, now);
      session.overLimit = over;
      if (session.joins?.full === true) session.joins = undefined;
    }
  }

  /**
   * Tells every client to reconnect elsewhere after a jittered delay and closes it with 1012.
   * Resolves when every close handshake finished (or after timeoutMs): closing the app before
   * that would reset sockets and clients would see 1006 instead of the goaway.
   */
  drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const max = this.deps.config.limits.drainReconnectMaxMs;
    for (const ws of [...this.sockets]) {
      ws.cork(() => {
        // Spread so a whole node's viewers do not land on the others in the same instant.
        this.send(ws, { goaway: { reason: 'node draining', reconnectDelayMs: Math.floor(Math.random() * max) } });
        this.end(ws, 'drain', CloseCode.SERVICE_RESTART, 'server restart');
      });
    }
    return new Promise((resolve) => {
      const deadline = Date.now() + timeoutMs;
      const check = setInterval(() => {
        if (this.sockets.size > 0 && Date.now() < deadline) return;
        clearInterval(check);
        resolve();
      }, 10);
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  stop(): void {
    clearInterval(this.sweepTimer);
  }
}
