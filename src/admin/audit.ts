import { randomBytes } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { Logger } from '../log.js';
import type { CorruptEntryKind } from '../metrics/metrics.js';
import { Nullable, StringEnum, jsonChecker, parseAs } from '../schema/json-schema.js';
import type { StateStore } from '../store/store.js';

export const AuditEntrySchema = Type.Object(
  {
    id: Type.String({ description: 'sorts by time: a later entry has a greater id' }),
    at: Type.Integer({ description: 'ms since the epoch' }),
    actor: Type.String({ description: "the admin token's sub" }),
    action: Type.String({ description: 'e.g. "ban.create", "room.settings.update", "user.kick"' }),
    method: Type.String(),
    path: Type.String(),
    request: Type.Optional(
      Type.Unknown({
        description:
          'the request body as parsed, or its first 256 characters when it was not JSON; absent without a body',
      }),
    ),
    status: Type.Integer(),
    result: StringEnum(['ok', 'refused', 'failed'] as const),
    detail: Type.String({ description: 'the error answer of a refused or failed action' }),
  },
  { title: 'AuditEntry' },
);

export type AuditEntry = Static<typeof AuditEntrySchema>;

export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  nextCursor: Nullable(
    Type.String({ description: 'pass as ?cursor= for the next (older) page; null on the last page' }),
  ),
});

export type AuditPage = Static<typeof AuditPageSchema>;

const storedEntry = jsonChecker.compile(AuditEntrySchema);

export interface AuditLogOptions {
  readonly maxEntries?: number;
  readonly now?: () => number;
  readonly log: Logger;
  /** danmaku_moderation_corrupt_entries_total */
  readonly corruptEntries: { inc(labels: { entry: CorruptEntryKind }): void };
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

  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: StateStore,
    private readonly options: AuditLogOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  start(): Promise<void> {
    return this.store.watch((key, value) => {
      if (!key.startsWith(PREFIX)) return;
      const id = key.slice(PREFIX.length);
      if (value === undefined) this.entries.delete(id);
      else {
        const entry = this.read(key, value);
        if (entry === undefined) return;
        this.entries.set(id, entry);
      }
      this.sorted = undefined;
    });
  }

  /** A stored entry, or undefined (logged and counted) when it is corrupt: the page skips it. */
  private read(key: string, value: string): AuditEntry | undefined {
    const entry = parseAs(storedEntry, value);
    if (entry.ok) return entry.value;
    this.options.corruptEntries.inc({ entry: 'audit' });
    this.options.log.error(
      { key, value: value.slice(0, 256), problem: entry.problem },
      'corrupt audit entry in the state store: left out of the audit log',
    );
    return undefined;
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
