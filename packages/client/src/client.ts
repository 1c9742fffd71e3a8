import { CloseCode, shouldReconnect } from '../../../src/protocol/close-codes.js';
import { decodeServerFrame, type ServerFrame } from '../../../src/protocol/codec.js';
import { decodeDeflatedBatch } from '../../../src/protocol/deflated.js';
import { ConnectPlan, toPollUrl, type PollPolicy } from './attempts.js';
import { DEFAULT_RECONNECT, type ReconnectPolicy } from './backoff.js';
import { Timer, systemClock, type Clock } from './clock.js';
import { CommentSender } from './comment-sender.js';
import { dispatchServerFrame, type ServerFrameHandlers } from './dispatch.js';
import { Emitter } from './emitter.js';
import { errorCodeName } from './errors.js';
import type { ClientEvent, ClientState, ClosedReason, Danmaku, Transport } from './events.js';
import { Heartbeat } from './heartbeat.js';
import { JoinRetry } from './join-retry.js';
import { SocketLink, type Link } from './link.js';
import { Outbox, type OutboxEntry, type PostReceipt } from './outbox.js';
import type { CloseInfo, Platform, SocketHandlers } from './platform.js';
import { PollLink } from './poll-link.js';
import { WebSocketProbe } from './probe.js';
import { RoomCursors } from './rooms.js';
import { TelemetryKind, TelemetryQueue } from './telemetry.js';
import { wellFormed } from './text.js';
import { TokenSource, type TokenProvider } from './token.js';
import { SDK_VERSION } from './version.js';

export interface ClientOptions {
  /** WebSocket URLs (ws:// or wss://, path /ws); retries rotate through them. */
  readonly urls: string | readonly string[];
  readonly platform: Platform;
  /** Needed to post; watching needs none. Sent in hello (and as a bearer header to /poll). */
  readonly token?: string;
  /** Called before every connection attempt for the token to use (takes precedence over `token`). */
  readonly getToken?: TokenProvider;
  /**
   * An attempt that has no `welcome` from the server within this many ms is abandoned, counts as a
   * failed attempt, and the next URL is tried after the backoff. Default 5000.
   */
  readonly connectTimeoutMs?: number;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** How long to wait for a pong before the connection counts as dead. Default 10 s. */
  readonly pongTimeoutMs?: number;
  readonly outbox?: { readonly maxItems?: number; readonly storageKey?: string };
  readonly poll?: Partial<PollPolicy>;
  /** How often batched telemetry is sent. Default 15 s. */
  readonly telemetryFlushMs?: number;
  /** Source of randomness for backoff jitter and message ids. */
  readonly random?: () => number;
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

/** RFC 6455 §7.4.1: the connection ended without a close frame (here: getToken() failed). */
const ABNORMAL_CLOSURE = 1006;

type Batch = NonNullable<ServerFrame['batch']>;

function toDanmaku(d: NonNullable<Batch['items']>[number]): Danmaku {
  return {
    id: d.id ?? '',
    userId: d.userId ?? '',
    userName: d.userName ?? '',
    text: d.text ?? '',
    color: d.color ?? 0,
    mode: d.mode ?? 0,
    sentAtMs: Number(d.sentAtMs ?? 0),
    priority: d.priority ?? 0,
  };
}

/** The link of the current attempt and what is known about it. */
interface Connection {
  readonly link: Link;
  readonly transport: Transport;
  /** Hello has gone out: frames sent now follow it. */
  ready: boolean;
  /** When the server's welcome arrived; undefined while the attempt is still opening. */
  welcomedAt: number | undefined;
}

/**
 * A live-room connection that survives bad networks: reconnects with jittered backoff (rotating
 * URLs, abandoning attempts past a connect deadline), checks the path with heartbeats, resumes
 * every joined room from its cursor, keeps unsent comments in an outbox, retries joins the server
 * could not take, and falls back to long-poll when WebSocket keeps failing. Platform-free:
 * everything platform-specific comes in through `options.platform`, time through `options.clock`.
 */
export class DanmakuClient {
  private readonly events = new Emitter<ClientEvent>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly connectTimeoutMs: number;
  private readonly maxAttempts: number;
  private readonly pollWaitMs: number;
  private readonly plan: ConnectPlan;
  private readonly tokens: TokenSource;
  private readonly rooms = new RoomCursors();
  private readonly outbox: Outbox;
  private readonly comments: CommentSender;
  private readonly joins: JoinRetry;
  private readonly heartbeat: Heartbeat;
  private readonly probe: WebSocketProbe;
  private readonly telemetry: TelemetryQueue;
  private readonly retryTimer: Timer;
  private readonly connectDeadline: Timer;
  private readonly telemetryTimer: Timer;
  private readonly handlers: ServerFrameHandlers;
  private readonly unsubscribe: (() => void)[] = [];

