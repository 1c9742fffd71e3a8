import { ErrorCode } from '../protocol/codec.js';
import { codePointLength } from '../protocol/text.js';
import type { ModerationState } from './state.js';

export type GateResult =
  | { readonly ok: true; readonly text: string; readonly masked: boolean }
  | { readonly ok: false; readonly code: ErrorCode; readonly retryAfterMs: number };

/**
 * The moderation checks of one comment on the node that received it, in order: ban, room or user
 * mute, the room's length limit, word filter — all shared state. Slow mode is room-wide, so the
 * room's sequencer applies it (src/rooms/sequencer.ts), once for the whole cluster.
 */
export class ModerationGate {
  constructor(private readonly state: ModerationState) {}

  check(userId: string, room: string, text: string): GateResult {
    if (this.state.active('ban', userId, room) !== undefined)
      return { ok: false, code: ErrorCode.BANNED, retryAfterMs: 0 };
    const settings = this.state.settings(room);
    if (settings.muted || this.state.active('mute', userId, room) !== undefined)
      return { ok: false, code: ErrorCode.MUTED, retryAfterMs: 0 };
    if (settings.maxCommentChars !== null && codePointLength(text) > settings.maxCommentChars)
      return { ok: false, code: ErrorCode.TOO_LONG, retryAfterMs: 0 };
    const verdict = this.state.filter.check(text);
    if (verdict.verdict === 'refuse') return { ok: false, code: ErrorCode.FILTERED, retryAfterMs: 0 };
    return { ok: true, text: verdict.text, masked: verdict.verdict === 'masked' };
  }
}
