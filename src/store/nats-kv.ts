import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import { jetstreamManager } from '@nats-io/jetstream';
import { escapeToken, unescapeToken } from '../bus/nats-names.js';
import { applyReplicas, replicasRefused } from '../bus/nats-replicas.js';
import {
  StoreClosedError,
  StoreUnavailableError,
  notify,
  type StateStore,
  type StoreOperation,
  type StoreTelemetry,
} from './store.js';

/**
 * The cluster StateStore: one NATS KV bucket watched by every node, so a change made through any
 * node reaches all of them in well under a second. Keys are escaped (KV keys allow only
 * [-/_=.A-Za-z0-9], and `.` separates tokens), values are the JSON strings as given.
 * It borrows the bus's connection and leaves closing it to the bus.
 */
export class NatsKvStore implements StateStore {
  private readonly watchers: { stop(): void }[] = [];
  private closed = false;

  private constructor(
    private readonly kv: KV,
    private readonly bucket: string,
    private readonly telemetry: StoreTelemetry,
  ) {}

  /**
   * Opens the bucket, creating it on first use; one revision per key is all moderation needs.
   * The client re-establishes watchers across reconnects itself; should one end with an error
   * anyway, changes stop arriving: that is logged as an error and counted. `replicas`
   * (NATS_REPLICAS) is applied to a bucket that already exists too, as the room stream's limits are.
   */
  static async open(
    connection: NatsConnection,
    bucket: string,
    telemetry: StoreTelemetry,
    replicas = 1,
  ): Promise<NatsKvStore> {
    const stream = `KV_${bucket}`;
    const kv = await new Kvm(connection).create(bucket, { history: 1, replicas }).catch((err: unknown) => {
      throw replicasRefused(err, stream, replicas);
    });
    await applyReplicas(await jetstreamManager(connection), stream, replicas);
    return new NatsKvStore(kv, bucket, telemetry);
  }

  /** Resolves once every entry present when it was called has been passed to onChange. */
  async watch(onChange: (key: string, value: string | undefined) => void): Promise<void> {
    if (this.closed) throw this.refuse('watch');
    const present = (await this.attempt('watch', () => this.kv.status())).values;
    const entries = await this.attempt('watch', () => this.kv.watch());
    this.watchers.push(entries);
    let caughtUp: () => void = () => undefined;
    const initial = present === 0 ? Promise.resolve() : new Promise<void>((resolve) => (caughtUp = resolve));
    void (async () => {
      for await (const entry of entries) {
        notify(this.telemetry, onChange, unescapeToken(entry.key), NatsKvStore.valueOf(entry));
        if (entry.delta === 0) caughtUp();
      }
    })().catch((err: unknown) => {
      this.telemetry.failures.inc({ operation: 'watch', kind: 'error' });
      this.telemetry.log.error(
        { err, bucket: this.bucket },
        'state store watch ended: moderation changes made elsewhere no longer reach this node',
      );
    });
    return initial;
  }

  private static valueOf(entry: KvWatchEntry): string | undefined {
    return entry.operation === 'PUT' ? entry.string() : undefined;
  }

  private static key(key: string): string {
    if (key === '') throw new Error('a state key must not be empty');
    return escapeToken(key);
  }

  async put(key: string, value: string): Promise<void> {
    if (this.closed) throw this.refuse('put');
    const escaped = NatsKvStore.key(key);
    await this.attempt('put', () => this.kv.put(escaped, value));
  }

  async delete(key: string): Promise<void> {
    if (this.closed) throw this.refuse('delete');
    const escaped = NatsKvStore.key(key);
    await this.attempt('delete', () => this.kv.delete(escaped));
  }

  private refuse(operation: StoreOperation): StoreClosedError {
    this.telemetry.failures.inc({ operation, kind: 'closed' });
    return new StoreClosedError(operation);
  }

  /** Runs one KV call; any failure (timeout while NATS is away, closed connection, JetStream error) becomes StoreUnavailableError. */
  private async attempt<T>(operation: StoreOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (err) {
      this.telemetry.failures.inc({ operation, kind: 'unavailable' });
      throw new StoreUnavailableError(`NATS KV bucket ${this.bucket}: ${operation} failed`, { cause: err });
    }
  }

  close(): Promise<void> {
    this.closed = true;
    for (const watcher of this.watchers) watcher.stop();
    this.watchers.length = 0;
    return Promise.resolve();
  }
}
