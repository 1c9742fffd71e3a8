import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { platformLabel, type CloseReason } from '../metrics/metrics.js';
import {
  ErrorCode,
  decodeClientFrame,
  decodeDelimited,
  encodeDelimited,
  encodeServerFrame,
  type ClientFrame,
  type ServerFrameProps,
} from '../protocol/codec.js';
import { bearerToken, checkTokens } from './auth.js';
import type { CommentPipeline } from './comments.js';
import type { GatewayDeps } from './gateway.js';
import { sendJson } from './http.js';
import { ROOM_ID, createSession, sessionId, type Session } from './session.js';

/** Longest a receive request is held open; below common proxy idle timeouts (30-60 s). */
export const MAX_POLL_WAIT_MS = 25_000;
// A poll body holds at most a few frames per joined room; this bounds what one request may buffer.
const BODY_FRAMES_PER_LIMIT = 32;

type Join = NonNullable<ClientFrame['join']>;

/** One receive request waiting for batches. It holds one RoomHub reference per room until answered. */
interface Waiting {
  readonly res: HttpResponse;
  readonly ip: string;
  readonly openedAt: number;
  readonly acquired: string[];
  readonly frames: Uint8Array[];
  settled: boolean;
  done: boolean;
  aborted: boolean;
  timer: NodeJS.Timeout | undefined;
  flush: NodeJS.Immediate | undefined;
}

/**
 * /poll, the long-poll fallback for clients whose WebSocket cannot connect. POST a body of
 * length-delimited ClientFrames, get length-delimited ServerFrames back. Same auth as /ws (bearer
 * header, then ?token, then hello). hello, comment and ping are answered at once (welcome, ack,
 * pong). join frames are cursors (room, epoch, last_seq): the answer is every batch after them —
 * the same replay and the same stamped frames a WebSocket viewer gets from the RoomHub — or, when
 * there is none yet, the next batch of any of those rooms within `wait_ms` (≤ 25 s). The server
 * keeps nothing between requests; the client sends its cursors each time.
 */
export class PollEndpoint {
  private readonly waitingByRoom = new Map<string, Set<Waiting>>();
  private readonly waiting = new Set<Waiting>();
  private draining = false;

  constructor(private readonly deps: GatewayDeps) {}

  attach(app: TemplatedApp): void {
    app.post('/poll', (res, req) => {
      const headerToken = bearerToken(req.getHeader('authorization'));
      const queryToken = req.getQuery('token');
      const waitMs = Math.min(MAX_POLL_WAIT_MS, Math.max(0, Number(req.getQuery('wait_ms') || MAX_POLL_WAIT_MS) || 0));
      const ip = Buffer.from(res.getRemoteAddressAsText()).toString();
      const origin = req.getHeader('origin');
      const limit = this.deps.config.limits.maxFrameBytes * BODY_FRAMES_PER_LIMIT;
      let aborted = false;
      let waiting: Waiting | undefined;
      res.onAborted(() => {
        aborted = true;
        if (waiting !== undefined) {
          waiting.aborted = true;
          this.finish(waiting, 'client');
        }
      });
      const chunks: Buffer[] = [];
      let size = 0;
      res.onData((chunk, isLast) => {
        if (aborted || size < 0) return;
        size += chunk.byteLength;
        if (size > limit) {
          size = -1;
          return sendJson(res, '413 Payload Too Large', {
            error: 'too_large',
            detail: `poll body over ${limit} bytes`,
          });
        }
        // uWS reuses the chunk's memory after this callback returns.
        chunks.push(Buffer.from(chunk.slice(0)));
        if (!isLast) return;
        this.handle(
          res,
          Buffer.concat(chunks),
          { headerToken, queryToken, waitMs, ip, origin },
          () => aborted,
          (w) => (waiting = w),
        ).catch((err: unknown) => {
          this.deps.log.error({ err }, 'poll failed');
          if (!aborted && waiting === undefined) sendJson(res, '500 Internal Server Error', { error: 'internal' });
        });
      });
    });
  }

