import type { Metric, Registry } from 'prom-client';

/** What every fast metric is built from: its exposition name and help, and the registries it joins. */
export interface FastMetricConfig {
  readonly name: string;
  readonly help: string;
  readonly registers: readonly Registry[];
}

/**
 * The part of an unlabelled metric on the hot path (FastHistogram, FastCounter) that a prom-client
 * Registry sees: name, help, type and aggregator, registered on construction. The registry only calls
 * name, help, get() and reset(): the same duck type as its own metrics.
 */
export abstract class FastMetric {
  abstract readonly type: string;
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;

  constructor(config: FastMetricConfig) {
    this.name = config.name;
    this.help = config.help;
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }
}