  private currentState: ClientState = 'idle';
  private connection: Connection | undefined;
  private firstAttemptAt = 0;
  private disconnectedAt: number | undefined;
  private goawayDelayMs: number | undefined;
  private nextMsgId = 0;

  constructor(private readonly options: ClientOptions) {
    const wsUrls = typeof options.urls === 'string' ? [options.urls] : [...options.urls];
    const policy = { ...DEFAULT_RECONNECT, ...options.reconnect };
    const poll: PollPolicy = {
      urls: wsUrls.map(toPollUrl),
      afterFailures: 3,
      force: false,
      waitMs: 25_000,
      probeWebSocketMs: 30_000,
      ...options.poll,
    };
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.maxAttempts = policy.maxAttempts;
    this.pollWaitMs = poll.waitMs;
    this.plan = new ConnectPlan(wsUrls, poll, policy, this.random);
    this.tokens = new TokenSource(options.token, options.getToken);
    this.outbox = new Outbox(
      options.platform.storage,
      options.outbox?.storageKey ?? 'danmaku.outbox.v1',
      options.outbox?.maxItems ?? 50,
    );
    this.comments = new CommentSender(this.outbox, this.clock, (entry) => this.sendComment(entry));
    this.joins = new JoinRetry(this.clock, policy, this.random, {
      rejoin: (room) => this.sendJoin(room),
      waiting: (event) => this.events.emit(event),
    });
    this.heartbeat = new Heartbeat(this.clock, options.pongTimeoutMs ?? 10_000, {
      ping: (clientTimeMs) => this.connection?.link.send({ ping: { clientTimeMs } }),
      dead: () => {
        this.reportError('heartbeat timeout');
        this.dropLink(CloseCode.HEARTBEAT_TIMEOUT, 'no pong');
      },
      rtt: (rttMs) => this.events.emit({ type: 'rtt', rttMs }),
    });
    this.probe = new WebSocketProbe(
      options.platform,
      this.clock,
      poll.probeWebSocketMs,
      this.connectTimeoutMs,
      () => this.plan.probeUrl(),
      () => this.backToWebSocket(),
    );
    this.telemetry = new TelemetryQueue(options.platform.name, this.clock);
    this.retryTimer = new Timer(this.clock);
    this.connectDeadline = new Timer(this.clock);
    this.telemetryTimer = new Timer(this.clock);
    this.handlers = this.frameHandlers();
  }

  get state(): ClientState {
    return this.currentState;
  }

  /** The transport of the current (or last) attempt. */
  get activeTransport(): Transport {
    return this.connection?.transport ?? this.plan.target().transport;
  }

  /** Comments waiting for an ack (including ones restored from storage). */
  get outboxSize(): number {
    return this.outbox.size;
  }

  /** Subscribes to one event type; returns the function that unsubscribes. */
  on<T extends ClientEvent['type']>(type: T, listener: (event: Extract<ClientEvent, { type: T }>) => void): () => void {
    return this.events.on(type, listener);
  }

  /** Starts connecting (from `idle` or `closed`); joined rooms and the outbox carry over. */
  connect(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'closed') return;
    const { platform } = this.options;
    this.unsubscribe.push(
      platform.onNetworkChange((online) => (online ? this.wakeUp() : this.checkPath())),
      platform.onForegroundChange((foreground) => {
        if (foreground) this.wakeUp();
      }),
    );
    this.telemetryTimer.repeat(this.options.telemetryFlushMs ?? 15_000, () => this.flushTelemetry());
    this.plan.restart();
    this.firstAttemptAt = this.clock.now();
    this.disconnectedAt = undefined;
    this.attempt();
  }

  /** Deliberate close: no reconnect. Unacknowledged comments stay stored for the next connect. */
  close(): void {
    if (this.currentState === 'closed' || this.currentState === 'idle') return;
    this.flushTelemetry();
    this.connection?.link.close(CloseCode.NORMAL, 'client closed');
    this.terminate('client', CloseCode.NORMAL, 'closed by the app');
  }