  private async handle(
    res: HttpResponse,
    body: Uint8Array,
    request: { headerToken: string | undefined; queryToken: string; waitMs: number; ip: string; origin: string },
    isAborted: () => boolean,
    onWaiting: (waiting: Waiting) => void,
  ): Promise<void> {
    const { config, metrics } = this.deps;
    if (this.draining)
      return sendJson(res, '503 Service Unavailable', { error: 'draining', detail: 'node is draining' });
    // A held poll is a connection by another name: the same origin and per-IP limits apply.
    const admission = this.deps.admission.admitHeld(request.ip, request.origin);
    if (!admission.ok) {
      metrics.upgradesRefused.inc({ reason: admission.reason });
      return sendJson(
        res,
        admission.status,
        { error: admission.reason, detail: 'poll refused; retry later' },
        admission.retryAfterSec,
      );
    }
    if (request.headerToken === '')
      return sendJson(res, '401 Unauthorized', {
        error: 'unauthenticated',
        detail: 'authorization header is not a bearer token',
      });
    const frames = this.decode(body);
    if (typeof frames === 'string') {
      metrics.badFrames.inc();
      return sendJson(res, '400 Bad Request', { error: 'bad_frame', detail: frames });
    }
    const hello = frames.find((f) => f.kind === 'hello')?.hello;
    const auth = checkTokens(config.authSecret, [request.headerToken, request.queryToken, hello?.token ?? undefined]);
    if (!auth.ok) {
      metrics.upgradesRefused.inc({ reason: 'unauthenticated' });
      return sendJson(res, '401 Unauthorized', { error: 'unauthenticated', detail: `token refused: ${auth.reason}` });
    }
    const session = createSession(request.ip, auth.claims, platformLabel(hello?.platform ?? ''));
    const answers = await this.answer(session, frames);
    if (isAborted()) return;
    const joins = frames.flatMap((f) => (f.kind === 'join' && f.join ? [f.join] : []));
    if (joins.length === 0) return this.respond(res, answers);
    const waiting: Waiting = {
      res,
      ip: request.ip,
      openedAt: Date.now(),
      acquired: [],
      frames: answers,
      settled: false,
      done: false,
      aborted: false,
      timer: undefined,
      flush: undefined,
    };
    onWaiting(waiting);
    this.waiting.add(waiting);
    this.deps.admission.opened(request.ip);
    metrics.connectionsOpen.inc({ transport: 'longpoll' });
    metrics.connectionsOpened.inc({ transport: 'longpoll' });
    await this.receive(waiting, joins);
    if (waiting.done) return;
    waiting.settled = true;
    if (waiting.frames.length > 0) return this.finish(waiting, 'client');
    waiting.timer = setTimeout(() => this.finish(waiting, 'client'), request.waitMs);
  }

  private decode(body: Uint8Array): ClientFrame[] | string {
    let raw: Uint8Array[];
    try {
      raw = decodeDelimited(body);
    } catch {
      return 'body is not a sequence of length-delimited ClientFrames';
    }
    const frames: ClientFrame[] = [];
    for (const bytes of raw) {
      const decoded = decodeClientFrame(bytes);
      if (!decoded.ok) return `undecodable ClientFrame: ${decoded.error}`;
      frames.push(decoded.frame);
    }
    return frames;
  }

  /** Answers everything but joins, in order; comments are handed to the pipeline together so one batch can carry them. */
  private async answer(session: Session, frames: readonly ClientFrame[]): Promise<Uint8Array[]> {
    const { config, metrics } = this.deps;
    const answers: Promise<ServerFrameProps | undefined>[] = frames.map((frame) => {
      switch (frame.kind) {
        case 'hello':
          return Promise.resolve({
            welcome: {
              sessionId: sessionId(session),
              nodeId: config.nodeId,
              heartbeatIntervalMs: config.limits.heartbeatIntervalMs,
              serverTimeMs: Date.now(),
              userId: session.claims?.sub ?? '',
            },
          });
        case 'comment':
          metrics.commentsReceived.inc();
          return this.deps.comments
            .post(session, frame.comment as Parameters<CommentPipeline['post']>[1])
            .then((ack) => ({ ack }));
        case 'ping':
          metrics.pingsReceived.inc();
          metrics.pongsSent.inc();
          return Promise.resolve({ pong: { clientTimeMs: frame.ping?.clientTimeMs ?? 0, serverTimeMs: Date.now() } });
        default:
          return Promise.resolve(undefined);
      }
    });
    const settled = await Promise.all(answers);
    return settled.flatMap((frame) => (frame === undefined ? [] : [encodeServerFrame(frame)]));
  }

