import t from 'tap';
import { createClock } from '@sinonjs/fake-timers';
import { taskClock } from '../../src/lifecycle/scheduler.js';
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

t.test('a one-shot runs once after its delay, or on the next turn with 0, unless cancelled first', (t) => {
  const clock = fakeScheduler();
  const runs: string[] = [];
  clock.scheduler.after(100, () => void runs.push('late'));
  clock.scheduler.after(0, () => void runs.push('soon'));
  const cancelled = clock.scheduler.after(50, () => void runs.push('cancelled'));
  const cancelledSoon = clock.scheduler.after(0, () => void runs.push('cancelled soon'));
  clock.scheduler.cancel(cancelled);
  clock.scheduler.cancel(cancelledSoon);
  clock.scheduler.cancel(undefined);
  clock.tick(0);
  t.same(runs, ['soon'], 'the next turn, before any delay');
  clock.tick(99);
  t.same(runs, ['soon']);
  clock.tick(1);
  t.same(runs, ['soon', 'late'], 'at 100 ms');
  clock.tick(1000);
  t.same(runs, ['soon', 'late'], 'each once; cancelled ones never');
  t.equal(clock.pending(), 0);
  t.end();
});

t.test('the task clock reads once per task and reads afresh in the next one', async (t) => {
  const clock = createClock(5_000);
  const deferred: (() => void)[] = [];
  let reads = 0;
  const now = taskClock(
    () => {
      reads++;
      return clock.now;
    },
    (forget) => deferred.push(forget),
  );
  t.equal(now(), 5_000);
  clock.tick(7);
  t.equal(now(), 5_000, 'later reads in the same task get the first value');
  t.equal(reads, 1, 'one read of the underlying clock per task');
  t.equal(deferred.length, 1, 'one forget queued per task');
  (deferred.shift() as () => void)();
  t.equal(now(), 5_007, 'the next task reads the clock again');
  t.equal(reads, 2);

  // With the default (queueMicrotask): a value never outlives the task that read it.
  let system = 0;
  const real = taskClock(() => ++system);
  t.equal(real(), 1);
  t.equal(real(), 1, 'same task');
  await Promise.resolve();
  t.equal(real(), 2, 'after a microtask checkpoint');
  await new Promise((resolve) => setImmediate(resolve));
  t.equal(real(), 3, 'in a later turn');
});
