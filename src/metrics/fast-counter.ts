import { FastMetric } from './fast-metric.js';

/**
 * An unlabelled counter for the per-comment and per-batch path. prom-client's `Counter.inc` builds a
 * labels object and a result object on every call even with no labels, and a node counts every
 * accepted comment and every published batch: in rooms of a few viewers both are per comment. This
 * one adds to a number and answers the registry's `get()` with the line prom-client's Counter
 * exports (test/metrics/fast-counter.test.ts compares both expositions), so the metric keeps its
 * name, type and meaning.
 */
export class FastCounter extends FastMetric {
  readonly type = 'counter';
  private value = 0;

  /**
   * Adds `by` (default 1); throws a TypeError on NaN or ±Infinity and an Error on a negative amount,
   * as prom-client does.
   */
  inc(by = 1): void {
    if (!Number.isFinite(by)) throw new TypeError(`Value is not a valid number: ${by}`);
    if (by < 0) throw new Error('It is not possible to decrease a counter');
    this.value += by;
  }

  /** The exposition line, as prom-client's Counter gives it. */
  get(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: { labels: Record<string, string>; value: number }[];
  }> {
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      aggregator: this.aggregator,
      values: [{ labels: {}, value: this.value }],
    });
  }

  reset(): void {
    this.value = 0;
  }
}
