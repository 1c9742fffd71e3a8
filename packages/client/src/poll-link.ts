import {
  decodeDelimited,
  encodeClientFrame,
  encodeDelimited,
  type ClientFrameProps,
} from '../../../src/protocol/codec.js';
import { CloseCode } from '../../../src/protocol/close-codes.js';
import { defer } from './clock.js';
import type { Link } from './link.js';
import type { HttpOutcome, Platform, SocketHandlers } from './platform.js';

export interface PollLinkOptions {
  readonly url: string;
  /** The token of each request, read afresh: a refresh on the connection replaces it. */
  readonly token: () => string | undefined;
  /** How long the server may hold a receive request open waiting for a batch. */
  readonly waitMs: number;
  /** The rooms and cursors to receive, read afresh for every receive request. */
  readonly cursors: () => readonly { room: string; epoch: string; lastSeq: number }[];
}

// Slack over the server's wait before the client gives up on a receive request.
const RECEIVE_SLACK_MS = 10_000;
const SEND_TIMEOUT_MS = 15_000;

/**
 * The long-poll transport, shaped like a socket for the client core: frames the core sends are
 * POSTed to /poll (coalesced per turn) and answered in the response; a receive loop POSTs the
 * room cursors and the server holds it until batches after them exist. Joins and leaves only
 * change what the next receive asks for, so the server keeps no session between requests.
 */
export class PollLink implements Link {
  private closed = false;
  private outgoing: ClientFrameProps[] = [];
  private flushScheduled = false;
  private receiving: { abort(): void } | undefined;
  private readonly sending = new Set<{ abort(): void }>();

  constructor(
    private readonly platform: Platform,
    private readonly options: PollLinkOptions,
    private readonly handlers: SocketHandlers,
  ) {
    defer(() => {
      if (!this.closed) handlers.open();
    });
  }

  send(frame: ClientFrameProps): void {
    if (this.closed) return;
    if (frame.join || frame.leave) return this.restartReceive();
    this.outgoing.push(frame);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    defer(() => this.flush());
  }

  close(): void {
    this.closed = true;
    this.receiving?.abort();
    for (const request of this.sending) request.abort();
    this.sending.clear();
  }

  private headers(): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/x-protobuf' };
    const token = this.options.token();
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    return headers;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed || this.outgoing.length === 0) return;
    const body = encodeDelimited(this.outgoing.map(encodeClientFrame));
    this.outgoing = [];
    const request = this.platform.request(
      { url: this.options.url, headers: this.headers(), body, timeoutMs: SEND_TIMEOUT_MS },
      (outcome) => {
        this.sending.delete(request);
        this.deliver(outcome);
      },
    );
    this.sending.add(request);
  }

  private restartReceive(): void {
    this.receiving?.abort();
    this.receiving = undefined;
    defer(() => {
      if (!this.closed && this.receiving === undefined) this.receive();
    });
  }

  private receive(): void {
    const cursors = this.options.cursors();
    if (cursors.length === 0) return;
    const body = encodeDelimited(cursors.map((c) => encodeClientFrame({ join: c })));
    const url = `${this.options.url}${this.options.url.includes('?') ? '&' : '?'}wait_ms=${this.options.waitMs}`;
    const request = this.platform.request(
      { url, headers: this.headers(), body, timeoutMs: this.options.waitMs + RECEIVE_SLACK_MS },
      (outcome) => {
        if (this.receiving !== request) return;
        this.receiving = undefined;
        if (this.deliver(outcome)) this.receive();
      },
    );
    this.receiving = request;
  }

  /** Hands the response's frames to the core; false when the link ended because of it. */
  private deliver(outcome: HttpOutcome): boolean {
    if (this.closed) return false;
    if ('error' in outcome) return this.fail({ code: 1006, reason: outcome.error });
    if (outcome.status === 503)
      return this.fail({ code: CloseCode.SERVICE_RESTART, reason: 'server unavailable', httpStatus: 503 });
    if (outcome.status !== 200)
      return this.fail({ code: 1006, reason: `poll answered ${outcome.status}`, httpStatus: outcome.status });
    let frames: Uint8Array[];
    try {
      frames = decodeDelimited(outcome.body);
    } catch {
      return this.fail({ code: 1006, reason: 'truncated poll response' });
    }
    for (const frame of frames) {
      if (this.closed) return false;
      this.handlers.message(frame);
    }
    return !this.closed;
  }

  private fail(info: { code: number; reason: string; httpStatus?: number }): false {
    this.close();
    this.handlers.close(info);
    return false;
  }
}
