import type { NatsConnection } from '@nats-io/transport-node';
import { Kvm, type KV, type KvWatchEntry } from '@nats-io/kv';
import { escapeToken, unescapeToken } from '../bus/nats-names.js';
import type { StateStore } from './store.js';

/**
 * The cluster StateStore: one NATS KV bucket watched by every node, so a change made through any
 * node reaches all of them in well under a second. Keys are escaped (KV keys allow only
 * [-/_=.A-Za-z0-9], and `.` separates tokens), values are the JSON strings as given.
 * It borrows the bus's connection and leaves closing it to the bus.
 */
export class NatsKvStore implements StateStore {
  private readonly watchers: { stop(): void }[] = [];

  private constructor(
    private readonly kv: KV,
    private readonly onWatchError: (err: unknown) => void,
  ) {}

  /**
   * Opens the bucket, creating it on first use; one revision per key is all moderation needs.
   * The client re-establishes watchers across reconnects itself; should one end with an error
   * anyway, `onWatchError` hears of it (changes would stop arriving: log it loudly).
   */
  static async open(
    connection: NatsConnection,
    bucket: string,
    onWatchError: (err: unknown) => void,
  ): Promise<NatsKvStore> {
    return new NatsKvStore(await new Kvm(connection).create(bucket, { history: 1 }), onWatchError);
  }

  /** Resolves once every entry present when it was called has been passed to onChange. */
  async watch(onChange: (key: string, value: string | undefined) => void): Promise<void> {
    const present = (await this.kv.status()).values;
    const entries = await this.kv.watch();
    this.watchers.push(entries);
    let caughtUp: () => void = () => undefined;
    const initial = present === 0 ? Promise.resolve() : new Promise<void>((resolve) => (caughtUp = resolve));
    void (async () => {
      for await (const entry of entries) {
        onChange(unescapeToken(entry.key), NatsKvStore.valueOf(entry));
        if (entry.delta === 0) caughtUp();
      }
    })().catch(this.onWatchError);
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
    await this.kv.put(NatsKvStore.key(key), value);
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(NatsKvStore.key(key));
  }

  close(): Promise<void> {
    for (const watcher of this.watchers) watcher.stop();
    this.watchers.length = 0;
    return Promise.resolve();
  }
}
