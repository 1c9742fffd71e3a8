import { ClientClosedError, OutboxFullError } from './errors.js';
import type { KeyValueStorage } from './platform.js';

export interface OutboxEntry {
  readonly clientMsgId: string;
  readonly room: string;
  readonly text: string;
  readonly color: number;
  readonly mode: number;
  readonly createdAt: number;
}

export interface PostReceipt {
  readonly clientMsgId: string;
  /** The batch that carries the comment. */
  readonly seq: number;
  /** The danmaku id (for recall). */
  readonly id: string;
}

interface Waiter {
  resolve(receipt: PostReceipt): void;
  reject(error: Error): void;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.clientMsgId === 'string' &&
    typeof v.room === 'string' &&
    typeof v.text === 'string' &&
    typeof v.color === 'number' &&
    typeof v.mode === 'number' &&
    typeof v.createdAt === 'number'
  );
}

/**
 * Comments not yet acknowledged, in posting order, mirrored to storage on every change so they
 * survive an app restart. Bounded: posting into a full outbox fails at once instead of growing.
 */
export class Outbox {
  private readonly entries: OutboxEntry[];
  private readonly waiters = new Map<string, Waiter>();

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly key: string,
    readonly maxItems: number,
  ) {
    this.entries = Outbox.load(storage, key).slice(-maxItems);
  }

  private static load(storage: KeyValueStorage, key: string): OutboxEntry[] {
    const raw = storage.get(key);
    if (raw === undefined || raw === '') return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      // Storage written by something else (or truncated): nothing of ours can be read back from it.
      return [];
    }
  }

  private save(): void {
    this.storage.set(this.key, JSON.stringify(this.entries));
  }

  get size(): number {
    return this.entries.length;
  }

  pending(): readonly OutboxEntry[] {
    return this.entries;
  }

  add(entry: OutboxEntry): Promise<PostReceipt> {
    if (this.entries.length >= this.maxItems) return Promise.reject(new OutboxFullError(this.maxItems));
    this.entries.push(entry);
    this.save();
    return new Promise((resolve, reject) => this.waiters.set(entry.clientMsgId, { resolve, reject }));
  }

  has(clientMsgId: string): boolean {
    return this.entries.some((e) => e.clientMsgId === clientMsgId);
  }

  /** Removes an entry and settles its promise (when this run posted it). */
  settle(clientMsgId: string, outcome: { receipt: PostReceipt } | { error: Error }): boolean {
    const index = this.entries.findIndex((e) => e.clientMsgId === clientMsgId);
    if (index < 0) return false;
    this.entries.splice(index, 1);
    this.save();
    const waiter = this.waiters.get(clientMsgId);
    this.waiters.delete(clientMsgId);
    if ('receipt' in outcome) waiter?.resolve(outcome.receipt);
    else waiter?.reject(outcome.error);
    return true;
  }

  /** The client stopped: promises reject, entries stay stored for the next connect. */
  abandonWaiters(reason: string): void {
    for (const waiter of this.waiters.values()) waiter.reject(new ClientClosedError(reason));
    this.waiters.clear();
  }
}
