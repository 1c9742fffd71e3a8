import t, { type Test } from 'tap';
import type { Claims } from '../../src/auth/token.js';
import { MemoryBus } from '../../src/bus/memory.js';
import { loadConfig } from '../../src/config/config.js';
import { CommentPipeline, type AckFields } from '../../src/gateway/comments.js';
import { KeyedTokenBuckets } from '../../src/limits/token-bucket.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { ModerationGate } from '../../src/moderation/gate.js';
import { ErrorCode, Mode, v1 } from '../../src/protocol/codec.js';
import type { danmaku } from '../../src/protocol/generated/danmaku.js';
import { RoomBatcher } from '../../src/rooms/batcher.js';
import { CommentRouter } from '../../src/rooms/router.js';
import { Sequencer } from '../../src/rooms/sequencer.js';
import { createSession, type Session } from '../../src/session/session.js';
import { fakeScheduler } from '../helpers/clock.js';
import { banOf, moderationState } from '../helpers/moderation.js';

const INTERVAL_MS = 50;

/**
 * The comment path of one node on a fake clock, as server.ts wires it on the memory bus: checks,
 * moderation, the room's sequencer (de-dup, slow mode), the batcher and the bus. No sockets.
 */
async function setup(t: Test, env: Record<string, string> = {}) {
  const clock = fakeScheduler();
  const { scheduler } = clock;
  const config = loadConfig({ COMMENT_RATE_PER_SEC: '1', COMMENT_BURST: '3', ...env });
  const moderation = await moderationState(scheduler);
  const bus = new MemoryBus({ historyMaxBatches: 100, historyMaxAgeMs: 3600_000, scheduler });
  t.teardown(async () => {
    await moderation.close();
    await bus.close();
  });
  const metrics = createMetrics('unit', false);
  const sequencer = new Sequencer(
    bus,
    undefined,
    {
      dedupWindowMs: config.limits.dedupWindowMs,
      slowModeMs: (room) => moderation.state.settings(room).slowModeSeconds * 1000,
    },
    scheduler,
  );
  const batcher = new RoomBatcher(
    sequencer.store,
    { intervalMs: INTERVAL_MS, maxItems: 100, maxBytes: 64 * 1024 },
    metrics,
    new KeyedTokenBuckets(1000, 1000, scheduler, 'room budget'),
    scheduler,
  );
  sequencer.attach(batcher);
  const router = new CommentRouter(sequencer, undefined, { intervalMs: INTERVAL_MS, forwardDeadlineMs: 5000 });
  const state = { accepting: true };
  const pipeline = new CommentPipeline(
    config.limits,
    router,
    () => batcher.newId(),
    new KeyedTokenBuckets(config.limits.commentRatePerSec, config.limits.commentBurst, scheduler, 'comment rate'),
    new ModerationGate(moderation.state),
    metrics,
    () => state.accepting,
  );

  /** Posts and lets the fake clock run the room's tick until the comment is answered (at most 20 turns). */
  const post = async (session: Session, fields: danmaku.v1.Comment.$Properties = {}): Promise<AckFields> => {
    const comment = v1.Comment.create({ clientMsgId: 'c1', room: 'r', text: 'hello', mode: Mode.SCROLL, ...fields });
    let answered = false;
    const ack = pipeline.post(session, comment).finally(() => (answered = true));
    for (let turn = 0; turn < 20 && !answered; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      clock.tick(turn < 10 ? 0 : INTERVAL_MS);
    }
    return ack;
  };
  /** What the bus stored for a room: each batch's texts. */
  const stored = async (room = 'r') => {
    const replay = await bus.replay(room, '', 0);
    return replay.complete ? replay.batches.map((b) => v1.Batch.decode(b.body).items.map((i) => i.text)) : [];
  };
  return { clock, moderation: moderation.state, post, stored, state };
}

function viewer(sub: string, overrides: Partial<Claims> = {}): Session {
  return createSession('10.0.0.1', { sub, name: sub, rooms: ['*'], role: 'viewer', exp: 2e9, ...overrides }, 'other');
}

