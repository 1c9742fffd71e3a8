import { randomBytes } from 'node:crypto';
import { headers, type Msg, type NatsConnection, type Subscription as NatsSubscription } from '@nats-io/transport-node';
import { Kvm, type KV } from '@nats-io/kv';
import { encodeBatchBody, v1 } from '../protocol/codec.js';
import { BusUnavailableError } from './bus.js';
import {
  NotOwnerError,
  type HistoryBatch,
  type PostResult,
  type RoomOwner,
  type SequencerDirectory,
  type Submission,
} from './directory.js';
import { escapeToken } from './nats-names.js';
import type { Logger } from '../log.js';

export interface NatsDirectoryOptions {
  readonly prefix: string;
  /** NODE_ID; a random boot suffix is added, so a restarted node never mistakes its old leases for its own. */
  readonly nodeId: string;
  /** ROOM_LEASE_TTL_MS: a lease not renewed for this long (ms) expires and another node may take the room. */
  readonly leaseTtlMs: number;
  /** How long (ms) a forwarded tick of comments waits for the sequencer's answer. */
  readonly forwardTimeoutMs: number;
  /** NATS_REPLICAS: replicas of the lease bucket (1–5). */
  readonly replicas: number;
  /** Reads a room's recent history (NatsBus.recent). */
  readonly recent: (room: string, sinceMs: number) => Promise<{ head: number; batches: HistoryBatch[] }>;
  /** Failed lease releases and forwarded ticks the sequencer could not take are reported here. */
  readonly log: Logger;
}

interface Held {
  revision: number;
  /** When the last write of the lease succeeded (ms): the lease is trusted until renewedAt + 2/3 TTL. */
  renewedAt: number;
  usedAt: number;
}

const CLIENT_IDS_HEADER = 'Danmaku-Client-Ids';
const ROOM_HEADER = 'Danmaku-Room';
// A room without comments for this long (ms) is released, so a quiet room costs no lease writes.
const IDLE_RELEASE_MS = 30_000;

