import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';
import type { Logger } from '../log.js';
import type { CorruptEntryKind } from '../metrics/metrics.js';
import { jsonChecker, parseAs, type Compiled, type Parsed } from '../schema/json-schema.js';
import type { StateStore } from '../store/store.js';
import {
  FilterRuleSchema,
  RecalledSchema,
  StoredBanSchema,
  StoredRoomSettingsSchema,
  type Ban,
  type Recalled,
  type RoomSettings,
} from './schemas.js';
import { WordFilter, type FilterRule } from './word-filter.js';

export type { Ban, RoomSettings } from './schemas.js';

export const DEFAULT_ROOM_SETTINGS: RoomSettings = Object.freeze({
  muted: false,
  slowModeSeconds: 0,
  maxCommentChars: null,
});

// Store keys use only [A-Za-z0-9_.-] (NATS KV's key alphabet): room and danmaku ids are encoded.
const segment = (value: string) => Buffer.from(value).toString('base64url');
const unsegment = (value: string) => Buffer.from(value, 'base64url').toString();
const PREFIX = { ban: 'ban.', room: 'room.', filter: 'filter.', recall: 'recall.' } as const;

const stored = {
  ban: jsonChecker.compile(StoredBanSchema),
  room: jsonChecker.compile(StoredRoomSettingsSchema),
  filter: jsonChecker.compile(FilterRuleSchema),
  recall: jsonChecker.compile(RecalledSchema),
};

/** A stored value that parses, fits its schema and names what its key names ("id", "room"); else what is wrong. */
function readEntry<T extends Record<F, unknown>, F extends string>(
  schema: Compiled<T>,
  value: string,
  field: F,
  expected: string,
): Parsed<T> {
  const entry = parseAs(schema, value);
  if (!entry.ok || entry.value[field] === expected) return entry;
  return {
    ok: false,
    problem: `its ${field} ${JSON.stringify(entry.value[field])} is not the one in its key`,
    parsed: entry.value,
  };
}

/**
 * What a corrupt ban entry that no earlier value can stand in for is enforced as: a ban of the
 * user it names, in the room it names (every room when that is unreadable), until its expiresAt
 * if readable, else for good; an entry with no readable user bans nobody (userId ""), and is listed
 * so a moderator sees and replaces it (docs/admin.md, "Corrupt entries").
 */
function salvageBan(id: string, parsed: unknown, problem: string): Ban {
  const fields: Readonly<Record<string, unknown>> =
    typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const whole = (value: unknown) => (Number.isInteger(value) ? (value as number) : undefined);
  const room = typeof fields.room === 'string' ? fields.room : null;
  return {
    id,
    kind: fields.kind === 'mute' && room !== null ? 'mute' : 'ban',
    userId: text(fields.userId),
    room,
    reason: text(fields.reason),
    createdAt: whole(fields.createdAt) ?? 0,
    expiresAt: whole(fields.expiresAt) ?? null,
    createdBy: text(fields.createdBy),
    corrupt: problem,
  };
}

// Expired bans and recalls old enough to have left history are deleted from the store this often.
const SWEEP_INTERVAL_MS = 30_000;

export interface ModerationStateOptions {
  /** How long a recalled id must be remembered: as long as history may replay it. */
  readonly recallTtlMs: number;
  /** The clock of ban expiry and recall memory, and the owner of the 30 s sweep of expired entries. */
  readonly scheduler: Scheduler;
  /** Corrupt entries and failed sweeps are logged here. */
  readonly log: Logger;
  /** danmaku_moderation_corrupt_entries_total */
  readonly corruptEntries: { inc(labels: { entry: CorruptEntryKind }): void };
}

/**
 * Moderation state held in memory for the comment hot path, mirrored from a StateStore. Every
 * change goes through the store and is applied here only when the store's watch delivers it, so
 * every node of a cluster applies the same changes the same way. A write resolves once this node
 * has applied it (read-your-writes for the moderator who made it).
 */
