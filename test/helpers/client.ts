import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame, type ServerFrame } from '../../src/protocol/codec.js';
import type { danmaku } from '../../src/protocol/generated/danmaku.js';

export type ClientFrameProps = danmaku.v1.ClientFrame.$Properties;

/** The message a ServerFrame of one kind carries: what {@link TestClient.nextKind} resolves with. */
export type FrameBody<K extends NonNullable<ServerFrame['kind']>> = NonNullable<ServerFrame[K]>;

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/**
 * A raw protocol client over a real socket (the `ws` package): sends ClientFrames, decodes every
 * ServerFrame with the generated code, and lets a test wait for a frame that matches.
 */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  private waiters: { match: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  readonly closed: Promise<Closed>;
  private readonly consumed = new Set<number>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) throw new Error('server sent a text frame');
      const decoded = decodeServerFrame(new Uint8Array(data));
      if (!decoded.ok) throw new Error(`server sent an undecodable frame: ${decoded.error}`);
      const index = this.frames.push(decoded.frame) - 1;
      const waiter = this.waiters.find((w) => w.match(decoded.frame));
      if (waiter === undefined) return;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      this.consumed.add(index);
      waiter.resolve(decoded.frame);
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(
    url: string,
    options: { token?: string; query?: string; headers?: Record<string, string>; autoPong?: boolean } = {},
  ): Promise<TestClient> {
    const headers = { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
    const ws = new WebSocket(options.query ? `${url}?${options.query}` : url, {
      headers,
      autoPong: options.autoPong ?? true,
    });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) =>
        reject(
          Object.assign(new Error(`upgrade refused: ${res.statusCode}`), {
            status: res.statusCode,
            retryAfter: res.headers['retry-after'],
          }),
        ),
      );
      ws.once('error', reject);
    });
  }

  send(frame: ClientFrameProps): void {
    this.ws.send(encodeClientFrame(frame));
  }

  /** Resolves with the oldest frame not yet returned by next() that matches, waiting for it if needed. */
  next(match: (f: ServerFrame) => boolean, timeoutMs = 5000, what = 'frame'): Promise<ServerFrame> {
    for (let i = 0; i < this.frames.length; i++) {
      const frame = this.frames[i] as ServerFrame;
      if (!this.consumed.has(i) && match(frame)) {
        this.consumed.add(i);
        return Promise.resolve(frame);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)),
        timeoutMs,
      );
      this.waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  nextKind<K extends NonNullable<ServerFrame['kind']>>(
    kind: K,
    match: (f: FrameBody<K>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<FrameBody<K>> {
    return this.next((f) => f.kind === kind && match(f[kind] as FrameBody<K>), timeoutMs, kind).then(
      (f) => f[kind] as FrameBody<K>,
    );
  }

  /** Joins a room and waits for the answer. */
  async join(room: string, lastSeq = 0, epoch = ''): Promise<FrameBody<'joined'>> {
    this.send({ join: { room, lastSeq, epoch } });
    return this.nextKind('joined', (j) => j.room === room);
  }

  /** Every danmaku received in batches of a room so far, in order, with the seq of its batch. */
  danmaku(room: string): { seq: number; id: string; text: string; userId: string }[] {
    const out: { seq: number; id: string; text: string; userId: string }[] = [];
    for (const f of this.frames) {
      if (f.kind !== 'batch' || f.batch?.room !== room) continue;
      for (const d of f.batch.items ?? [])
        out.push({ seq: Number(f.batch.seq), id: d.id ?? '', text: d.text ?? '', userId: d.userId ?? '' });
    }
    return out;
  }

  batchSeqs(room: string): number[] {
    return this.frames.filter((f) => f.kind === 'batch' && f.batch?.room === room).map((f) => Number(f.batch?.seq));
  }

  close(): Promise<Closed> {
    this.ws.close();
    return this.closed;
  }
}
