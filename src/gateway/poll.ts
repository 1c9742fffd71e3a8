import type { TemplatedApp } from 'uWebSockets.js';
import type { CloseReason } from '../domain/connection.js';
import { decodeClientFrame, decodeDelimited, encodeDelimited, type ClientMessage } from '../protocol/codec.js';
import type { Scheduler, Timer } from '../lifecycle/scheduler.js';
import { SessionProtocol } from '../session/protocol.js';
import { createSession, sessionId, type Session } from '../session/session.js';
import type { SessionTransport } from '../session/transport.js';
import { HttpExchange, bearerToken } from '../http/request.js';
import { checkTokens, type TokenCheck } from './auth.js';
import type { GatewayDeps } from './gateway.js';

/** Longest a receive request is held open; below common proxy idle timeouts (30-60 s). */
export const MAX_POLL_WAIT_MS = 25_000;
// A poll body holds at most a few frames per joined room; this bounds what one request may buffer.
const BODY_FRAMES_PER_LIMIT = 32;
// Every answer is one client's frames: no cache may keep it.
const NO_STORE = { 'cache-control': 'no-store' };

/** The Retry-After header for a refusal that names a wait (s); none for 0. */
function retryAfter(seconds: number): Record<string, string> {
  return seconds > 0 ? { 'retry-after': String(seconds) } : {};
}

/** What a request said outside its body, copied out of uWS's request object (invalid after the handler returns). */
interface RequestHead {
  readonly headerToken: string | undefined;
  readonly queryToken: string;
  readonly waitMs: number;
  readonly ip: string;
  readonly origin: string;
}

/** One /poll request: its session (which lives as long as the request) and the frames of its answer. */
interface PollRequest {
  /** Its HTTP exchange: writes nothing once the client went away or an answer (a 500) was sent. */
  readonly exchange: HttpExchange;
  readonly session: Session;
  readonly frames: Uint8Array[];
  /** Its body joined rooms: it is held like a connection (counted, holds a per-IP place) until answered. */
  held: boolean;
  /** Every frame of its body was handled; from now on anything sent answers it on the next turn. */
  settled: boolean;
  done: boolean;
  /** Answers it when its wait is over with nothing to send. */
  timer: Timer | undefined;
  /** Answers it on the turn after something was sent. */
  flush: Timer | undefined;
}

/**
 * The session protocol's side of /poll: frames are collected into the response, and a room
 * "subscription" makes the room's live batches answer the request.
 */
class PollTransport implements SessionTransport<PollRequest> {
  readonly name = 'longpoll';
  readonly stateless = true;
  private readonly byRoom = new Map<string, Set<PollRequest>>();

  constructor(
    private readonly finish: (request: PollRequest, reason: CloseReason) => void,
    private readonly scheduler: Scheduler,
  ) {}

  send(request: PollRequest, frame: Uint8Array): boolean {
    request.frames.push(frame);
    // Answer on the next turn so batches of several rooms delivered together share one response.
    if (request.settled) request.flush ??= this.scheduler.after(0, () => this.finish(request, 'client'));
    return true;
  }

  /** Frames of one request already go out together, on the turn after the last one. */
  sendSoon(request: PollRequest, frame: Uint8Array): void {
    this.send(request, frame);
  }

  /** Hands one stamped batch frame of a room to every request waiting for it. */
  deliver(room: string, frame: Uint8Array): void {
    const waiting = this.byRoom.get(room);
    if (waiting === undefined) return;
    for (const request of waiting) this.send(request, frame);
  }

  /** A long-poll gets plain batches only: a deflated one would save little on a response of a few batches. */
  subscribe(request: PollRequest, room: string): void {
    let waiting = this.byRoom.get(room);
    if (waiting === undefined) {
      waiting = new Set();
      this.byRoom.set(room, waiting);
    }
    waiting.add(request);
  }

