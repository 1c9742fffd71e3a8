import { CloseCode, needsNewToken, shouldReconnect } from '../../../src/protocol/close-codes.js';
import { decodeServerFrame, type ServerFrame } from '../../../src/protocol/codec.js';
import { COMPACT_LAYOUT, expandCompactItems } from '../../../src/protocol/compact.js';
import { decodeDeflatedBatch } from '../../../src/protocol/deflated.js';
import { ConnectPlan, toPollUrl, type PollPolicy } from './attempts.js';
import { DEFAULT_RECONNECT } from './backoff.js';
import { Timer, systemClock, type Clock } from './clock.js';
import { CommentSender } from './comment-sender.js';
import { Connector, type Connection } from './connector.js';
import { dispatchServerFrame, type ServerFrameHandlers } from './dispatch.js';
import { Emitter } from './emitter.js';
import { errorCodeName } from './errors.js';
import type { ClientEvent, ClientState, ClosedReason, Danmaku, Transport } from './events.js';
import { Heartbeat } from './heartbeat.js';
import { JoinRetry } from './join-retry.js';
import { DEFAULT_CONNECT_TIMEOUT_MS, type ClientOptions, type PostOptions } from './options.js';
import { Outbox, type OutboxEntry, type PostReceipt } from './outbox.js';
import type { CloseInfo } from './platform.js';
import { WebSocketProbe } from './probe.js';
import { RoomCursors, toDanmaku } from './rooms.js';
import { TelemetryKind, TelemetryQueue } from './telemetry.js';
import { wellFormed } from './text.js';
import { TokenSource } from './token.js';
import { TokenRefresher } from './token-refresh.js';
import { SDK_VERSION } from './version.js';

export { DEFAULT_CONNECT_TIMEOUT_MS, type ClientOptions, type PostOptions } from './options.js';

/**
 * A live-room connection that survives bad networks: reconnects with jittered backoff (rotating
 * URLs, abandoning attempts past a connect deadline), checks the path with heartbeats, resumes
 * every joined room from its cursor, keeps unsent comments in an outbox, retries joins the server
 * could not take, and falls back to long-poll when WebSocket keeps failing. Platform-free:
 * everything platform-specific comes in through `options.platform`, time through `options.clock`.
 *
 * This class holds the state machine and wires the parts, each of which owns its timers:
 * ConnectPlan (which transport and URL, how long to wait), Connector (one attempt and its link),
 * Heartbeat, CommentSender (the outbox on the wire), JoinRetry, WebSocketProbe.
 */
export class DanmakuClient {
  private readonly events = new Emitter<ClientEvent>();
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly plan: ConnectPlan;
  private readonly connector: Connector;
  private readonly rooms = new RoomCursors();
  /** Joined.room_alias → the room and the epoch its joined carried, for compact batches (this connection's). */
  private readonly aliases = new Map<number, { readonly room: string; readonly epoch: string }>();
  private readonly outbox: Outbox;
  private readonly comments: CommentSender;
  private readonly joins: JoinRetry;
  private readonly heartbeat: Heartbeat;
  private readonly probe: WebSocketProbe;
  private readonly telemetry: TelemetryQueue;
  private readonly tokens: TokenSource;
  private readonly refresher: TokenRefresher;
  private readonly retryTimer: Timer;
  private readonly telemetryTimer: Timer;
  private readonly handlers: ServerFrameHandlers;
  private readonly unsubscribe: (() => void)[] = [];

