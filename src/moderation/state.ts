import type { StateStore } from '../store/store.js';
import { WordFilter, type FilterRule } from './word-filter.js';

/** A ban refuses a user's comments with BANNED; a mute (always in one room) with MUTED. */
export interface Ban {
  readonly id: string;
  readonly kind: 'ban' | 'mute';
  readonly userId: string;
  /** null: banned in every room. */
  readonly room: string | null;
  readonly reason: string;
  readonly createdAt: number;
  /** null: permanent. */
  readonly expiresAt: number | null;
  readonly createdBy: string;
}

export interface RoomSettings {
  readonly muted: boolean;
  /** 0: off; else one comment per user per this many seconds. */
  readonly slowModeSeconds: number;
  /** null: the server-wide limit. */
  readonly maxCommentChars: number | null;
}

export const DEFAULT_ROOM_SETTINGS: RoomSettings = Object.freeze({
  muted: false,
  slowModeSeconds: 0,
  maxCommentChars: null,
});

interface Recalled {
  readonly room: string;
  readonly id: string;
  readonly at: number;
}

// Store keys use only [A-Za-z0-9_.-] (NATS KV's key alphabet): room and danmaku ids are encoded.
const segment = (value: string) => Buffer.from(value).toString('base64url');
const PREFIX = { ban: 'ban.', room: 'room.', filter: 'filter.', recall: 'recall.' } as const;

function parse<T>(value: string): T | undefined {
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

export interface ModerationStateOptions {
  /** How long a recalled id must be remembered: as long as history may replay it. */
  readonly recallTtlMs: number;
  readonly now?: () => number;
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
  /** Store key → room id, so a deleted key (no value to read the room from) finds its room. */
  private readonly roomKeys = new Map<string, string>();
  private readonly filterRules = new Map<string, FilterRule>();
  private compiledFilter: WordFilter | undefined;
  private readonly recalled = new Map<string, Map<string, number>>();
  private readonly applied = new Map<string, Set<() => void>>();
  private readonly now: () => number;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly options: ModerationStateOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async start(): Promise<void> {
    await this.store.watch((key, value) => this.apply(key, value));
    this.sweepTimer = setInterval(() => void this.sweep(), 30_000).unref();
  }

  stop(): void {
    clearInterval(this.sweepTimer);
  }

  private apply(key: string, value: string | undefined): void {
    if (key.startsWith(PREFIX.ban))
      this.applyBan(key.slice(PREFIX.ban.length), value === undefined ? undefined : parse<Ban>(value));
    else if (key.startsWith(PREFIX.room))
      this.applyRoom(value === undefined ? undefined : parse<RoomSettings & { room: string }>(value), key);
    else if (key.startsWith(PREFIX.filter))
      this.applyFilter(key.slice(PREFIX.filter.length), value === undefined ? undefined : parse<FilterRule>(value));
    else if (key.startsWith(PREFIX.recall))
      this.applyRecall(key, value === undefined ? undefined : parse<Recalled>(value));
    const waiters = this.applied.get(key);
    if (waiters !== undefined) for (const wake of waiters) wake();
  }

  private applyBan(id: string, ban: Ban | undefined): void {
    const old = this.bansById.get(id);
    if (old !== undefined) {
      this.bansById.delete(id);
      const forUser = this.bansByUser.get(old.userId);
      forUser?.delete(old);
      if (forUser?.size === 0) this.bansByUser.delete(old.userId);
    }
    if (ban === undefined || typeof ban.userId !== 'string') return;
    // Bans stored before mutes existed carry no kind.
    if (ban.kind !== 'mute') ban = { ...ban, kind: 'ban' };
    this.bansById.set(id, ban);
    let forUser = this.bansByUser.get(ban.userId);
    if (forUser === undefined) this.bansByUser.set(ban.userId, (forUser = new Set()));
    forUser.add(ban);
  }

  private applyRoom(settings: (RoomSettings & { room: string }) | undefined, key: string): void {
    const room = this.roomKeys.get(key) ?? settings?.room;
    if (room === undefined) return;
    if (settings === undefined) {
      this.rooms.delete(room);
      this.roomKeys.delete(key);
      return;
    }
    this.roomKeys.set(key, room);
    this.rooms.set(room, {
      muted: settings.muted === true,
      slowModeSeconds: settings.slowModeSeconds ?? 0,
      maxCommentChars: settings.maxCommentChars ?? null,
    });
  }

  private applyFilter(id: string, rule: FilterRule | undefined): void {
    if (rule === undefined) this.filterRules.delete(id);
    else this.filterRules.set(id, rule);
    // Rebuilt on the next comment, not per change: a restart delivers thousands of rules one by one.
    this.compiledFilter = undefined;
  }

  private applyRecall(key: string, recalled: Recalled | undefined): void {
    if (recalled === undefined) {
      const [room, id] = key
        .slice(PREFIX.recall.length)
        .split('.')
        .map((s) => Buffer.from(s, 'base64url').toString());
      if (room !== undefined && id !== undefined) this.recalled.get(room)?.delete(id);
      return;
    }
    this.markRecalled(recalled.room, [recalled.id], recalled.at);
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
    const timer = setTimeout(wake, 1000);
    try {
      await change();
      await seen;
    } finally {
      clearTimeout(timer);
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
    // Every node sweeps; deleting a key another node already deleted is harmless.
    await Promise.all(stale.map((key) => this.store.delete(key).catch(() => undefined)));
  }
}
