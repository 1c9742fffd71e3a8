import t from 'tap';
import { RoomRates } from '../../src/rooms/rates.js';

t.test('danmaku per second over a sliding 10 s window', async (t) => {
  let now = 1_000_000;
  const rates = new RoomRates(() => now);
  t.teardown(() => rates.close());
  rates.record('a', 30);
  now += 1000;
  rates.record('a', 20);
  t.equal(rates.perSecond('a'), 5, '50 danmaku in the window: 5/s');
  t.equal(rates.perSecond('b'), 0, 'a room with nothing delivered');
  now += 9000;
  t.equal(rates.perSecond('a'), 2, 'the first second left the window');
  now += 60_000;
  t.equal(rates.perSecond('a'), 0, 'a quiet room falls to zero');
});
