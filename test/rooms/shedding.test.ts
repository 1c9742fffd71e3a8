import t from 'tap';
import { selectFairly } from '../../src/rooms/shedding.js';

const item = (userId: string, priority = 0) => ({ userId, priority, text: userId });

t.test('a flooder cannot crowd out the others; priority always passes', async (t) => {
  const items = [
    ...Array.from({ length: 50 }, () => item('flooder')),
    item('a'),
    item('b'),
    item('mod', 1),
    item('a'),
    item('c'),
  ];
  const kept = selectFairly(items, 5).map((i) => items[i]?.userId);
  t.same(kept.sort(), ['a', 'b', 'c', 'flooder', 'mod'], 'one each, moderator included');
  t.same(
    selectFairly(items, 7)
      .map((i) => items[i]?.userId)
      .sort(),
    ['a', 'a', 'b', 'c', 'flooder', 'flooder', 'mod'],
    'second round',
  );
  t.same(
    selectFairly(items, 0).map((i) => items[i]?.userId),
    ['mod'],
    'priority even with no budget',
  );
  t.same(selectFairly(items, 1000).length, items.length, 'everything within budget');
  const order = selectFairly(items, 6);
  t.same(
    order,
    [...order].sort((a, b) => a - b),
    'kept in arrival order',
  );
});
