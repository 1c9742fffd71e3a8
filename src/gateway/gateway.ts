import { randomBytes } from 'node:crypto';
import uWS from 'uWebSockets.js';
import type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_socket_context_t } from 'uWebSockets.js';
import { verifyToken, type Claims } from '../auth/token.js';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { platformLabel, type CloseReason, type Metrics } from '../metrics/metrics.js';
import { CloseCode } from '../protocol/close-codes.js';
import { ErrorCode, decodeClientFrame, encodeServerFrame, type ClientFrame, type ServerFrameProps } from '../protocol/codec.js';
import type { RoomHub } from '../rooms/hub.js';
import type { CommentPipeline } from './comments.js';
import { ROOM_ID, topicOf, type Session } from './session.js';

type Socket = WebSocket<Session>;

export interface GatewayDeps {
  readonly config: Config;
  readonly hub: RoomHub;
  readonly comments: CommentPipeline;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Whole-room viewer count (across nodes in a cluster). */
  readonly viewers: (room: string) => number;
}

type TokenCheck = { readonly ok: true; readonly claims: Claims | undefined } | { readonly ok: false; readonly reason: string };

function bearer(header: string): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The WebSocket endpoint: upgrade with authentication, then one session per socket that
 * multiplexes rooms, posts comments, answers heartbeats, and is dropped when it falls behind.
 */
