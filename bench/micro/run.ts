import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MicroResult } from './suite.js';

/**
 * Runs every bench/micro/*.bench file in its own process (so one suite's garbage and JIT state do
 * not skew the next) and writes a table of all results to bench/results/micro-latest.md.
 */

const here = dirname(fileURLToPath(import.meta.url));
// Runs from dist/bench/micro/; results go to bench/results/ of the repository.
const resultsDir = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
const outFile = join(here, `.micro-${process.pid}.jsonl`);

const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .sort();
if (!files.includes('word-filter.bench.js'))
  process.stdout.write('word-filter.bench: not present in this build, skipped\n');

let failed = false;
for (const file of files) {
  const run = spawnSync(process.execPath, [join(here, file)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_MICRO_OUT: outFile },
  });
  if (run.status !== 0) {
    process.stderr.write(`${file} failed (exit ${run.status})\n`);
    failed = true;
  }
}

const results: MicroResult[] = existsSync(outFile)
  ? readFileSync(outFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as MicroResult)
  : [];
rmSync(outFile, { force: true });
const lines = [
  `## Micro benchmarks — ${new Date().toISOString()}`,
  '',
  '| suite | case | ops/s | ± | danmaku/s |',
  '| --- | --- | --- | --- | --- |',
  ...results.map(
    (r) =>
      `| ${r.suite} | ${r.name} | ${Math.round(r.opsPerSec).toLocaleString('en')} | ${r.rmePercent.toFixed(2)}% | ${r.perOp > 1 ? Math.round(r.opsPerSec * r.perOp).toLocaleString('en') : ''} |`,
  ),
  '',
];
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'micro-latest.md'), lines.join('\n'));
process.stdout.write(`\nmicro results written to ${join(resultsDir, 'micro-latest.md')}\n`);
if (failed) process.exit(1);
