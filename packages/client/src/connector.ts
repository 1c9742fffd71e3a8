import { CloseCode } from '../../../src/protocol/close-codes.js';
import type { ClientFrameProps } from '../../../src/protocol/codec.js';
import type { Target } from './attempts.js';
import { Timer, type Clock } from './clock.js';
import type { Transport } from './events.js';
import { SocketLink, type Link } from './link.js';
import type { CloseInfo, Platform, SocketHandlers } from './platform.js';
import { PollLink } from './poll-link.js';
import type { TokenSource } from './token.js';

/** The link of the current attempt and what is known about it. */
export interface Connection {
  readonly link: Link;
  readonly transport: Transport;
  /** Hello has gone out: frames sent now follow it. */
  ready: boolean;
  /** When the server's welcome arrived (ms since the epoch); undefined while the attempt is opening. */
  welcomedAt: number | undefined;
}

export interface ConnectorHooks {
  /** The link opened: send hello (with this attempt's token), then mark the connection ready. */
  opened(connection: Connection, token: string | undefined): void;
  message(data: Uint8Array): void;
  /**
   * The attempt or its link ended: by itself, at the connect deadline, or through `drop`
   * (never through `close`). `connection` is undefined when no link was opened (getToken failed).
   */
  ended(connection: Connection | undefined, info: CloseInfo): void;
}

export interface ConnectorOptions {
  /** An attempt without the server's welcome after this many ms is abandoned. */
  readonly connectTimeoutMs: number;
  /** How long the server may hold a long-poll receive request. */
  readonly pollWaitMs: number;
  readonly tokens: TokenSource;
  /** The rooms and cursors a long-poll receive asks for. */
  readonly cursors: () => readonly { room: string; epoch: string; lastSeq: number }[];
}

/** RFC 6455 §7.4.1: the connection ended without a close frame (here: getToken() failed). */
const ABNORMAL_CLOSURE = 1006;

/**
 * One connection attempt at a time and the link it opens: gets the attempt's token (getToken may
 * answer later), opens a WebSocket or a long-poll link, and gives the attempt `connectTimeoutMs`
 * to be welcomed by the server — a black-holed address neither opens nor fails by itself.
 * Whatever ends an attempt or a link is reported once through `hooks.ended`.
 */
export class Connector {
  private current: Connection | undefined;
  /** The attempt under way (identity only): a late getToken() answer for an older one is dropped. */
  private dialing: object | undefined;
  private readonly deadline: Timer;

  constructor(
    private readonly platform: Platform,
    clock: Clock,
    private readonly options: ConnectorOptions,
    private readonly hooks: ConnectorHooks,
  ) {
    this.deadline = new Timer(clock);
  }

  get connection(): Connection | undefined {
    return this.current;
  }

  /** Starts an attempt on `target`, ending (quietly) whatever attempt or link there was. */
  dial(target: Target): void {
    this.close(CloseCode.NORMAL, 'new attempt');
    const attempt = {};
    this.dialing = attempt;
    const ms = this.options.connectTimeoutMs;
    this.deadline.start(ms, () => this.drop(CloseCode.CONNECT_TIMEOUT, `no welcome within ${ms} ms`));
    let answer;
    try {
      answer = this.options.tokens.next();
    } catch (err) {
      return this.tokenFailed(err);
    }
    if (answer.ready) return this.open(target, answer.token);
    const stillDialing = () => this.dialing === attempt && this.current === undefined;
    answer.pending.then(
      (token) => {
        if (stillDialing()) this.open(target, token);
      },
      (err: unknown) => {
        if (stillDialing()) this.tokenFailed(err);
      },
    );
  }

  /** The server's welcome arrived: the attempt succeeded and its deadline is over. */
  welcomed(now: number): Connection | undefined {
    this.deadline.stop();
    this.dialing = undefined;
    if (this.current !== undefined) this.current.welcomedAt = now;
    return this.current;
  }

  /** Sends on a ready link; false (nothing sent) before hello went out or without a link. */
  send(frame: ClientFrameProps): boolean {
    if (!this.current?.ready) return false;
    this.current.link.send(frame);
    return true;
  }

  /** Ends the attempt or link from this side and reports it through `hooks.ended`. */
  drop(code: number, reason: string): void {
    const connection = this.current;
    if (connection === undefined && this.dialing === undefined) return;
    this.end();
    this.hooks.ended(connection, { code, reason });
    connection?.link.close(code, reason);
  }

  /** Ends the attempt or link without reporting it (a deliberate close, a switch of transport). */
  close(code: number, reason: string): void {
    const connection = this.current;
    this.end();
    connection?.link.close(code, reason);
  }

  private end(): void {
    this.current = undefined;
    this.dialing = undefined;
    this.deadline.stop();
  }

  private tokenFailed(err: unknown): void {
    this.end();
    this.hooks.ended(undefined, {
      code: ABNORMAL_CLOSURE,
      reason: `getToken failed: ${err instanceof Error ? err.message : String(err)}`,
    });
  }

  private open(target: Target, token: string | undefined): void {
    // Callbacks before the connection exists (a platform failing synchronously) are ignored: the
    // deadline ends such an attempt.
    const opened: { connection?: Connection } = {};
    const isCurrent = (connection: Connection | undefined): connection is Connection =>
      connection !== undefined && this.current === connection;
    const handlers: SocketHandlers = {
      open: () => {
        if (isCurrent(opened.connection)) this.hooks.opened(opened.connection, token);
      },
      message: (data) => {
        if (isCurrent(opened.connection)) this.hooks.message(data);
      },
      close: (info) => {
        if (!isCurrent(opened.connection)) return;
        this.end();
        this.hooks.ended(opened.connection, info);
      },
    };
    const link: Link =
      target.transport === 'longpoll'
        ? new PollLink(
            this.platform,
            {
              url: target.url,
              token: () => this.options.tokens.current ?? token,
              waitMs: this.options.pollWaitMs,
              cursors: this.options.cursors,
            },
            handlers,
          )
        : new SocketLink(this.platform.openSocket(target.url, handlers));
    opened.connection = { link, transport: target.transport, ready: false, welcomedAt: undefined };
    this.current = opened.connection;
  }
}
