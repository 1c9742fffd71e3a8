import t from 'tap';
import { fakeScheduler } from '../helpers/clock.js';

t.test('a periodic task runs on its interval, survives its own failure, and stops on cancel or close', async (t) => {
  const clock = fakeScheduler();
  const runs: string[] = [];
  const sweep = clock.scheduler.every('sweep', 1000, () => void runs.push('sweep'));
  let failures = 0;
  clock.scheduler.every('flaky', 1000, () => {
    failures++;
    throw new Error('boom');
  });
  clock.scheduler.every('async flaky', 1000, () => Promise.reject(new Error('async boom')));

  clock.tick(2500);
  t.same(runs, ['sweep', 'sweep'], 'every 1000 ms');
  t.equal(failures, 2, 'a task that throws keeps its schedule');
  await new Promise((resolve) => setImmediate(resolve));
  const logged = clock.telemetry.logged('periodic task failed').map((l) => l.task);
  t.same(logged.sort(), ['async flaky', 'async flaky', 'flaky', 'flaky'], 'each failure logged with its name');

  sweep.cancel();
  clock.tick(1000);
  t.equal(runs.length, 2, 'cancelled');
  t.equal(failures, 3);
  clock.scheduler.close();
  clock.tick(5000);
  t.equal(failures, 3, 'close cancels every task');
});
