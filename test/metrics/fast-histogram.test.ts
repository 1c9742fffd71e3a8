import t from 'tap';
import { Histogram, Registry } from 'prom-client';
import { FastHistogram } from '../../src/metrics/fast-histogram.js';

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 1, 5];
// Below the first bound, on a bound, between bounds, above the last, zero, negative, fractions.
const VALUES = [0.0004, 0.001, 0.003, 0.01, 0.0101, 0.07, 0.5, 1, 4.99, 5, 7.5, 120, 0, -1, 0.024999, 1e-9];

async function exposition(make: (registry: Registry) => { observe(value: number): void }): Promise<string> {
  const registry = new Registry();
  registry.setDefaultLabels({ node: 'n1' });
  const histogram = make(registry);
  for (const value of VALUES) histogram.observe(value);
  return registry.metrics();
}

t.test("a scrape shows the same lines as prom-client's own histogram fed the same values", async (t) => {
  const config = { name: 'danmaku_test_seconds', help: 'A test histogram.', buckets: BUCKETS };
  const fast = await exposition((registry) => new FastHistogram({ ...config, registers: [registry] }));
  const reference = await exposition((registry) => new Histogram({ ...config, registers: [registry] }));
  t.equal(fast, reference);
  t.match(fast, /danmaku_test_seconds_bucket\{le="\+Inf",node="n1"\} 16/, 'every value counted in +Inf');
});

t.test('JSON export and reset behave as prom-client', async (t) => {
  const registry = new Registry();
  const fast = new FastHistogram({ name: 'h', help: 'h', buckets: [1, 2], registers: [registry] });
  fast.observe(1.5);
  fast.observe(3);
  const [json] = await registry.getMetricsAsJSON();
  t.same(
    json?.values.map((v) => [v.labels, v.value]),
    [
      [{ le: 1 }, 0],
      [{ le: 2 }, 1],
      [{ le: '+Inf' }, 2],
      [{}, 4.5],
      [{}, 2],
    ],
  );
  registry.resetMetrics();
  t.match(await registry.metrics(), /h_count 0/, 'reset empties it');
  t.throws(() => fast.observe(Number.NaN), TypeError, 'NaN is refused, as prom-client refuses it');
});
