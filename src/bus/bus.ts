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
  /** oldestAt: when the oldest comment in the batch reached a node (ms), carried for latency metrics. */
  publish(room: string, body: Uint8Array, oldestAt: number): Promise<Position>;
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
  override readonly name = 'BusUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A control message between nodes; JSON-serialisable. `type` names it, the rest is its payload. */
export interface Signal {
  readonly type: string;
  readonly [field: string]: unknown;
}
