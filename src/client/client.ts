import { CloseCode, shouldReconnect } from '../protocol/close-codes.js';
import { ErrorCode, decodeServerFrame, type ServerFrame } from '../protocol/codec.js';
import { decodeDeflatedBatch } from '../protocol/deflated.js';
import { DEFAULT_RECONNECT, backoffDelay, type ReconnectPolicy } from './backoff.js';
import { Emitter } from './emitter.js';
import { PostRejectedError, RateLimitedError, errorCodeName } from './errors.js';
import type { ClientEvent, ClientState, ClosedReason, Danmaku, Transport } from './events.js';
import { SocketLink, type Link } from './link.js';
import { Outbox, type PostReceipt } from './outbox.js';
import type { CloseInfo, Platform } from './platform.js';
import { PollLink } from './poll-link.js';
import { RoomCursors } from './rooms.js';
import { TelemetryKind, TelemetryQueue } from './telemetry.js';

export const SDK_VERSION = '0.1.0';

export interface ClientOptions {
  /** WebSocket URLs (ws:// or wss://, path /ws); retries rotate through them. */
  readonly urls: string | readonly string[];
  readonly platform: Platform;
  /** Needed to post; watching needs none. Sent in hello (and as a bearer header to /poll). */
  readonly token?: string;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** How long to wait for a pong before the connection counts as dead. Default 10 s. */
  readonly pongTimeoutMs?: number;
  readonly outbox?: { readonly maxItems?: number; readonly storageKey?: string };
  readonly poll?: Partial<PollPolicy>;
  /** How often batched telemetry is sent. Default 15 s. */
  readonly telemetryFlushMs?: number;
  /** Source of randomness for backoff jitter and message ids. */
  readonly random?: () => number;
}

export interface PollPolicy {
  /** /poll URLs; by default derived from `urls` (ws→http, /ws→/poll). */
  readonly urls: readonly string[];
  /** WebSocket attempts that fail in a row before switching to long-poll. Default 3. */
  readonly afterFailures: number;
  /** Use long-poll from the start. */
  readonly force: boolean;
  /** How long the server may hold a receive request. Default 25 s. */
  readonly waitMs: number;
  /** While on long-poll, how often to try whether WebSocket works again. Default 30 s. */
  readonly probeWebSocketMs: number;
}

export interface PostOptions {
  readonly color?: number;
  /** 0 scroll, 1 top, 2 bottom */
  readonly mode?: number;
}

/** Server answers that mean "keep the comment and send it again". */
const RETRYABLE = new Set<number>([ErrorCode.UNAVAILABLE, ErrorCode.OVERLOADED]);

function toPollUrl(wsUrl: string): string {
  return wsUrl.replace(/^ws(s?):/, 'http$1:').replace(/\/ws(\?|$)/, '/poll$1');
}

