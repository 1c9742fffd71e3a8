import t, { type Test } from 'tap';
import { ModerationGate } from '../../src/moderation/gate.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { fakeScheduler } from '../helpers/clock.js';
import { banOf, moderationState } from '../helpers/moderation.js';

async function setup(t: Test) {
  const clock = fakeScheduler();
  const moderation = await moderationState(clock.scheduler);
  t.teardown(() => moderation.close());
  const gate = new ModerationGate(moderation.state);
  const code = (userId: string, room: string, text = 'hi') => {
    const result = gate.check(userId, room, text);
    return result.ok ? 'ok' : ErrorCode[result.code];
  };
  return { clock, state: moderation.state, gate, code };
}

t.test('a ban refuses the user everywhere until it expires by the clock, then lets them post', async (t) => {
  const { clock, state, code } = await setup(t);
  await state.putBan(banOf('ban', 'troll', null, clock.scheduler.now(), 60_000));
  t.equal(code('troll', 'a'), 'BANNED');
  t.equal(code('troll', 'b'), 'BANNED', 'every room');
  t.equal(code('fan', 'a'), 'ok', 'only that user');
  clock.tick(59_999);
  t.equal(code('troll', 'a'), 'BANNED', 'still banned a ms before expiry');
  clock.tick(1);
  t.equal(code('troll', 'a'), 'ok', 'free at expiresAt');
});

t.test(
  'a room mute of a user refuses them there only and lifts at its expiry; a permanent ban does not lift',
  async (t) => {
    const { clock, state, code } = await setup(t);
    await state.putBan(banOf('mute', 'loud', 'chat', clock.scheduler.now(), 5000));
    await state.putBan(banOf('ban', 'spam', null, clock.scheduler.now(), undefined));
    t.equal(code('loud', 'chat'), 'MUTED');
    t.equal(code('loud', 'other'), 'ok', 'other rooms are not affected');
    clock.tick(5000);
    t.equal(code('loud', 'chat'), 'ok', 'the mute expired');
    clock.tick(24 * 3600_000);
    t.equal(code('spam', 'chat'), 'BANNED', 'a permanent ban holds');
  },
);

t.test('room settings: a muted room refuses everyone, a room length limit refuses longer text', async (t) => {
  const { state, code } = await setup(t);
  await state.putRoomSettings('quiet', { muted: true, slowModeSeconds: 0, maxCommentChars: null });
  await state.putRoomSettings('short', { muted: false, slowModeSeconds: 0, maxCommentChars: 3 });
  t.equal(code('anyone', 'quiet'), 'MUTED');
  t.equal(code('anyone', 'short', '😀😀😀'), 'ok', 'three code points fit');
  t.equal(code('anyone', 'short', 'abcd'), 'TOO_LONG');
  t.equal(code('anyone', 'elsewhere', 'abcd'), 'ok');
});

t.test('the word filter refuses or masks, and a ban is checked before it', async (t) => {
  const { clock, state, gate, code } = await setup(t);
  const rule = { kind: 'word', createdAt: clock.scheduler.now(), createdBy: 'm' } as const;
  await state.putFilter({ ...rule, id: 'f1', pattern: 'spam', action: 'refuse' });
  await state.putFilter({ ...rule, id: 'f2', pattern: 'darn', action: 'mask' });
  t.equal(code('u', 'r', 'buy spam now'), 'FILTERED');
  const masked = gate.check('u', 'r', 'oh darn it');
  t.ok(masked.ok && masked.masked, 'masked, not refused');
  t.notMatch(masked.ok ? masked.text : '', /darn/, 'the word is masked in the text that goes out');
  await state.putBan(banOf('ban', 'u', null, clock.scheduler.now(), undefined));
  t.equal(code('u', 'r', 'buy spam now'), 'BANNED', 'the ban answers first');
});