export class ModerationState {
  private readonly bansById = new Map<string, Ban>();
  private readonly bansByUser = new Map<string, Set<Ban>>();
  private readonly rooms = new Map<string, RoomSettings>();
  private readonly filterRules = new Map<string, FilterRule>();
  private compiledFilter: WordFilter | undefined;
  private readonly recalled = new Map<string, Map<string, number>>();
  private readonly applied = new Map<string, Set<() => void>>();
  private readonly now: () => number;
  private sweeping: Periodic | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly options: ModerationStateOptions,
  ) {
    this.now = options.scheduler.now;
  }

  async start(): Promise<void> {
    await this.store.watch((key, value) => this.apply(key, value));
    this.sweeping = this.options.scheduler.every('moderation sweep', SWEEP_INTERVAL_MS, () => this.sweep());
  }

  stop(): void {
    this.sweeping?.cancel();
  }

  /**
   * Applies one store change. A corrupt value (not JSON, or not the shape of its kind) is logged,
   * counted and never read as "nothing": a ban keeps the value it had, or is salvaged (salvageBan);
   * room settings and filter rules keep the value they had; a recall still recalls (its key names
   * the room and the danmaku).
   */
  private apply(key: string, value: string | undefined): void {
    if (key.startsWith(PREFIX.ban)) this.applyBan(key, key.slice(PREFIX.ban.length), value);
    else if (key.startsWith(PREFIX.room)) this.applyRoom(key, unsegment(key.slice(PREFIX.room.length)), value);
    else if (key.startsWith(PREFIX.filter)) this.applyFilter(key, key.slice(PREFIX.filter.length), value);
    else if (key.startsWith(PREFIX.recall)) this.applyRecall(key, value);
    const waiters = this.applied.get(key);
    if (waiters !== undefined) for (const wake of waiters) wake();
  }

  private corrupt(entry: CorruptEntryKind, key: string, problem: string, value: string): void {
    this.options.corruptEntries.inc({ entry });
    this.options.log.error(
      { key, problem, value: value.slice(0, 256) },
      'corrupt moderation entry in the state store: kept out of effect without lifting anything (docs/admin.md)',
    );
  }

  private applyBan(key: string, id: string, value: string | undefined): void {
    const old = this.bansById.get(id);
    if (old !== undefined) {
      this.bansById.delete(id);
      const forUser = this.bansByUser.get(old.userId);
      forUser?.delete(old);
      if (forUser?.size === 0) this.bansByUser.delete(old.userId);
    }
    if (value === undefined) return;
    const entry = readEntry(stored.ban, value, 'id', id);
    let ban: Ban;
    if (entry.ok) {
      // Bans stored before mutes existed carry no kind.
      ban = { ...entry.value, kind: entry.value.kind ?? 'ban' };
    } else {
      this.corrupt('ban', key, entry.problem, value);
      ban =
        old !== undefined && old.corrupt === undefined
          ? { ...old, corrupt: entry.problem }
          : salvageBan(id, entry.parsed, entry.problem);
    }
    this.bansById.set(id, ban);
    // A salvaged entry with no readable user bans nobody; "" must not match a caller without a sub.
    if (ban.userId === '') return;
    let forUser = this.bansByUser.get(ban.userId);
    if (forUser === undefined) this.bansByUser.set(ban.userId, (forUser = new Set()));
    forUser.add(ban);
  }

  private applyRoom(key: string, room: string, value: string | undefined): void {
    if (value === undefined) {
      this.rooms.delete(room);
      return;
    }
    const entry = readEntry(stored.room, value, 'room', room);
    if (!entry.ok) return this.corrupt('room', key, entry.problem, value);
    const { muted, slowModeSeconds, maxCommentChars } = entry.value;
    this.rooms.set(room, { muted, slowModeSeconds, maxCommentChars });
  }

  private applyFilter(key: string, id: string, value: string | undefined): void {
    if (value === undefined) {
      this.filterRules.delete(id);
    } else {
      const entry = readEntry(stored.filter, value, 'id', id);
      if (!entry.ok) return this.corrupt('filter', key, entry.problem, value);
      const rule: FilterRule = entry.value;
      this.filterRules.set(id, rule);
    }
    // Rebuilt on the next comment, not per change: a restart delivers thousands of rules one by one.
    this.compiledFilter = undefined;
  }

  private applyRecall(key: string, value: string | undefined): void {
    const [room, id] = key.slice(PREFIX.recall.length).split('.').map(unsegment);
    if (room === undefined || id === undefined) return;
    if (value === undefined) {
      this.recalled.get(room)?.delete(id);
      return;
    }
    const entry = parseAs(stored.recall, value);
    if (entry.ok) return this.markRecalled(entry.value.room, [entry.value.id], entry.value.at);
    this.corrupt('recall', key, entry.problem, value);
    this.markRecalled(room, [id]);
  }

  /** Records recalled ids in memory only: a recall signal from another node can arrive before its store change. */
  markRecalled(room: string, ids: readonly string[], at: number = this.now()): void {
    let forRoom = this.recalled.get(room);
    if (forRoom === undefined) this.recalled.set(room, (forRoom = new Map<string, number>()));
    for (const id of ids) forRoom.set(id, at);
  }

  /** Resolves once the store's watch has delivered a change of this key to this node (or after 1 s). */
  private async write(key: string, change: () => Promise<void>): Promise<void> {
    let wake: () => void = () => undefined;
    const seen = new Promise<void>((resolve) => (wake = resolve));
    let waiters = this.applied.get(key);
    if (waiters === undefined) this.applied.set(key, (waiters = new Set()));
    waiters.add(wake);
    const timer = this.options.scheduler.after(1000, wake);
    try {
      await change();
      await seen;
    } finally {
      this.options.scheduler.cancel(timer);
      waiters.delete(wake);
      if (waiters.size === 0) this.applied.delete(key);
    }
  }

  // ------------------------------------------------------------------ reads (hot path)

  /** The user's ban (kind "ban") or mute (kind "mute") in force in this room, if any. */
  active(kind: Ban['kind'], userId: string, room: string): Ban | undefined {
    const forUser = this.bansByUser.get(userId);
    if (forUser === undefined) return undefined;
    const now = this.now();
    for (const ban of forUser) {
      if (
        ban.kind === kind &&
        (ban.room === null || ban.room === room) &&
        (ban.expiresAt === null || ban.expiresAt > now)
      )
        return ban;
    }
    return undefined;
  }

  settings(room: string): RoomSettings {
    return this.rooms.get(room) ?? DEFAULT_ROOM_SETTINGS;
  }

  get filter(): WordFilter {
    return (this.compiledFilter ??= new WordFilter(this.filterRules.values()));
  }

  hasRecalls(room: string): boolean {
    return (this.recalled.get(room)?.size ?? 0) > 0;
  }

  isRecalled(room: string, id: string): boolean {
    return this.recalled.get(room)?.has(id) ?? false;
  }

  // ------------------------------------------------------------------ reads (admin)

  /** Bans (or mutes) in force, oldest first. */
  bans(kind: Ban['kind'] = 'ban'): Ban[] {
    const now = this.now();
    return [...this.bansById.values()]
      .filter((b) => b.kind === kind && (b.expiresAt === null || b.expiresAt > now))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  ban(id: string, kind: Ban['kind'] = 'ban'): Ban | undefined {
    const ban = this.bansById.get(id);
    return ban?.kind === kind ? ban : undefined;
  }

  filters(): FilterRule[] {
    return [...this.filterRules.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  filterRule(id: string): FilterRule | undefined {
    return this.filterRules.get(id);
  }

  roomsWithSettings(): string[] {
    return [...this.rooms.keys()];
  }

  // ------------------------------------------------------------------ writes

  putBan(ban: Ban): Promise<void> {
    const key = PREFIX.ban + ban.id;
    return this.write(key, () => this.store.put(key, JSON.stringify(ban)));
  }

  deleteBan(id: string): Promise<void> {
    const key = PREFIX.ban + id;
    return this.write(key, () => this.store.delete(key));
  }

  putRoomSettings(room: string, settings: RoomSettings): Promise<void> {
    const key = PREFIX.room + segment(room);
    return this.write(key, () => this.store.put(key, JSON.stringify({ room, ...settings })));
  }

  putFilter(rule: FilterRule): Promise<void> {
    const key = PREFIX.filter + rule.id;
    return this.write(key, () => this.store.put(key, JSON.stringify(rule)));
  }

  deleteFilter(id: string): Promise<void> {
    const key = PREFIX.filter + id;
    return this.write(key, () => this.store.delete(key));
  }

  async recall(room: string, ids: readonly string[]): Promise<void> {
    const at = this.now();
    this.markRecalled(room, ids, at);
    await Promise.all(
      ids.map((id) => {
        const key = `${PREFIX.recall}${segment(room)}.${segment(id)}`;
        return this.store.put(key, JSON.stringify({ room, id, at } satisfies Recalled));
      }),
    );
  }

  /** Drops expired bans and recalls no history can replay any more, here and in the store. */
  private async sweep(): Promise<void> {
    const now = this.now();
    const stale: string[] = [];
    for (const ban of this.bansById.values())
      if (ban.expiresAt !== null && ban.expiresAt <= now) stale.push(PREFIX.ban + ban.id);
    for (const [room, ids] of this.recalled) {
      for (const [id, at] of ids) {
        if (now - at < this.options.recallTtlMs) continue;
        ids.delete(id);
        stale.push(`${PREFIX.recall}${segment(room)}.${segment(id)}`);
      }
      if (ids.size === 0) this.recalled.delete(room);
    }
    // Every node sweeps; deleting a key another node already deleted is harmless. A failed delete
    // leaves an entry that is already out of effect; the next sweep retries it.
    await Promise.all(
      stale.map((key) =>
        this.store
          .delete(key)
          .catch((err: unknown) => this.options.log.warn({ err, key }, 'sweep could not delete an expired entry')),
      ),
    );
  }
}
