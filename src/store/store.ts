import type { Logger } from '../log.js';

/**
 * Durable shared state as string keys and JSON string values: moderation state (bans, mutes,
 * word filters, room settings) lives here. Two implementations: a file under DATA_DIR (one node)
 * and a NATS KV bucket (a cluster).
 *
 * Guarantees: `put`/`delete` resolve once the change is durable; `watch` delivers, after the
 * current entries, every later change made through any node's store (for the file store: this
 * process), each within a second, in the order they were made per key.
 *
 * Errors: after `close()`, `put`, `delete` and `watch` reject with `StoreClosedError`. When the
 * medium refuses a change (disk error, NATS unreachable or timing out) `put`/`delete` reject with
 * `StoreUnavailableError` carrying the cause: nothing was applied, except after a NATS timeout,
 * where the change may still land; then `watch` delivers it like any other. An exception thrown
 * by a watch listener is logged and counted; it neither stops the watch nor fails the write.
 */
export interface StateStore {
  /** Every current entry, then each later change (value undefined = deleted). */
  watch(onChange: (key: string, value: string | undefined) => void): Promise<void>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/** A store operation that cannot succeed: the store was closed. */
export class StoreClosedError extends Error {
  override readonly name = 'StoreClosedError';
  constructor(operation: StoreOperation) {
    super(`state store closed: ${operation} refused`);
  }
}

/** The medium behind the store refused or did not answer; `cause` says what happened. Retrying later may succeed. */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
  }
}

export type StoreOperation = 'put' | 'delete' | 'watch' | 'listener';
/** closed: used after close(); unavailable: the medium failed; error: a listener threw or a watch ended. */
export type StoreFailureKind = 'closed' | 'unavailable' | 'error';

/** What a store reports its failures to: a log line with context, and the failures counter. */
export interface StoreTelemetry {
  readonly log: Logger;
  /** danmaku_store_failures_total */
  readonly failures: { inc(labels: { operation: StoreOperation; kind: StoreFailureKind }): void };
}

/** Calls a watch listener; an exception it throws is the listener's bug: logged and counted, never the writer's failure. */
export function notify(
  telemetry: StoreTelemetry,
  listener: (key: string, value: string | undefined) => void,
  key: string,
  value: string | undefined,
): void {
  try {
    listener(key, value);
  } catch (err) {
    telemetry.failures.inc({ operation: 'listener', kind: 'error' });
    telemetry.log.error({ err, key }, 'state store listener threw; the change is stored, this listener missed it');
  }
}
