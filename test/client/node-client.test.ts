import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { TcpProxy } from '../helpers/proxy.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';
import { EventLog } from '../helpers/sdk.js';

const FAST = { baseMs: 200, capMs: 800, maxAttempts: Infinity, stableAfterMs: 60_000 };

t.test(
  'server restarted: reconnects with backoff in bounds, re-joins every room, reports the lost history as a gap, sends the outage comments once',
  async (t) => {
    // The drain's goaway delay is attempt 1 (drawn from [0, DRAIN_RECONNECT_MAX_MS), 5 s by default):
    // kept short, the three attempts this test waits for fit its waits with room on a loaded machine.
    let node = await startTestNode({ DRAIN_RECONNECT_MAX_MS: '500' });
    const port = node.port;
    t.teardown(() => node.drain());
    const client = createNodeClient({ urls: node.wsUrl, token: token({ sub: 'viewer1' }), reconnect: FAST });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('r1');
    client.join('r2');
    client.connect();
    await log.next('open');
    await log.next('joined', (j) => j.room === 'r1');
    await log.next('joined', (j) => j.room === 'r2');
    t.same((await client.post('r1', 'before')).seq > 0, true);
    await log.next('danmaku', (d) => d.items.some((i) => i.text === 'before'));

    const downAt = Date.now();
    await node.drain();
    const first = await log.next('reconnecting');
    t.equal(first.attempt, 1);
    const during = client.post('r2', 'during the outage');
    t.equal(client.outboxSize, 1, 'the outage comment waits in the outbox');
    // Let a few attempts fail against the closed port before the server comes back.
    await log.next('reconnecting', (r) => r.attempt === 3);
    node = await startTestNode({ PORT: String(port) });
    const reopened = await log.next('open', (o) => o.reconnected);
    const measured = Date.now() - downAt;
    t.ok(
      reopened.downtimeMs > 0 && reopened.downtimeMs <= measured,
      `time to reconnect after restart: ${reopened.downtimeMs} ms`,
    );

    for (const r of log.of('reconnecting')) {
      // Attempt 1 is the goaway delay the draining server chose; the rest follow the jittered backoff.
      if (r.attempt === 1) continue;
      const ceiling = Math.min(FAST.capMs, FAST.baseMs * 2 ** (r.attempt - 1));
      t.ok(r.delayMs >= 0 && r.delayMs < ceiling, `attempt ${r.attempt}: delay ${r.delayMs} ms within [0, ${ceiling})`);
    }
    // A restarted memory-bus node has lost its history: both rooms must say so, not resume silently.
    const gaps = [await log.next('gap', (g) => g.room === 'r1'), await log.next('gap', (g) => g.room === 'r2')];
    t.same(
      gaps.map((g) => g.cause),
      ['history', 'history'],
    );

    const receipt = await during;
    t.ok(receipt.seq > 0, 'the outage comment was acknowledged');
    await log.next('danmaku', (d) => d.room === 'r2' && d.items.some((i) => i.text === 'during the outage'));
    t.same(log.texts('r2'), ['during the outage'], 'delivered exactly once');
    t.equal(client.outboxSize, 0);
  },
);

