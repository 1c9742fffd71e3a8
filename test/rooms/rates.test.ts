import t from 'tap';
import { RoomRates } from '../../src/rooms/rates.js';
import { fakeScheduler } from '../helpers/clock.js';

t.test('danmaku per second over a sliding 10 s window; a quiet room is forgotten by the sweep', async (t) => {
  const clock = fakeScheduler();
  const rates = new RoomRates(clock.scheduler);
  t.teardown(() => rates.close());
  rates.record('a', 30);
  clock.tick(1000);
  rates.record('a', 20);
  t.equal(rates.perSecond('a'), 5, '50 danmaku in the window: 5/s');
  t.equal(rates.perSecond('b'), 0, 'a room with nothing delivered');
  clock.tick(9000);
  t.equal(rates.perSecond('a'), 2, 'the first second left the window');
  t.equal(rates.size, 1, 'still remembered while inside the window');
  clock.tick(60_000);
  t.equal(rates.perSecond('a'), 0, 'a quiet room falls to zero');
  t.equal(rates.size, 0, 'and the sweep forgot it');
});
