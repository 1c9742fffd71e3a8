/**
 * Where and when a danmaku goes on the stage, so that none overtakes or covers another in its lane.
 * Pure arithmetic on px and ms (no DOM), so it can be checked outside a browser.
 *
 * Scroll items enter at the right edge and cross at a speed of their own (px/ms) until their tail
 * leaves the left edge. A scroll lane takes a new item once the lane's last item has fully entered
 * (plus a gap) and the new one will not catch up with it before it has left: a faster item may
 * follow a slower one only far enough behind. An item no lane can take now starts later, in the
 * lane that frees first. Top and bottom items hold still in rows of their own, reserved at the top
 * and at the bottom of the stage, one item per row at a time.
 */

export interface StageSize {
  /** px */
  readonly width: number;
  /** px */
  readonly height: number;
}

export interface Placement {
  /** Row index from the top of the stage (scroll and top) or from the bottom (bottom). */
  readonly row: number;
  /** ms to wait before the item starts moving (scroll) or showing (top, bottom). */
  readonly delayMs: number;
  /** ms the scroll animation lasts: its whole crossing; for top and bottom, how long it shows. */
  readonly durationMs: number;
}

interface ScrollOccupant {
  /** When it starts crossing, ms on the caller's clock. */
  readonly startAt: number;
  /** px */
  readonly width: number;
  /** px/ms */
  readonly speed: number;
  /** The stage width it crosses, px. */
  readonly stageWidth: number;
}

export interface LaneOptions {
  /** px per row */
  readonly rowHeight: number;
  /** ms a scroll item takes to cross a stage of its width (sets the common speed) */
  readonly crossMs: number;
  /** ms a top or bottom item stays */
  readonly holdMs: number;
  /** px kept free between two scroll items in a lane */
  readonly gapPx: number;
  /** Items that would wait longer than this are dropped (undefined from place): a room too busy to show all. */
  readonly maxDelayMs: number;
}

export const DEFAULT_LANE_OPTIONS: LaneOptions = {
  rowHeight: 30,
  crossMs: 8000,
  holdMs: 4000,
  gapPx: 24,
  maxDelayMs: 6000,
};

/** Rows reserved for top (and as many for bottom) items: a quarter of the stage, at least one. */
export function pinnedRows(totalRows: number): number {
  return Math.max(1, Math.floor(totalRows / 4));
}

export class LaneAssigner {
  private readonly scroll: (ScrollOccupant | undefined)[] = [];
  private readonly top: number[] = [];
  private readonly bottom: number[] = [];

  constructor(private readonly options: LaneOptions = DEFAULT_LANE_OPTIONS) {}

  /** Rows of the stage: [pinned top rows, scroll rows, pinned bottom rows]. */
  layout(stage: StageSize): { top: number; scroll: number; bottom: number } {
    const total = Math.max(3, Math.floor(stage.height / this.options.rowHeight));
    const pinned = pinnedRows(total);
    return { top: pinned, scroll: total - 2 * pinned, bottom: pinned };
  }

  /**
   * Places one item of `width` px at time `now` (ms): mode 0 scroll, 1 top, 2 bottom. Scroll rows
   * are numbered from the top of the stage, after the top rows. Undefined: dropped, every lane is
   * busy for longer than maxDelayMs.
   */
  place(mode: number, width: number, stage: StageSize, now: number): Placement | undefined {
    const rows = this.layout(stage);
    if (mode === 1 || mode === 2) return this.pin(mode === 1 ? this.top : this.bottom, rows.top, now);
    const speed = stage.width / this.options.crossMs;
    let best: { row: number; at: number } | undefined;
    for (let row = 0; row < rows.scroll; row++) {
      const at = Math.max(now, this.freeAt(this.scroll[row], speed, stage.width));
      if (best === undefined || at < best.at) best = { row, at };
      if (at === now) break;
    }
    if (best === undefined || best.at - now > this.options.maxDelayMs) return undefined;
    this.scroll[best.row] = { startAt: best.at, width, speed, stageWidth: stage.width };
    return { row: rows.top + best.row, delayMs: best.at - now, durationMs: (stage.width + width) / speed };
  }

  /** Earliest start for an item of this speed behind the lane's last one. */
  private freeAt(last: ScrollOccupant | undefined, speed: number, stageWidth: number): number {
    if (last === undefined) return Number.NEGATIVE_INFINITY;
    const entered = last.startAt + (last.width + this.options.gapPx) / last.speed;
    if (speed <= last.speed) return entered;
    // A faster item must not reach the last one's tail before that tail leaves the stage.
    const leaves = last.startAt + (last.stageWidth + last.width) / last.speed;
    return Math.max(entered, leaves - (stageWidth - this.options.gapPx) / speed);
  }

  private pin(rows: number[], count: number, now: number): Placement | undefined {
    let best = 0;
    for (let row = 0; row < count; row++) {
      if ((rows[row] ?? 0) <= now) {
        best = row;
        break;
      }
      if ((rows[row] ?? 0) < (rows[best] ?? 0)) best = row;
    }
    const at = Math.max(now, rows[best] ?? 0);
    if (at - now > this.options.maxDelayMs) return undefined;
    rows[best] = at + this.options.holdMs;
    return { row: best, delayMs: at - now, durationMs: this.options.holdMs };
  }
}