export class Gateway {
  readonly sockets = new Set<Socket>();
  private draining = false;
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly deps: GatewayDeps) {
    this.sweepTimer = setInterval(() => this.dropSlowViewers(), 1000).unref();
  }

  get connectionCount(): number {
    return this.sockets.size;
  }

  /** Checks every token the client presented; the header wins over the query, which wins over hello. */
  private checkTokens(tokens: readonly (string | undefined)[]): TokenCheck {
    let winner: Claims | undefined;
    for (const token of tokens) {
      if (token === undefined || token === '') continue;
      const verified = verifyToken(this.deps.config.authSecret, token);
      if (!verified.ok) return { ok: false, reason: verified.reason };
      winner ??= verified.claims;
    }
    return { ok: true, claims: winner };
  }

  attach(app: TemplatedApp): void {
    const { limits } = this.deps.config;
    app.ws<Session>('/ws', {
      maxPayloadLength: limits.maxFrameBytes,
      idleTimeout: limits.idleTimeoutSec,
      sendPingsAutomatically: true,
      compression: this.deps.config.wsCompression === 'shared' ? uWS.SHARED_COMPRESSOR : uWS.DISABLED,
      // uWS skips publishes to a socket above this; the 1 s sweep closes it well before, so a viewer
      // never silently misses a batch: it is closed, reconnects, and resumes from its last seq.
      maxBackpressure: limits.slowViewerBytes * 4,
      upgrade: (res, req, context) => this.upgrade(res, req, context),
      open: (ws) => this.open(ws),
      message: (ws, message, isBinary) => this.message(ws, message, isBinary),
      pong: (ws) => {
        ws.getUserData().lastSeenAt = Date.now();
      },
      close: (ws, code, message) => this.close(ws, code, message),
    });
  }

  private refuseUpgrade(res: HttpResponse, status: string, reason: 'unauthenticated' | 'draining', detail: string): void {
    this.deps.metrics.upgradesRefused.inc({ reason });
    res.writeStatus(status).writeHeader('content-type', 'application/json').end(JSON.stringify({ error: reason, detail }));
  }

  private upgrade(res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
    if (this.draining) return this.refuseUpgrade(res, '503 Service Unavailable', 'draining', 'node is draining');
    const header = req.getHeader('authorization');
    const headerToken = header === '' ? undefined : (bearer(header) ?? '');
    if (headerToken === '') return this.refuseUpgrade(res, '401 Unauthorized', 'unauthenticated', 'authorization header is not a bearer token');
    const auth = this.checkTokens([headerToken, req.getQuery('token')]);
    if (!auth.ok) return this.refuseUpgrade(res, '401 Unauthorized', 'unauthenticated', `token refused: ${auth.reason}`);
    const now = Date.now();
    const session: Session = {
      id: randomBytes(9).toString('base64url'),
      ip: Buffer.from(res.getRemoteAddressAsText()).toString(),
      openedAt: now,
      claims: auth.claims,
      platform: 'other',
      rooms: new Set(),
      badFrames: 0,
      lastSeenAt: now,
      closed: false,
      closeReason: undefined,
    };
    res.upgrade(session, req.getHeader('sec-websocket-key'), req.getHeader('sec-websocket-protocol'), req.getHeader('sec-websocket-extensions'), context);
  }

  private open(ws: Socket): void {
    const session = ws.getUserData();
    this.sockets.add(ws);
    const { metrics, config, log } = this.deps;
    metrics.connectionsOpen.inc({ transport: 'websocket' });
    metrics.connectionsOpened.inc({ transport: 'websocket' });
    log.debug({ session: session.id, ip: session.ip, user: session.claims?.sub }, 'connect');
    this.send(ws, {
      welcome: {
        sessionId: session.id,
        nodeId: config.nodeId,
        heartbeatIntervalMs: config.limits.heartbeatIntervalMs,
        serverTimeMs: Date.now(),
        userId: session.claims?.sub ?? '',
      },
    });
  }

  private close(ws: Socket, code: number, message: ArrayBuffer): void {
    const session = ws.getUserData();
    session.closed = true;
    this.sockets.delete(ws);
    for (const room of session.rooms) this.deps.hub.release(room);
    session.rooms.clear();
    const idleMs = Date.now() - session.lastSeenAt;
    // uWS closes idle sockets itself (code 1006); silence for the whole timeout is what tells it apart from a client that vanished.
    const timedOut = session.closeReason === undefined && code === 1006 && idleMs >= this.deps.config.limits.idleTimeoutSec * 1000 - 2000;
    const reason: CloseReason = session.closeReason ?? (timedOut ? 'heartbeat' : 'client');
    const { metrics } = this.deps;
    if (timedOut) metrics.heartbeatTimeouts.inc();
    metrics.connectionsOpen.dec({ transport: 'websocket' });
    metrics.connectionsClosed.inc({ transport: 'websocket', reason });
    metrics.connectionDuration.observe({ transport: 'websocket' }, (Date.now() - session.openedAt) / 1000);
    this.deps.log.info({ session: session.id, code, reason, text: Buffer.from(message).toString().slice(0, 123) }, 'close');
  }

  send(ws: Socket, frame: ServerFrameProps): void {
    if (ws.getUserData().closed) return;
    ws.send(encodeServerFrame(frame), true);
  }

  /** Ends a socket from the server side, recording why. */
  end(ws: Socket, reason: CloseReason, code: number, text: string): void {
    const session = ws.getUserData();
    if (session.closed) return;
    session.closeReason = reason;
    ws.end(code, text);
  }

  private badFrame(ws: Socket, message: string): void {
    const session = ws.getUserData();
    this.deps.metrics.badFrames.inc();
    session.badFrames++;
    this.send(ws, { error: { code: ErrorCode.BAD_FRAME, message } });
    if (session.badFrames >= this.deps.config.limits.maxBadFrames) this.end(ws, 'protocol', CloseCode.POLICY, 'too many bad frames');
  }

  private message(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
    const session = ws.getUserData();
    session.lastSeenAt = Date.now();
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
        return void this.join(ws, session, frame.join as NonNullable<ClientFrame['join']>);
      case 'leave':
        return this.leave(ws, session, (frame.leave as NonNullable<ClientFrame['leave']>).room ?? '');
      case 'comment':
        return void this.comment(ws, session, frame.comment as NonNullable<ClientFrame['comment']>);
      case 'ping':
        return this.ping(ws, (frame.ping as NonNullable<ClientFrame['ping']>).clientTimeMs ?? 0);
      case 'report':
        return;
      default:
        return this.badFrame(ws, 'unknown frame kind');
    }
  }

  private hello(ws: Socket, session: Session, hello: NonNullable<ClientFrame['hello']>): void {
    session.platform = platformLabel(hello.platform ?? '');
    if ((hello.reconnectAttempt ?? 0) > 0) this.deps.metrics.reconnectsSeen.inc({ platform: session.platform });
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
    const room = join.room ?? '';
    if (!this.validRoom(room)) return this.badFrame(ws, 'join: room id must be 1-64 characters of A-Z a-z 0-9 _ . : -');
    if (session.rooms.has(room)) {
      // A repeated join is a request to resume again from a new cursor: start over.
      ws.unsubscribe(topicOf(room));
      session.rooms.delete(room);
      this.deps.hub.release(room);
    }
    if (session.rooms.size >= this.deps.config.limits.maxRoomsPerConnection) {
      return this.send(ws, { error: { code: ErrorCode.TOO_MANY_ROOMS, message: `at most ${this.deps.config.limits.maxRoomsPerConnection} rooms per connection` } });
    }
    session.rooms.add(room);
    let result;
    try {
      result = await this.deps.hub.join(room, join.epoch ?? '', join.lastSeq ?? 0);
    } catch (err) {
      this.deps.log.error({ err, room, session: session.id }, 'join failed');
      if (session.closed || !session.rooms.delete(room)) return;
      this.deps.hub.release(room);
      return this.send(ws, { error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } });
    }
    // The socket may have closed or left the room while the replay was fetched; close/leave already released it.
    if (session.closed || !session.rooms.has(room)) return;
    this.deps.metrics.resumes.inc({ outcome: result.outcome });
    ws.cork(() => {
      for (const frame of result.replay) ws.send(frame, true);
      ws.subscribe(topicOf(room));
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
    if (!session.rooms.delete(room)) return this.send(ws, { error: { code: ErrorCode.NOT_JOINED, message: 'not in that room' } });
    ws.unsubscribe(topicOf(room));
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

  private dropSlowViewers(): void {
    const limit = this.deps.config.limits.slowViewerBytes;
    for (const ws of this.sockets) {
      if (ws.getBufferedAmount() > limit) {
        this.deps.metrics.slowViewerDrops.inc();
        this.end(ws, 'backpressure', CloseCode.SLOW_CONSUMER, 'slow consumer: reconnect and resume');
      }
    }
  }

  /** Tells every client to reconnect elsewhere after a jittered delay, then closes it with 1012. */
  drain(): void {
    this.draining = true;
    const max = this.deps.config.limits.drainReconnectMaxMs;
    for (const ws of [...this.sockets]) {
      ws.cork(() => {
        // Spread so a whole node's viewers do not land on the others in the same instant.
        this.send(ws, { goaway: { reason: 'node draining', reconnectDelayMs: Math.floor(Math.random() * max) } });
        this.end(ws, 'drain', CloseCode.SERVICE_RESTART, 'server restart');
      });
    }
  }

  get isDraining(): boolean {
    return this.draining;
  }

  stop(): void {
    clearInterval(this.sweepTimer);
  }
}