  unsubscribe(request: PollRequest, room: string): void {
    const waiting = this.byRoom.get(room);
    waiting?.delete(request);
    if (waiting?.size === 0) this.byRoom.delete(room);
  }

  cork(_request: PollRequest, work: () => void): void {
    work();
  }

  close(request: PollRequest): void {
    this.finish(request, request.session.closeReason ?? 'client');
  }
}

/**
 * /poll, the long-poll fallback for clients whose WebSocket cannot connect. POST a body of
 * length-delimited ClientFrames, get length-delimited ServerFrames back. Same auth as /ws (bearer
 * header, then ?token, then hello) and the same session protocol: every frame is answered as on a
 * WebSocket, hello with welcome. join frames are cursors (room, epoch, last_seq): the answer is
 * every batch after them — the same replay and the same stamped frames a WebSocket viewer gets —
 * or, when there is none yet, the next batch of any of those rooms within `wait_ms` (≤ 25 s). The
 * server keeps nothing between requests; the client sends its cursors each time.
 */
export class PollEndpoint {
  private readonly held = new Set<PollRequest>();
  private readonly transport: PollTransport;
  private readonly protocol: SessionProtocol<PollRequest>;
  private draining = false;

  constructor(private readonly deps: GatewayDeps) {
    this.transport = new PollTransport((request, reason) => this.finish(request, reason), deps.scheduler);
    this.protocol = new SessionProtocol(deps, this.transport);
  }

  attach(app: TemplatedApp): void {
    app.post('/poll', (res, req) => {
      const exchange = new HttpExchange(res);
      const head: RequestHead = {
        headerToken: bearerToken(req.getHeader('authorization')),
        queryToken: req.getQuery('token'),
        waitMs: Math.min(MAX_POLL_WAIT_MS, Math.max(0, Number(req.getQuery('wait_ms') || MAX_POLL_WAIT_MS) || 0)),
        ip: Buffer.from(res.getRemoteAddressAsText()).toString(),
        origin: req.getHeader('origin'),
      };
      let request: PollRequest | undefined;
      exchange.onAbort(() => {
        if (request !== undefined) this.finish(request, 'client');
      });
      // Over the limit: answered 413 by the reader, as the admin API's bodies are.
      void exchange
        .readBody(req, this.deps.config.limits.maxFrameBytes * BODY_FRAMES_PER_LIMIT)
        .then(async (read) => {
          if (read.ok) request = await this.start(exchange, read.body, head);
        })
        .catch((err: unknown) => {
          this.deps.log.error({ err }, 'poll failed');
          exchange.json(500, { error: 'internal' });
        });
    });
  }

  /** Refuses the request, or starts its session and returns it; undefined also when its client went away meanwhile. */
  private async start(exchange: HttpExchange, body: Uint8Array, head: RequestHead): Promise<PollRequest | undefined> {
    const { metrics } = this.deps;
    if (this.draining) {
      exchange.json(503, { error: 'draining', detail: 'node is draining' });
      return undefined;
    }
    // A held poll is a connection by another name: the same origin and per-IP limits apply.
    const admission = this.deps.admission.admitHeld(head.ip, head.origin);
    if (!admission.ok) {
      metrics.upgradesRefused.inc({ reason: admission.reason });
      const refusal = { error: admission.reason, detail: 'poll refused; retry later' };
      exchange.json(admission.status, refusal, retryAfter(admission.retryAfterSec));
      return undefined;
    }
    if (head.headerToken === '') {
      const refusal = { error: 'unauthenticated', detail: 'authorization header is not a bearer token' };
      exchange.json(401, refusal);
      return undefined;
    }
    const frames = decodeBody(body);
    if (typeof frames === 'string') {
      metrics.badFrames.inc();
      exchange.json(400, { error: 'bad_frame', detail: frames });
      return undefined;
    }
    const auth = await this.authenticate(head, frames);
    if (exchange.aborted) return undefined;
    if (this.draining) {
      exchange.json(503, { error: 'draining', detail: 'node is draining' });
      return undefined;
    }
    if (!auth.ok) {
      metrics.upgradesRefused.inc({ reason: 'unauthenticated' });
      exchange.json(401, { error: 'unauthenticated', detail: `token refused: ${auth.reason}` });
      return undefined;
    }
    const request: PollRequest = {
      exchange,
      session: createSession(head.ip, auth.claims, 'other'),
      frames: [],
      held: false,
      settled: false,
      done: false,
      timer: undefined,
      flush: undefined,
    };
    this.run(request, frames, head.waitMs).catch((err: unknown) => {
      this.deps.log.error({ err, session: sessionId(request.session) }, 'poll failed');
      if (request.done) return;
      // Answered here with 500; finish then writes nothing.
      exchange.json(500, { error: 'internal' });
      this.finish(request, 'error');
    });
    return request;
  }

