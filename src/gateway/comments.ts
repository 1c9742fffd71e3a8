import { mayPostIn } from '../auth/token.js';
import type { Limits } from '../config/config.js';
import type { KeyedTokenBuckets } from '../limits/token-bucket.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ModerationGate } from '../moderation/gate.js';
import { ErrorCode, Mode, v1 } from '../protocol/codec.js';
import { codePointLength } from '../protocol/text.js';
import type { PostResult, Submission } from '../bus/directory.js';
import type { CommentRouter } from '../rooms/router.js';
import { ROOM_ID } from '../domain/room.js';
import type { Session } from '../session/session.js';

type CommentFrame = ReturnType<typeof v1.Comment.decode>;

export interface AckFields {
  clientMsgId: string;
  ok: boolean;
  code: ErrorCode;
  seq: number;
  id: string;
  retryAfterMs: number;
}

const MAX_CLIENT_MSG_ID_CHARS = 64;
// What a client waits before retrying a comment the bus could not store or a hot room shed.
const RETRY_AFTER_MS = 1000;
const MODES: ReadonlySet<number> = new Set([Mode.SCROLL, Mode.TOP, Mode.BOTTOM]);

function refused(clientMsgId: string, code: ErrorCode, retryAfterMs = 0): AckFields {
  return { clientMsgId, ok: false, code, seq: 0, id: '', retryAfterMs };
}

/**
 * The checks a comment passes on this node on its way to its room's sequencer, in order: identity,
 * well-formedness, a retry the local sequencer already knows, size, rate, moderation (ban, mute, room
 * length, words); then the sequencer (here or on the node holding the room) de-duplicates, applies slow
 * mode and the room's budget, and answers once the bus has stored the batch.
 * A retry of a comment already accepted gets its original ack even if the user is now limited.
 */
export class CommentPipeline {
  // Control characters would let one comment break other viewers' layouts.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  private static readonly CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

  constructor(
    private readonly limits: Limits,
    private readonly router: CommentRouter,
    private readonly newId: () => string,
    private readonly rate: KeyedTokenBuckets,
    private readonly moderation: ModerationGate,
    private readonly metrics: Metrics,
    private readonly isAccepting: () => boolean,
    /** The clock of `sent_at_ms` (ms since the epoch): the node's scheduler's, read once per task. */
    private readonly now: () => number = Date.now,
  ) {}

  /** Resolves with the comment's ack; rejects only on a fault of this server. */
  post(session: Session, comment: CommentFrame): Promise<AckFields> {
    return new Promise((resolve, reject) => {
      try {
        this.decide(session, comment, resolve);
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * {@link post} with a callback: `done` is called once with the comment's ack (possibly before this
   * returns); throws only on a fault of this server. The session's path: no promise per comment here.
   */
  decide(session: Session, comment: CommentFrame, done: (ack: AckFields) => void): void {
    const clientMsgId = comment.clientMsgId;
    const result = this.check(session, comment);
    if ('code' in result) done(this.counted(result));
    else if ('earlier' in result)
      // A retry: rare, and its earlier outcome may still be in flight.
      void result.earlier.then(
        (posted) => done(this.counted(this.toAck(clientMsgId, posted))),
        // Never rejects today; if it ever did, the comment must still be answered, not left pending.
        () => done(this.counted(refused(clientMsgId, ErrorCode.INTERNAL, RETRY_AFTER_MS))),
      );
    else this.router.post(comment.room, result, (posted) => done(this.counted(this.toAck(clientMsgId, posted))));
  }

  private counted(ack: AckFields): AckFields {
    if (ack.ok) this.metrics.commentsAccepted.inc();
    else this.metrics.commentsRefused.inc({ code: ErrorCode[ack.code] ?? 'UNKNOWN' });
    return ack;
  }

  private toAck(clientMsgId: string, result: PostResult): AckFields {
    return result.ok
      ? { clientMsgId, ok: true, code: ErrorCode.OK, seq: result.seq, id: result.id, retryAfterMs: 0 }
      : refused(clientMsgId, result.code, result.retryAfterMs ?? RETRY_AFTER_MS);
  }

  /** The comment's refusal, a retry's earlier outcome, or the submission for its room's sequencer. */
  private check(session: Session, comment: CommentFrame): AckFields | { earlier: Promise<PostResult> } | Submission {
    const { clientMsgId, room } = comment;
    const claims = session.claims;
    if (claims === undefined) return refused(clientMsgId, ErrorCode.UNAUTHENTICATED);
    if (clientMsgId.length === 0 || clientMsgId.length > MAX_CLIENT_MSG_ID_CHARS)
      return refused(clientMsgId.slice(0, MAX_CLIENT_MSG_ID_CHARS), ErrorCode.BAD_FRAME);
    if (room.length === 0 || room.length > this.limits.maxRoomIdChars || !ROOM_ID.test(room))
      return refused(clientMsgId, ErrorCode.BAD_FRAME);
    if (!mayPostIn(claims, room)) return refused(clientMsgId, ErrorCode.FORBIDDEN);
    const earlier = this.router.earlier(room, claims.sub, clientMsgId);
    if (earlier !== undefined) return { earlier };
    const text = comment.text.replace(CommentPipeline.CONTROL, ' ').trim();
    if (text.length === 0) return refused(clientMsgId, ErrorCode.BAD_FRAME);
    if (codePointLength(text) > this.limits.maxCommentChars) return refused(clientMsgId, ErrorCode.TOO_LONG);
    if (!MODES.has(comment.mode)) return refused(clientMsgId, ErrorCode.BAD_FRAME);
    if (!this.isAccepting()) return refused(clientMsgId, ErrorCode.UNAVAILABLE, RETRY_AFTER_MS);
    const retryAfter = this.rate.take(claims.sub);
    if (retryAfter > 0) return refused(clientMsgId, ErrorCode.RATE_LIMITED, retryAfter);
    const moderated = this.moderation.check(claims.sub, room, text);
    if (!moderated.ok) return refused(clientMsgId, moderated.code, moderated.retryAfterMs);
    const item = {
      id: this.newId(),
      userId: claims.sub,
      userName: claims.name,
      text: moderated.text,
      color: comment.color & 0xffffff,
      mode: comment.mode,
      sentAtMs: this.now(),
      // Moderators' danmaku are never shed from a hot room.
      priority: claims.role === 'admin' ? 1 : 0,
    };
    return { clientMsgId, item };
  }
}
