import { readFileSync } from 'node:fs';
import type { HeapProfiler } from 'node:inspector';

/**
 * Where a process allocated: sampled bytes per function of a .heapprofile (bench/alloc-sampler.ts or
 * `node --heap-prof`), largest first, as shares of everything sampled.
 *
 *   node dist/bench/alloc-top.js <file.heapprofile> [top N, default 25]
 */

/** Sampled bytes per `function file:line` (line 1-based, of the function's start), over the whole tree. */
export function allocationsByFunction(profile: HeapProfiler.SamplingHeapProfile): Map<string, number> {
  const bytes = new Map<string, number>();
  const pending: HeapProfiler.SamplingHeapProfileNode[] = [profile.head];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(dist|node_modules)\//, '$1/');
    const name = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    bytes.set(name, (bytes.get(name) ?? 0) + node.selfSize);
    pending.push(...node.children);
  }
  return bytes;
}

if (process.argv[1]?.endsWith('alloc-top.js')) {
  const [file, top = '25'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: node dist/bench/alloc-top.js <file.heapprofile> [top]');
  const bytes = allocationsByFunction(JSON.parse(readFileSync(file, 'utf8')) as HeapProfiler.SamplingHeapProfile);
  const total = [...bytes.values()].reduce((sum, b) => sum + b, 0);
  process.stdout.write(`${(total / 2 ** 20).toFixed(1)} MiB sampled\n`);
  for (const [name, b] of [...bytes].sort((x, y) => y[1] - x[1]).slice(0, Number(top)))
    process.stdout.write(`${((b / total) * 100).toFixed(1).padStart(5)} %  ${name}\n`);
}
