import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { optionsFromEnv, runLoadBench, writeResults } from './load/main.js';

/**
 * `npm run bench`: the micro benchmarks, then the load benchmark against Socket.IO and ws.
 * BENCH_ONLY=micro or BENCH_ONLY=load runs one half; BENCH_QUICK=1 is a smoke run.
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY ?? '';
  if (only !== '' && only !== 'micro' && only !== 'load')
    throw new Error(`BENCH_ONLY: expected micro or load, got "${only}"`);
  // Read before the micro benchmarks run, so a mistyped load setting stops the run at once.
  const options = only === 'micro' ? undefined : optionsFromEnv();
  if (only !== 'load') {
    const micro = spawnSync(process.execPath, [fileURLToPath(new URL('./micro/run.js', import.meta.url))], {
      stdio: 'inherit',
    });
    if (micro.status !== 0) throw new Error(`micro benchmarks failed (exit ${micro.status})`);
  }
  if (options !== undefined) {
    const results = await runLoadBench(options);
    const dir = fileURLToPath(new URL('../../bench/results/', import.meta.url));
    process.stdout.write(
      `\n${writeResults(results, dir)}\nwritten to ${dir}latest.md and ${dir}${results.date.replace(/[:.]/g, '-')}.json\n`,
    );
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
