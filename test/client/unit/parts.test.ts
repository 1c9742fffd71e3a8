import t from 'tap';
import { ErrorCode, decodeServerFrame, encodeServerFrame, v1 } from '../../../src/protocol/codec.js';
import { ConnectPlan, toPollUrl } from '../../../packages/client/src/attempts.js';
import { Timer } from '../../../packages/client/src/clock.js';
import {
  CommentSender,
  DEFAULT_COMMENT_ACK_TIMEOUT_MS,
  DEFAULT_COMMENT_RETRY_MS,
} from '../../../packages/client/src/comment-sender.js';
import { dispatchServerFrame, type ServerFrameHandlers } from '../../../packages/client/src/dispatch.js';
import { PostRejectedError, RateLimitedError } from '../../../packages/client/src/errors.js';
import { Heartbeat } from '../../../packages/client/src/heartbeat.js';
import { JoinRetry } from '../../../packages/client/src/join-retry.js';
import { Outbox, type OutboxEntry } from '../../../packages/client/src/outbox.js';
import { memoryStorage } from '../../../packages/client/src/platform.js';
import { wellFormed } from '../../../packages/client/src/text.js';
import { TokenSource } from '../../../packages/client/src/token.js';
import { fakeClock } from './fakes.js';

const POLICY = { baseMs: 1000, capMs: 8000, maxAttempts: 5, stableAfterMs: 10_000 };
const POLL = {
  urls: ['http://a/poll', 'http://b/poll'],
  afterFailures: 2,
  force: false,
  waitMs: 25_000,
  probeWebSocketMs: 30_000,
};

t.test(
  'ConnectPlan: URLs rotate per retry, WebSocket failures in a row switch to long-poll, a stable link restarts the backoff',
  async (t) => {
    const plan = new ConnectPlan(['ws://a/ws', 'ws://b/ws'], POLL, POLICY, () => 0.5);
    t.same(plan.target(), { transport: 'websocket', url: 'ws://a/ws' });
    plan.failedToOpen('websocket', false);
    t.same(plan.next(), { attempt: 1, delayMs: 500 }, 'half of base for attempt 1 with random 0.5');
    t.same(plan.target(), { transport: 'websocket', url: 'ws://b/ws' }, 'the next URL');
    plan.failedToOpen('websocket', true);
    t.equal(plan.target().transport, 'websocket', 'a refusal with Retry-After does not count towards long-poll');
    plan.failedToOpen('websocket', false);
    t.same(plan.next(), { attempt: 2, delayMs: 1000 });
    t.same(plan.target(), { transport: 'longpoll', url: 'http://a/poll' }, 'two failures in a row: long-poll');
    t.equal(plan.probeUrl(), 'ws://a/ws');
    plan.webSocketWorks();
    t.equal(plan.target().transport, 'websocket');
    t.same(plan.next({ goawayDelayMs: 42 }), { attempt: 3, delayMs: 42 }, 'a goaway delay replaces the backoff once');
    t.same(plan.next({ retryAfterMs: 6000 }), { attempt: 4, delayMs: 6500 }, 'Retry-After is a floor, plus jitter');
    plan.dropped(9_999);
    t.same(plan.next(), { attempt: 5, delayMs: 4000 }, 'a short-lived link keeps counting');
    t.equal(plan.next(), undefined, 'maxAttempts used up');
    plan.dropped(10_000);
    t.same(plan.next(), { attempt: 1, delayMs: 500 }, 'a stable link starts again at attempt 1');
    t.throws(() => new ConnectPlan([], POLL, POLICY, Math.random), /at least one URL/);
    t.equal(toPollUrl('wss://live.example.com/ws?x=1'), 'https://live.example.com/poll?x=1');
  },
);

t.test(
  'Heartbeat: pings every interval, one outstanding at most; a missing pong is reported once; stop clears both timers',
  async (t) => {
    const time = fakeClock();
    const pings: number[] = [];
    const rtts: number[] = [];
    let dead = 0;
    const heartbeat = new Heartbeat(time.clock, 500, {
      ping: (at) => pings.push(at),
      dead: () => dead++,
      rtt: (ms) => rtts.push(ms),
    });
    heartbeat.start(1000);
    time.tick(1000);
    t.equal(pings.length, 1);
    time.tick(120);
    heartbeat.pong(pings[0] ?? 0);
    t.same(rtts, [120]);
    heartbeat.check();
    heartbeat.check();
    t.equal(pings.length, 2, 'a check while a ping is outstanding sends nothing');
    time.tick(500);
    t.equal(dead, 1, 'no pong within the timeout');
    heartbeat.stop();
    t.equal(time.timers(), 0, 'nothing left pending');
    time.tick(10_000);
    t.equal(pings.length, 2);
  },
);

function entry(id: string): OutboxEntry {
  return { clientMsgId: id, room: 'r', text: id, color: 0, mode: 0, createdAt: 0 };
}

