import t from 'tap';
import { DedupWindow } from '../../src/rooms/dedup-window.js';

t.test('an entry is answered for the window, then forgotten; a later entry for the same key wins', (t) => {
  let now = 0;
  const window = new DedupWindow<string>(1000, () => now);
  window.set('u', 'm1', 'first');
  now = 999;
  t.equal(window.get('u', 'm1'), 'first', 'inside the window');
  t.equal(window.get('v', 'm1'), undefined, 'keyed by user too');
  window.set('u', 'm2', 'second');
  now = 1000;
  t.equal(window.get('u', 'm1'), undefined, 'gone once the window passed');
  t.equal(window.get('u', 'm2'), 'second');
  window.set('u', 'm2', 'again');
  now = 1999;
  t.equal(window.get('u', 'm2'), 'again', 'the older slot of the same key does not expire the newer one');
  t.end();
});

t.test(
  'an entry rebuilt from history expires from when its comment came, and delete only removes its own value',
  (t) => {
    let now = 10_000;
    const window = new DedupWindow<string>(1000, () => now);
    window.set('u', 'old', 'stored', 9500);
    t.equal(window.get('u', 'old'), 'stored');
    now = 10_500;
    t.equal(window.get('u', 'old'), undefined, 'expired 1000 ms after 9500');
    window.set('u', 'x', 'a');
    window.delete('u', 'x', 'b');
    t.equal(window.get('u', 'x'), 'a', 'a stale delete leaves a newer value');
    window.delete('u', 'x', 'a');
    t.equal(window.get('u', 'x'), undefined);
    t.end();
  },
);

t.test('at steady state the window holds what the last window brought, however many have passed through', (t) => {
  let now = 0;
  const window = new DedupWindow<number>(100, () => now);
  for (let i = 0; i < 100_000; i++) {
    now = i / 10;
    window.set('u', String(i), i);
    window.get('u', String(i));
  }
  t.ok(window.size <= 1001 && window.size >= 999, `${window.size} live entries (10 per ms over 100 ms)`);
  t.end();
});

t.test('a key looked up, then set, deleted or expired, is answered from the window as it is now', (t) => {
  let now = 0;
  const window = new DedupWindow<string>(1000, () => now);
  t.equal(window.get('u', 'a'), undefined, 'a new comment: looked up twice before it is set');
  t.equal(window.get('u', 'a'), undefined);
  window.set('u', 'a', 'first');
  t.equal(window.get('u', 'a'), 'first', 'its retry finds it right after the set');
  window.delete('u', 'a', 'first');
  t.equal(window.get('u', 'a'), undefined, 'and not after a delete');
  window.set('u', 'a', 'second');
  t.equal(window.get('u', 'a'), 'second');
  now = 1000;
  window.set('u', 'a', 'third');
  t.equal(window.get('u', 'a'), 'third', 'a set of the same key after its window expired the old slot');
  now = 1999;
  window.set('v', 'b', 'other');
  t.equal(window.get('u', 'a'), 'third');
  now = 2000;
  window.set('v', 'c', 'expires u/a');
  t.equal(window.get('u', 'a'), undefined, 'expired by a later set');
  t.end();
});
