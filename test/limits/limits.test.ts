import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';
import { waitFor } from '../helpers/wait.js';

async function upgrade(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter?: string; client?: TestClient }> {
  try {
    return { status: 101, client: await TestClient.connect(url, { headers }) };
  } catch (err) {
    const e = err as { status?: number; retryAfter?: string };
    return { status: e.status ?? -1, retryAfter: e.retryAfter };
  }
}

t.test('connections per IP: the excess is refused with 429, the rest stay', async (t) => {
  const node = await startTestNode({ MAX_CONNECTIONS_PER_IP: '3' });
  t.teardown(() => node.drain());
  const open = await Promise.all([1, 2, 3].map(() => TestClient.connect(node.wsUrl)));
  const fourth = await upgrade(node.wsUrl);
  t.equal(fourth.status, 429);
  t.ok(Number(fourth.retryAfter) > 0, 'with a Retry-After hint');
  await open[0]?.close();
  await waitFor('the server to see the close', () => node.gateway.connectionCount === 2);
  const again = await upgrade(node.wsUrl);
  t.equal(again.status, 101, 'a slot freed by a close is usable');
  await Promise.all([open[1]?.close(), open[2]?.close(), again.client?.close()]);
});

t.test('upgrades per IP per second', async (t) => {
  const node = await startTestNode({ UPGRADE_RATE_PER_IP: '2' });
  t.teardown(() => node.drain());
  const results: Awaited<ReturnType<typeof upgrade>>[] = [];
  for (let i = 0; i < 6; i++) results.push(await upgrade(node.wsUrl));
  t.same(
    results.map((r) => r.status),
    [101, 101, 101, 101, 429, 429],
    'a burst of twice the rate, then refused',
  );
  await Promise.all(results.flatMap((r) => (r.client ? [r.client.close()] : [])));
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  t.match(metrics, /danmaku_upgrades_refused_total\{[^}]*reason="rate"[^}]*\} 2/);
});

t.test('browser origins outside the allow-list are refused; clients without Origin are not', async (t) => {
  const node = await startTestNode({ ALLOWED_ORIGINS: 'https://live.example.com, http://localhost:3000' });
  t.teardown(() => node.drain());
  t.equal((await upgrade(node.wsUrl, { origin: 'https://evil.example.net' })).status, 403);
  const good = await upgrade(node.wsUrl, { origin: 'https://live.example.com' });
  t.equal(good.status, 101);
  const app = await upgrade(node.wsUrl);
  t.equal(app.status, 101, 'a mini-program or Node client sends no Origin');
  await Promise.all([good.client?.close(), app.client?.close()]);
});

t.test('joins per connection per second', async (t) => {
  const node = await startTestNode({ JOIN_RATE_PER_CONNECTION: '1' });
  t.teardown(() => node.drain());
  const c = await TestClient.connect(node.wsUrl);
  await c.join('j1');
  await c.join('j2');
  c.send({ join: { room: 'j3' } });
  const refused = await c.nextKind('error');
  t.equal(refused.code, ErrorCode.RATE_LIMITED);
  t.match(refused.message, /j3/);
  await new Promise((r) => setTimeout(r, 1100));
  t.equal((await c.join('j3')).room, 'j3', 'allowed again after a second');
  await c.close();
});

t.test('a room over its broadcast budget sheds fairly, says so, and keeps moderators', async (t) => {
  const node = await startTestNode({
    ROOM_RATE_PER_SEC: '10',
    BATCH_INTERVAL_MS: '200',
    COMMENT_RATE_PER_SEC: '1000',
    COMMENT_BURST: '1000',
  });
  t.teardown(() => node.drain());
  const viewer = await TestClient.connect(node.wsUrl);
  await viewer.join('hot');
  const flooder = await TestClient.connect(node.wsUrl, { token: token({ sub: 'flooder' }) });
  const others = await Promise.all(
    ['a', 'b', 'c'].map((u) => TestClient.connect(node.wsUrl, { token: token({ sub: u }) })),
  );
  const mod = await TestClient.connect(node.wsUrl, { token: token({ sub: 'mod', role: 'admin' }) });
  // Warm the room so the next comments share one tick instead of the quiet-room fast path.
  flooder.send({ comment: { room: 'hot', clientMsgId: 'warm', text: 'warm' } });
  await flooder.nextKind('ack');
  for (let i = 0; i < 40; i++) flooder.send({ comment: { room: 'hot', clientMsgId: `f${i}`, text: `flood ${i}` } });
  others.forEach((o, i) => o.send({ comment: { room: 'hot', clientMsgId: 'x', text: `from ${i}` } }));
  mod.send({ comment: { room: 'hot', clientMsgId: 'm', text: 'moderator' } });
  const flooderAcks = await Promise.all(
    Array.from({ length: 40 }, (_, i) => flooder.nextKind('ack', (a) => a.clientMsgId === `f${i}`)),
  );
  const otherAcks = await Promise.all(others.map((o) => o.nextKind('ack')));
  const modAck = await mod.nextKind('ack');
  t.ok(
    otherAcks.every((a) => a.ok),
    'the three other users got through',
  );
  t.equal(modAck.ok, true, 'the moderator got through');
  const shed = flooderAcks.filter((a) => !a.ok);
  t.ok(shed.length >= 30, `most of the flood was shed (${shed.length} of 40)`);
  t.ok(
    shed.every((a) => a.code === ErrorCode.OVERLOADED && (a.retryAfterMs ?? 0) > 0),
    'each shed comment is answered OVERLOADED',
  );
  await viewer.nextKind('batch', (b) => (b.items ?? []).some((d) => d.text === 'moderator'));
  const shown = viewer.danmaku('hot');
  t.ok(shown.length <= 11 + 1, `the screen gets about its budget (${shown.length})`);
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  t.match(metrics, new RegExp(`danmaku_comments_shed_total\\{node="test-node"\\} ${shed.length}\\b`));
  await Promise.all([viewer, flooder, mod, ...others].map((c) => c.close()));
});

t.test('the admin API is rate limited per caller, before the token is even checked', async (t) => {
  const admin = token({ sub: 'mod', role: 'admin' });
  const get = (bearer: string) =>
    fetch(`${node.url}/admin/v1/rooms`, { headers: { authorization: `Bearer ${bearer}` } });
  // At 2 per second one token comes back every 500 ms: the burst and the guess must fit inside that
  // for the statuses to be exact. On a starved machine they may not; then the node is started afresh.
  let node = await startTestNode({ ADMIN_RATE_PER_SEC: '2' });
  t.teardown(() => node.drain());
  for (let attempt = 1; ; attempt++) {
    const startedAt = performance.now();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(admin)).status);
    const guess = await get('guessed.token.value');
    if (performance.now() - startedAt < 500 || attempt === 5) {
      t.same(statuses, [200, 200, 200, 200, 429, 429], 'a burst of twice the rate, then 429');
      t.equal(guess.status, 429, 'token guessing is throttled too');
      t.ok(Number(guess.headers.get('retry-after')) >= 1, 'with Retry-After');
      return;
    }
    await node.drain();
    node = await startTestNode({ ADMIN_RATE_PER_SEC: '2' });
  }
});
