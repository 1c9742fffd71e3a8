import { FastMetric, type FastMetricConfig } from './fast-metric.js';

/** One line of a histogram's exposition, as prom-client's Registry reads it from `get()`. */
export interface HistogramValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

/** `name` is the metric's; the exposition adds `_bucket`, `_sum` and `_count`. */
export interface FastHistogramConfig extends FastMetricConfig {
  /** Upper bounds, ascending (a value equal to a bound falls in its bucket, as in prom-client). */
  readonly buckets: readonly number[];
}

/**
 * An unlabelled histogram for the per-batch path. prom-client's `Histogram.observe` spends ~1.3 µs
 * a call on label handling (an object per call, validation, a hash of the labels) even with no
 * labels, and a node observes four histograms per batch: in rooms of two every comment is a batch
 * (docs/benchmarks.md, the comment path profile). This one adds to a bucket array (a few ns) and
 * answers the registry's `get()` with the very lines prom-client's Histogram exports (cumulative
 * `_bucket` lines with `le`, `+Inf`, `_sum`, `_count`; test/metrics/fast-histogram.test.ts compares
 * both expositions), so the metric keeps its name, type, buckets and meaning.
 */
export class FastHistogram extends FastMetric {
  readonly type = 'histogram';
  private readonly bounds: readonly number[];
  /** counts[i]: observations in bucket i (bounds.length: above every bound, counted in +Inf only). */
  private counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(config: FastHistogramConfig) {
    super(config);
    this.bounds = [...config.buckets];
    this.counts = new Float64Array(this.bounds.length + 1);
  }

  /** Records one value; throws a TypeError on NaN or ±Infinity, as prom-client does. */
  observe(value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > (bounds[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += value;
    this.count++;
  }

  /** The exposition lines, in prom-client's order. */
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: HistogramValue[] }> {
    const bucket = `${this.name}_bucket`;
    let cumulative = 0;
    const values: HistogramValue[] = this.bounds.map((le, i) => {
      cumulative += this.counts[i] as number;
      return { metricName: bucket, labels: { le }, value: cumulative };
    });
    values.push(
      { metricName: bucket, labels: { le: '+Inf' }, value: this.count },
      { metricName: `${this.name}_sum`, labels: {}, value: this.sum },
      { metricName: `${this.name}_count`, labels: {}, value: this.count },
    );
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    this.counts = new Float64Array(this.bounds.length + 1);
    this.sum = 0;
    this.count = 0;
  }
}
