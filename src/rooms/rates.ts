import type { Periodic, Scheduler } from '../lifecycle/scheduler.js';

const WINDOW_SECONDS = 10;

interface Window {
  /** Danmaku per second for the last WINDOW_SECONDS seconds, indexed by second modulo the window. */
  readonly counts: Float64Array;
  second: number;
}

/** Danmaku delivered per room, over a sliding 10 s window: the "current rate" moderators see. */
export class RoomRates {
  private readonly rooms = new Map<string, Window>();
  private readonly now: () => number;
  private readonly sweeping: Periodic;

  constructor(scheduler: Scheduler) {
    this.now = scheduler.now;
    this.sweeping = scheduler.every('room rates sweep', WINDOW_SECONDS * 1000, () => this.sweep());
  }

  private advance(window: Window, second: number): void {
    for (let s = Math.max(window.second + 1, second - WINDOW_SECONDS + 1); s <= second; s++)
      window.counts[s % WINDOW_SECONDS] = 0;
    window.second = Math.max(window.second, second);
  }

  record(room: string, items: number): void {
    const second = Math.floor(this.now() / 1000);
    let window = this.rooms.get(room);
    if (window === undefined) this.rooms.set(room, (window = { counts: new Float64Array(WINDOW_SECONDS), second }));
    this.advance(window, second);
    window.counts[second % WINDOW_SECONDS] = (window.counts[second % WINDOW_SECONDS] ?? 0) + items;
  }

  perSecond(room: string): number {
    const window = this.rooms.get(room);
    if (window === undefined) return 0;
    this.advance(window, Math.floor(this.now() / 1000));
    let sum = 0;
    for (const count of window.counts) sum += count;
    return sum / WINDOW_SECONDS;
  }

  private sweep(): void {
    const second = Math.floor(this.now() / 1000);
    for (const [room, window] of this.rooms) if (second - window.second >= WINDOW_SECONDS) this.rooms.delete(room);
  }

  /** Rooms with a window (a room is forgotten one window after its last delivery). */
  get size(): number {
    return this.rooms.size;
  }

  close(): void {
    this.sweeping.cancel();
  }
}
