import uWS from 'uWebSockets.js';
import type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, us_socket_context_t } from 'uWebSockets.js';
import type { CloseReason } from '../domain/connection.js';
import type { Periodic } from '../lifecycle/scheduler.js';
import type { UpgradeAdmission } from '../limits/admission.js';
import type { UpgradeRefusal } from '../metrics/metrics.js';
import { CloseCode } from '../protocol/close-codes.js';
import { decodeClientFrame } from '../protocol/codec.js';
import { SessionProtocol, type SessionDeps } from '../session/protocol.js';
import { createSession, monotonicMs, sessionId, type Delivery, type Session } from '../session/session.js';
import type { SessionTransport } from '../session/transport.js';
import { bearerToken, statusLine } from '../http/request.js';
import { checkTokens, hasToken } from './auth.js';
import { topicOf } from './fanout.js';
import { RttProbe } from './rtt.js';
import { upgradeLater } from './uws.js';

/**
 * What a socket carries as uWS user data. uWS copies the user data's properties onto its socket
 * object, so the session sits behind this one property: copied field by field, the session's ~20
 * fields grew each socket's property store by ~450 bytes (a heap snapshot of 3,000 idle sockets).
 */
export interface SocketData {
  readonly session: Session;
}

type Socket = WebSocket<SocketData>;

/** uWS's own cap on a socket's queue, as a multiple of SLOW_VIEWER_BYTES; see attach(). */
export const HARD_BACKPRESSURE_FACTOR = 8;

export interface GatewayDeps extends SessionDeps {
  readonly admission: UpgradeAdmission;
}

/** What the WebSocket transport needs besides the other transports' deps. */
export interface WebSocketDeps extends GatewayDeps {
  /**
   * Called with a room after a socket subscribed to or unsubscribed from one of its topics, and
   * for each room of a socket that closed (uWS has dropped its subscriptions by then): the fan-out
   * keeps each room's subscriber counts until told (RoomFanout.subscriptionsChanged).
   */
  readonly subscriptionsChanged: (room: string) => void;
}

/**
 * The session protocol's side of a uWS socket: frames are binary messages, rooms are uWS topics.
 * Frames sent "soon" (acks) wait in a per-socket outbox until the next turn, then each socket's go
 * out in one corked write: one send(2) per poster per turn instead of one per comment.
 */
class SocketTransport implements SessionTransport<Socket> {
  readonly name = 'websocket';
  readonly stateless = false;
  private outbox = new Map<Socket, Uint8Array[]>();
  private flushing: NodeJS.Immediate | undefined;

  constructor(
    private readonly dropped: (ws: Socket) => void,
    private readonly changed: (room: string) => void,
  ) {}

  sendSoon(ws: Socket, frame: Uint8Array): void {
    const queued = this.outbox.get(ws);
    if (queued === undefined) this.outbox.set(ws, [frame]);
    else queued.push(frame);
    this.flushing ??= setImmediate(() => this.flushOutbox());
  }

  /** Forgets what a socket that closed had queued: uWS throws on any call to a closed socket. */
  closed(ws: Socket): void {
    this.outbox.delete(ws);
  }

  private flushOutbox(): void {
    const outbox = this.outbox;
    this.outbox = new Map();
    this.flushing = undefined;
    for (const [ws, frames] of outbox)
      ws.cork(() => {
        for (const frame of frames) if (!this.send(ws, frame)) return;
      });
  }

  send(ws: Socket, frame: Uint8Array): boolean {
    // 2 = uWS dropped it (queue past maxBackpressure): never let a viewer silently lose a frame.
    if (ws.send(frame, true) !== 2) return true;
    this.dropped(ws);
    return false;
  }

  subscribe(ws: Socket, room: string, delivery: Delivery): void {
    ws.subscribe(topicOf(room, delivery));
    this.changed(room);
  }

  unsubscribe(ws: Socket, room: string, delivery: Delivery): void {
    ws.unsubscribe(topicOf(room, delivery));
    this.changed(room);
  }

  cork(ws: Socket, work: () => void): void {
    ws.cork(work);
  }

  close(ws: Socket, code: number, text: string): void {
    ws.end(code, text);
  }
}

/**
 * The WebSocket transport: upgrade with authentication, then one session per socket whose frames
 * the session protocol handles; this class keeps the socket's own limits (message size, binary
 * frames, backpressure, idle timeout, RTT probes) and drops a socket that falls behind.
 */
export class Gateway {
  readonly sockets = new Set<Socket>();
  private draining = false;
  /** Set while a drain waits for the last socket to close. */
  private allClosed: (() => void) | undefined;
  private readonly sweeping: Periodic;
  private readonly rtt: RttProbe;
  private readonly transport: SocketTransport;
  private readonly protocol: SessionProtocol<Socket>;

  constructor(private readonly deps: WebSocketDeps) {
    const { limits } = deps.config;
    this.rtt = new RttProbe(Math.min(limits.heartbeatIntervalMs, limits.idleTimeoutSec * 500), deps.metrics);
    this.transport = new SocketTransport((ws) => this.dropSlow(ws), deps.subscriptionsChanged);
    this.protocol = new SessionProtocol(deps, this.transport);
    this.sweeping = deps.scheduler.every('websocket sweep', 1000, () => this.sweep());
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
    status: number,
    reason: UpgradeRefusal,
    detail: string,
    retryAfterSec = 0,
  ): void {
    this.deps.metrics.upgradesRefused.inc({ reason });
    res.writeStatus(statusLine(status)).writeHeader('content-type', 'application/json');
    if (retryAfterSec > 0) res.writeHeader('retry-after', String(retryAfterSec));
    res.end(JSON.stringify({ error: reason, detail }));
  }

