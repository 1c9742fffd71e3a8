import type { DanmakuProps } from '../protocol/codec.js';

/**
 * Chooses which of a tick's danmaku a room broadcasts when it has budget for only `budget` of
 * them. Priority items (moderators, paid) are always kept, even past the budget. The rest is a
 * fair sample: round-robin over users, each user's earliest first, so one flooder cannot crowd
 * out everyone else. Returns the indices kept, in arrival order.
 */
export function selectFairly(items: readonly DanmakuProps[], budget: number): number[] {
  const kept: number[] = [];
  const queues = new Map<string, number[]>();
  items.forEach((item, i) => {
    if ((item.priority ?? 0) > 0) {
      kept.push(i);
      return;
    }
    const user = item.userId ?? '';
    const queue = queues.get(user);
    if (queue === undefined) queues.set(user, [i]);
    else queue.push(i);
  });
  let left = budget - kept.length;
  let round = 0;
  while (left > 0 && queues.size > 0) {
    for (const [user, queue] of queues) {
      if (left === 0) break;
      const next = queue[round];
      if (next === undefined) {
        queues.delete(user);
        continue;
      }
      kept.push(next);
      left--;
    }
    round++;
  }
  return kept.sort((a, b) => a - b);
}
