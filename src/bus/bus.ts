/**
 * The bus stores each room's batches in one order and delivers them to every node that
 * subscribed to the room. Two implementations: memory (one process) and NATS JetStream (a cluster).
 *
 * Guarantees every implementation gives:
 * - publish resolves only once the batch is stored (for NATS: acknowledged by JetStream);
 *   otherwise it rejects with BusUnavailableError and nothing was stored.
 * - within a room, seq strictly increases in publish order; it may skip values.
 * - a subscription delivers every batch of its room stored after its `ready` head, in seq order,
 *   exactly once, as the body bytes that were published (never re-encoded).
 * - replay either returns every batch after the cursor (complete) or says it cannot (gap).
 *   It never returns a partial history as complete.
 */
export interface Bus {
  readonly kind: 'memory' | 'nats';
  /**
   * oldestAt: when the oldest comment in the batch reached a node (ms), carried for latency metrics.
   * `options` come from the room's sequencer; the memory bus, whose publish cannot be ambiguous, ignores them.
   */
  publish(room: string, body: Uint8Array, oldestAt: number, options?: PublishOptions): Promise<Position>;
  subscribe(room: string, deliver: (batch: StoredBatch) => void): Subscription;
  replay(room: string, epoch: string, afterSeq: number): Promise<Replay>;
  head(room: string): Promise<Position>;
  /**
   * Sends a small control message to every node, this one included (recall, notice, kick,
   * presence). At most once and unordered with batches: use it only for what tolerates that.
   * Rejects with BusUnavailableError when it cannot be sent.
   */
  signal(message: Signal): Promise<void>;
  onSignal(listener: (message: Signal) => void): void;
  /** Batches held in history across all rooms, as this node sees it (for the history gauge). */
  historyBatches(): Promise<number>;
  /** True while publishes can succeed. */
  isReady(): boolean;
  onReadyChange(listener: (ready: boolean) => void): void;
  close(): Promise<void>;
}

/** What the sequencer of a room tells the store about one batch. */
export interface PublishOptions {
  /**
   * The batch's idempotency key (JetStream `Nats-Msg-Id`): a publish retried with the same key within
   * the stream's duplicate window is stored once and answered with the first seq.
   */
  readonly msgId: string;
  /**
   * The room's seq before this batch as its sequencer knows it (0: none). The store refuses the batch
   * with {@link WrongLastSeqError} when another writer stored one in between, and announces it to
   * other nodes with this as its previous seq, so they can tell a missed batch.
   */
  readonly prevSeq: number;
  /** client_msg_id of each item, in item order: a new sequencer rebuilds its de-dup window from them. */
  readonly clientMsgIds: readonly string[];
}

/** A point in a room's stream. seq 0 means "before the first batch". */
export interface Position {
  readonly epoch: string;
  readonly seq: number;
}

export interface StoredBatch {
  readonly room: string;
  readonly epoch: string;
  readonly seq: number;
  /** The encoded Batch body (room + items), as published. */
  readonly body: Uint8Array;
  /** When the oldest comment in it reached the node that published it (ms since the epoch). */
  readonly oldestAt: number;
}

export interface Subscription {
  /** Resolves with the position after which this subscription delivers every batch. */
  readonly ready: Promise<Position>;
  close(): void;
}

export type Replay =
  | { readonly complete: true; readonly head: Position; readonly batches: readonly StoredBatch[] }
  | { readonly complete: false; readonly head: Position };

export class BusUnavailableError extends Error {
  override readonly name: string = 'BusUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A publish was sent but its ack never came: the batch may or may not be stored. Publishing it again
 * with the same msgId (within the stream's duplicate window) settles which, without a second copy.
 */
export class BusAmbiguousError extends BusUnavailableError {
  override readonly name = 'BusAmbiguousError';
}

/** A control message between nodes; JSON-serialisable. `type` names it, the rest is its payload. */
export interface Signal {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** The store refused a batch because the room's last seq was not the one its sequencer expected: nothing was stored. */
export class WrongLastSeqError extends BusUnavailableError {
  override readonly name = 'WrongLastSeqError';
}
