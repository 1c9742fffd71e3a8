/**
 * Preloaded with `node --import`, samples every allocation of the process until it exits and writes
 * V8's sampling heap profile (the .heapprofile JSON) to BENCH_ALLOC_PROFILE (default
 * alloc.heapprofile; `%p` in it becomes the process id, for the nodes of a cluster). Unlike `node --heap-prof`, objects the GC already collected are counted too
 * (includeObjectsCollectedByMinorGC/MajorGC): what the young generation churns through, which is
 * what GC time follows, rather than what is still alive at exit. Read it with bench/alloc-top.ts.
 *
 *   node --import ./dist/bench/alloc-sampler.js dist/bench/comment-path.js
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

// One sample per this many bytes allocated, on average (V8's default is 32 KiB).
const SAMPLING_INTERVAL_BYTES = 2048;

const session = new Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: SAMPLING_INTERVAL_BYTES,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
process.on('exit', () => {
  // An in-process session answers synchronously, so the profile is written before the process ends.
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (err) process.stderr.write(`alloc-sampler: ${err.message}\n`);
    else {
      const file = (process.env.BENCH_ALLOC_PROFILE ?? 'alloc.heapprofile').replaceAll('%p', String(process.pid));
      writeFileSync(file, JSON.stringify(result.profile));
    }
  });
});
