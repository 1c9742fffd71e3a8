import type { Limits } from '../config/config.js';
import type { UpgradeRefusal } from '../metrics/metrics.js';
import type { Scheduler } from '../lifecycle/scheduler.js';
import { KeyedTokenBuckets } from './token-bucket.js';

export type Admission =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** HTTP status: 403, 429 or 503. */ readonly status: number;
      readonly reason: UpgradeRefusal;
      readonly retryAfterSec: number;
    };

const ALL = '';

/**
 * Decides at upgrade time whether a new WebSocket may open: allowed origin, connections per IP,
 * upgrades per IP, and a node-wide admission rate. The last one is what turns a reconnect storm
 * (a node restarts, every phone comes back in the same second) into a spread: refused clients get
 * 503 with a jittered Retry-After instead of all being accepted into a stalled event loop.
 */
export class UpgradeAdmission {
  private readonly perIp = new Map<string, number>();
  private readonly ipRate: KeyedTokenBuckets;
  private readonly nodeRate: KeyedTokenBuckets;
  private readonly origins: ReadonlySet<string>;

  constructor(
    private readonly limits: Limits,
    scheduler: Scheduler,
  ) {
    this.ipRate = new KeyedTokenBuckets(
      limits.upgradeRatePerIp,
      limits.upgradeRatePerIp * 2,
      scheduler,
      'upgrades per IP',
    );
    this.nodeRate = new KeyedTokenBuckets(limits.upgradeRate, limits.upgradeRate * 2, scheduler, 'upgrades');
    this.origins = new Set(limits.allowedOrigins);
  }

  /**
   * The checks for a request that holds a place like a connection (a waiting long-poll): origin and
   * connections per IP. Not the upgrade rates: a poller in a busy room re-polls after every batch.
   */
  admitHeld(ip: string, origin: string): Admission {
    // Non-browser clients (mini-programs, Node) send no Origin; only browsers can be held to it.
    if (this.origins.size > 0 && origin !== '' && !this.origins.has(origin)) {
      return { ok: false, status: 403, reason: 'origin', retryAfterSec: 0 };
    }
    if ((this.perIp.get(ip) ?? 0) >= this.limits.maxConnectionsPerIp) {
      return { ok: false, status: 429, reason: 'ip_limit', retryAfterSec: 30 };
    }
    return { ok: true };
  }

  admit(ip: string, origin: string): Admission {
    const held = this.admitHeld(ip, origin);
    if (!held.ok) return held;
    const ipWait = this.ipRate.take(ip);
    if (ipWait > 0) return { ok: false, status: 429, reason: 'rate', retryAfterSec: Math.ceil(ipWait / 1000) };
    const nodeWait = this.nodeRate.take(ALL);
    if (nodeWait > 0) {
      // Spread the refused over the next few seconds rather than sending them all back at once.
      const spread = Math.ceil(nodeWait / 1000 + Math.random() * 4);
      return { ok: false, status: 503, reason: 'overloaded', retryAfterSec: spread };
    }
    return { ok: true };
  }

  opened(ip: string): void {
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1);
  }

  closed(ip: string): void {
    const left = (this.perIp.get(ip) ?? 1) - 1;
    if (left <= 0) this.perIp.delete(ip);
    else this.perIp.set(ip, left);
  }

  close(): void {
    this.ipRate.close();
    this.nodeRate.close();
  }
}
