import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { startBlackhole } from '../helpers/blackhole.js';
import { startTestNode, token } from '../helpers/node.js';
import { TcpProxy } from '../helpers/proxy.js';
import { EventLog } from '../helpers/sdk.js';

const FAST = { baseMs: 200, capMs: 800, maxAttempts: Infinity, stableAfterMs: 60_000 };

t.test(
  'urls: [a server that accepts TCP and never answers, a healthy node]: open on the healthy node within the connect deadline plus backoff',
  async (t) => {
    const node = await startTestNode();
    t.teardown(() => node.drain());
    const blackhole = await startBlackhole();
    t.teardown(() => blackhole.close());
    const connectTimeoutMs = 2000;
    const client = createNodeClient({ urls: [blackhole.wsUrl, node.wsUrl], connectTimeoutMs, reconnect: FAST });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    const startedAt = Date.now();
    client.connect();
    const abandoned = await log.next('reconnecting');
    t.same(
      [abandoned.code, abandoned.attempt],
      [4004, 1],
      'the silent attempt ends at the deadline as failed attempt 1',
    );
    t.ok(Date.now() - startedAt >= connectTimeoutMs - 50, 'not before the deadline');
    await log.next('open');
    const tookMs = Date.now() - startedAt;
    t.ok(tookMs < connectTimeoutMs + FAST.baseMs + 1500, `open after ${tookMs} ms (deadline ${connectTimeoutMs} ms)`);
    t.same(
      log.of('connecting').map((c) => c.url),
      [blackhole.wsUrl, node.wsUrl],
    );
  },
);

t.test(
  'getToken() is asked before every attempt; the token it gives (async here) is the one the node sees',
  async (t) => {
    const node = await startTestNode();
    t.teardown(() => node.drain());
    const proxy = await TcpProxy.start(node.port);
    t.teardown(() => proxy.close());
    const asked: string[] = [];
    const client = createNodeClient({
      urls: proxy.wsUrl,
      reconnect: FAST,
      getToken: async () => {
        const user = `user-${asked.length + 1}`;
        asked.push(user);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return token({ sub: user });
      },
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('tokens');
    client.connect();
    await log.next('joined');
    const first = await client.post('tokens', 'with the first token');
    const drawn = await log.next('danmaku', (d) => d.items.some((i) => i.id === first.id));
    t.equal(drawn.items[0]?.userId, 'user-1');

    proxy.dropAll();
    await log.next('open', (o) => o.reconnected);
    await log.next('joined');
    const second = await client.post('tokens', 'after the reconnect');
    const again = await log.next('danmaku', (d) => d.items.some((i) => i.id === second.id));
    t.same(asked, ['user-1', 'user-2'], 'asked once per attempt');
    t.equal(again.items[0]?.userId, 'user-2', 'posted with the token fetched for that attempt');
  },
);

t.test(
  'joins the node refuses for now (RATE_LIMITED) are retried with the backoff until every room is joined; the app sees join-retry',
  async (t) => {
    // A bucket of two joins, refilled at one per second: five rooms at once overflow it.
    const node = await startTestNode({ JOIN_RATE_PER_CONNECTION: '1' });
    t.teardown(() => node.drain());
    const client = createNodeClient({ urls: node.wsUrl, reconnect: { ...FAST, baseMs: 1000, capMs: 2000 } });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    const rooms = ['r1', 'r2', 'r3', 'r4', 'r5'];
    for (const room of rooms) client.join(room);
    client.connect();
    for (const room of rooms) await log.next('joined', (j) => j.room === room, 30_000);
    const retries = log.of('join-retry');
    t.ok(retries.length > 0, `${retries.length} join-retry events`);
    t.ok(
      retries.every((r) => r.code === 'RATE_LIMITED' && rooms.includes(r.room)),
      'each names a room still waiting and the code',
    );
    t.equal(client.state, 'open', 'the connection itself never dropped');
    t.equal(log.of('reconnecting').length, 0);
  },
);