t.test(
  'connection dropped, server still up: resumes every room with no gap and no duplicate; outage comments exactly once',
  async (t) => {
    const node = await startTestNode();
    t.teardown(() => node.drain());
    const proxy = await TcpProxy.start(node.port);
    t.teardown(() => proxy.close());
    // A fixed draw makes the retry wait 0.9 × base: long enough to post while the client is away.
    const client = createNodeClient({
      urls: proxy.wsUrl,
      token: token({ sub: 'viewer2' }),
      reconnect: { ...FAST, baseMs: 600 },
      random: () => 0.9,
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('a');
    client.join('b');
    client.connect();
    await log.next('joined', (j) => j.room === 'a');
    await log.next('joined', (j) => j.room === 'b');
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
    t.teardown(() => poster.close());
    poster.send({ comment: { room: 'a', clientMsgId: 'p0', text: 'a0' } });
    await log.next('danmaku', (d) => d.room === 'a');

    proxy.dropAll();
    await log.next('reconnecting');
    const missed = client.post('b', 'mine while away');
    for (const [i, room] of ['a', 'b', 'a'].entries()) {
      poster.send({ comment: { room, clientMsgId: `p${i + 1}`, text: `${room}${i + 1}` } });
      t.ok((await poster.nextKind('ack', (a) => a.clientMsgId === `p${i + 1}`)).ok);
    }
    await log.next('open', (o) => o.reconnected);
    const resumed = [await log.next('joined', (j) => j.room === 'a'), await log.next('joined', (j) => j.room === 'b')];
    t.same(
      resumed.map((j) => [j.resumed, j.gap]),
      [
        [true, false],
        [true, false],
      ],
      'both rooms resumed without a gap',
    );
    await missed;
    await log.next('danmaku', (d) => d.items.some((i) => i.text === 'mine while away'));
    t.same(log.texts('a'), ['a0', 'a1', 'a3'], 'room a: the missed batches replayed, nothing twice');
    t.same(log.texts('b'), ['b2', 'mine while away'], 'room b: replayed, then the outbox comment once');
    t.same(log.of('gap'), []);
  },
);

t.test('a refused token is reported once, with no retry loop (hello token and ?token= upgrade)', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const bad = token({ sub: 'mallory' }, 'not-the-server-secret-at-all');
  for (const options of [{ urls: node.wsUrl, token: bad }, { urls: `${node.wsUrl}?token=${bad}` }]) {
    const client = createNodeClient({ ...options, reconnect: FAST });
    const log = new EventLog(client);
    client.connect();
    const closed = await log.next('closed');
    t.equal(closed.reason, 'auth');
    t.equal(client.state, 'closed');
    t.same(log.of('reconnecting'), [], 'no reconnect after an auth failure');
    t.equal(log.of('connecting').length, 1, 'one attempt only');
  }
});

t.test('deliberate close: no reconnect, and unsent comments stay for the next connect', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const client = createNodeClient({ urls: node.wsUrl, token: token({ sub: 'closer' }), reconnect: FAST });
  const log = new EventLog(client);
  client.connect();
  await log.next('open');
  client.close();
  t.same((await log.next('closed')).reason, 'client');
  const posted = client.post('room', 'later');
  // Longer than any first retry delay (≤ baseMs): had it retried, a connect would have started.
  await new Promise((resolve) => setTimeout(resolve, FAST.baseMs * 2));
  t.equal(log.of('connecting').length, 1);
  t.equal(node.gateway.connectionCount, 0, 'the server sees no connection');
  t.equal(client.outboxSize, 1);
  client.connect();
  t.ok((await posted).seq > 0, 'sent on the next connect');
  client.close();
});

t.test('missing pongs: the silent connection counts as dead and the client reconnects; RTT is measured', async (t) => {
  const node = await startTestNode({ HEARTBEAT_INTERVAL_MS: '1000' });
  t.teardown(() => node.drain());
  const proxy = await TcpProxy.start(node.port);
  t.teardown(() => proxy.close());
  const client = createNodeClient({ urls: proxy.wsUrl, pongTimeoutMs: 700, reconnect: FAST });
  const log = new EventLog(client);
  t.teardown(() => client.close());
  client.connect();
  await log.next('open');
  const rtt = await log.next('rtt');
  t.ok(rtt.rttMs >= 0 && rtt.rttMs < 500, `rtt ${rtt.rttMs} ms`);
  proxy.freeze();
  const dropped = await log.next('reconnecting');
  t.equal(dropped.code, 4003, 'closed as a heartbeat timeout');
  await log.next('open', (o) => o.reconnected);
});

t.test(
  'deflated batches: the SDK asks for them and draws every danmaku of a busy room in order, in fewer bytes',
  async (t) => {
    // One viewer stands for a busy room's many: deflate as if the fan-out paid for it.
    const node = await startTestNode({
      COMMENT_BURST: '200',
      COMMENT_RATE_PER_SEC: '1000',
      BATCH_DEFLATE_MIN_FANOUT_BYTES: '0',
    });
    t.teardown(() => node.drain());
    const client = createNodeClient({ urls: node.wsUrl, reconnect: FAST });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('hot');
    client.connect();
    await log.next('joined', (j) => j.room === 'hot');
    const plain = await TestClient.connect(node.wsUrl);
    await plain.join('hot');
    let plainBytes = 0;
    plain.ws.on('message', (data: Buffer) => (plainBytes += data.length));
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
    const texts = Array.from({ length: 60 }, (_, i) => `${['前方高能', '哈哈哈哈', 'awsl', '主播加油'][i % 4]} ${i}`);
    for (const [i, text] of texts.entries())
      poster.send({ comment: { room: 'hot', clientMsgId: `m${i}`, text, color: 0xffffff } });
    while (log.texts('hot').length < texts.length) await log.next('danmaku');
    while (plain.danmaku('hot').length < texts.length) await plain.nextKind('batch');
    t.same(log.texts('hot'), texts, 'every danmaku once, in order');
    t.same(
      plain.danmaku('hot').map((d) => d.text),
      texts,
      'what a plain viewer got',
    );
    const delivered = total(parseSamples(await scrape(node.url)), 'danmaku_delivered_bytes_total');
    t.ok(
      delivered - plainBytes < plainBytes * 0.6,
      `the SDK viewer received ${delivered - plainBytes} bytes of batches, the plain viewer ${plainBytes}`,
    );
  },
);