t.test(
  'CommentSender: UNAVAILABLE keeps the comment and resends it after retry_after_ms; ok and refusals settle it; cancel drops the retries',
  async (t) => {
    const time = fakeClock();
    const outbox = new Outbox(memoryStorage(), 'k', 10);
    const sent: string[] = [];
    const sender = new CommentSender(outbox, time.clock, (e) => sent.push(e.clientMsgId) > 0);
    const a = outbox.add(entry('a'));
    const b = outbox.add(entry('b'));
    const c = outbox.add(entry('c'));
    sender.sendAll();
    t.same(sent, ['a', 'b', 'c'], 'every pending entry, in order');

    t.equal(sender.ack({ clientMsgId: 'a', ok: false, code: ErrorCode.UNAVAILABLE, retryAfterMs: 300 }), undefined);
    t.equal(sender.ack({ clientMsgId: 'b', ok: false, code: ErrorCode.OVERLOADED }), undefined);
    time.tick(299);
    t.same(sent.slice(3), []);
    time.tick(1);
    t.same(sent.slice(3), ['a'], 'a resent after its retry_after_ms');
    time.tick(DEFAULT_COMMENT_RETRY_MS);
    t.same(sent.slice(3), ['a', 'b'], 'b after the default delay');

    t.same(sender.ack({ clientMsgId: 'a', ok: true, seq: 7, id: 'd1' }), {
      type: 'posted',
      clientMsgId: 'a',
      ok: true,
      code: 'OK',
      seq: 7,
      id: 'd1',
    });
    t.same(await a, { clientMsgId: 'a', seq: 7, id: 'd1' });
    sender.ack({ clientMsgId: 'b', ok: false, code: ErrorCode.RATE_LIMITED, retryAfterMs: 900 });
    const refusedB = await b.catch((err: unknown) => err);
    t.ok(refusedB instanceof RateLimitedError && refusedB.retryAfterMs === 900);
    sender.ack({ clientMsgId: 'c', ok: false, code: ErrorCode.UNAVAILABLE, retryAfterMs: 100 });
    sender.cancel();
    t.equal(time.timers(), 0, 'the link ended: no retry pending');
    time.tick(1000);
    t.same(sent.slice(5), [], 'nothing resent on a dead link');
    sender.ack({ clientMsgId: 'c', ok: false, code: ErrorCode.BANNED });
    const refusedC = await c.catch((err: unknown) => err);
    t.ok(refusedC instanceof PostRejectedError && refusedC.code === 'BANNED');
    t.equal(outbox.size, 0);
    t.equal(sender.ack({ clientMsgId: 'c', ok: true }), undefined, 'an ack for nothing pending settles nothing');
  },
);

t.test(
  'CommentSender: a comment with no ack within the ack timeout is sent again with the same client_msg_id until answered; without a link nothing is sent or armed',
  async (t) => {
    const time = fakeClock();
    const outbox = new Outbox(memoryStorage(), 'k', 10);
    const sent: string[] = [];
    const unanswered: string[] = [];
    let linked = false;
    const sender = new CommentSender(
      outbox,
      time.clock,
      (e) => linked && sent.push(e.clientMsgId) > 0,
      (id) => unanswered.push(id),
    );
    const offline = entry('offline');
    const waiting = outbox.add(offline);
    sender.sendOne(offline);
    t.same(sent, [], 'no link: not sent');
    t.equal(time.timers(), 0, 'and no ack deadline armed for it');

    linked = true;
    sender.sendAll();
    const lost = entry('lost');
    const lostReceipt = outbox.add(lost);
    sender.sendOne(lost);
    t.same(sent, ['offline', 'lost']);
    time.tick(DEFAULT_COMMENT_ACK_TIMEOUT_MS - 1);
    t.same(sent.length, 2, 'an answer may take up to the ack timeout');
    sender.ack({ clientMsgId: 'offline', ok: true, seq: 3, id: 'd3' });
    t.same(await waiting, { clientMsgId: 'offline', seq: 3, id: 'd3' });
    time.tick(1);
    t.same(sent.slice(2), ['lost'], 'the unanswered one is sent again, once, at the timeout');
    t.same(unanswered, ['lost'], 'and reported');
    time.tick(DEFAULT_COMMENT_ACK_TIMEOUT_MS);
    t.same(sent.slice(2), ['lost', 'lost'], 'and again while it stays unanswered');
    sender.ack({ clientMsgId: 'lost', ok: true, seq: 9, id: 'd9' });
    t.same(await lostReceipt, { clientMsgId: 'lost', seq: 9, id: 'd9' }, 'the late ack settles it');
    t.equal(time.timers(), 0, 'answered: no timer left');
    time.tick(DEFAULT_COMMENT_ACK_TIMEOUT_MS * 3);
    t.equal(sent.length, 4, 'nothing more is sent');
  },
);