  private currentState: ClientState = 'idle';
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
    const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.maxAttempts = policy.maxAttempts;
    this.plan = new ConnectPlan(wsUrls, poll, policy, this.random, () =>
      options.roomAffinity === true ? this.rooms.first() : undefined,
    );
    this.tokens = new TokenSource(options.token, options.getToken);
    this.refresher = new TokenRefresher(this.clock, this.tokens, {
      send: (token) => this.connector.send({ refresh: { token } }),
      failed: (reason) => this.reportError(reason),
    });
    this.connector = new Connector(
      options.platform,
      this.clock,
      {
        connectTimeoutMs,
        pollWaitMs: poll.waitMs,
        tokens: this.tokens,
        cursors: () => this.rooms.list(),
      },
      {
        opened: (connection, token) => this.linkOpened(connection, token),
        message: (data) => this.receive(data),
        ended: (connection, info) => this.linkEnded(connection, info),
      },
    );
    this.outbox = new Outbox(
      options.platform.storage,
      options.outbox?.storageKey ?? 'danmaku.outbox.v1',
      options.outbox?.maxItems ?? 50,
    );
    this.comments = new CommentSender(
      this.outbox,
      this.clock,
      (entry) => this.sendComment(entry),
      (clientMsgId) => this.reportError(`comment ${clientMsgId} unanswered; sent again`),
      options.commentAckTimeoutMs,
    );
    this.joins = new JoinRetry(this.clock, policy, this.random, {
      rejoin: (room) => this.sendJoin(room),
      waiting: (event) => this.events.emit(event),
    });
    this.heartbeat = new Heartbeat(this.clock, options.pongTimeoutMs ?? 10_000, {
      ping: (clientTimeMs) => this.connector.send({ ping: { clientTimeMs } }),
      dead: () => {
        this.reportError('heartbeat timeout');
        this.connector.drop(CloseCode.HEARTBEAT_TIMEOUT, 'no pong');
      },
      rtt: (rttMs) => this.events.emit({ type: 'rtt', rttMs }),
    });
    this.probe = new WebSocketProbe(
      options.platform,
      this.clock,
      poll.probeWebSocketMs,
      connectTimeoutMs,
      () => this.plan.probeUrl(),
      () => this.backToWebSocket(),
    );
    this.telemetry = new TelemetryQueue(options.platform.name, this.clock);
    this.retryTimer = new Timer(this.clock);
    this.telemetryTimer = new Timer(this.clock);
    this.handlers = this.frameHandlers();
  }

  get state(): ClientState {
    return this.currentState;
  }

  /** The transport of the current (or next) attempt. */
  get activeTransport(): Transport {
    return this.connector.connection?.transport ?? this.plan.target().transport;
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
    this.terminate('client', CloseCode.NORMAL, 'closed by the app');
  }

  /** Receives a room from now on (and after every reconnect, resuming from its cursor). */
  join(room: string): void {
    if (this.rooms.add(room)) this.sendJoin(room);
  }

  leave(room: string): void {
    if (!this.rooms.remove(room)) return;
    this.joins.settled(room);
    this.connector.send({ leave: { room } });
  }

  /**
   * Posts a comment (lone surrogates in `text` become U+FFFD). It is stored first, sent now if
   * connected (or after the next reconnect), and the promise settles with the server's ack:
   * resolved with seq and id, or rejected with a PostRejectedError / RateLimitedError
   * (OutboxFullError when `outbox.maxItems` already wait; ClientClosedError when the client closes
   * first — the comment stays stored). UNAVAILABLE answers are retried, not reported.
   */
  post(room: string, text: string, options: PostOptions = {}): Promise<PostReceipt> {
    const now = this.clock.now();
    const random = Math.floor(this.random() * 2 ** 32).toString(36);
    const entry = {
      clientMsgId: `${now.toString(36)}-${random}-${(this.nextMsgId++).toString(36)}`,
      room,
      text: wellFormed(text),
      color: options.color ?? 0xffffff,
      mode: options.mode ?? 0,
      createdAt: now,
    };
    const receipt = this.outbox.add(entry);
    this.comments.sendOne(entry);
    return receipt;
  }

  private sendComment(entry: OutboxEntry): boolean {
    const { room, clientMsgId, text, color, mode } = entry;
    return this.connector.send({ comment: { room, clientMsgId, text, color, mode } });
  }

  private sendJoin(room: string): void {
    const cursor = this.rooms.cursor(room);
    if (cursor !== undefined && this.connector.send({ join: cursor })) this.joins.sent(room);
  }

  private attempt(): void {
    const target = this.plan.target();
    if (this.currentState !== 'reconnecting') this.currentState = 'connecting';
    this.events.emit({ type: 'connecting', attempt: this.plan.attempt, url: target.url, transport: target.transport });
    this.connector.dial(target);
  }

  private linkOpened(connection: Connection, token: string | undefined): void {
    connection.link.send({
      hello: {
        token: token ?? '',
        platform: this.options.platform.name,
        sdkVersion: SDK_VERSION,
        reconnectAttempt: this.disconnectedAt === undefined ? 0 : Math.max(1, this.plan.attempt),
        cursors: this.rooms.list(),
        acceptDeflate: true,
        batchLayout: this.options.compactBatches === true ? COMPACT_LAYOUT : 0,
      },
    });
    // Aliases are per node and per connection: the joins below bring new ones.
    this.aliases.clear();
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
    const emit = (event: ClientEvent) => this.events.emit(event);
    return {
      welcome: (welcome) => this.welcomed(welcome),
      batch: (batch) =>
        this.acceptBatch(
          batch.room ?? '',
          batch.epoch ?? '',
          Number(batch.seq ?? 0),
          (batch.items ?? []).map(toDanmaku),
        ),
      compact: (compact) => {
        const alias = this.aliases.get(compact.roomAlias ?? 0);
        if (alias === undefined) return this.reportError(`compact batch of unknown room alias ${compact.roomAlias}`);
        const items = expandCompactItems(compact).map(toDanmaku);
        this.acceptBatch(alias.room, compact.epoch || alias.epoch, Number(compact.seq ?? 0), items);
      },
      deflated: (deflated) => {
        const inflated = decodeDeflatedBatch(deflated);
        if (inflated.ok) dispatchServerFrame(inflated.frame, this.handlers);
        else this.reportError(inflated.error);
      },
      joined: (joined) => {
        const room = joined.room ?? '';
        if (!this.rooms.has(room)) return;
        this.joins.settled(room);
        this.rooms.acceptJoined(room, joined.epoch ?? '', Number(joined.lastSeq ?? 0));
        if (joined.roomAlias) this.aliases.set(joined.roomAlias, { room, epoch: joined.epoch ?? '' });
        if (joined.gap) emit({ type: 'gap', room, cause: 'history' });
        const { viewers, resumed, gap } = joined;
        emit({ type: 'joined', room, viewers: viewers ?? 0, resumed: resumed ?? false, gap: gap ?? false });
      },
      ack: (ack) => {
        const posted = this.comments.ack(ack);
        if (posted !== undefined) emit(posted);
      },
      pong: (pong) => this.heartbeat.pong(Number(pong.clientTimeMs ?? 0)),
      recall: (recall) => emit({ type: 'recall', room: recall.room ?? '', ids: recall.ids ?? [] }),
      notice: (notice) => emit({ type: 'notice', room: notice.room ?? '', text: notice.text ?? '' }),
      presence: (presence) => {
        const room = presence.room ?? '';
        if (this.rooms.has(room)) emit({ type: 'presence', room, viewers: presence.viewers ?? 0 });
      },
      goaway: (goaway) => {
        this.goawayDelayMs = goaway.reconnectDelayMs ?? 0;
        // A WebSocket is closed by the server right after; a poll link has no socket to close.
        if (this.connector.connection?.transport === 'longpoll')
          this.connector.drop(CloseCode.SERVICE_RESTART, 'goaway');
      },
      error: (error) => {
        const code = error.code ?? 0;
        this.joins.refused(code);
        emit({ type: 'server-error', code: errorCodeName(code), message: error.message ?? '' });
      },
      left: () => undefined,
      refreshed: ({ code, message, tokenExpiresAtMs, serverTimeMs, leftRooms }) => {
        if (code) {
          this.refresher.refused(message ?? '');
          return emit({ type: 'server-error', code: errorCodeName(code), message: message ?? '' });
        }
        const expiresAtMs = Number(tokenExpiresAtMs);
        this.refresher.expiresAtServerTime(expiresAtMs, Number(serverTimeMs));
        // The server left these rooms (it also sent `left`): rejoining would only watch them.
        for (const room of leftRooms ?? []) {
          this.rooms.remove(room);
          this.joins.settled(room);
        }
        emit({ type: 'token', expiresAtMs, leftRooms: leftRooms ?? [] });
      },
    };
  }

  private acceptBatch(room: string, epoch: string, seq: number, items: Danmaku[]): void {
    const outcome = this.rooms.acceptBatch(room, epoch, seq, items);
    if (outcome === undefined || outcome.duplicate) return;
    if (outcome.epochChanged) this.events.emit({ type: 'gap', room, cause: 'epoch' });
    if (outcome.fresh.length > 0) this.events.emit({ type: 'danmaku', room, seq, items: outcome.fresh });
  }

  private welcomed(welcome: NonNullable<ServerFrame['welcome']>): void {
    const now = this.clock.now();
    const connection = this.connector.welcomed(now);
    if (connection === undefined) return;
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
    this.refresher.expiresAtServerTime(Number(welcome.tokenExpiresAtMs ?? 0), Number(welcome.serverTimeMs ?? 0));
    if (connection.transport === 'longpoll') this.probe.start();
    const { transport } = connection;
    this.events.emit({ type: 'open', transport, sessionId: welcome.sessionId ?? '', reconnected, downtimeMs });
    this.flushTelemetry();
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

  /** Stops what belongs to one link (the connector has ended the link itself). */
  private stopLinkParts(): void {
    this.heartbeat.stop();
    this.refresher.stop();
    this.probe.stop();
    this.comments.cancel();
    this.joins.reset();
  }

  private linkEnded(connection: Connection | undefined, info: CloseInfo): void {
    this.stopLinkParts();
    if (connection?.welcomedAt === undefined) {
      if (connection !== undefined) this.plan.failedToOpen(connection.transport, info.retryAfterMs !== undefined);
    } else {
      const now = this.clock.now();
      this.disconnectedAt = now;
      this.telemetry.record({ kind: TelemetryKind.DISCONNECTED, code: info.code, reason: info.reason.slice(0, 120) });
      this.plan.dropped(now - connection.welcomedAt);
    }
    // With getToken() a refused or expired token is replaced at the next attempt; a fixed one cannot be.
    const tokenRefused = needsNewToken(info.code) || info.httpStatus === 401;
    if (tokenRefused && !this.tokens.refreshable)
      return this.terminate('auth', info.code, info.reason || 'token refused');
    if (!tokenRefused && !shouldReconnect(info.code)) return this.terminate('refused', info.code, info.reason);
    const next = this.plan.next({ goawayDelayMs: this.goawayDelayMs, retryAfterMs: info.retryAfterMs });
    this.goawayDelayMs = undefined;
    if (next === undefined) return this.terminate('attempts_exhausted', info.code, info.reason);
    const { attempt, delayMs } = next;
    this.telemetry.record({ kind: TelemetryKind.RECONNECT_ATTEMPT, attempt, durationMs: delayMs });
    this.currentState = 'reconnecting';
    const { code, reason } = info;
    this.events.emit({ type: 'reconnecting', attempt, maxAttempts: this.maxAttempts, delayMs, code, reason });
    this.retryTimer.start(delayMs, () => this.attempt());
  }

  /** While on long-poll a WebSocket probe opened: move back to WebSocket, resuming every room. */
  private backToWebSocket(): void {
    if (this.currentState !== 'open' || this.connector.connection?.transport !== 'longpoll') return;
    this.plan.webSocketWorks();
    this.connector.close(CloseCode.NORMAL, 'back to websocket');
    this.stopLinkParts();
    this.disconnectedAt = this.clock.now();
    this.attempt();
  }

  /** Stops for good: every timer of the client and its parts is cleared here. */
  private terminate(reason: ClosedReason, code: number, message: string): void {
    this.connector.close(CloseCode.NORMAL, 'client closed');
    this.stopLinkParts();
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
    this.connector.send({ report: this.telemetry.take() });
  }
}
