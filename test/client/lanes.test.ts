import t from 'tap';
import { DEFAULT_LANE_OPTIONS, LaneAssigner } from '../../web/demo/lanes.js';

interface Flying {
  readonly row: number;
  readonly startAt: number;
  readonly width: number;
  readonly durationMs: number;
}

/** Left and right edge (px from the stage's left) of a scroll item at time `at`, or undefined before it starts or after it left. */
function edges(item: Flying, stageWidth: number, at: number): [number, number] | undefined {
  if (at < item.startAt || at > item.startAt + item.durationMs) return undefined;
  const left = stageWidth - ((stageWidth + item.width) * (at - item.startAt)) / item.durationMs;
  return [left, left + item.width];
}

t.test('scroll lanes: no item overlaps another of its lane at any sampled moment, whatever their widths', async (t) => {
  const stage = { width: 960, height: 540 };
  const lanes = new LaneAssigner();
  const flying: Flying[] = [];
  let dropped = 0;
  // A seeded walk: short and long comments, bursts and pauses.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let now = 0;
  for (let i = 0; i < 600; i++) {
    now += random() < 0.2 ? random() * 2000 : random() * 40;
    const width = 20 + Math.floor(random() * 700);
    const placed = lanes.place(0, width, stage, now);
    if (placed === undefined) {
      dropped++;
      continue;
    }
    flying.push({ row: placed.row, startAt: now + placed.delayMs, width, durationMs: placed.durationMs });
  }
  let overlaps = 0;
  for (let at = 0; at < now + 20_000; at += 25) {
    const byRow = new Map<number, [number, number][]>();
    for (const item of flying) {
      const span = edges(item, stage.width, at);
      if (span !== undefined && span[0] < stage.width) byRow.set(item.row, [...(byRow.get(item.row) ?? []), span]);
    }
    for (const spans of byRow.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) if ((spans[i]?.[0] ?? 0) < (spans[i - 1]?.[1] ?? 0)) overlaps++;
    }
  }
  t.equal(overlaps, 0, `${flying.length} placed (${dropped} dropped in bursts), none overlapping in its lane`);
  // The bursts come faster than ten lanes can take 3 s items: past maxDelayMs an item is dropped, never overlapped.
  t.ok(dropped > 0 && flying.length > 300, 'bursts overflow the lanes: some are dropped, most are shown');
});

t.test('a faster item is held back until it cannot catch the slower one before that one leaves', async (t) => {
  const lanes = new LaneAssigner({ ...DEFAULT_LANE_OPTIONS, rowHeight: 540 / 3 });
  // One scroll row (3 rows: top, scroll, bottom). A wide stage, then a narrow one: speed is width / crossMs.
  const slow = lanes.place(0, 100, { width: 480, height: 540 }, 0);
  const fast = lanes.place(0, 100, { width: 960, height: 540 }, 0);
  t.ok(slow !== undefined && fast !== undefined);
  const slowItem = { row: 0, startAt: 0, width: 100, durationMs: slow?.durationMs ?? 0 };
  const fastItem = { row: 0, startAt: fast?.delayMs ?? 0, width: 100, durationMs: fast?.durationMs ?? 0 };
  t.ok((fast?.delayMs ?? 0) > 0, `the faster one waits ${fast?.delayMs.toFixed(0)} ms`);
  for (let at = 0; at < 20_000; at += 10) {
    const a = edges(slowItem, 480, at);
    const b = edges(fastItem, 960, at);
    if (a !== undefined && b !== undefined && b[0] < 960) t.ok(b[0] >= a[1], `at ${at} ms it is still behind`);
  }
});

t.test('top and bottom items hold rows of their own, one at a time, apart from the scroll rows', async (t) => {
  const stage = { width: 390, height: 220 };
  const lanes = new LaneAssigner();
  const rows = lanes.layout(stage);
  t.same(rows, { top: 1, scroll: 5, bottom: 1 }, 'a phone-sized stage: one pinned row each side');
  const first = lanes.place(1, 100, stage, 0);
  const second = lanes.place(1, 100, stage, 100);
  t.equal(first?.row, 0);
  t.equal(second?.delayMs, DEFAULT_LANE_OPTIONS.holdMs - 100, 'the next top item waits for the row');
  const scroll = lanes.place(0, 100, stage, 0);
  t.ok((scroll?.row ?? 0) >= rows.top && (scroll?.row ?? 0) < rows.top + rows.scroll, 'scroll rows sit between');
  t.equal(lanes.place(1, 100, stage, 200), undefined, 'past maxDelayMs of waiting an item is dropped');
});
