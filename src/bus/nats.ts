import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  connect,
  credsAuthenticator,
  headers,
  type NatsConnection,
  type NodeConnectionOptions,
  type Subscription as NatsSubscription,
} from '@nats-io/transport-node';
import {
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type DirectMsgRequest,
  type StoredMsg,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import type { NatsAuth } from '../config/config.js';
import type { Logger } from '../log.js';
import {
  BusAmbiguousError,
  BusUnavailableError,
  WrongLastSeqError,
  type Bus,
  type Position,
  type PublishOptions,
  type Replay,
  type Signal,
  type StoredBatch,
  type Subscription,
} from './bus.js';
import type { HistoryBatch } from './directory.js';
import { decodeLiveFrame, encodeLiveFrame, liveEntryBytes, type LiveEntry } from './announcement.js';
import { LiveRoom } from './nats-live.js';
import { natsNames, type NatsNames } from './nats-names.js';
import { NatsRequests } from './nats-requests.js';
import { replicasRefused } from './nats-replicas.js';

export interface NatsBusOptions {
  readonly prefix: string;
  readonly historyMaxBatches: number;
  readonly historyMaxAgeMs: number;
  /** How long a publish waits for JetStream's ack before its comments are answered UNAVAILABLE. */
  readonly publishTimeoutMs?: number;
  /**
   * DEDUP_WINDOW_MS: the stream's duplicate window (JetStream de-duplicates `Nats-Msg-Id` within it),
   * so an ambiguous batch published again within the sequencer's window is stored once. Default 2 min.
   */
  readonly dedupWindowMs?: number;
  /** JetStream replicas of the stream (NATS_REPLICAS, 1–5; default 1). More than 1 needs a NATS cluster of at least that many servers. */
  readonly replicas?: number;
  /** Where retries, restarts and undecodable messages are reported: NATS trouble must be visible, not only retried. */
  readonly log: Logger;
}

// client_msg_id of each item of a stored batch, JSON, in item order: what a new sequencer rebuilds its window from.
const CLIENT_IDS_HEADER = 'Danmaku-Client-Ids';
// ms since the Unix epoch of a stored batch's oldest item (history's age limit on replay).
const OLDEST_AT_HEADER = 'Danmaku-Oldest-At';

/** A stored batch's oldest-item time from its header; 0 when absent or unreadable. */
const storedOldestAt = (header: string | undefined): number => Number(header) || 0;
const DEFAULT_PUBLISH_TIMEOUT_MS = 2000;
const DEFAULT_DEDUP_WINDOW_MS = 120_000;
// A publish whose ack does not come within this share of publishTimeoutMs is sent again under its msgId.
const PUBLISH_ATTEMPTS = 2;
// JetStream's error for a failed Nats-Expected-Last-Subject-Sequence (nats-server JSStreamWrongLastSequenceErrF).
const WRONG_LAST_SEQUENCE = 10071;
// JetStream's publish headers (NATS ADR-31 / the JetStream "Publishing" docs): de-duplication by id
// within the stream's duplicate window, and the optimistic-concurrency check on the subject's last seq.
const MSG_ID_HEADER = 'Nats-Msg-Id';
const EXPECTED_LAST_SUBJECT_SEQ_HEADER = 'Nats-Expected-Last-Subject-Sequence';
// A stream check waits this long between attempts while NATS is away.
const RETRY_DELAY_MS = 250;
// Replays longer than this switch from direct gets to one ephemeral consumer.
const DIRECT_GET_REPLAY_MAX = 16;
// A direct get is given this long (ms) per attempt, and this many attempts (see NatsBus.directGet).
const DIRECT_GET_TIMEOUT_MS = 1000;
const DIRECT_GET_ATTEMPTS = 3;
// A live frame stays well under nats-server's default max_payload (1 MiB); a turn that stores more is sent as several.
const MAX_LIVE_FRAME_BYTES = 256 * 1024;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Opens a connection that keeps reconnecting forever: a node must recover from a NATS outage without
 * a restart. `servers` is one URL or the NATS_URL list; the client connects to one of them (in random
 * order, spreading nodes over the servers) and on loss moves to the next, including servers it learnt
 * of from the cluster.
 */
export function connectNats(
  servers: string | readonly string[],
  auth: NatsAuth,
  name: string,
): Promise<NatsConnection> {
  const options: NodeConnectionOptions = {
    servers: typeof servers === 'string' ? servers : [...servers],
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // nats.js otherwise builds a TimeoutError (a stack capture) up front for every request, JetStream
    // publishes included, in case it times out; the error it raises on a timeout is the same class and
    // message either way, only its stack is shorter. Measured here: 50 JetStream publishes in one turn
    // took 53 µs of client CPU each with the traces, 29 µs without (nats.js documents the option for this).
    noAsyncTraces: true,
    // A node does not receive what it publishes itself: its own announcements go to its own live
    // rooms and its own signals to its own listeners directly (NatsBus.announce, NatsBus.signal),
    // instead of a round trip through nats-server and a parse per message (every stored batch of a
    // room the node sequences and has viewers in, every presence broadcast).
    noEcho: true,
  };
  if (auth.user !== undefined) Object.assign(options, { user: auth.user, pass: auth.password });
  if (auth.token !== undefined) options.token = auth.token;
  if (auth.credsFile !== undefined) options.authenticator = credsAuthenticator(readFileSync(auth.credsFile));
  if (auth.tlsCaFile !== undefined) options.tls = { caFile: auth.tlsCaFile };
  return connect(options);
}

/**
 * The cluster bus on NATS JetStream. One stream holds every room under one subject per room,
 * bounded per subject by count and in age; its sequence is the batch seq (shared by all rooms, so
 * a room's seq skips values), and its creation time is the epoch: a recreated stream (history
 * lost) gets a new epoch, so old cursors are answered with a gap.
 */
export class NatsBus implements Bus {
  readonly kind = 'nats';
  readonly names: NatsNames;
  readonly log: Logger;
  private streamEpoch = '';
  private ready = false;
  private closed = false;
  /** The live rooms of this node, by room (one per subscribe; a room can have several). */
  private readonly consumers = new Map<string, Set<LiveRoom>>();
  private readonly readyListeners: ((ready: boolean) => void)[] = [];
  private readonly signalListeners: ((message: Signal) => void)[] = [];
  private readonly signalSubscription: NatsSubscription;
  private readonly liveSubscription: NatsSubscription;
  /** Batches stored this turn, announced together on the live subject once the turn ends. */
  private liveQueue: LiveEntry[] = [];
  private liveQueueBytes = 1;
  private liveFlush: NodeJS.Immediate | undefined;
  private readonly publishTimeoutMs: number;
  /** JetStream publishes (and their acks) over one reply subscription: see NatsRequests for why. */
  private readonly requests: NatsRequests;

  private constructor(
    private readonly connection: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    /** The same API with a short timeout: direct gets only (see {@link directGet}). */
    private readonly quickJsm: JetStreamManager,
    private readonly options: NatsBusOptions,
  ) {
    this.names = natsNames(options.prefix);
    this.log = options.log;
    this.publishTimeoutMs = options.publishTimeoutMs ?? DEFAULT_PUBLISH_TIMEOUT_MS;
    this.requests = new NatsRequests(connection);
    this.signalSubscription = connection.subscribe(this.names.signal, {
      callback: (err, msg) => {
        if (err === null) this.receiveSignal(msg.data);
        else this.log.error({ err }, 'signal subscription failed: recalls, kicks and notices from other nodes stop');
      },
    });
    this.liveSubscription = connection.subscribe(this.names.live, {
      callback: (err, msg) => {
        if (err === null) this.receiveLive(msg.data);
        else this.log.error({ err }, "live subscription failed: other nodes' batches arrive only through holes read");
      },
    });
  }

  /** The stream's epoch: changes when the stream is recreated (history lost). */
  get epoch(): string {
    return this.streamEpoch;
  }

  /**
   * Creates or updates the stream on a connected `connection`, and starts following the
   * connection's status. Throws what JetStream answered (nothing is left subscribed then).
   */
  static async start(connection: NatsConnection, options: NatsBusOptions): Promise<NatsBus> {
    const jsm = await jetstreamManager(connection);
    const quickJsm = await jetstreamManager(connection, { timeout: DIRECT_GET_TIMEOUT_MS });
    const bus = new NatsBus(connection, jetstream(connection), jsm, quickJsm, options);
    try {
      await bus.ensureStream();
    } catch (err) {
      // Start-up may try again on the same connection (setUpWithin): leave no signal subscription behind.
      bus.signalSubscription.unsubscribe();
      bus.liveSubscription.unsubscribe();
      bus.requests.close();
      throw err;
    }
    bus.setReady(true);
    void bus.followStatus();
    return bus;
  }

  private streamConfig(): Partial<StreamConfig> & { name: string } {
    return {
      name: this.names.stream,
      subjects: [this.names.roomWildcard],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_msgs_per_subject: this.options.historyMaxBatches,
      max_age: this.options.historyMaxAgeMs * 1_000_000,
      allow_direct: true,
      // JetStream refuses a duplicate window longer than max_age; a batch aged out cannot be asked for anyway.
      duplicate_window:
        Math.min(this.options.dedupWindowMs ?? DEFAULT_DEDUP_WINDOW_MS, this.options.historyMaxAgeMs) * 1_000_000,
      num_replicas: this.options.replicas ?? 1,
    };
  }

  /** Creates the stream, or brings an existing one's limits to this config; sets the epoch from its identity. */
  private async ensureStream(): Promise<void> {
    const wanted = this.streamConfig();
    let info: StreamInfo;
    try {
      info = await this.jsm.streams.info(this.names.stream);
      const c = info.config;
      if (
        c.max_msgs_per_subject !== wanted.max_msgs_per_subject ||
        c.max_age !== wanted.max_age ||
        c.duplicate_window !== wanted.duplicate_window ||
        c.allow_direct !== true ||
        c.num_replicas !== wanted.num_replicas
      ) {
        info = await this.jsm.streams.update(this.names.stream, { ...c, ...wanted }).catch((err: unknown) => {
          throw replicasRefused(err, this.names.stream, wanted.num_replicas);
        });
      }
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
      info = await this.jsm.streams.add(wanted).catch((err: unknown) => {
        throw replicasRefused(err, this.names.stream, wanted.num_replicas);
      });
    }
    this.streamEpoch = createHash('sha256')
      .update(`${info.config.name}\u0000${info.created}`)
      .digest('base64url')
      .slice(0, 8);
  }

  private setReady(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    for (const listener of this.readyListeners) listener(ready);
  }

  private async followStatus(): Promise<void> {
    for await (const status of this.connection.status()) {
      if (status.type === 'disconnect') this.setReady(false);
      else if (status.type === 'reconnect') void this.recover();
    }
  }

  /** After a reconnect: JetStream may still be recovering, or may have lost the stream; ready only once it holds. */
  private async recover(): Promise<void> {
    const before = this.streamEpoch;
    let failures = 0;
    while (!this.closed && !this.connection.isClosed()) {
      try {
        await this.ensureStream();
        break;
      } catch (err) {
        if (failures++ === 0) this.log.warn({ err }, 'JetStream not ready after reconnect; retrying every 250 ms');
        await delay(RETRY_DELAY_MS);
      }
    }
    if (this.closed) return;
    if (this.streamEpoch !== before)
      this.log.warn({ before, epoch: this.streamEpoch }, 'the stream was recreated: history lost');
    this.log.info({ failures }, 'JetStream ready after reconnect');
    for (const rooms of this.consumers.values())
      for (const consumer of rooms) consumer.resync(this.streamEpoch !== before);
    this.setReady(true);
  }

  toBatch(room: string, seq: number, body: Uint8Array, oldestAt: number): StoredBatch {
    return { room, epoch: this.streamEpoch, seq, body, oldestAt };
  }

  /**
   * One direct get of the room stream. Every replica answers direct gets (a queue group), so one
   * that is stalled swallows the requests routed to it: each attempt times out after
   * DIRECT_GET_TIMEOUT_MS and is sent again (another replica is likely to take it), up to
   * DIRECT_GET_ATTEMPTS times. Throws the last attempt's error.
   */
  private async directGet(query: DirectMsgRequest): Promise<StoredMsg | null> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.quickJsm.direct.getMessage(this.names.stream, query);
      } catch (err) {
        if (attempt >= DIRECT_GET_ATTEMPTS || !(err instanceof Error && /timeout/i.test(err.message))) throw err;
      }
    }
  }

  async lastSeq(subject: string): Promise<number> {
    const last = await this.directGet({ last_by_subj: subject });
    return last?.seq ?? 0;
  }

  /**
   * Stores a batch and waits for JetStream's ack; with `options` (from the room's sequencer) under
   * its msgId, expecting the room's previous seq, and announced in this turn's live frame once stored.
   * An ack that does not come is asked for again with the same msgId (JetStream answers a duplicate
   * with the first seq), up to PUBLISH_ATTEMPTS within publishTimeoutMs; after that the batch is
   * ambiguous (BusAmbiguousError). A core publish while disconnected would be dropped silently, so
   * nothing is sent then (BusUnavailableError: nothing stored).
   */
  async publish(room: string, body: Uint8Array, oldestAt: number, options?: PublishOptions): Promise<Position> {
    if (!this.ready) throw new BusUnavailableError('NATS is not connected');
    const h = headers();
    h.set(OLDEST_AT_HEADER, String(oldestAt));
    if (options !== undefined) {
      h.set(CLIENT_IDS_HEADER, JSON.stringify(options.clientMsgIds));
      h.set(MSG_ID_HEADER, options.msgId);
      h.set(EXPECTED_LAST_SUBJECT_SEQ_HEADER, String(options.prevSeq));
    }
    const subject = this.names.roomSubject(room);
    const attemptMs = Math.ceil(this.publishTimeoutMs / PUBLISH_ATTEMPTS);
    let seq = 0;
    for (let attempt = 1; seq === 0; attempt++) {
      try {
        seq = await this.requests.store(subject, body, h, attemptMs);
      } catch (err) {
        if (err instanceof JetStreamApiError && err.code === WRONG_LAST_SEQUENCE)
          throw new WrongLastSeqError(`another writer stored a batch in ${room}: ${err.message}`, { cause: err });
        if (options === undefined || attempt >= PUBLISH_ATTEMPTS || !this.ready)
          throw new (options === undefined ? BusUnavailableError : BusAmbiguousError)(
            `JetStream did not acknowledge the batch: ${describe(err)}`,
            { cause: err },
          );
      }
    }
    this.announce(room, body, oldestAt, seq, options?.prevSeq);
    return { epoch: this.streamEpoch, seq };
  }

  /**
   * Tells every node about a stored batch: queued, and sent with every other batch stored this turn
   * in one live frame (core NATS: at most once; a receiver fetches a hole); this node's own live
   * rooms get it now, directly, since the connection does not echo (noEcho).
   */
  private announce(room: string, body: Uint8Array, oldestAt: number, seq: number, prev: number | undefined): void {
    const entryBytes = liveEntryBytes(Buffer.byteLength(room, 'utf8'), body.length);
    if (this.liveQueue.length > 0 && this.liveQueueBytes + entryBytes > MAX_LIVE_FRAME_BYTES) this.flushLive();
    this.liveQueue.push({ room, seq, prev, oldestAt, body });
    this.liveQueueBytes += entryBytes;
    this.liveFlush ??= setImmediate(() => this.flushLive());
    const local = this.consumers.get(room);
    if (local === undefined) return;
    for (const live of local) {
      // The batch is stored: a fault in this node's delivery must not turn the write into a failure.
      try {
        live.announced(seq, prev ?? -1, body, oldestAt);
      } catch (err) {
        this.log.error({ err, room, seq }, "delivering a stored batch to this node's viewers failed");
      }
    }
  }

  /** Sends the queued announcements as one live frame. */
  private flushLive(): void {
    if (this.liveFlush !== undefined) clearImmediate(this.liveFlush);
    this.liveFlush = undefined;
    const entries = this.liveQueue;
    if (entries.length === 0) return;
    this.liveQueue = [];
    this.liveQueueBytes = 1;
    try {
      this.connection.publish(this.names.live, encodeLiveFrame(entries));
    } catch (err) {
      // Closed or draining: the batches are stored, and other nodes read what they missed at their next announcement.
      this.log.warn({ err, batches: entries.length }, 'could not announce stored batches');
    }
  }

  /** Another node's live frame: each batch to this node's live rooms of its room, if any. */
  private receiveLive(data: Uint8Array): void {
    const entries = decodeLiveFrame(data);
    if (entries === undefined) {
      this.log.warn({ bytes: data.length }, 'dropped a live frame this version cannot read');
      return;
    }
    for (const entry of entries) {
      const local = this.consumers.get(entry.room);
      if (local === undefined) continue;
      for (const live of local) live.announced(entry.seq, entry.prev, entry.body, entry.oldestAt);
    }
  }

  subscribe(room: string, deliver: (batch: StoredBatch) => void): Subscription {
    const live = new LiveRoom(this, room, this.names.roomSubject(room), deliver);
    let rooms = this.consumers.get(room);
    if (rooms === undefined) {
      rooms = new Set();
      this.consumers.set(room, rooms);
    }
    rooms.add(live);
    return {
      ready: live.ready,
      close: () => {
        live.close();
        rooms.delete(live);
        if (rooms.size === 0 && this.consumers.get(room) === rooms) this.consumers.delete(room);
      },
    };
  }

  /**
   * The room's last seq and its batches stored at or after sinceMs, each with its items'
   * client_msg_ids: what a sequencer taking the room over rebuilds its de-dup window from.
   * Reads through one ephemeral consumer from that time (nats-server 2.9 has no batch get).
   */
  async recent(room: string, sinceMs: number): Promise<{ head: number; batches: HistoryBatch[] }> {
    const subject = this.names.roomSubject(room);
    try {
      const last = await this.directGet({ last_by_subj: subject });
      if (last === null) return { head: 0, batches: [] };
      if (last.time.getTime() < sinceMs) return { head: last.seq, batches: [] };
      const consumer = await this.js.consumers.get(this.names.stream, {
        filter_subjects: subject,
        deliver_policy: DeliverPolicy.StartTime,
        opt_start_time: new Date(sinceMs).toISOString(),
      });
      const batches: HistoryBatch[] = [];
      try {
        const messages = await consumer.fetch({
          max_messages: this.options.historyMaxBatches,
          expires: this.publishTimeoutMs,
        });
        for await (const msg of messages) {
          const ids: unknown = JSON.parse(msg.headers?.get(CLIENT_IDS_HEADER) || '[]');
          const clientMsgIds = Array.isArray(ids) ? ids.map((id) => String(id)) : [];
          batches.push({ seq: msg.seq, body: msg.data, clientMsgIds });
          if (msg.seq >= last.seq) break;
        }
      } finally {
        consumer
          .delete()
          .catch((err: unknown) => this.log.debug({ err }, 'history consumer delete failed; it expires'));
      }
      return { head: Math.max(last.seq, batches.at(-1)?.seq ?? 0), batches };
    } catch (err) {
      throw new BusUnavailableError(`cannot read the recent history of ${room}: ${describe(err)}`, { cause: err });
    }
  }

  private async holds(subject: string, seq: number): Promise<boolean> {
    const msg = await this.directGet({ seq });
    return msg !== null && msg.subject === subject;
  }

  /**
   * Whether every batch ever stored under the subject in this epoch is still stored, which is what
   * a cursor at seq 0 ("before the room's first batch") needs. Limits remove a stream's messages in
   * two ways: age removes the oldest messages of the whole stream, so while the stream still holds
   * its seq 1 nothing has aged out; the per-subject count removes a subject's oldest only once it
   * exceeds max_msgs_per_subject, after which (nothing aging) it holds exactly that many. So: the
   * stream's first seq is 1 and the subject holds fewer than the limit. Otherwise it cannot be told
   * (JetStream keeps no per-subject record of removals), and the cursor is a gap.
   */
  private async neverEvicted(subject: string): Promise<boolean> {
    const info = await this.jsm.streams.info(this.names.stream, { subjects_filter: subject });
    const held = info.state.subjects?.[subject] ?? 0;
    return info.state.first_seq <= 1 && held < this.options.historyMaxBatches;
  }

  /**
   * The subject's batches in (afterSeq, headSeq]. A short replay (a brief disconnect) is a few
   * stateless direct gets; past DIRECT_GET_REPLAY_MAX the rest streams through one ephemeral
   * consumer, since each direct get is a round trip (measured here: ~0.6 ms each, 1,000 batches in
   * ~600 ms) and nats-server 2.9 has no batch direct get.
   */
  async readBetween(room: string, subject: string, afterSeq: number, headSeq: number): Promise<StoredBatch[]> {
    const batches: StoredBatch[] = [];
    let next = afterSeq + 1;
    while (next <= headSeq && batches.length < DIRECT_GET_REPLAY_MAX) {
      const msg: StoredMsg | null = await this.directGet({
        seq: next,
        next_by_subj: subject,
      });
      if (msg === null || msg.seq > headSeq) return batches;
      batches.push(this.toBatch(room, msg.seq, msg.data, storedOldestAt(msg.header?.get(OLDEST_AT_HEADER))));
      next = msg.seq + 1;
    }
    if (next > headSeq) return batches;
    const consumer = await this.js.consumers.get(this.names.stream, { filter_subjects: subject, opt_start_seq: next });
    try {
      const messages = await consumer.fetch({
        max_messages: Math.min(headSeq - next + 1, this.options.historyMaxBatches),
        expires: this.publishTimeoutMs,
      });
      // The head batch is the last one wanted and is known to exist: stop there rather than wait for the fetch to expire.
      for await (const msg of messages) {
        if (msg.seq > headSeq) break;
        batches.push(this.toBatch(room, msg.seq, msg.data, storedOldestAt(msg.headers?.get(OLDEST_AT_HEADER))));
        if (msg.seq === headSeq) break;
      }
    } finally {
      consumer.delete().catch((err: unknown) => this.log.debug({ err }, 'replay consumer delete failed; it expires'));
    }
    return batches;
  }

  /**
   * Complete only when the batch at the cursor is still stored (for seq 0: see neverEvicted): limits
   * evict a subject's oldest batches first, so while it is there every later one is too. It is checked again after the
   * fetch, since eviction may run meanwhile. One direct get per batch: nats-server 2.9 has no batch get.
   */
  async replay(room: string, epoch: string, afterSeq: number): Promise<Replay> {
    const subject = this.names.roomSubject(room);
    try {
      const head = { epoch: this.streamEpoch, seq: await this.lastSeq(subject) };
      const gap: Replay = { complete: false, head };
      if ((epoch !== '' && epoch !== this.streamEpoch) || afterSeq > head.seq) return gap;
      if (afterSeq === head.seq) return { complete: true, head, batches: [] };
      // A cursor at seq 0 is before the room's first batch: complete only while that batch is provably stored.
      const stillComplete = () => (afterSeq === 0 ? this.neverEvicted(subject) : this.holds(subject, afterSeq));
      if (!(await stillComplete())) return gap;
      const batches = await this.readBetween(room, subject, afterSeq, head.seq);
      // Short of the head, or the cursor evicted meanwhile: something in between may be missing.
      if (batches.at(-1)?.seq !== head.seq || !(await stillComplete())) return gap;
      return { complete: true, head, batches };
    } catch (err) {
      throw new BusUnavailableError(`cannot read the history of ${room}: ${describe(err)}`, { cause: err });
    }
  }

  async head(room: string): Promise<Position> {
    try {
      return { epoch: this.streamEpoch, seq: await this.lastSeq(this.names.roomSubject(room)) };
    } catch (err) {
      throw new BusUnavailableError(`cannot read the head of ${room}: ${describe(err)}`, { cause: err });
    }
  }

  signal(message: Signal): Promise<void> {
    // A core publish while disconnected is dropped without an error; refuse it instead.
    if (!this.ready) return Promise.reject(new BusUnavailableError('NATS is not connected'));
    const json = JSON.stringify(message);
    this.connection.publish(this.names.signal, json);
    // No echo (noEcho): this node's listeners get the signal as the others do, parsed from its JSON on a later turn.
    setImmediate(() => this.receiveSignal(Buffer.from(json, 'utf8')));
    return Promise.resolve();
  }

  private receiveSignal(data: Uint8Array): void {
    let message: unknown;
    try {
      message = JSON.parse(Buffer.from(data).toString('utf8'));
    } catch (err) {
      this.log.warn({ err, bytes: data.length }, 'dropped a signal that is not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof (message as { type?: unknown }).type !== 'string') {
      this.log.warn({ bytes: data.length }, 'dropped a signal without a string type');
      return;
    }
    for (const listener of this.signalListeners) listener(message as Signal);
  }

  onSignal(listener: (message: Signal) => void): void {
    this.signalListeners.push(listener);
  }

  /** Messages in the whole stream (every room's batches); the scrape fails soft to 0 while NATS is away. */
  async historyBatches(): Promise<number> {
    if (!this.isReady()) return 0;
    return this.jsm.streams.info(this.names.stream).then(
      (info) => info.state.messages,
      () => 0,
    );
  }

  isReady(): boolean {
    return this.ready && !this.closed;
  }

  onReadyChange(listener: (ready: boolean) => void): void {
    this.readyListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const rooms of this.consumers.values()) for (const consumer of rooms) consumer.close();
    this.consumers.clear();
    // Batches stored this turn are announced before the connection closes (it flushes what is queued).
    this.flushLive();
    this.liveSubscription.unsubscribe();
    this.signalSubscription.unsubscribe();
    this.requests.close();
    await this.connection.close();
  }
}
