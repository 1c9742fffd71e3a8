import { randomBytes } from 'node:crypto';
import { headers, type Msg, type NatsConnection, type Subscription as NatsSubscription } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { encodeBatchBody, v1 } from '../protocol/codec.js';
import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';
import { BusUnavailableError } from './bus.js';
import {
  NotOwnerError,
  type ForwardAnswer,
  type ForwardPart,
  type HistoryBatch,
  type PostResult,
  type RoomOwner,
  type SequencerDirectory,
  type Submission,
} from './directory.js';
import { escapeToken } from './nats-names.js';
import { NatsRequests, NoRespondersError } from './nats-requests.js';
import { applyStreamLimits, replicasRefused } from './nats-replicas.js';
import type { Logger } from '../log.js';

export interface NatsDirectoryOptions {
  readonly prefix: string;
  /** NODE_ID; a random boot suffix is added, so a restarted node never mistakes its old rooms for its own. */
  readonly nodeId: string;
  /** ROOM_LEASE_TTL_MS: a node whose heartbeat is this old (ms) is dead, and other nodes may take its rooms. */
  readonly leaseTtlMs: number;
  /** How long (ms) a forwarded tick of comments waits for the sequencer's answer. */
  readonly forwardTimeoutMs: number;
  /** NATS_REPLICAS: replicas of the two buckets (1–5). */
  readonly replicas: number;
  /** Reads a room's recent history (NatsBus.recent). */
  readonly recent: (room: string, sinceMs: number) => Promise<{ head: number; batches: HistoryBatch[] }>;
  /** Runs the heartbeat. */
  readonly scheduler: Scheduler;
  /** Failed heartbeats and releases, and forwarded ticks the sequencer could not take, are reported here. */
  readonly log: Logger;
}

interface Held {
  /** The revision of the room's key this node wrote: a release deletes exactly it. */
  readonly revision: number;
  usedAt: number;
}

/** One room of a forwarded request, as its header describes it; the body holds each room's Batch body in turn. */
interface WirePart {
  readonly room: string;
  /** Each item's client_msg_id. */
  readonly ids: readonly string[];
  /** Length of this room's Batch body in the request body (bytes). */
  readonly bytes: number;
}

type WireAnswer = { readonly results: readonly PostResult[] } | { readonly notOwner: true };

const FORWARD_HEADER = 'Danmaku-Forward';
// A room without comments for this long (ms) is released, so quiet rooms move to whoever needs them next.
const IDLE_RELEASE_MS = 30_000;
// A room's owner as another node read it is reused this long (ms); a forward that fails forgets it sooner.
const KNOWN_OWNER_MS = 30_000;
// A forwarded request's body stays under this (bytes) and under half the server's max_payload; more rooms go in more requests.
const MAX_REQUEST_BYTES = 256 * 1024;
// How long (ms) a KV read or write of either bucket may take before it counts as failed.
const KV_TIMEOUT_MS = 1000;
// The first heartbeat is tried this many times, this far apart (ms), before start-up fails.
const FIRST_BEAT_ATTEMPTS = 40;
const FIRST_BEAT_RETRY_MS = 250;

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function wrongRevision(err: unknown): boolean {
  return err instanceof Error && /wrong last sequence/i.test(err.message);
}

/**
 * Which node sequences each room, in two NATS KV buckets: `<prefix>_nodes` holds one heartbeat key
 * per live node (the bucket's max age is the TTL: nats-server 2.9 has no per-key TTL), and
 * `<prefix>_rooms` one key per room in use, without TTL, naming its owner (`NODE_ID~<boot id>`). A
 * room's key is valid while the named node's heartbeat lives; a node takes a room by compare-and-set
 * on the revision it read, only when the key is absent or names a node whose heartbeat is gone. So
 * keeping rooms costs one KV write per node per TTL/4, whatever the number of rooms. Comments for
 * rooms held elsewhere are forwarded over core NATS request/reply to `<prefix>.seq.<holder>`, every
 * room of a tick bound for one node in one request.
 */
