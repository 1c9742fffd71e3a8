import t from 'tap';
import { Counter, Registry } from 'prom-client';
import { FastCounter } from '../../src/metrics/fast-counter.js';

async function exposition(
  make: (registry: Registry) => { inc(by?: number): void },
  amounts: number[],
): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ node: 'n1' });
  const counter = make(registry);
  for (const by of amounts) counter.inc(by);
  return registry.metrics();
}

t.test("a scrape shows the same lines as prom-client's own counter fed the same amounts", async (t) => {
  const config = { name: 'danmaku_test_total', help: 'A test counter.' };
  for (const amounts of [[], [1, 1, 1], [2.5, 0, 7]]) {
    const fast = await exposition((registry) => new FastCounter({ ...config, registers: [registry] }), amounts);
    const reference = await exposition((registry) => new Counter({ ...config, registers: [registry] }), amounts);
    t.equal(fast, reference, `after ${JSON.stringify(amounts)}`);
  }
  t.match(
    await exposition((registry) => new FastCounter({ ...config, registers: [registry] }), [1, 2]),
    /danmaku_test_total\{node="n1"\} 3/,
  );
});

t.test('JSON export, reset and refusals behave as prom-client', async (t) => {
  const registry = new Registry();
  const fast = new FastCounter({ name: 'c', help: 'c', registers: [registry] });
  fast.inc();
  fast.inc(2);
  const [json] = await registry.getMetricsAsJSON();
  t.same(
    json?.values.map((v) => [v.labels, v.value]),
    [[{}, 3]],
  );
  registry.resetMetrics();
  t.match(await registry.metrics(), /^c 0$/m, 'reset empties it');
  t.throws(() => fast.inc(Number.NaN), TypeError, 'NaN is refused, as prom-client refuses it');
  t.throws(() => fast.inc(-1), /not possible to decrease/, 'a negative amount is refused, as prom-client refuses it');
});
