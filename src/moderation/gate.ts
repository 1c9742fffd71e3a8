import { ErrorCode } from '../protocol/codec.js';
import { codePointLength } from '../protocol/text.js';
import type { ModerationState } from './state.js';

export type GateResult =
  | { readonly ok: true; readonly text: string; readonly masked: boolean }
  | { readonly ok: false; readonly code: ErrorCode; readonly retryAfterMs: number };

/**
 * The moderation checks of one comment, in order: ban, room or user mute, the room's length limit, slow
 * mode, word filter. Slow mode is counted per node (a user spread over two nodes of a cluster
 * could post once per interval on each); the rest is shared state.
 */
export class ModerationGate {
  /** room \0 user → when that user's last comment in that room passed. */
  private readonly lastPosted = new Map<string, number>();
  private readonly sweepTimer: NodeJS.Timeout;

  constructor(
    private readonly state: ModerationState,
    private readonly now: () => number = Date.now,
  ) {
    this.sweepTimer = setInterval(() => this.sweep(), 10_000).unref();
  }

  check(userId: string, room: string, text: string): GateResult {
    if (this.state.active('ban', userId, room) !== undefined)
      return { ok: false, code: ErrorCode.BANNED, retryAfterMs: 0 };
    const settings = this.state.settings(room);
    if (settings.muted || this.state.active('mute', userId, room) !== undefined)
      return { ok: false, code: ErrorCode.MUTED, retryAfterMs: 0 };
    if (settings.maxCommentChars !== null && codePointLength(text) > settings.maxCommentChars)
      return { ok: false, code: ErrorCode.TOO_LONG, retryAfterMs: 0 };
    const key = `${room}\u0000${userId}`;
    const now = this.now();
    if (settings.slowModeSeconds > 0) {
      const last = this.lastPosted.get(key);
      const wait = last === undefined ? 0 : last + settings.slowModeSeconds * 1000 - now;
      if (wait > 0) return { ok: false, code: ErrorCode.SLOW_MODE, retryAfterMs: wait };
    }
    const verdict = this.state.filter.check(text);
    if (verdict.verdict === 'refuse') return { ok: false, code: ErrorCode.FILTERED, retryAfterMs: 0 };
    if (settings.slowModeSeconds > 0) this.lastPosted.set(key, now);
    return { ok: true, text: verdict.text, masked: verdict.verdict === 'masked' };
  }

  /** Forgets a slow-mode slot taken by a comment the bus then failed to store, so its retry is not refused. */
  release(userId: string, room: string): void {
    this.lastPosted.delete(`${room}\u0000${userId}`);
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, at] of this.lastPosted) {
      const room = key.slice(0, key.indexOf('\u0000'));
      if (now - at >= this.state.settings(room).slowModeSeconds * 1000) this.lastPosted.delete(key);
    }
  }

  close(): void {
    clearInterval(this.sweepTimer);
  }
}