  private upgrade(res: HttpResponse, req: HttpRequest, context: us_socket_context_t): void {
    if (this.draining) return this.refuseUpgrade(res, 503, 'draining', 'node is draining', 1);
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
      return this.refuseUpgrade(res, 401, 'unauthenticated', 'authorization header is not a bearer token');
    // The header wins over the query, which wins over hello.
    const tokens = [headerToken, req.getQuery('token')];
    // req is only valid in this turn: what the upgrade needs is copied out before verifying.
    const key = req.getHeader('sec-websocket-key');
    const protocol = req.getHeader('sec-websocket-protocol');
    const extensions = req.getHeader('sec-websocket-extensions');
    // An anonymous viewer (most of a room) upgrades in this turn, with no promise.
    if (!hasToken(tokens))
      return res.upgrade<SocketData>(
        { session: createSession(ip, undefined, 'other') },
        key,
        protocol,
        extensions,
        context,
      );
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    void checkTokens(this.deps.tokens, tokens)
      .then((auth) => {
        if (aborted) return;
        if (!auth.ok) {
          res.cork(() => this.refuseUpgrade(res, 401, 'unauthenticated', `token refused: ${auth.reason}`));
          return;
        }
        // Not res.cork: with this uWS build it sometimes shuts the new socket down (see upgradeLater).
        const session = createSession(ip, auth.claims, 'other');
        upgradeLater(res, this.sockets.values().next().value, { session }, key, protocol, extensions, context);
      })
      .catch((err: unknown) => {
        // A fault of this server (uWS refused the upgrade): logged, the process stays up; the client times out and retries.
        this.deps.log.error({ err, ip }, 'upgrade failed');
      });
  }

  private open(ws: Socket): void {
    const session = ws.getUserData().session;
    this.sockets.add(ws);
    this.deps.admission.opened(session.ip);
    this.protocol.connected(ws, session);
    this.deps.log.info({ session: sessionId(session), ip: session.ip, user: session.claims?.sub }, 'connect');
    this.protocol.welcome(ws, session);
  }

  private close(ws: Socket, code: number, message: ArrayBuffer): void {
    const session = ws.getUserData().session;
    this.sockets.delete(ws);
    if (this.sockets.size === 0) this.allClosed?.();
    this.transport.closed(ws);
    this.deps.admission.closed(session.ip);
    const idleMs = monotonicMs() - session.lastSeenAt;
    // uWS closes idle sockets itself (code 1006) on a 4 s timer tick; long silence tells it apart from a client that vanished.
    const timedOut =
      session.closeReason === undefined && code === 1006 && idleMs >= this.deps.config.limits.idleTimeoutSec * 500;
    // uWS's hard backpressure close also looks like 1006; a queue seen over the limit gives it away.
    const reason: CloseReason =
      session.closeReason ?? (timedOut ? 'heartbeat' : code === 1006 && session.overLimit ? 'backpressure' : 'client');
    if (timedOut) this.deps.metrics.heartbeatTimeouts.inc();
    // Every room it may have subscribed to; the session forgets them in closed().
    for (const room of session.rooms) this.deps.subscriptionsChanged(room);
    this.protocol.closed(ws, session, reason);
    this.deps.log.info(
      { session: sessionId(session), code, reason, text: Buffer.from(message).toString().slice(0, 123) },
      'close',
    );
  }

  /** Closes every socket of one user on this node; returns how many. */
  closeUser(userId: string, reason: CloseReason, code: number, text: string): number {
    let closed = 0;
    for (const ws of [...this.sockets]) {
      const session = ws.getUserData().session;
      if (session.claims?.sub !== userId) continue;
      this.protocol.end(ws, session, reason, code, text);
      closed++;
    }
    return closed;
  }

  private message(ws: Socket, message: ArrayBuffer, isBinary: boolean): void {
    const session = ws.getUserData().session;
    session.lastSeenAt = monotonicMs();
    const { limits } = this.deps.config;
    if (message.byteLength > limits.maxFrameBytes) {
      this.deps.metrics.badFrames.inc();
      return this.protocol.end(
        ws,
        session,
        'protocol',
        CloseCode.TOO_BIG,
        `message over ${limits.maxFrameBytes} bytes`,
      );
    }
    if (!isBinary) return this.protocol.badFrame(ws, session, 'text frames are not accepted; send binary ClientFrame');
    const decoded = decodeClientFrame(new Uint8Array(message));
    if (!decoded.ok) return this.protocol.badFrame(ws, session, `undecodable ClientFrame: ${decoded.error}`);
    // The promise never rejects; what it settles is answered on the socket.
    void this.protocol.handle(ws, session, decoded.frame);
  }

  private dropSlow(ws: Socket): void {
    this.deps.metrics.slowViewerDrops.inc();
    this.protocol.end(
      ws,
      ws.getUserData().session,
      'backpressure',
      CloseCode.SLOW_CONSUMER,
      'slow consumer: reconnect and resume',
    );
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
    for (const ws of [...this.sockets]) ws.cork(() => this.protocol.goaway(ws, ws.getUserData().session));
    if (this.sockets.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.deps.scheduler.cancel(deadline);
        this.allClosed = undefined;
        resolve();
      };
      const deadline = this.deps.scheduler.after(timeoutMs, done);
      this.allClosed = done;
    });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  stop(): void {
    this.sweeping.cancel();
    this.protocol.stop();
  }
}
