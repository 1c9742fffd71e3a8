import type { Scheduler, Timer } from '../lifecycle/scheduler.js';
import { encodeServerFrame } from '../protocol/codec.js';

/** The counts a room's presence frame is built from. */
export interface ViewerCounts {
  /** Viewers of the room on every node (Presence.total). */
  total(room: string): number;
  /** Viewers of the room on this node: a room without any gets no frame. */
  localViewers(room: string): number;
}

/** Sends one encoded ServerFrame to every viewer of a room on this node (uWS publish to the room's topics). */
export type RoomPublisher = (room: string, frame: Uint8Array) => void;

export interface PresenceFramesOptions {
  /** Least time between two frames of one room, in ms (PRESENCE_INTERVAL_MS). */
  readonly intervalMs: number;
}

interface RoomState {
  /** The count the room's viewers were last sent (or told in `joined`). */
  sent: number;
  sentAt: number;
  timer: Timer | undefined;
}

/**
 * Live viewer counts for viewers: when a room's whole-room count may have changed (a local join or
 * leave, another node's count arriving or expiring) the room is checked once the interval since
 * its last frame has passed, and `ServerFrame.presence{room, viewers}` goes out only if the count
 * differs from the last one sent. One encode per room per frame, published once to the room's
 * topics: a viewer costs nothing beyond the frame, and a churning room sends at most one frame per
 * interval however many viewers come and go. At most one timer per room with a pending change.
 */
export class PresenceFrames {
  private readonly rooms = new Map<string, RoomState>();
  private readonly now: () => number;
  private closed = false;

  constructor(
    private readonly counts: ViewerCounts,
    private readonly publish: RoomPublisher,
    private readonly options: PresenceFramesOptions,
    private readonly scheduler: Scheduler,
  ) {
    this.now = scheduler.now;
  }

  /** The room's count may have changed: schedules its check (now, or when its interval has passed). */
  changed(room: string): void {
    if (this.closed) return;
    const state = this.rooms.get(room);
    if (state === undefined) {
      if (this.counts.localViewers(room) === 0) return;
      // The room's first viewer on this node: its `joined` carries the count, so nobody here needs a frame yet.
      this.rooms.set(room, { sent: this.counts.total(room), sentAt: Number.NEGATIVE_INFINITY, timer: undefined });
      return;
    }
    if (state.timer !== undefined) return;
    const waitMs = state.sentAt + this.options.intervalMs - this.now();
    // Even with no wait the check runs on a later turn, so a burst of joins in one turn costs one frame.
    state.timer = this.scheduler.after(waitMs, () => this.check(room, state));
  }

  private check(room: string, state: RoomState): void {
    state.timer = undefined;
    if (this.counts.localViewers(room) === 0) {
      this.rooms.delete(room);
      return;
    }
    const viewers = this.counts.total(room);
    if (viewers === state.sent) return;
    state.sent = viewers;
    state.sentAt = this.now();
    this.publish(room, encodeServerFrame({ presence: { room, viewers } }));
  }

  /** Cancels every pending check; later changes are ignored (a draining node sends no more counts). */
  close(): void {
    this.closed = true;
    for (const state of this.rooms.values()) this.scheduler.cancel(state.timer);
    this.rooms.clear();
  }
}