function toDanmaku(d: NonNullable<NonNullable<ServerFrame['batch']>['items']>[number]): Danmaku {
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

/**
 * A live-room connection that survives bad networks: reconnects with jittered backoff, checks the
 * path with heartbeats, resumes every joined room from its cursor, keeps unsent comments in an
 * outbox, and falls back to long-poll when WebSocket keeps failing. Platform-free: everything
 * platform-specific comes in through `options.platform`.
 */
export class DanmakuClient {
  private readonly events = new Emitter<ClientEvent>();
  private readonly policy: ReconnectPolicy;
  private readonly pollPolicy: PollPolicy;
  private readonly wsUrls: readonly string[];
  private readonly rooms = new RoomCursors();
  private readonly outbox: Outbox;
  private readonly telemetry: TelemetryQueue;
  private readonly random: () => number;
  private readonly unsubscribe: (() => void)[] = [];

  private currentState: ClientState = 'idle';
  private link: Link | undefined;
  /** The current link is open and hello has gone out: frames sent now follow it. */
  private linkReady = false;
  private transport: Transport = 'websocket';
  private linkOpenedAt: number | undefined;
  private attempt = 0;
  private wsFailuresInRow = 0;
  private urlIndex = 0;
  private firstAttemptAt = 0;
  private disconnectedAt: number | undefined;
  private goawayDelayMs: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private telemetryTimer: ReturnType<typeof setInterval> | undefined;
  private probeTimer: ReturnType<typeof setInterval> | undefined;
  private nextMsgId = 0;

  constructor(private readonly options: ClientOptions) {
    this.policy = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.wsUrls = typeof options.urls === 'string' ? [options.urls] : [...options.urls];
    if (this.wsUrls.length === 0) throw new Error('DanmakuClient: at least one URL is needed');
    this.pollPolicy = {
      urls: this.wsUrls.map(toPollUrl),
      afterFailures: 3,
      force: false,
      waitMs: 25_000,
      probeWebSocketMs: 30_000,
      ...options.poll,
    };
    this.random = options.random ?? Math.random;
    this.outbox = new Outbox(
      options.platform.storage,
      options.outbox?.storageKey ?? 'danmaku.outbox.v1',
      options.outbox?.maxItems ?? 50,
    );
    this.telemetry = new TelemetryQueue(options.platform.name);
  }

  get state(): ClientState {
    return this.currentState;
  }

  get activeTransport(): Transport {
    return this.transport;
  }

  /** Comments waiting for an ack (including ones restored from storage). */
  get outboxSize(): number {
    return this.outbox.size;
  }

  on<T extends ClientEvent['type']>(type: T, listener: (event: Extract<ClientEvent, { type: T }>) => void): () => void {
    return this.events.on(type, listener);
  }

  connect(): void {
    if (this.currentState !== 'idle' && this.currentState !== 'closed') return;
    const { platform } = this.options;
    this.unsubscribe.push(
      platform.onNetworkChange((online) => (online ? this.wakeUp() : this.probe())),
      platform.onForegroundChange((foreground) => {
        if (foreground) this.wakeUp();
      }),
    );
    this.telemetryTimer = setInterval(() => this.flushTelemetry(), this.options.telemetryFlushMs ?? 15_000);
    this.attempt = 0;
    this.wsFailuresInRow = 0;
    this.firstAttemptAt = Date.now();
    this.disconnectedAt = undefined;
    this.openLink();
  }

  /** Deliberate close: no reconnect. Unacknowledged comments stay stored for the next connect. */
  close(): void {
    if (this.currentState === 'closed' || this.currentState === 'idle') return;
    this.flushTelemetry();
    this.link?.close(CloseCode.NORMAL, 'client closed');
    this.terminate('client', CloseCode.NORMAL, 'closed by the app');
  }

  join(room: string): void {
    if (!this.rooms.add(room)) return;
    if (this.linkReady) this.link?.send({ join: { room, epoch: '', lastSeq: 0 } });
  }

  leave(room: string): void {
    if (!this.rooms.remove(room)) return;
    if (this.linkReady) this.link?.send({ leave: { room } });
  }

  /**
   * Posts a comment. It is stored first, sent now if connected (or after the next reconnect), and
   * the promise settles with the server's ack: resolved with seq and id, or rejected with a
   * PostRejectedError / RateLimitedError. UNAVAILABLE answers are retried, not reported.
   */
  post(room: string, text: string, options: PostOptions = {}): Promise<PostReceipt> {
    const clientMsgId = `${Date.now().toString(36)}-${Math.floor(this.random() * 2 ** 32).toString(36)}-${(this.nextMsgId++).toString(36)}`;
    const entry = {
      clientMsgId,
      room,
      text,
      color: options.color ?? 0xffffff,
      mode: options.mode ?? 0,
      createdAt: Date.now(),
    };
    const receipt = this.outbox.add(entry);
    if (this.linkReady) this.sendComment(entry);
    return receipt;
  }

  private sendComment(entry: { clientMsgId: string; room: string; text: string; color: number; mode: number }): void {
    this.link?.send({
      comment: {
        room: entry.room,
        clientMsgId: entry.clientMsgId,
        text: entry.text,
        color: entry.color,
        mode: entry.mode,
      },
    });
  }

  private setState(state: ClientState): void {
    this.currentState = state;
  }

  private openLink(): void {
    this.retryTimer = undefined;
    const poll = this.pollPolicy.force || this.wsFailuresInRow >= this.pollPolicy.afterFailures;
    this.transport = poll ? 'longpoll' : 'websocket';
    const urls = poll ? this.pollPolicy.urls : this.wsUrls;
    const url = urls[this.urlIndex % urls.length] as string;
    if (this.currentState !== 'reconnecting') this.setState('connecting');
    this.events.emit({ type: 'connecting', attempt: this.attempt, url, transport: this.transport });
    this.linkOpenedAt = undefined;
    this.linkReady = false;
    const handlers = {
      open: () => {
        if (link === this.link) this.linkOpened();
      },
      message: (data: Uint8Array) => {
        if (link === this.link) this.receive(data);
      },
      close: (info: CloseInfo) => {
        if (link === this.link) this.linkClosed(info);
      },
    };
    const link: Link = poll
      ? new PollLink(
          this.options.platform,
          { url, token: this.options.token, waitMs: this.pollPolicy.waitMs, cursors: () => this.rooms.list() },
          handlers,
        )
      : new SocketLink(this.options.platform.openSocket(url, handlers));
    this.link = link;
  }

  private linkOpened(): void {
    const link = this.link;
    if (link === undefined) return;
    link.send({
      hello: {
        token: this.options.token ?? '',
        platform: this.options.platform.name,
        sdkVersion: SDK_VERSION,
        reconnectAttempt: this.disconnectedAt === undefined ? 0 : Math.max(1, this.attempt),
        cursors: this.rooms.list(),
        acceptDeflate: true,
      },
    });
    for (const cursor of this.rooms.list()) link.send({ join: cursor });
    for (const entry of this.outbox.pending()) this.sendComment(entry);
    this.linkReady = true;
  }

  private welcomed(welcome: NonNullable<ServerFrame['welcome']>): void {
    const now = Date.now();
    this.linkOpenedAt = now;
    if (this.transport === 'websocket') this.wsFailuresInRow = 0;
    const reconnected = this.disconnectedAt !== undefined;
    const downtimeMs = reconnected ? now - (this.disconnectedAt as number) : 0;
    this.telemetry.record(
      reconnected
        ? { kind: TelemetryKind.RECONNECTED, attempt: this.attempt, durationMs: downtimeMs }
        : { kind: TelemetryKind.CONNECTED, durationMs: now - this.firstAttemptAt },
    );
    this.setState('open');
    this.startHeartbeat(welcome.heartbeatIntervalMs ?? 20_000);
    if (this.transport === 'longpoll') this.startWebSocketProbe();
    this.events.emit({
      type: 'open',
      transport: this.transport,
      sessionId: welcome.sessionId ?? '',
      reconnected,
      downtimeMs,
    });
    this.flushTelemetry();
  }

  private receive(data: Uint8Array): void {
    const decoded = decodeServerFrame(data);
    if (!decoded.ok) {
      this.reportError(`undecodable server frame: ${decoded.error}`);
      return;
    }
    this.handle(decoded.frame);
  }

  private handle(frame: ServerFrame): void {
    switch (frame.kind) {
      case 'welcome':
        return this.welcomed(frame.welcome as NonNullable<ServerFrame['welcome']>);
      case 'batch':
        return this.batch(frame.batch as NonNullable<ServerFrame['batch']>);
      case 'deflated':
        return this.deflated(frame.deflated as NonNullable<ServerFrame['deflated']>);
      case 'joined':
        return this.joined(frame.joined as NonNullable<ServerFrame['joined']>);
      case 'ack':
        return this.ack(frame.ack as NonNullable<ServerFrame['ack']>);
      case 'pong':
        return this.pong(Number(frame.pong?.clientTimeMs ?? 0));
      case 'recall':
        return this.events.emit({ type: 'recall', room: frame.recall?.room ?? '', ids: frame.recall?.ids ?? [] });
      case 'notice':
        return this.events.emit({ type: 'notice', room: frame.notice?.room ?? '', text: frame.notice?.text ?? '' });
      case 'goaway':
        this.goawayDelayMs = frame.goaway?.reconnectDelayMs ?? 0;
        // A WebSocket is closed by the server right after; a poll link has no socket to close.
        if (this.transport === 'longpoll') this.dropLink(CloseCode.SERVICE_RESTART, 'goaway');
        return;
      case 'error':
        return this.events.emit({
          type: 'server-error',
          code: errorCodeName(frame.error?.code ?? 0),
          message: frame.error?.message ?? '',
        });
      default:
        return;
    }
  }

  private deflated(deflated: NonNullable<ServerFrame['deflated']>): void {
    const inflated = decodeDeflatedBatch(deflated);
    if (inflated.ok) this.handle(inflated.frame);
    else this.reportError(inflated.error);
  }

  private batch(batch: NonNullable<ServerFrame['batch']>): void {
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

  private ack(ack: NonNullable<ServerFrame['ack']>): void {
    const clientMsgId = ack.clientMsgId ?? '';
    const code = ack.code ?? ErrorCode.OK;
    if (!ack.ok && RETRYABLE.has(code)) {
      const link = this.link;
      const entry = this.outbox.pending().find((e) => e.clientMsgId === clientMsgId);
      if (entry !== undefined) {
        setTimeout(() => {
          if (this.link === link && this.currentState === 'open' && this.outbox.has(clientMsgId))
            this.sendComment(entry);
        }, ack.retryAfterMs || 1000);
      }
      return;
    }
    const seq = Number(ack.seq ?? 0);
    const id = ack.id ?? '';
    const error = ack.ok
      ? undefined
      : code === ErrorCode.RATE_LIMITED
        ? new RateLimitedError(clientMsgId, ack.retryAfterMs ?? 0)
        : new PostRejectedError(errorCodeName(code), clientMsgId);
    const settled = this.outbox.settle(
      clientMsgId,
      error === undefined ? { receipt: { clientMsgId, seq, id } } : { error },
    );
    if (settled)
      this.events.emit({ type: 'posted', clientMsgId, ok: ack.ok ?? false, code: errorCodeName(code), seq, id });
  }

  private startHeartbeat(intervalMs: number): void {
    this.stopHeartbeat();
    this.pingTimer = setInterval(() => this.ping(), intervalMs);
  }

  private stopHeartbeat(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    this.pingTimer = undefined;
    this.pongTimer = undefined;
  }

  private ping(): void {
    if (this.pongTimer !== undefined || this.currentState !== 'open') return;
    this.link?.send({ ping: { clientTimeMs: Date.now() } });
    this.pongTimer = setTimeout(() => {
      this.pongTimer = undefined;
      this.reportError('heartbeat timeout');
      this.dropLink(CloseCode.HEARTBEAT_TIMEOUT, 'no pong');
    }, this.options.pongTimeoutMs ?? 10_000);
  }

  private pong(clientTimeMs: number): void {
    clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
    this.events.emit({ type: 'rtt', rttMs: Date.now() - clientTimeMs });
  }

  /** The network may have changed under an open connection: check it now instead of at the next ping. */
  private probe(): void {
    if (this.currentState === 'open') this.ping();
  }

  /** Network back or app in the foreground: a pending retry goes now, an open link is checked. */
  private wakeUp(): void {
    if (this.currentState === 'reconnecting' && this.retryTimer !== undefined) {
      clearTimeout(this.retryTimer);
      this.openLink();
    } else {
      this.probe();
    }
  }

  /** Ends the current link from this side and handles it as a drop. */
  private dropLink(code: number, reason: string): void {
    const link = this.link;
    if (link === undefined) return;
    this.linkClosed({ code, reason });
    link.close(code, reason);
  }

  private linkClosed(info: CloseInfo): void {
    const now = Date.now();
    const wasOpen = this.linkOpenedAt !== undefined;
    this.link = undefined;
    this.linkReady = false;
    this.stopHeartbeat();
    this.stopWebSocketProbe();
    if (wasOpen) {
      this.disconnectedAt = now;
      this.telemetry.record({ kind: TelemetryKind.DISCONNECTED, code: info.code, reason: info.reason.slice(0, 120) });
      if (now - (this.linkOpenedAt as number) >= this.policy.stableAfterMs) this.attempt = 0;
    } else if (this.transport === 'websocket' && info.retryAfterMs === undefined) {
      // A refusal with Retry-After is the server spreading a storm, not a network that blocks
      // WebSocket: falling back to long-poll would walk around its admission control.
      this.wsFailuresInRow++;
    }
    this.linkOpenedAt = undefined;
    if (info.code === CloseCode.UNAUTHENTICATED || info.httpStatus === 401)
      return this.terminate('auth', info.code, info.reason || 'token refused');
    if (!shouldReconnect(info.code)) return this.terminate('refused', info.code, info.reason);
    this.scheduleReconnect(info);
  }

  private scheduleReconnect(info: CloseInfo): void {
    this.attempt++;
    if (this.attempt > this.policy.maxAttempts) return this.terminate('attempts_exhausted', info.code, info.reason);
    this.urlIndex++;
    const backoffMs = this.goawayDelayMs ?? backoffDelay(this.policy, this.attempt, this.random);
    // A node refusing upgrades in a storm names when to come back; the jitter keeps everyone it told
    // the same second from arriving together.
    const delayMs =
      info.retryAfterMs === undefined
        ? backoffMs
        : Math.max(backoffMs, info.retryAfterMs + Math.floor(this.random() * this.policy.baseMs));
    this.goawayDelayMs = undefined;
    this.telemetry.record({ kind: TelemetryKind.RECONNECT_ATTEMPT, attempt: this.attempt, durationMs: delayMs });
    this.setState('reconnecting');
    this.events.emit({
      type: 'reconnecting',
      attempt: this.attempt,
      maxAttempts: this.policy.maxAttempts,
      delayMs,
      code: info.code,
      reason: info.reason,
    });
    this.retryTimer = setTimeout(() => this.openLink(), delayMs);
  }

  private terminate(reason: ClosedReason, code: number, message: string): void {
    clearTimeout(this.retryTimer);
    clearInterval(this.telemetryTimer);
    this.retryTimer = undefined;
    this.stopHeartbeat();
    this.stopWebSocketProbe();
    this.link = undefined;
    this.linkReady = false;
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.setState('closed');
    this.outbox.abandonWaiters(reason);
    this.events.emit({ type: 'closed', reason, code, message });
  }

  private reportError(reason: string): void {
    if (this.telemetry.record({ kind: TelemetryKind.CLIENT_ERROR, reason })) this.flushTelemetry();
  }

  private flushTelemetry(): void {
    if (this.currentState !== 'open' || this.telemetry.size === 0) return;
    this.link?.send({ report: this.telemetry.take() });
  }

  /** On long-poll, tries a bare WebSocket now and then; when one opens, the client moves back to it. */
  private startWebSocketProbe(): void {
    this.stopWebSocketProbe();
    this.probeTimer = setInterval(() => {
      const url = this.wsUrls[this.urlIndex % this.wsUrls.length] as string;
      const socket = this.options.platform.openSocket(url, {
        open: () => {
          socket.close(CloseCode.NORMAL, 'probe');
          if (this.currentState !== 'open' || this.transport !== 'longpoll') return;
          this.wsFailuresInRow = 0;
          const link = this.link;
          this.link = undefined;
          this.linkReady = false;
          link?.close(CloseCode.NORMAL, 'back to websocket');
          this.stopHeartbeat();
          this.stopWebSocketProbe();
          this.disconnectedAt = Date.now();
          this.openLink();
        },
        message: () => undefined,
        close: () => undefined,
      });
    }, this.pollPolicy.probeWebSocketMs);
  }

  private stopWebSocketProbe(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }
}