  /**
   * Every token the request carries — bearer header, then ?token, then its first hello's (any bad
   * one refuses, the first present one wins). The hello's token is cleared once checked here, so
   * the session does not verify it a second time.
   */
  private async authenticate(head: RequestHead, frames: readonly ClientMessage[]): Promise<TokenCheck> {
    const hello = frames.find((frame) => frame.kind === 'hello')?.hello;
    const auth = await checkTokens(this.deps.tokens, [head.headerToken, head.queryToken, hello?.token]);
    if (auth.ok && hello) hello.token = '';
    return auth;
  }

  /** Hands every frame to the session protocol, then answers at once, or holds the request for batches. */
  private async run(request: PollRequest, frames: readonly ClientMessage[], waitMs: number): Promise<void> {
    if (frames.some((frame) => frame.kind === 'join')) {
      request.held = true;
      this.held.add(request);
      this.deps.admission.opened(request.session.ip);
      this.protocol.connected(request, request.session);
    }
    const work: Promise<void>[] = [];
    for (const frame of frames) {
      const answered = this.protocol.handle(request, request.session, frame);
      if (answered !== undefined) work.push(answered);
    }
    await Promise.all(work);
    if (request.done) return;
    request.settled = true;
    if (request.frames.length > 0 || request.session.rooms.length === 0) return this.finish(request, 'client');
    request.timer = this.deps.scheduler.after(waitMs, () => this.finish(request, 'client'));
  }

  /** Called with every stamped batch frame the RoomHub fans out. */
  deliver(room: string, frame: Uint8Array): void {
    this.transport.deliver(room, frame);
  }

  /** Answers a request (unless its client went away) and ends its session. */
  private finish(request: PollRequest, reason: CloseReason): void {
    if (request.done) return;
    request.done = true;
    this.deps.scheduler.cancel(request.timer);
    this.deps.scheduler.cancel(request.flush);
    for (const room of request.session.rooms) this.transport.unsubscribe(request, room);
    if (request.held) {
      this.held.delete(request);
      this.deps.admission.closed(request.session.ip);
    }
    this.protocol.closed(request, request.session, reason, request.held);
    request.exchange.send(200, encodeDelimited(request.frames), 'application/x-protobuf', NO_STORE);
  }

  /** Answers every waiting poll with a goaway; later polls get 503. */
  drain(): void {
    this.draining = true;
    for (const request of [...this.held]) this.protocol.goaway(request, request.session);
  }

  /** Stops the session protocol's timers (after drain). */
  stop(): void {
    this.protocol.stop();
  }
}

/** A body of length-delimited ClientFrames, or what is wrong with it. */
function decodeBody(body: Uint8Array): ClientMessage[] | string {
  let raw: Uint8Array[];
  try {
    raw = decodeDelimited(body);
  } catch {
    return 'body is not a sequence of length-delimited ClientFrames';
  }
  const frames: ClientMessage[] = [];
  for (const bytes of raw) {
    const decoded = decodeClientFrame(bytes);
    if (!decoded.ok) return `undecodable ClientFrame: ${decoded.error}`;
    frames.push(decoded.frame);
  }
  return frames;
}