  /** Receives a room from now on (and after every reconnect, resuming from its cursor). */
  join(room: string): void {
    if (this.rooms.add(room)) this.sendJoin(room);
  }

  leave(room: string): void {
    if (!this.rooms.remove(room)) return;
    this.joins.settled(room);
    if (this.connection?.ready) this.connection.link.send({ leave: { room } });
  }

  /**
   * Posts a comment (lone surrogates in `text` become U+FFFD). It is stored first, sent now if connected (or after the next reconnect), and
   * the promise settles with the server's ack: resolved with seq and id, or rejected with a
   * PostRejectedError / RateLimitedError (OutboxFullError when 50 already wait; ClientClosedError
   * when the client closes first — the comment stays stored). UNAVAILABLE answers are retried, not
   * reported.
   */
  post(room: string, text: string, options: PostOptions = {}): Promise<PostReceipt> {
    const now = this.clock.now();
    const entry = {
      clientMsgId: `${now.toString(36)}-${Math.floor(this.random() * 2 ** 32).toString(36)}-${(this.nextMsgId++).toString(36)}`,
      room,
      text: wellFormed(text),
      color: options.color ?? 0xffffff,
      mode: options.mode ?? 0,
      createdAt: now,
    };
    const receipt = this.outbox.add(entry);
    if (this.connection?.ready) this.sendComment(entry);
    return receipt;
  }

  private sendComment(entry: OutboxEntry): void {
    const { room, clientMsgId, text, color, mode } = entry;
    this.connection?.link.send({ comment: { room, clientMsgId, text, color, mode } });
  }

  private sendJoin(room: string): void {
    const connection = this.connection;
    const cursor = this.rooms.cursor(room);
    if (!connection?.ready || cursor === undefined) return;
    connection.link.send({ join: cursor });
    this.joins.sent(room);
  }

  /** One connection attempt: its token, its link, and its deadline for the server's welcome. */
  private attempt(): void {
    const target = this.plan.target();
    if (this.currentState !== 'reconnecting') this.currentState = 'connecting';
    this.events.emit({ type: 'connecting', attempt: this.plan.attempt, url: target.url, transport: target.transport });
    const attemptNo = this.plan.attempt;
    this.connectDeadline.start(this.connectTimeoutMs, () =>
      this.abandonAttempt(`no welcome within ${this.connectTimeoutMs} ms`),
    );
    let answer;
    try {
      answer = this.tokens.next();
    } catch (err) {
      return this.tokenFailed(err);
    }
    if (answer.ready) return this.openLink(target.url, target.transport, answer.token);
    answer.pending.then(
      (token) => {
        if (this.isWaitingForToken(attemptNo)) this.openLink(target.url, target.transport, token);
      },
      (err: unknown) => {
        if (this.isWaitingForToken(attemptNo)) this.tokenFailed(err);
      },
    );
  }

  /** An async getToken() answered: is its attempt still the one under way (not closed, not timed out)? */
  private isWaitingForToken(attemptNo: number): boolean {
    return (
      this.connection === undefined &&
      this.connectDeadline.pending &&
      this.plan.attempt === attemptNo &&
      (this.currentState === 'connecting' || this.currentState === 'reconnecting')
    );
  }

  private tokenFailed(err: unknown): void {
    const reason = `getToken failed: ${err instanceof Error ? err.message : String(err)}`;
    this.reportError(reason);
    this.attemptFailed({ code: ABNORMAL_CLOSURE, reason });
  }

  private openLink(url: string, transport: Transport, token: string | undefined): void {
    const handlers: SocketHandlers = {
      open: () => {
        if (this.connection?.link === link) this.linkOpened(token);
      },
      message: (data) => {
        if (this.connection?.link === link) this.receive(data);
      },
      close: (info) => {
        if (this.connection?.link === link) this.linkClosed(info);
      },
    };
    const link: Link =
      transport === 'longpoll'
        ? new PollLink(
            this.options.platform,
            { url, token, waitMs: this.pollWaitMs, cursors: () => this.rooms.list() },
            handlers,
          )
        : new SocketLink(this.options.platform.openSocket(url, handlers));
    this.connection = { link, transport, ready: false, welcomedAt: undefined };
  }

