import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestNode, token } from '../helpers/node.js';
import { EventLog } from '../helpers/sdk.js';

const FAST = { baseMs: 100, capMs: 400, maxAttempts: 20, stableAfterMs: 60_000 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

// Each test has its own node and spends its seconds waiting for tokens to expire: run them side by
// side (tap buffers each one's output).
t.jobs = 4;

/** Posts one comment every `everyMs` for `forMs`; resolves with how many were acknowledged ok. */
async function keepPosting(post: (text: string) => Promise<unknown>, forMs: number, everyMs: number): Promise<number> {
  const until = Date.now() + forMs;
  const receipts: Promise<unknown>[] = [];
  for (let i = 0; Date.now() < until; i++) {
    receipts.push(post(`tick ${i}`));
    await sleep(everyMs);
  }
  const settled = await Promise.allSettled(receipts);
  return settled.filter((r) => r.status === 'fulfilled').length;
}

for (const transport of ['websocket', 'longpoll'] as const) {
  t.test(
    `${transport}: getToken() with 3-second tokens refreshes before expiry; the connection stays open and posts`,
    async (t) => {
      const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
      t.teardown(() => node.drain());
      let asked = 0;
      const client = createNodeClient({
        urls: node.wsUrl,
        getToken: async () => {
          asked++;
          await sleep(20);
          return token({ sub: 'refresher', exp: inSeconds(3) });
        },
        reconnect: FAST,
        poll: transport === 'longpoll' ? { force: true, waitMs: 1000 } : {},
      });
      const log = new EventLog(client);
      t.teardown(() => client.close());
      client.join('r');
      client.connect();
      await log.next('open');
      await log.next('joined');
      const posted = await keepPosting((text) => client.post('r', text), 7000, 400);
      t.ok(posted >= 15, `every post acknowledged (${posted})`);
      t.equal(log.of('reconnecting').length, 0, 'never reconnected');
      t.equal(log.of('closed').length, 0);
      t.ok(asked >= 3, `getToken() asked again before each expiry (${asked} times)`);
      const expiries = log.of('token').map((e) => e.expiresAtMs);
      t.ok(expiries.length >= 2 && expiries.every((e, i) => i === 0 || e >= (expiries[i - 1] ?? 0)), 'expiry moved on');
      t.equal(client.state, 'open');
    },
  );
}

t.test('a fixed token that expires: the client stops with reason auth (4102)', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  const client = createNodeClient({
    urls: node.wsUrl,
    token: token({ sub: 'fixed', exp: inSeconds(2) }),
    reconnect: FAST,
  });
  const log = new EventLog(client);
  t.teardown(() => client.close());
  client.connect();
  await log.next('open');
  const closed = await log.next('closed', () => true, 5000);
  t.equal(closed.reason, 'auth');
  t.equal(closed.code, CloseCode.TOKEN_EXPIRED);
});

t.test('a refresh the server refuses: at expiry the client reconnects with a new token from getToken()', async (t) => {
  const node = await startTestNode({ AUTH_CLOCK_TOLERANCE_SEC: '0' });
  t.teardown(() => node.drain());
  let asked = 0;
  // The first token is u1's; later ones are another user's: a refresh may not switch users, a new connection may.
  const client = createNodeClient({
    urls: node.wsUrl,
    getToken: () =>
      asked++ === 0 ? token({ sub: 'u1', exp: inSeconds(2) }) : token({ sub: 'u2', exp: inSeconds(60) }),
    reconnect: FAST,
  });
  const log = new EventLog(client);
  t.teardown(() => client.close());
  client.join('r');
  client.connect();
  await log.next('open');
  const refused = await log.next('server-error', (e) => e.code === 'FORBIDDEN');
  t.match(refused.message, /another user/);
  const reconnecting = await log.next('reconnecting', () => true, 6000);
  t.equal(reconnecting.code, CloseCode.TOKEN_EXPIRED);
  await log.next('open', (o) => o.reconnected);
  const receipt = await client.post('r', 'as the new user');
  t.ok(receipt.seq > 0, 'posting again after the reconnect');
});
