import { randomBytes } from 'node:crypto';
import type { StateStore } from '../store/store.js';

export interface AuditEntry {
  /** Sorts by time: a later entry has a greater id. */
  readonly id: string;
  readonly at: number;
  /** The admin token's sub. */
  readonly actor: string;
  /** e.g. "ban.create", "room.settings", "kick". */
  readonly action: string;
  readonly method: string;
  readonly path: string;
  /** The validated request body, or the raw one when it was refused. */
  readonly request: unknown;
  readonly status: number;
  readonly result: 'ok' | 'refused' | 'failed';
  readonly detail: string;
}

export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  /** Pass as ?cursor= for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

const PREFIX = 'audit.';

/**
 * Every admin action, newest first, persisted through the StateStore (so a cluster shares one log)
 * and bounded to the newest `maxEntries`: the node that writes past the bound deletes the oldest.
 */
export class AuditLog {
  private readonly entries = new Map<string, AuditEntry>();
  private sorted: string[] | undefined;
  // A random boot suffix keeps ids from two nodes in the same millisecond apart.
  private readonly suffix = randomBytes(3).toString('hex');
  private counter = 0;

  constructor(
    private readonly store: StateStore,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  start(): Promise<void> {
    return this.store.watch((key, value) => {
      if (!key.startsWith(PREFIX)) return;
      const id = key.slice(PREFIX.length);
      if (value === undefined) this.entries.delete(id);
      else this.entries.set(id, JSON.parse(value) as AuditEntry);
      this.sorted = undefined;
    });
  }

  private newId(at: number): string {
    this.counter = (this.counter + 1) % 36 ** 4;
    return `${at.toString(36).padStart(9, '0')}${this.counter.toString(36).padStart(4, '0')}${this.suffix}`;
  }

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry> {
    const at = this.now();
    const full: AuditEntry = { id: this.newId(at), at, ...entry };
    await this.store.put(PREFIX + full.id, JSON.stringify(full));
    // Readable here at once, even before a cluster store's watch delivers it back.
    this.entries.set(full.id, full);
    this.sorted = undefined;
    const ids = this.ids();
    const excess = ids.length - this.maxEntries;
    if (excess > 0) await Promise.all(ids.slice(ids.length - excess).map((id) => this.store.delete(PREFIX + id)));
    return full;
  }

  private ids(): string[] {
    return (this.sorted ??= [...this.entries.keys()].sort().reverse());
  }

  page(cursor: string | undefined, limit: number): AuditPage {
    const ids = this.ids();
    let start = 0;
    if (cursor !== undefined) {
      // First id older than the cursor: ids are sorted newest first.
      let lo = 0;
      let hi = ids.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((ids[mid] as string) >= cursor) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const pageIds = ids.slice(start, start + limit);
    const entries = pageIds.map((id) => this.entries.get(id) as AuditEntry);
    const last = pageIds[pageIds.length - 1];
    return { entries, nextCursor: start + limit < ids.length && last !== undefined ? last : null };
  }
}