  private linkOpened(token: string | undefined): void {
    const connection = this.connection;
    if (connection === undefined) return;
    connection.link.send({
      hello: {
        token: token ?? '',
        platform: this.options.platform.name,
        sdkVersion: SDK_VERSION,
        reconnectAttempt: this.disconnectedAt === undefined ? 0 : Math.max(1, this.plan.attempt),
        cursors: this.rooms.list(),
        acceptDeflate: true,
      },
    });
    connection.ready = true;
    for (const { room } of this.rooms.list()) this.sendJoin(room);
    this.comments.sendAll();
  }

  private receive(data: Uint8Array): void {
    const decoded = decodeServerFrame(data);
    if (!decoded.ok) return this.reportError(`undecodable server frame: ${decoded.error}`);
    dispatchServerFrame(decoded.frame, this.handlers);
  }

  private frameHandlers(): ServerFrameHandlers {
    return {
      welcome: (welcome) => this.welcomed(welcome),
      batch: (batch) => this.batch(batch),
      deflated: (deflated) => {
        const inflated = decodeDeflatedBatch(deflated);
        if (inflated.ok) dispatchServerFrame(inflated.frame, this.handlers);
        else this.reportError(inflated.error);
      },
      joined: (joined) => this.joined(joined),
      ack: (ack) => {
        const posted = this.comments.ack(ack);
        if (posted !== undefined) this.events.emit(posted);
      },
      pong: (pong) => this.heartbeat.pong(Number(pong.clientTimeMs ?? 0)),
      recall: (recall) => this.events.emit({ type: 'recall', room: recall.room ?? '', ids: recall.ids ?? [] }),
      notice: (notice) => this.events.emit({ type: 'notice', room: notice.room ?? '', text: notice.text ?? '' }),
      goaway: (goaway) => {
        this.goawayDelayMs = goaway.reconnectDelayMs ?? 0;
        // A WebSocket is closed by the server right after; a poll link has no socket to close.
        if (this.connection?.transport === 'longpoll') this.dropLink(CloseCode.SERVICE_RESTART, 'goaway');
      },
      error: (error) => {
        const code = error.code ?? 0;
        this.joins.refused(code);
        this.events.emit({ type: 'server-error', code: errorCodeName(code), message: error.message ?? '' });
      },
      left: () => undefined,
    };
  }

  private welcomed(welcome: NonNullable<ServerFrame['welcome']>): void {
    const connection = this.connection;
    if (connection === undefined) return;
    const now = this.clock.now();
    this.connectDeadline.stop();
    connection.welcomedAt = now;
    this.plan.opened(connection.transport);
    const reconnected = this.disconnectedAt !== undefined;
    const downtimeMs = this.disconnectedAt === undefined ? 0 : now - this.disconnectedAt;
    this.telemetry.record(
      reconnected
        ? { kind: TelemetryKind.RECONNECTED, attempt: this.plan.attempt, durationMs: downtimeMs }
        : { kind: TelemetryKind.CONNECTED, durationMs: now - this.firstAttemptAt },
    );
    this.currentState = 'open';
    this.heartbeat.start(welcome.heartbeatIntervalMs || 20_000);
    if (connection.transport === 'longpoll') this.probe.start();
    this.events.emit({
      type: 'open',
      transport: connection.transport,
      sessionId: welcome.sessionId ?? '',
      reconnected,
      downtimeMs,
    });
    this.flushTelemetry();
  }

  private batch(batch: Batch): void {
    const room = batch.room ?? '';
    const seq = Number(batch.seq ?? 0);
    const outcome = this.rooms.acceptBatch(room, batch.epoch ?? '', seq, (batch.items ?? []).map(toDanmaku));
    if (outcome === undefined || outcome.duplicate) return;
    if (outcome.epochChanged) this.events.emit({ type: 'gap', room, cause: 'epoch' });
    if (outcome.fresh.length > 0) this.events.emit({ type: 'danmaku', room, seq, items: outcome.fresh });
  }

  private joined(joined: NonNullable<ServerFrame['joined']>): void {
    const room = joined.room ?? '';
    if (!this.rooms.has(room)) return;
    this.joins.settled(room);
    this.rooms.acceptJoined(room, joined.epoch ?? '', Number(joined.lastSeq ?? 0));
    if (joined.gap) this.events.emit({ type: 'gap', room, cause: 'history' });
    this.events.emit({
      type: 'joined',
      room,
      viewers: joined.viewers ?? 0,
      resumed: joined.resumed ?? false,
      gap: joined.gap ?? false,
    });
  }

