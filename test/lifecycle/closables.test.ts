import t from 'tap';
import { Closables } from '../../src/lifecycle/closables.js';
import { RecordedTelemetry } from '../helpers/telemetry.js';

t.test('closes last-built first, each once; one that throws is logged and the rest still close', async (t) => {
  const telemetry = new RecordedTelemetry();
  const closables = new Closables();
  const closed: string[] = [];
  const bus = closables.add('bus', { name: 'bus' }, (b) => void closed.push(b.name));
  t.equal(bus.name, 'bus', 'add hands the component back');
  closables.add('store', 'store', async (name) => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    closed.push(name);
  });
  closables.add('broken', 'broken', () => {
    throw new Error('boom');
  });
  closables.add('gateway', 'gateway', (name) => void closed.push(name));

  await Promise.all([closables.closeAll(telemetry.log), closables.closeAll(telemetry.log)]);
  await closables.closeAll(telemetry.log);
  t.same(closed, ['gateway', 'store', 'bus'], 'reverse order, the async one awaited, each once');
  const failures = telemetry.logged('failed to close');
  t.equal(failures.length, 1);
  t.equal(failures[0]?.component, 'broken', 'the log names the component');
});
