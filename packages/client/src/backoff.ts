export interface ReconnectPolicy {
  /** Ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** Largest ceiling any retry's delay is drawn under. */
  readonly capMs: number;
  /** Retries before giving up; Infinity for never. */
  readonly maxAttempts: number;
  /** A connection up this long counts as stable: the next drop starts again at attempt 1. */
  readonly stableAfterMs: number;
}

/** 1 s base, 30 s cap, retries forever; 10 s up counts as stable. */
export const DEFAULT_RECONNECT: ReconnectPolicy = {
  baseMs: 1000,
  capMs: 30_000,
  maxAttempts: Infinity,
  stableAfterMs: 10_000,
};

/**
 * Full jitter applied after the cap: uniform in [0, min(cap, base·2^(attempt-1))). Jittering before
 * capping would put every long-failing client on exactly the cap, reconnecting in lockstep.
 */
export function backoffDelay(policy: ReconnectPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