const code = (ack: AckFields) => (ack.ok ? 'ok' : ErrorCode[ack.code]);

t.test('a comment is cleaned, stored once in its room, and acked with its seq and id', async (t) => {
  const { post, stored } = await setup(t);
  const ack = await post(viewer('ann'), { text: '  hi\u0000there  ' });
  t.equal(code(ack), 'ok');
  t.equal(ack.seq, 1);
  t.ok(ack.id.length > 0);
  t.same(await stored(), [['hi there']], 'control characters replaced, ends trimmed');
});

t.test(
  'a retry of an accepted comment gets the original ack and is not stored again, even when now limited',
  async (t) => {
    const { post, stored, moderation, clock } = await setup(t);
    const ann = viewer('ann');
    const first = await post(ann, { clientMsgId: 'once' });
    await moderation.putBan(banOf('mute', 'ann', null, clock.scheduler.now(), 60_000));
    const again = await post(ann, { clientMsgId: 'once' });
    t.same(again, first, 'same seq and id');
    t.equal(code(await post(ann, { clientMsgId: 'new' })), 'MUTED', 'a new comment is refused');
    t.same(await stored(), [['hello']], 'stored once');
  },
);

t.test('the per-user rate refuses past the burst with a retry delay, and refills with the clock', async (t) => {
  const { post, clock } = await setup(t);
  const bob = viewer('bob');
  for (const id of ['1', '2', '3']) t.equal(code(await post(bob, { clientMsgId: id })), 'ok', `burst ${id}`);
  const limited = await post(bob, { clientMsgId: '4' });
  t.equal(code(limited), 'RATE_LIMITED');
  t.ok(limited.retryAfterMs > 0 && limited.retryAfterMs <= 1000, `retry after ${limited.retryAfterMs} ms`);
  t.equal(code(await post(viewer('cat'), { clientMsgId: '4' })), 'ok', 'other users have their own rate');
  clock.tick(1000);
  t.equal(code(await post(bob, { clientMsgId: '5' })), 'ok', 'a token back after 1 s');
});

t.test('slow mode refuses a second comment within the interval with the wait, then lets it through', async (t) => {
  const { post, moderation, clock } = await setup(t);
  await moderation.putRoomSettings('r', { muted: false, slowModeSeconds: 3, maxCommentChars: null });
  const dan = viewer('dan');
  t.equal(code(await post(dan, { clientMsgId: '1' })), 'ok');
  const slowed = await post(dan, { clientMsgId: '2' });
  t.equal(code(slowed), 'SLOW_MODE');
  t.ok(slowed.retryAfterMs > 2900 && slowed.retryAfterMs <= 3000, `retry after ${slowed.retryAfterMs} ms`);
  clock.tick(slowed.retryAfterMs);
  t.equal(code(await post(dan, { clientMsgId: '3' })), 'ok', 'after the wait it passes');
});

t.test('refusals say why: no token, a room the token does not cover, bad frames, too long, draining', async (t) => {
  const { post, stored, state } = await setup(t, { MAX_COMMENT_CHARS: '5' });
  t.equal(code(await post(createSession('10.0.0.1', undefined, 'other'))), 'UNAUTHENTICATED');
  t.equal(code(await post(viewer('eve', { rooms: ['other'] }))), 'FORBIDDEN');
  t.equal(code(await post(viewer('eve'), { room: 'bad room' })), 'BAD_FRAME');
  t.equal(code(await post(viewer('eve'), { clientMsgId: '' })), 'BAD_FRAME');
  t.equal(code(await post(viewer('eve'), { text: '   ' })), 'BAD_FRAME');
  t.equal(code(await post(viewer('eve'), { mode: 99 as Mode })), 'BAD_FRAME');
  t.equal(code(await post(viewer('eve'), { text: '123456' })), 'TOO_LONG');
  state.accepting = false;
  const draining = await post(viewer('eve'));
  t.equal(code(draining), 'UNAVAILABLE');
  t.ok(draining.retryAfterMs > 0, 'with a retry delay');
  t.same(await stored(), [], 'nothing refused was stored');
});