export class NatsDirectory implements SequencerDirectory {
  private readonly held = new Map<string, Held>();
  private readonly known = new Map<string, { node: string; until: number }>();
  private readonly resolving = new Map<string, Promise<RoomOwner>>();
  private readonly lostListeners: ((room: string) => void)[] = [];
  private readonly heartbeat: Periodic;
  private beating = false;
  /** Bumped each time every held room is dropped: a take that straddles a drop is void. */
  private generation = 0;
  private subscription: NatsSubscription | undefined;
  /** Forwards over one reply subscription: see NatsRequests for why not `connection.request`. */
  private readonly requests: NatsRequests;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly rooms: KV,
    private readonly nodes: KV,
    private readonly self: string,
    /** The revision of this node's heartbeat key as last written. */
    private beatRevision: number,
    /** When the last successful heartbeat write was sent (ms): rooms are trusted until then + 2/3 TTL. */
    private beatAt: number,
    private readonly options: NatsDirectoryOptions,
  ) {
    this.requests = new NatsRequests(connection);
    this.heartbeat = options.scheduler.every('room heartbeat', Math.max(100, Math.floor(options.leaseTtlMs / 4)), () =>
      this.beat(),
    );
  }

  /**
   * Opens (creating on first use) both buckets, applies NATS_REPLICAS and the TTL to existing ones,
   * and writes this node's first heartbeat.
   *
   * @throws Error naming NATS_REPLICAS when JetStream refuses the replica count; what NATS answered otherwise.
   */
  static async open(connection: NatsConnection, options: NatsDirectoryOptions): Promise<NatsDirectory> {
    const kvm = new Kvm(connection);
    const quick = new Kvm(jetstream(connection, { timeout: KV_TIMEOUT_MS }));
    const jsm = await jetstreamManager(connection);
    const bucket = async (name: string, ttlMs: number | undefined): Promise<KV> => {
      await kvm
        .create(name, { history: 1, replicas: options.replicas, ...(ttlMs === undefined ? {} : { ttl: ttlMs }) })
        .catch((err: unknown) => {
          throw replicasRefused(err, `KV_${name}`, options.replicas);
        });
      await applyStreamLimits(jsm, `KV_${name}`, { replicas: options.replicas, maxAgeMs: ttlMs ?? 0 });
      // Reads and writes give up sooner than the client's default 5 s: a room's owner is looked up
      // while a comment waits, and a heartbeat retried on the next tick beats one that hangs.
      return quick.open(name);
    };
    const rooms = await bucket(`${options.prefix}_rooms`, undefined);
    const nodes = await bucket(`${options.prefix}_nodes`, options.leaseTtlMs);
    const self = `${options.nodeId}~${randomBytes(4).toString('hex')}`;
    for (let attempt = 1; ; attempt++) {
      const beatAt = Date.now();
      try {
        const revision = await nodes.put(escapeToken(self), self);
        return new NatsDirectory(connection, rooms, nodes, self, revision, beatAt, options);
      } catch (err) {
        // A bucket just created or scaled to more replicas has no leader for a moment: JetStream answers 503.
        if (attempt >= FIRST_BEAT_ATTEMPTS) throw err;
        await new Promise((resolve) => setTimeout(resolve, FIRST_BEAT_RETRY_MS));
      }
    }
  }

  private subject(node: string): string {
    return `${this.options.prefix}.seq.${escapeToken(node)}`;
  }

  /** Whether this node's heartbeat is recent enough that no other node can have found it gone. */
  private trusted(now = Date.now()): boolean {
    return now < this.beatAt + (this.options.leaseTtlMs * 2) / 3;
  }

  holds(room: string): boolean {
    return this.held.has(room) && this.trusted();
  }

  owner(room: string): Promise<RoomOwner> {
    const held = this.held.get(room);
    if (held !== undefined && this.trusted()) {
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

  /** Reads the room's key; takes the room when nobody alive holds it. */
  private async resolve(room: string): Promise<RoomOwner> {
    const key = escapeToken(room);
    const generation = this.generation;
    try {
      const entry = await this.rooms.get(key);
      const holder = entry?.operation === 'PUT' ? entry.string() : '';
      if (holder !== '' && holder !== this.self && (await this.alive(holder))) {
        this.known.set(room, { node: holder, until: Date.now() + KNOWN_OWNER_MS });
        return { local: false, node: holder };
      }
      if (!this.trusted()) throw new Error('this node has not renewed its heartbeat in time');
      // Free, named after a dead node, or ours from before a lapse: compare-and-set on the revision read.
      const revision =
        entry === null || holder === ''
          ? await this.rooms.create(key, this.self)
          : await this.rooms.update(key, this.self, entry.revision);
      if (generation !== this.generation || !this.trusted()) {
        // The heartbeat lapsed meanwhile: another node may already count this one dead. Undo, ask again later.
        // eslint-disable-next-line local/handled-errors -- an undo that fails leaves a key the next owner takes over by CAS; the throw below reports the failure
        await this.rooms.delete(key, { previousSeq: revision }).catch(() => undefined);
        throw new Error('this node missed its heartbeat while taking the room');
      }
      this.held.set(room, { revision, usedAt: Date.now() });
      this.known.delete(room);
      return { local: true };
    } catch (err) {
      // Lost a race for the room: the winner's entry is there on the next read.
      throw new BusUnavailableError(`cannot resolve the sequencer of ${room}: ${describe(err)}`, { cause: err });
    }
  }

  /** Whether the node's heartbeat key is there (written within the TTL, not deleted at drain). */
  private async alive(node: string): Promise<boolean> {
    const entry = await this.nodes.get(escapeToken(node));
    return entry?.operation === 'PUT';
  }

  private lose(room: string): void {
    if (!this.held.delete(room)) return;
    for (const listener of this.lostListeners) listener(room);
  }

  /** Drops every room: this node's heartbeat lapsed, so another node may take any of them now. */
  private loseAll(): void {
    this.generation++;
    for (const room of [...this.held.keys()]) this.lose(room);
  }

  /**
   * Renews this node's heartbeat (a KV update on the revision it wrote last, so an expired one is
   * noticed), drops every room once the heartbeat is too old to trust, and releases idle rooms.
   */
  private async beat(): Promise<void> {
    const sentAt = Date.now();
    if (!this.trusted(sentAt)) this.loseAll();
    this.releaseIdle(sentAt);
    if (this.beating) return;
    this.beating = true;
    const key = escapeToken(this.self);
    try {
      let revision: number;
      try {
        revision = await this.nodes.update(key, this.self, this.beatRevision);
      } catch (err) {
        if (!wrongRevision(err)) throw err;
        // The heartbeat expired (a stall longer than the TTL): other nodes may have taken any room.
        this.loseAll();
        revision = await this.nodes.create(key, this.self);
      }
      // Lapsed while the write was under way: rooms held before cannot be trusted even now.
      if (!this.trusted()) this.loseAll();
      this.beatRevision = revision;
      this.beatAt = sentAt;
    } catch (err) {
      this.options.log.warn({ err }, 'heartbeat not written; rooms are dropped if it stays so');
    } finally {
      this.beating = false;
    }
  }

  private releaseIdle(now: number): void {
    for (const [room, held] of this.held) {
      if (now - held.usedAt <= IDLE_RELEASE_MS) continue;
      this.lose(room);
      void this.rooms
        .delete(escapeToken(room), { previousSeq: held.revision })
        .catch((err: unknown) => this.options.log.debug({ err, room }, 'idle room release failed'));
    }
    for (const [room, known] of this.known) if (known.until <= now) this.known.delete(room);
  }

  async forward(node: string, parts: readonly ForwardPart[]): Promise<ForwardAnswer[]> {
    const limit = Math.min(MAX_REQUEST_BYTES, Math.floor((this.connection.info?.max_payload ?? 1024 * 1024) / 2));
    const encoded = parts.map((part) =>
      encodeBatchBody(
        part.room,
        part.submissions.map((s) => s.item),
      ),
    );
    const requests: number[][] = [];
    let bytes = Infinity;
    encoded.forEach((body, i) => {
      if (bytes + body.length > limit) {
        requests.push([]);
        bytes = 0;
      }
      requests[requests.length - 1]?.push(i);
      bytes += body.length;
    });
    try {
      const answers = await Promise.all(requests.map((indexes) => this.request(node, parts, encoded, indexes)));
      return answers.flat();
    } catch (err) {
      for (const part of parts) this.known.delete(part.room);
      throw err;
    }
  }

  /** One request to `node` carrying the parts at `indexes`; its answers in that order. */
  private async request(
    node: string,
    parts: readonly ForwardPart[],
    encoded: readonly Uint8Array[],
    indexes: readonly number[],
  ): Promise<ForwardAnswer[]> {
    const wire: WirePart[] = [];
    const bodies: Uint8Array[] = [];
    for (const i of indexes) {
      const part = parts[i] as ForwardPart;
      const body = encoded[i] as Uint8Array;
      wire.push({ room: part.room, ids: part.submissions.map((s) => s.clientMsgId), bytes: body.length });
      bodies.push(body);
    }
    const h = headers();
    h.set(FORWARD_HEADER, JSON.stringify(wire));
    let reply: Msg;
    try {
      reply = await this.requests.request(this.subject(node), Buffer.concat(bodies), h, this.options.forwardTimeoutMs);
    } catch (err) {
      if (err instanceof NoRespondersError) throw new NotOwnerError(`the sequencer ${node} is gone`);
      throw new BusUnavailableError(`the sequencer ${node} did not answer: ${describe(err)}`, { cause: err });
    }
    const answers = JSON.parse(Buffer.from(reply.data).toString('utf8')) as WireAnswer[];
    return wire.map((part, i) => {
      const answer = answers[i];
      if (answer === undefined || 'notOwner' in answer) {
        this.known.delete(part.room);
        return undefined;
      }
      return answer.results;
    });
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
    let answers: WireAnswer[];
    try {
      const wire = JSON.parse(msg.headers?.get(FORWARD_HEADER) || '[]') as WirePart[];
      let offset = 0;
      answers = await Promise.all(
        wire.map((part) => {
          const body = msg.data.subarray(offset, offset + part.bytes);
          offset += part.bytes;
          return this.answerPart(part, body, handler);
        }),
      );
    } catch (err) {
      this.options.log.warn({ err }, 'a forwarded tick could not be read here; answered notOwner');
      answers = [];
    }
    msg.respond(JSON.stringify(answers));
  }

  private async answerPart(
    part: WirePart,
    body: Uint8Array,
    handler: (room: string, submissions: readonly Submission[]) => Promise<PostResult[]>,
  ): Promise<WireAnswer> {
    try {
      const items = v1.Batch.decode(body).items;
      if (!Array.isArray(part.ids) || part.ids.length !== items.length)
        throw new Error('client ids do not match items');
      // Not held here, but the room's key may still name this node (dropped after a heartbeat lapse):
      // taking it again here is what ends the forwarders' retries.
      if (!this.holds(part.room) && !(await this.owner(part.room)).local) return { notOwner: true };
      const held = this.held.get(part.room);
      if (held !== undefined) held.usedAt = Date.now();
      const submissions = items.map((item, i) => ({ clientMsgId: String(part.ids[i]), item }));
      return { results: await handler(part.room, submissions) };
    } catch (err) {
      // The forwarding node re-resolves the owner and retries; this node says why it could not take the room.
      this.options.log.warn(
        { err, room: part.room },
        'a forwarded room could not be sequenced here; answered notOwner',
      );
      return { notOwner: true };
    }
  }

  onLost(listener: (room: string) => void): void {
    this.lostListeners.push(listener);
  }

  recent(room: string, sinceMs: number): Promise<{ head: number; batches: HistoryBatch[] }> {
    return this.options.recent(room, sinceMs);
  }

  async releaseAll(): Promise<void> {
    this.close();
    const rooms = [...this.held];
    for (const [room] of rooms) this.lose(room);
    await Promise.all([
      ...rooms.map(([room, held]) =>
        this.rooms
          .delete(escapeToken(room), { previousSeq: held.revision })
          .catch((err: unknown) => this.options.log.debug({ err, room }, 'room release failed')),
      ),
      // Without its heartbeat, rooms this node failed to release are taken at once rather than after the TTL.
      this.nodes
        .delete(escapeToken(this.self))
        .catch((err: unknown) => this.options.log.debug({ err }, 'heartbeat release failed; it expires')),
    ]);
  }

  close(): void {
    this.heartbeat.cancel();
    this.subscription?.unsubscribe();
    this.requests.close();
  }
}
