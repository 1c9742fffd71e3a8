const WINDOW_SECONDS = 10;

interface Window {
  /** Danmaku per second for the last WINDOW_SECONDS seconds, indexed by second modulo the window. */
  readonly counts: Float64Array;
  second: number;
}

/** Danmaku delivered per room, over a sliding 10 s window: the "current rate" moderators see. */
export class RoomRates {
  private readonly rooms = new Map<string, Window>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweepTimer = setInterval(() => this.sweep(), WINDOW_SECONDS * 1000).unref();
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

  close(): void {
    clearInterval(this.sweepTimer);
  }
}
