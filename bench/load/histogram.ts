/** Millisecond latency histogram: fixed buckets so recording is O(1) and workers merge by adding. */
export const HISTOGRAM_MAX_MS = 30_000;

export class LatencyHistogram {
  readonly counts = new Uint32Array(HISTOGRAM_MAX_MS + 1);
  count = 0;
  max = 0;

  record(ms: number): void {
    const bucket = ms <= 0 ? 0 : ms >= HISTOGRAM_MAX_MS ? HISTOGRAM_MAX_MS : Math.round(ms);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.max = 0;
  }

  /** Sparse [ms, count] pairs: small enough to cross the IPC channel. */
  toSparse(): SparseHistogram {
    const buckets: [number, number][] = [];
    this.counts.forEach((n, ms) => {
      if (n > 0) buckets.push([ms, n]);
    });
    return { buckets, max: this.max };
  }
}

export interface SparseHistogram {
  readonly buckets: readonly (readonly [number, number])[];
  readonly max: number;
}

export interface LatencySummary {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function summarize(parts: readonly SparseHistogram[]): LatencySummary {
  const merged = new Map<number, number>();
  let max = 0;
  for (const part of parts) {
    for (const [ms, n] of part.buckets) merged.set(ms, (merged.get(ms) ?? 0) + n);
    max = Math.max(max, part.max);
  }
  const sorted = [...merged.entries()].sort((a, b) => a[0] - b[0]);
  const samples = sorted.reduce((sum, [, n]) => sum + n, 0);
  const at = (q: number): number => {
    const rank = Math.ceil(q * samples);
    let seen = 0;
    for (const [ms, n] of sorted) {
      seen += n;
      if (seen >= rank) return ms;
    }
    return 0;
  };
  return { samples, p50: samples ? at(0.5) : 0, p99: samples ? at(0.99) : 0, max };
}
