import WebSocket from 'ws';
import { decodeServerFrame, encodeClientFrame } from '../../src/protocol/codec.js';

export interface Refusal {
  readonly status: number;
  readonly retryAfterSec: number;
}

/** What happened to the last join, as the server answered it. */
export interface JoinAnswer {
  readonly resumed: boolean;
  readonly gap: boolean;
}

/**
 * A lean viewer of one room for load tests: keeps its cursor (epoch + last seq) as the SDK does,
 * records every batch seq it receives, and on reconnect resumes from the cursor. An upgrade refused
 * with a status is reported to the caller, who decides when to retry (honouring Retry-After).
 */
export class ResumingViewer {
  private ws: WebSocket | undefined;
  epoch = '';
  lastSeq = 0;
  /** The seq the first join started after: every batch after it must arrive exactly once. */
  startSeq: number | undefined;
  readonly seqs: number[] = [];
  lastJoin: JoinAnswer | undefined;
  refusals = 0;

  constructor(
    private readonly url: string,
    readonly room: string,
  ) {}

  /** Opens a socket and joins (resuming when it has a cursor); resolves on joined, or with the refusal. */
  connect(): Promise<Refusal | undefined> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      let settled = false;
      const settle = (outcome: Refusal | undefined, err?: Error) => {
        if (settled) return;
        settled = true;
        if (err !== undefined) reject(err);
        else resolve(outcome);
      };
      ws.on('unexpected-response', (_req, res) => {
        this.refusals++;
        settle({ status: res.statusCode ?? 0, retryAfterSec: Number(res.headers['retry-after'] ?? 0) });
        res.resume();
        ws.terminate();
      });
      ws.on('error', (err) => settle(undefined, err));
      ws.on('close', () => settle(undefined, new Error(`viewer of ${this.room} closed before joining`)));
      ws.on('open', () =>
        ws.send(encodeClientFrame({ join: { room: this.room, epoch: this.epoch, lastSeq: this.lastSeq } })),
      );
      ws.on('message', (data: Buffer) => {
        const decoded = decodeServerFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (!decoded.ok) return settle(undefined, new Error(`undecodable frame: ${decoded.error}`));
        const { frame } = decoded;
        if (frame.kind === 'batch' && frame.batch?.room === this.room) {
          const seq = Number(frame.batch.seq);
          this.seqs.push(seq);
          this.lastSeq = seq;
          this.epoch = frame.batch.epoch ?? '';
        } else if (frame.kind === 'joined' && frame.joined?.room === this.room) {
          const head = Number(frame.joined.lastSeq);
          this.epoch = frame.joined.epoch ?? '';
          this.startSeq ??= head;
          this.lastSeq = Math.max(this.lastSeq, head);
          this.lastJoin = { resumed: frame.joined.resumed ?? false, gap: frame.joined.gap ?? false };
          settle(undefined);
        }
      });
    });
  }

  /** Connects until joined, waiting Retry-After plus up to `jitterMs` after each refusal. */
  async connectHonouringRetryAfter(jitterMs: number): Promise<void> {
    for (;;) {
      const refusal = await this.connect();
      if (refusal === undefined) return;
      if (refusal.status !== 503 && refusal.status !== 429) throw new Error(`upgrade refused with ${refusal.status}`);
      await new Promise((r) => setTimeout(r, refusal.retryAfterSec * 1000 + Math.random() * jitterMs));
    }
  }

  /** Drops the connection the way a lost network does: no close frame. */
  drop(): void {
    this.ws?.terminate();
  }

  close(): void {
    this.ws?.close();
  }
}
