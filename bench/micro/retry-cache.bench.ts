import type { PostResult } from '../../src/bus/directory.js';
import { DedupWindow } from '../../src/rooms/dedup-window.js';
import { runSuite, type Case } from './suite.js';

/**
 * Issue 16: the sequencer's de-duplication window every accepted comment passes (get, then set), at
 * steady state — comments entering and leaving the DEDUP_WINDOW_MS window at the same rate — with N
 * entries live (rate × window: 10,000 live is 1,000 comments/s over 10 s, or 83 a second over the
 * default 120 s). A fake clock moves 0.1 ms per comment, so the window holds exactly N.
 */

const RESULT: Promise<PostResult> = Promise.resolve({ ok: true, seq: 1, id: 'q3Vb9w1' });
const USERS = Array.from({ length: 20 }, (_, i) => String(300_000_000 + i * 7919));

function steadyWindow(live: number): () => void {
  let now = 0;
  let i = 0;
  const window = new DedupWindow<Promise<PostResult>>(live / 10, () => now);
  const comment = () => {
    now = i / 10;
    const user = USERS[i % USERS.length] as string;
    const id = `m${i++}`;
    if (window.get(user, id) === undefined) window.set(user, id, RESULT);
  };
  // Two windows in: entries now expire as fast as they arrive, and the map carries what that leaves.
  for (let n = 0; n < 2 * live; n++) comment();
  return comment;
}

const cases: Case[] = [1_000, 10_000, 100_000].map((live) => ({
  name: `get + set, ${live.toLocaleString('en')} live entries`,
  fn: steadyWindow(live),
}));
runSuite('de-dup window: one comment at steady state (ops/s = comments/s one core can pass)', cases);
