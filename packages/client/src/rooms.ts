import type { ServerFrame } from '../../../src/protocol/codec.js';
import type { Danmaku } from './events.js';

/** How many recent danmaku ids per room are remembered to drop a repeat. */
const SEEN_IDS_PER_ROOM = 2048;

class RecentIds {
  private readonly ids = new Set<string>();

  /** True the first time an id is offered. */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > SEEN_IDS_PER_ROOM) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

interface Cursor {
  epoch: string;
  lastSeq: number;
  readonly seen: RecentIds;
}

export interface BatchOutcome {
  /** Items never delivered before, in order; empty when the batch was a repeat. */
  readonly fresh: readonly Danmaku[];
  readonly epochChanged: boolean;
  readonly duplicate: boolean;
}

/**
 * The rooms the app joined and, per room, where its stream was read to (epoch + last seq) and
 * which danmaku ids were drawn. Seq may skip values, so only "not after the cursor" means seen.
 */
export class RoomCursors {
  private readonly rooms = new Map<string, Cursor>();

  add(room: string): boolean {
    if (this.rooms.has(room)) return false;
    this.rooms.set(room, { epoch: '', lastSeq: 0, seen: new RecentIds() });
    return true;
  }

  remove(room: string): boolean {
    return this.rooms.delete(room);
  }

  /** The room joined first of those still joined (the one room affinity follows). */
  first(): string | undefined {
    return this.rooms.keys().next().value;
  }

  has(room: string): boolean {
    return this.rooms.has(room);
  }

  /** The room's cursor, for a join that resumes after it; undefined when the room is not joined. */
  cursor(room: string): { room: string; epoch: string; lastSeq: number } | undefined {
    const cursor = this.rooms.get(room);
    return cursor === undefined ? undefined : { room, epoch: cursor.epoch, lastSeq: cursor.lastSeq };
  }

  list(): { room: string; epoch: string; lastSeq: number }[] {
    return [...this.rooms].map(([room, c]) => ({ room, epoch: c.epoch, lastSeq: c.lastSeq }));
  }

  acceptBatch(room: string, epoch: string, seq: number, items: readonly Danmaku[]): BatchOutcome | undefined {
    const cursor = this.rooms.get(room);
    if (cursor === undefined) return undefined;
    const epochChanged = cursor.epoch !== '' && cursor.epoch !== epoch;
    if (!epochChanged && seq <= cursor.lastSeq) return { fresh: [], epochChanged, duplicate: true };
    cursor.epoch = epoch;
    cursor.lastSeq = seq;
    return { fresh: items.filter((d) => cursor.seen.add(d.id)), epochChanged, duplicate: false };
  }

  /** Moves the cursor to the head the server answered a join with. */
  acceptJoined(room: string, epoch: string, headSeq: number): void {
    const cursor = this.rooms.get(room);
    if (cursor === undefined) return;
    if (cursor.epoch === epoch) {
      cursor.lastSeq = Math.max(cursor.lastSeq, headSeq);
    } else {
      cursor.epoch = epoch;
      cursor.lastSeq = headSeq;
    }
  }
}

/** A decoded danmaku as the app gets it: every field present, uint64 times as numbers. */
export function toDanmaku(d: NonNullable<NonNullable<ServerFrame['batch']>['items']>[number]): Danmaku {
  return {
    id: d.id ?? '',
    userId: d.userId ?? '',
    userName: d.userName ?? '',
    text: d.text ?? '',
    color: d.color ?? 0,
    mode: d.mode ?? 0,
    sentAtMs: Number(d.sentAtMs ?? 0),
    priority: d.priority ?? 0,
  };
}
