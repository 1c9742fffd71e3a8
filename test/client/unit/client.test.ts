import t from 'tap';
import { ErrorCode } from '../../../src/protocol/codec.js';
import { DanmakuClient, type ClientOptions } from '../../../packages/client/src/client.js';
import type { ClientEvent } from '../../../packages/client/src/events.js';
import { EVENT_TYPES } from '../../helpers/sdk.js';
import { ScriptedPlatform, fakeClock } from './fakes.js';

const RECONNECT = { baseMs: 1000, capMs: 4000, maxAttempts: Infinity, stableAfterMs: 10_000 };

/** A client on a scripted platform and a fake clock, with every event it emits recorded in order. */
function scripted(options: Partial<ClientOptions> = {}) {
  const time = fakeClock();
  const platform = new ScriptedPlatform();
  const client = new DanmakuClient({
    urls: ['ws://a/ws', 'ws://b/ws'],
    platform,
    clock: time.clock,
    random: () => 0.5,
    reconnect: RECONNECT,
    ...options,
  });
  const events: ClientEvent[] = [];
  for (const type of EVENT_TYPES) client.on(type, (e) => events.push(e));
  const of = <T extends ClientEvent['type']>(type: T) =>
    events.filter((e): e is Extract<ClientEvent, { type: T }> => e.type === type);
  return { time, platform, client, events, of };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

t.test(
  'close() leaves no timer behind, whatever was pending (heartbeat, pong, comment and join retries, telemetry)',
  async (t) => {
    const { time, platform, client } = scripted();
    client.join('r');
    client.connect();
    t.ok(time.timers() > 0, 'the connect deadline and the telemetry flush are pending');
    platform.last.welcome(1000);
    const posted = client.post('r', 'hi');
    platform.last.receive({
      ack: {
        clientMsgId: platform.last.sent.at(-1)?.comment?.clientMsgId ?? '',
        ok: false,
        code: ErrorCode.UNAVAILABLE,
        retryAfterMs: 5000,
      },
    });
    platform.last.receive({ error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } });
    time.tick(1000);
    t.ok(platform.last.kinds().includes('ping'), 'a ping is waiting for its pong');
    client.close();
    t.equal(time.timers(), 0, 'nothing pending after close()');
    await t.rejects(posted, { name: 'ClientClosedError' });
    time.tick(60_000);
    t.equal(platform.sockets.length, 1, 'and nothing fires later');
  },
);

t.test('close() while waiting to reconnect or while connecting leaves no timer either', async (t) => {
  const waiting = scripted();
  waiting.client.connect();
  waiting.platform.last.end({ code: 1006, reason: 'refused' });
  t.equal(waiting.client.state, 'reconnecting');
  waiting.client.close();
  t.equal(waiting.time.timers(), 0);

  const connecting = scripted();
  connecting.client.connect();
  connecting.client.close();
  t.equal(connecting.time.timers(), 0);
});

t.test(
  'connect deadline: an attempt that never opens, or opens without a welcome, is abandoned and the next URL tried',
  async (t) => {
    const { time, platform, client, of } = scripted({ connectTimeoutMs: 3000 });
    client.connect();
    time.tick(2999);
    t.equal(client.state, 'connecting', 'still within the deadline');
    time.tick(1);
    t.same(
      of('reconnecting').map((r) => [r.attempt, r.code, r.delayMs]),
      [[1, 4004, 500]],
    );
    t.same(
      platform.sockets[0]?.closedByClient,
      { code: 4004, reason: 'no welcome within 3000 ms' },
      'the socket is abandoned',
    );
    time.tick(500);
    t.equal(platform.last.url, 'ws://b/ws', 'the next URL');
    platform.last.open();
    time.tick(3000);
    t.same(of('reconnecting').at(-1)?.code, 4004, 'opened but never welcomed: abandoned too');
    time.tick(1000);
    t.equal(platform.last.url, 'ws://a/ws');
    platform.last.welcome();
    t.equal(client.state, 'open');
    time.tick(5000);
    t.equal(of('reconnecting').length, 2, 'a welcomed link has no deadline');
    client.close();
  },
);

t.test(
  'getToken(): asked before every attempt, its token goes in hello; a failure or a late answer costs one attempt',
  async (t) => {
    const answers: (() => Promise<string>)[] = [
      () => Promise.resolve('token-1'),
      () => Promise.reject(new Error('login service down')),
      () => new Promise(() => undefined),
      () => Promise.resolve('token-2'),
    ];
    let asked = 0;
    const { time, platform, client, of } = scripted({
      token: 'never-used',
      connectTimeoutMs: 3000,
      getToken: () => (answers[asked++] as () => Promise<string>)(),
    });
    client.connect();
    t.equal(platform.sockets.length, 0, 'no socket before the token');
    await settle();
    platform.last.welcome();
    t.equal(platform.last.sent[0]?.hello?.token, 'token-1');
    platform.last.end({ code: 1006, reason: 'network' });
    time.tick(500);
    await settle();
    t.match(of('reconnecting').at(-1)?.reason, /getToken failed: login service down/);
    time.tick(1000);
    t.equal(asked, 3);
    time.tick(3000);
    t.match(
      of('reconnecting').at(-1)?.reason,
      /no welcome within 3000 ms/,
      'a getToken() that never answers meets the deadline',
    );
    time.tick(2000);
    await settle();
    platform.last.welcome();
    t.equal(asked, 4);
    t.equal(platform.last.sent[0]?.hello?.token, 'token-2');
    t.equal(platform.sockets.length, 2, 'only attempts with a token opened a socket');
    client.close();
  },
);

t.test(
  'a join answered UNAVAILABLE is retried with the backoff, the app told while it waits; joined follows',
  async (t) => {
    const { time, platform, client, of } = scripted();
    client.join('live');
    client.connect();
    platform.last.welcome();
    t.same(platform.last.kinds(), ['hello', 'join', 'report'], 'hello, the join, then the connect telemetry');
    platform.last.receive({ error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } });
    t.same(of('join-retry'), [{ type: 'join-retry', room: 'live', attempt: 1, delayMs: 500, code: 'UNAVAILABLE' }]);
    t.equal(of('server-error').length, 1, 'still reported as a server error');
    time.tick(500);
    t.same(platform.last.kinds(), ['hello', 'join', 'report', 'join']);
    platform.last.receive({ error: { code: ErrorCode.UNAVAILABLE, message: 'join failed; retry' } });
    t.equal(of('join-retry').at(-1)?.delayMs, 1000, 'attempt 2 waits longer');
    time.tick(1000);
    platform.last.receive({ joined: { room: 'live', epoch: 'e1', lastSeq: 0, viewers: 3 } });
    t.same(
      of('joined').map((j) => [j.room, j.viewers]),
      [['live', 3]],
    );
    time.tick(15_000);
    t.equal(platform.last.kinds().filter((k) => k === 'join').length, 3, 'no more joins once answered');
    client.close();
  },
);