type Reply = { readonly results: readonly PostResult[] } | { readonly notOwner: true };

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Room leases in a NATS KV bucket (`<prefix>_leases`, one key per room, the holder's identity as value,
 * the bucket's max age as the lease TTL: nats-server 2.9 has no per-key TTL), and comment forwarding
 * over core NATS request/reply to `<prefix>.seq.<holder>`. Taking a lease is a KV create (fails if held);
 * renewing is a KV update on the revision this node wrote last, so a node that lost the lease (it
 * expired and another took it) learns it on its next renewal and stops sequencing the room.
 */
export class NatsDirectory implements SequencerDirectory {
  private readonly self: string;
  private readonly held = new Map<string, Held>();
  private readonly known = new Map<string, { node: string; until: number }>();
  private readonly resolving = new Map<string, Promise<RoomOwner>>();
  private readonly lostListeners: ((room: string) => void)[] = [];
  private readonly renewTimer: NodeJS.Timeout;
  private subscription: NatsSubscription | undefined;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly kv: KV,
    private readonly options: NatsDirectoryOptions,
  ) {
    this.self = `${options.nodeId}~${randomBytes(4).toString('hex')}`;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(100, Math.floor(options.leaseTtlMs / 4))).unref();
  }

  /** Opens (creating on first use) the lease bucket. */
  static async open(connection: NatsConnection, options: NatsDirectoryOptions): Promise<NatsDirectory> {
    const kv = await new Kvm(connection).create(`${options.prefix}_leases`, {
      history: 1,
      ttl: options.leaseTtlMs,
      replicas: options.replicas,
    });
    return new NatsDirectory(connection, kv, options);
  }

  private subject(node: string): string {
    return `${this.options.prefix}.seq.${escapeToken(node)}`;
  }

  holds(room: string): boolean {
    const held = this.held.get(room);
    return held !== undefined && Date.now() < held.renewedAt + (this.options.leaseTtlMs * 2) / 3;
  }

  owner(room: string): Promise<RoomOwner> {
    const held = this.held.get(room);
    if (held !== undefined && this.holds(room)) {
      held.usedAt = Date.now();
      return Promise.resolve({ local: true });
    }
    const known = this.known.get(room);
    if (known !== undefined && Date.now() < known.until) return Promise.resolve({ local: false, node: known.node });
    let pending = this.resolving.get(room);
    if (pending === undefined) {
      pending = this.resolve(room).finally(() => this.resolving.delete(room));
      this.resolving.set(room, pending);
    }
    return pending;
  }

  /** Reads the room's lease; takes it when nobody (alive) holds it. */
  private async resolve(room: string): Promise<RoomOwner> {
    const key = escapeToken(room);
    try {
      const entry = await this.kv.get(key);
      const holder = entry?.operation === 'PUT' ? entry.string() : '';
      if (entry !== null && holder !== '' && holder !== this.self) {
        this.known.set(room, { node: holder, until: Date.now() + this.options.leaseTtlMs / 3 });
        return { local: false, node: holder };
      }
      // Free, or ours but lapsed: a create (or an update on the revision read) makes it ours again.
      const revision =
        entry !== null && holder === this.self
          ? await this.kv.update(key, this.self, entry.revision)
          : await this.kv.create(key, this.self);
      const now = Date.now();
      this.held.set(room, { revision, renewedAt: now, usedAt: now });
      this.known.delete(room);
      return { local: true };
    } catch (err) {
      // Lost a race for the lease: the winner's entry is there on the next read.
      throw new BusUnavailableError(`cannot resolve the sequencer of ${room}: ${describe(err)}`, { cause: err });
    }
  }

  private lose(room: string): void {
    if (!this.held.delete(room)) return;
    for (const listener of this.lostListeners) listener(room);
  }

  /** Renews every lease with recent traffic, releases idle ones; a failed CAS means another node has the room. */
  private async renew(): Promise<void> {
    const now = Date.now();
    await Promise.all(
      [...this.held].map(async ([room, held]) => {
        const key = escapeToken(room);
        if (now - held.usedAt > IDLE_RELEASE_MS) {
          this.lose(room);
          await this.kv
            .delete(key, { previousSeq: held.revision })
            .catch((err: unknown) => this.options.log.debug({ err, room }, 'idle lease release failed; it expires'));
          return;
        }
        try {
          held.revision = await this.kv.update(key, this.self, held.revision);
          held.renewedAt = now;
        } catch (err) {
          // Wrong revision: the lease expired and was taken. Anything else (NATS away): keep trying until it lapses.
          if (!(err instanceof Error && /wrong last sequence/i.test(err.message)) && this.holds(room)) return;
          this.lose(room);
        }
      }),
    );
  }

  async forward(node: string, room: string, submissions: readonly Submission[]): Promise<PostResult[]> {
    const h = headers();
    h.set(ROOM_HEADER, room);
    h.set(CLIENT_IDS_HEADER, JSON.stringify(submissions.map((s) => s.clientMsgId)));
    const body = encodeBatchBody(
      room,
      submissions.map((s) => s.item),
    );
    let reply: Msg;
    try {
      reply = await this.connection.request(this.subject(node), body, {
        timeout: this.options.forwardTimeoutMs,
        headers: h,
      });
    } catch (err) {
      this.known.delete(room);
      if (err instanceof Error && /no responders/i.test(err.message))
        throw new NotOwnerError(`the sequencer ${node} of ${room} is gone`);
      throw new BusUnavailableError(`the sequencer of ${room} did not answer: ${describe(err)}`, { cause: err });
    }
    const answer = JSON.parse(Buffer.from(reply.data).toString('utf8')) as Reply;
    if ('notOwner' in answer) {
      this.known.delete(room);
      throw new NotOwnerError(`${node} no longer sequences ${room}`);
    }
    return [...answer.results];
  }

  serve(handler: (room: string, submissions: readonly Submission[]) => Promise<PostResult[]>): void {
    this.subscription = this.connection.subscribe(this.subject(this.self), {
      callback: (err, msg) => {
        if (err === null) void this.answer(msg, handler);
      },
    });
  }

  private async answer(
    msg: Msg,
    handler: (room: string, submissions: readonly Submission[]) => Promise<PostResult[]>,
  ): Promise<void> {
    let reply: Reply;
    try {
      const room = msg.headers?.get(ROOM_HEADER) ?? '';
      const ids: unknown = JSON.parse(msg.headers?.get(CLIENT_IDS_HEADER) || '[]');
      const items = v1.Batch.decode(msg.data).items;
      if (!this.holds(room) || !Array.isArray(ids) || ids.length !== items.length) {
        reply = { notOwner: true };
      } else {
        const held = this.held.get(room);
        if (held !== undefined) held.usedAt = Date.now();
        const submissions = items.map((item, i) => ({ clientMsgId: String(ids[i]), item }));
        reply = { results: await handler(room, submissions) };
      }
    } catch (err) {
      // The forwarding node re-resolves the owner and retries; this node says why it could not take the tick.
      this.options.log.warn({ err }, 'a forwarded tick could not be sequenced here; answered notOwner');
      reply = { notOwner: true };
    }
    msg.respond(JSON.stringify(reply));
  }

  onLost(listener: (room: string) => void): void {
    this.lostListeners.push(listener);
  }

  recent(room: string, sinceMs: number): Promise<{ head: number; batches: HistoryBatch[] }> {
    return this.options.recent(room, sinceMs);
  }

  async releaseAll(): Promise<void> {
    clearInterval(this.renewTimer);
    this.subscription?.unsubscribe();
    const rooms = [...this.held];
    for (const [room] of rooms) this.lose(room);
    await Promise.all(
      rooms.map(([room, held]) =>
        this.kv
          .delete(escapeToken(room), { previousSeq: held.revision })
          .catch((err: unknown) => this.options.log.debug({ err, room }, 'lease release failed; it expires')),
      ),
    );
  }

  close(): void {
    clearInterval(this.renewTimer);
    this.subscription?.unsubscribe();
  }
}
