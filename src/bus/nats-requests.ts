import { JetStreamApiError, type ApiError } from '@nats-io/jetstream';
import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from '@nats-io/transport-node';

/** A request that got no answer within its timeout (the message says "timeout", as nats.js's does). */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** NATS answered a request with status 503: nothing subscribes to its subject (message "no responders"). */
export class NoRespondersError extends Error {
  override readonly name = 'NoRespondersError';
}

interface Pending {
  readonly resolve: (msg: Msg) => void;
  readonly reject: (err: Error) => void;
  /** ms since the Unix epoch. */
  readonly deadline: number;
  readonly subject: string;
}

// How often pending requests are checked for their deadline: a request times out up to this late.
const SWEEP_MS = 100;
// The reply JetStream sends a stored message (`{"stream":…,"seq":…,"duplicate":…}`) or its refusal
// (`{"error":{"code":…,"err_code":…,"description":…}}`): NATS JetStream "PubAck" (ADR-1, JetStream API).
interface PubAckWire {
  readonly stream?: string;
  readonly seq?: number;
  readonly duplicate?: boolean;
  readonly error?: ApiError;
}

/**
 * Request/reply over one wildcard reply subscription (`<inbox>.*`, one token per request), the hot
 * paths' replacement for `NatsConnection.request` and `JetStreamClient.publish`. Why our own: nats.js
 * 3.4's muxed request rejects its already-settled promise with a new `RequestError("cancelled")` on
 * every answered request (RequestOne.cancel), a stack capture per JetStream publish and per forward
 * (2.4–2.6 % of a cluster node's busy time at 20,000 comments/s), and arms a timer per request; here
 * one sweep every 100 ms, running while requests are pending, times out whatever is late. The subscription is re-made by nats.js after a
 * reconnect; requests in flight across one time out.
 */
export class NatsRequests {
  private readonly inbox: string;
  /** The reply subscription; undefined after NATS refused it, made again by the next request. */
  private subscription: Subscription | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 1;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly connection: NatsConnection) {
    this.inbox = createInbox();
    this.subscription = this.listen();
  }

  private listen(): Subscription {
    return this.connection.subscribe(`${this.inbox}.*`, {
      callback: (err, msg) => {
        if (err === null) {
          this.answered(msg);
          return;
        }
        // NATS refused the reply subscription (a permissions violation on the inbox) and nats.js
        // closed it: no answer can arrive, so what waits fails now with NATS's reason instead of
        // timing out as if unanswered, and the next request subscribes again (as nats.js re-makes
        // its own request inbox), in case the permission was granted meanwhile.
        this.subscription = undefined;
        this.failAll(err);
      },
    });
  }

  /**
   * Publishes `data` on `subject` with a reply subject of its own and resolves with the first answer.
   * Rejects with NoRespondersError when NATS answers status 503, RequestTimeoutError after
   * `timeoutMs` (ms, up to 100 ms late) without an answer, and whatever `publish` throws (a closed
   * connection).
   */
  request(subject: string, data: Uint8Array, headers: MsgHdrs | undefined, timeoutMs: number): Promise<Msg> {
    const token = this.next++;
    return new Promise<Msg>((resolve, reject) => {
      this.subscription ??= this.listen();
      this.connection.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
      this.pending.set(token, { resolve, reject, deadline: Date.now() + timeoutMs, subject });
      this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS).unref();
    });
  }

  /**
   * Stores `data` in the JetStream stream that captures `subject` and resolves with its stream
   * sequence (the first one's when `Nats-Msg-Id` names a duplicate). Throws JetStreamApiError when
   * JetStream refuses it (for example err_code 10071, wrong last subject sequence), and what
   * {@link request} throws.
   */
  async store(subject: string, data: Uint8Array, headers: MsgHdrs, timeoutMs: number): Promise<number> {
    const reply = await this.request(subject, data, headers, timeoutMs);
    const ack = JSON.parse(Buffer.from(reply.data).toString('utf8')) as PubAckWire;
    if (ack.error !== undefined) throw new JetStreamApiError(ack.error);
    if (typeof ack.seq !== 'number' || ack.seq < 1)
      throw new Error(`JetStream answered without a seq: ${ack.stream ?? ''}`);
    return ack.seq;
  }

  /** Stops listening; pending requests are rejected. */
  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    this.failAll(new Error('the connection is closing'));
  }

  private failAll(err: Error): void {
    for (const [token, request] of this.pending) {
      this.pending.delete(token);
      request.reject(err);
    }
    this.stopSweeper();
  }

  private answered(msg: Msg): void {
    const token = Number(msg.subject.slice(this.inbox.length + 1));
    const request = this.pending.get(token);
    if (request === undefined) return; // timed out already, or a second answer
    this.pending.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === 503)
      request.reject(new NoRespondersError(`no responders: ${request.subject}`));
    else request.resolve(msg);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [token, request] of this.pending) {
      if (request.deadline > now) continue;
      this.pending.delete(token);
      request.reject(new RequestTimeoutError(`timeout: no answer on ${request.subject}`));
    }
    // Stopped here rather than when the last answer arrives: under load the map empties and fills
    // many times per sweep period, and re-arming the interval each time would cost a timer per request.
    if (this.pending.size === 0) this.stopSweeper();
  }

  private stopSweeper(): void {
    if (this.sweeper === undefined) return;
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