  /** The network may have changed under an open connection: check it now instead of at the next ping. */
  private checkPath(): void {
    if (this.currentState === 'open') this.heartbeat.check();
  }

  /** Network back or app in the foreground: a pending retry goes now, an open link is checked. */
  private wakeUp(): void {
    if (this.currentState === 'reconnecting' && this.retryTimer.pending) {
      this.retryTimer.stop();
      this.attempt();
    } else {
      this.checkPath();
    }
  }

  /** The attempt under way got no welcome in time (or no token): end it as a failed attempt. */
  private abandonAttempt(reason: string): void {
    if (this.connection === undefined) return this.attemptFailed({ code: CloseCode.CONNECT_TIMEOUT, reason });
    this.dropLink(CloseCode.CONNECT_TIMEOUT, reason);
  }

  /** Ends the current link from this side and handles it as a drop. */
  private dropLink(code: number, reason: string): void {
    const connection = this.connection;
    if (connection === undefined) return;
    this.linkClosed({ code, reason });
    connection.link.close(code, reason);
  }

  /** Stops everything that belongs to one link. */
  private endConnection(): void {
    this.connection = undefined;
    this.connectDeadline.stop();
    this.heartbeat.stop();
    this.probe.stop();
    this.comments.cancel();
    this.joins.reset();
  }

  private linkClosed(info: CloseInfo): void {
    const connection = this.connection;
    if (connection === undefined) return;
    this.endConnection();
    if (connection.welcomedAt === undefined) {
      this.plan.failedToOpen(connection.transport, info.retryAfterMs !== undefined);
      return this.attemptFailed(info);
    }
    const now = this.clock.now();
    this.disconnectedAt = now;
    this.telemetry.record({ kind: TelemetryKind.DISCONNECTED, code: info.code, reason: info.reason.slice(0, 120) });
    this.plan.dropped(now - connection.welcomedAt);
    this.afterClose(info);
  }

  /** An attempt ended before the server's welcome. */
  private attemptFailed(info: CloseInfo): void {
    this.endConnection();
    this.afterClose(info);
  }

  private afterClose(info: CloseInfo): void {
    if (info.code === CloseCode.UNAUTHENTICATED || info.httpStatus === 401)
      return this.terminate('auth', info.code, info.reason || 'token refused');
    if (!shouldReconnect(info.code)) return this.terminate('refused', info.code, info.reason);
    const next = this.plan.next({ goawayDelayMs: this.goawayDelayMs, retryAfterMs: info.retryAfterMs });
    this.goawayDelayMs = undefined;
    if (next === undefined) return this.terminate('attempts_exhausted', info.code, info.reason);
    const { attempt, delayMs } = next;
    this.telemetry.record({ kind: TelemetryKind.RECONNECT_ATTEMPT, attempt, durationMs: delayMs });
    this.currentState = 'reconnecting';
    this.events.emit({
      type: 'reconnecting',
      attempt,
      maxAttempts: this.maxAttempts,
      delayMs,
      code: info.code,
      reason: info.reason,
    });
    this.retryTimer.start(delayMs, () => this.attempt());
  }

  /** While on long-poll a WebSocket probe opened: move back to WebSocket, resuming every room. */
  private backToWebSocket(): void {
    const connection = this.connection;
    if (this.currentState !== 'open' || connection?.transport !== 'longpoll') return;
    this.plan.webSocketWorks();
    this.endConnection();
    connection.link.close(CloseCode.NORMAL, 'back to websocket');
    this.disconnectedAt = this.clock.now();
    this.attempt();
  }

  /** Stops for good: every timer of the client and its parts is cleared here. */
  private terminate(reason: ClosedReason, code: number, message: string): void {
    this.endConnection();
    this.retryTimer.stop();
    this.telemetryTimer.stop();
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.currentState = 'closed';
    this.outbox.abandonWaiters(reason);
    this.events.emit({ type: 'closed', reason, code, message });
  }

  private reportError(reason: string): void {
    if (this.telemetry.record({ kind: TelemetryKind.CLIENT_ERROR, reason })) this.flushTelemetry();
  }

  private flushTelemetry(): void {
    if (this.currentState !== 'open' || this.telemetry.size === 0) return;
    this.connection?.link.send({ report: this.telemetry.take() });
  }
}