t.test(
  'JoinRetry: a retryable error while joins are unanswered resends them after the backoff, with one event per room',
  async (t) => {
    const time = fakeClock();
    const rejoined: string[] = [];
    const waiting: { room: string; attempt: number; delayMs: number; code: string }[] = [];
    const joins = new JoinRetry(time.clock, POLICY, () => 0.5, {
      rejoin: (room) => {
        rejoined.push(room);
        joins.sent(room);
      },
      waiting: ({ room, attempt, delayMs, code }) => waiting.push({ room, attempt, delayMs, code }),
    });
    t.notOk(joins.refused(ErrorCode.UNAVAILABLE), 'no join waiting: the error is about something else');
    joins.sent('a');
    joins.sent('b');
    joins.settled('a');
    t.notOk(joins.refused(ErrorCode.TOO_MANY_ROOMS), 'not a retryable code');
    t.ok(joins.refused(ErrorCode.UNAVAILABLE));
    t.ok(joins.refused(ErrorCode.UNAVAILABLE), 'a second error of the same round schedules nothing more');
    t.same(waiting, [{ room: 'b', attempt: 1, delayMs: 500, code: 'UNAVAILABLE' }]);
    time.tick(500);
    t.same(rejoined, ['b']);
    t.ok(joins.refused(ErrorCode.RATE_LIMITED));
    t.same(waiting.at(-1), { room: 'b', attempt: 2, delayMs: 1000, code: 'RATE_LIMITED' }, 'the backoff grows');
    joins.reset();
    t.equal(time.timers(), 0, 'the link ended: no retry pending');
    joins.sent('b');
    t.ok(joins.refused(ErrorCode.UNAVAILABLE));
    t.equal(waiting.at(-1)?.attempt, 1, 'a new link starts the count again');
    joins.settled('b');
    t.equal(time.timers(), 0, 'answered: the retry is dropped');
  },
);

t.test(
  'dispatchServerFrame: each kind reaches its own handler with its body; a frame without a kind reaches none',
  async (t) => {
    const seen: string[] = [];
    const record =
      (kind: string) =>
      (body: object): void =>
        void seen.push(`${kind}:${JSON.stringify(body)}`);
    const handlers: ServerFrameHandlers = {
      batch: record('batch'),
      welcome: record('welcome'),
      joined: record('joined'),
      ack: record('ack'),
      pong: record('pong'),
      recall: record('recall'),
      notice: record('notice'),
      error: record('error'),
      goaway: record('goaway'),
      left: record('left'),
      deflated: record('deflated'),
      presence: record('presence'),
      compact: record('compact'),
      refreshed: record('refreshed'),
    };
    const decode = (frame: Parameters<typeof encodeServerFrame>[0]) => {
      const decoded = decodeServerFrame(encodeServerFrame(frame));
      if (!decoded.ok) throw new Error(decoded.error);
      return decoded.frame;
    };
    t.ok(dispatchServerFrame(decode({ notice: { room: 'r', text: '公告' } }), handlers));
    t.ok(dispatchServerFrame(decode({ left: { room: 'r' } }), handlers));
    t.notOk(dispatchServerFrame(v1.ServerFrame.decode(new Uint8Array(0)), handlers), 'an empty frame');
    t.same(seen, ['notice:{"room":"r","text":"公告"}', 'left:{"room":"r"}']);
  },
);

t.test('Timer: start replaces, repeat re-arms, stop clears', async (t) => {
  const time = fakeClock();
  const timer = new Timer(time.clock);
  const fired: string[] = [];
  timer.start(100, () => fired.push('first'));
  timer.start(100, () => fired.push('second'));
  time.tick(100);
  t.same(fired, ['second']);
  t.notOk(timer.pending);
  timer.repeat(50, () => fired.push('tick'));
  time.tick(160);
  t.same(fired, ['second', 'tick', 'tick', 'tick']);
  timer.stop();
  t.equal(time.timers(), 0);
});

t.test('TokenSource: a fixed token; getToken() synchronous or async, asked every time', async (t) => {
  t.same(new TokenSource('fixed', undefined).next(), { ready: true, token: 'fixed' });
  let n = 0;
  const sync = new TokenSource('ignored', () => `t${++n}`);
  t.same(
    [sync.next(), sync.next()],
    [
      { ready: true, token: 't1' },
      { ready: true, token: 't2' },
    ],
  );
  t.equal(sync.current, 't2');
  const async = new TokenSource(undefined, () => Promise.resolve('later'));
  const answer = async.next();
  t.equal(answer.ready, false);
  if (!answer.ready) t.equal(await answer.pending, 'later');
  t.equal(async.current, 'later');
});

t.test('wellFormed: lone surrogates become U+FFFD; pairs, BMP text and the empty string stay', async (t) => {
  t.equal(wellFormed(''), '');
  t.equal(wellFormed('弹幕 😀 𠮷'), '弹幕 😀 𠮷');
  t.equal(wellFormed('a\uD83Db'), 'a\uFFFDb');
  t.equal(wellFormed('\uDE00x'), '\uFFFDx');
  t.equal(wellFormed('\uDE00\uD83D'), '\uFFFD\uFFFD', 'a pair in the wrong order is two lone halves');
  t.equal(wellFormed('end\uD83D'), 'end\uFFFD');
  t.equal(wellFormed('\uD83D\uDE00\uD83D'), '😀\uFFFD');
});
