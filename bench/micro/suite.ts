import { appendFileSync } from 'node:fs';
import Benchmark from 'benchmark';

// benchmark.js defaults to 5 s per case; a fraction of a second gives a stable enough mean here.
Benchmark.options.maxTime = Number(process.env.BENCH_MICRO_MAX_TIME ?? 0.5);
Benchmark.options.minSamples = 5;

export interface MicroResult {
  readonly suite: string;
  readonly name: string;
  readonly opsPerSec: number;
  readonly rmePercent: number;
  readonly samples: number;
  /** Danmaku handled per operation (batch size), so ops/s × this is danmaku/s. */
  readonly perOp: number;
}

export interface Case {
  readonly name: string;
  readonly fn: () => void;
  readonly perOp?: number;
}

/**
 * Runs the cases one after another and prints ops/s ± relative margin of error; with
 * BENCH_MICRO_OUT set, also appends each result as a JSON line for the runner's summary.
 */
export function runSuite(title: string, cases: readonly Case[]): MicroResult[] {
  process.stdout.write(`\n${title}\n`);
  const results: MicroResult[] = [];
  const suite = new Benchmark.Suite(title);
  for (const c of cases) suite.add(c.name, c.fn);
  suite.on('cycle', (event: Benchmark.Event) => {
    const bench = event.target as unknown as Benchmark & { name: string };
    const perOp = cases.find((c) => c.name === bench.name)?.perOp ?? 1;
    const result: MicroResult = {
      suite: title,
      name: bench.name,
      opsPerSec: bench.hz,
      rmePercent: bench.stats.rme,
      samples: bench.stats.sample.length,
      perOp,
    };
    results.push(result);
    const perDanmaku = perOp > 1 ? `  (${Math.round(bench.hz * perOp).toLocaleString('en')} danmaku/s)` : '';
    process.stdout.write(
      `  ${bench.name.padEnd(48)} ${Math.round(bench.hz).toLocaleString('en').padStart(12)} ops/s ±${bench.stats.rme.toFixed(2)}% (${result.samples} runs)${perDanmaku}\n`,
    );
    if (process.env.BENCH_MICRO_OUT) appendFileSync(process.env.BENCH_MICRO_OUT, `${JSON.stringify(result)}\n`);
  });
  suite.run({ async: false });
  return results;
}

export interface AsyncCase {
  readonly name: string;
  readonly fn: () => Promise<unknown>;
}

/**
 * Like {@link runSuite} for operations that return a promise (benchmark.js's deferred mode adds a
 * timer turn per operation): each case runs one operation after another, awaited, for
 * BENCH_MICRO_MAX_TIME seconds split into 10 samples; ops/s is their mean, ± the 95 % margin.
 */
export async function runAsyncSuite(title: string, cases: readonly AsyncCase[]): Promise<MicroResult[]> {
  process.stdout.write(`\n${title}\n`);
  const results: MicroResult[] = [];
  const sampleMs = (Benchmark.options.maxTime ?? 0.5) * 100;
  for (const c of cases) {
    for (let i = 0; i < 200; i++) await c.fn();
    const rates: number[] = [];
    for (let s = 0; s < 10; s++) {
      const start = performance.now();
      let ops = 0;
      while (performance.now() - start < sampleMs) {
        await c.fn();
        ops++;
      }
      rates.push((ops * 1000) / (performance.now() - start));
    }
    const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
    const sd = Math.sqrt(rates.reduce((a, b) => a + (b - mean) ** 2, 0) / (rates.length - 1));
    const rme = ((2.262 * sd) / Math.sqrt(rates.length) / mean) * 100;
    const result: MicroResult = { suite: title, name: c.name, opsPerSec: mean, rmePercent: rme, samples: 10, perOp: 1 };
    results.push(result);
    process.stdout.write(
      `  ${c.name.padEnd(48)} ${Math.round(mean).toLocaleString('en').padStart(12)} ops/s ±${rme.toFixed(2)}% (10 runs)\n`,
    );
    if (process.env.BENCH_MICRO_OUT) appendFileSync(process.env.BENCH_MICRO_OUT, `${JSON.stringify(result)}\n`);
  }
  return results;
}