  private async receive(waiting: Waiting, joins: readonly Join[]): Promise<void> {
    const { hub, config, log } = this.deps;
    if (joins.length > config.limits.maxRoomsPerConnection) {
      waiting.frames.push(
        encodeServerFrame({
          error: {
            code: ErrorCode.TOO_MANY_ROOMS,
            message: `at most ${config.limits.maxRoomsPerConnection} rooms per poll`,
          },
        }),
      );
      return;
    }
    await Promise.all(
      joins.map(async (join) => {
        const room = join.room ?? '';
        if (room.length === 0 || room.length > config.limits.maxRoomIdChars || !ROOM_ID.test(room)) {
          waiting.frames.push(
            encodeServerFrame({
              error: {
                code: ErrorCode.BAD_FRAME,
                message: 'join: room id must be 1-64 characters of A-Z a-z 0-9 _ . : -',
              },
            }),
          );
          return;
        }
        waiting.acquired.push(room);
        let result;
        try {
          result = await hub.join(room, join.epoch ?? '', join.lastSeq ?? 0);
        } catch (err) {
          log.error({ err, room }, 'poll join failed');
          waiting.frames.push(
            encodeServerFrame({ error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } }),
          );
          return;
        }
        if (waiting.done) return;
        this.deps.metrics.resumes.inc({ outcome: result.outcome });
        // As on /ws: the replay, then live batches from this same turn on, so nothing falls between them.
        waiting.frames.push(...result.replay);
        if (result.outcome !== 'resumed') {
          waiting.frames.push(
            encodeServerFrame({
              joined: {
                room,
                epoch: result.head.epoch,
                lastSeq: result.head.seq,
                viewers: this.deps.viewers(room),
                resumed: false,
                gap: result.outcome === 'gap',
              },
            }),
          );
        }
        let set = this.waitingByRoom.get(room);
        if (set === undefined) {
          set = new Set();
          this.waitingByRoom.set(room, set);
        }
        set.add(waiting);
      }),
    );
  }

  /** Called with every stamped batch frame the RoomHub fans out. */
  deliver(room: string, frame: Uint8Array): void {
    const set = this.waitingByRoom.get(room);
    if (set === undefined) return;
    for (const waiting of set) {
      waiting.frames.push(frame);
      // Answer on the next turn so batches of several rooms delivered together share one response.
      if (waiting.settled) waiting.flush ??= setImmediate(() => this.finish(waiting, 'client'));
    }
  }

  private finish(waiting: Waiting, reason: CloseReason): void {
    if (waiting.done) return;
    waiting.done = true;
    clearTimeout(waiting.timer);
    if (waiting.flush !== undefined) clearImmediate(waiting.flush);
    this.waiting.delete(waiting);
    this.deps.admission.closed(waiting.ip);
    for (const room of waiting.acquired) {
      const set = this.waitingByRoom.get(room);
      set?.delete(waiting);
      if (set?.size === 0) this.waitingByRoom.delete(room);
      this.deps.hub.release(room);
    }
    const { metrics } = this.deps;
    metrics.connectionsOpen.dec({ transport: 'longpoll' });
    metrics.connectionsClosed.inc({ transport: 'longpoll', reason });
    metrics.connectionDuration.observe({ transport: 'longpoll' }, (Date.now() - waiting.openedAt) / 1000);
    if (!waiting.aborted) this.respond(waiting.res, waiting.frames);
  }

  private respond(res: HttpResponse, frames: readonly Uint8Array[]): void {
    res.cork(() => {
      res
        .writeStatus('200 OK')
        .writeHeader('content-type', 'application/x-protobuf')
        .writeHeader('cache-control', 'no-store')
        .end(encodeDelimited(frames));
    });
  }

  /** Answers every waiting poll with a goaway; later polls get 503. */
  drain(): void {
    this.draining = true;
    const max = this.deps.config.limits.drainReconnectMaxMs;
    for (const waiting of [...this.waiting]) {
      waiting.frames.push(
        encodeServerFrame({ goaway: { reason: 'node draining', reconnectDelayMs: Math.floor(Math.random() * max) } }),
      );
      this.finish(waiting, 'drain');
    }
  }

  get waitingCount(): number {
    return this.waiting.size;
  }
}
