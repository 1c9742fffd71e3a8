/**
 * Durable shared state as string keys and JSON string values: moderation state (bans, mutes,
 * word filters, room settings) lives here. Two implementations: a file under DATA_DIR (one node)
 * and a NATS KV bucket (a cluster).
 *
 * Guarantees: `put`/`delete` resolve once the change is durable; `watch` delivers, after the
 * current entries, every later change made through any node's store (for the file store: this
 * process), each within a second, in the order they were made per key.
 */
export interface StateStore {
  /** Every current entry, then each later change (value undefined = deleted). */
  watch(onChange: (key: string, value: string | undefined) => void): Promise<void>;
  put(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}
