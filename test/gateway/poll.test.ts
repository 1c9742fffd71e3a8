import type { Gauge } from 'prom-client';
import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { decodeDelimited, decodeServerFrame } from '../../src/protocol/codec.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { pollBody } from '../helpers/poll.js';
import { TcpProxy } from '../helpers/proxy.js';
import { EventLog } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';

async function gaugeValue(gauge: Pick<Gauge, 'get'>, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await gauge.get();
  return values
    .filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))
    .reduce((sum, v) => sum + v.value, 0);
}

t.test(
  'WebSocket upgrades refused: the SDK falls back to /poll, gets exactly what a WebSocket viewer gets, posts through it, and returns to WebSocket',
  async (t) => {
    const node = await startTestNode();
    t.teardown(() => node.drain());
    const proxy = await TcpProxy.start(node.port);
    t.teardown(() => proxy.close());
    proxy.refuseUpgrades = true;
    const client = createNodeClient({
      urls: proxy.wsUrl,
      token: token({ sub: 'poller' }),
      reconnect: { baseMs: 50, capMs: 100 },
      poll: { afterFailures: 2, waitMs: 2000, probeWebSocketMs: 400 },
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('lp');
    client.connect();
    const opened = await log.next('open');
    t.equal(opened.transport, 'longpoll');
    t.same(
      log.of('connecting').map((c) => c.transport),
      ['websocket', 'websocket', 'longpoll'],
      'two refused upgrades, then long-poll',
    );
    await log.next('joined', (j) => j.room === 'lp');

    const viewer = await TestClient.connect(node.wsUrl);
    t.teardown(() => viewer.close());
    await viewer.join('lp');
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
    t.teardown(() => poster.close());
    for (let i = 1; i <= 3; i++) {
      poster.send({ comment: { room: 'lp', clientMsgId: `m${i}`, text: `ws ${i}` } });
      await poster.nextKind('ack', (a) => a.clientMsgId === `m${i}`);
    }
    const mine = await client.post('lp', 'from the poller');
    t.ok(mine.seq > 0, 'a comment posted over /poll is acknowledged');
    await viewer.nextKind('batch', (b) => b.items?.some((d) => d.text === 'from the poller') ?? false);
    await log.next('danmaku', (d) => d.items.some((i) => i.text === 'from the poller'));
    t.same(
      log.of('danmaku').map((d) => [d.seq, d.items.map((i) => i.text)]),
      viewer.frames
        .filter((f) => f.kind === 'batch')
        .map((f) => [Number(f.batch?.seq), (f.batch?.items ?? []).map((i) => i.text)]),
      'the poller saw the same batches, in the same order, as the WebSocket viewer',
    );
    t.ok(
      ((await node.metrics.connectionsOpened.get()).values.find((v) => v.labels.transport === 'longpoll')?.value ?? 0) >
        0,
      'polls counted with transport="longpoll"',
    );

    proxy.refuseUpgrades = false;
    const back = await log.next('open', (o) => o.transport === 'websocket');
    t.ok(back.reconnected);
    await log.next('joined', (j) => j.room === 'lp' && j.resumed);
    poster.send({ comment: { room: 'lp', clientMsgId: 'm4', text: 'ws 4' } });
    await log.next('danmaku', (d) => d.items.some((i) => i.text === 'ws 4'));
    t.same(
      log.texts('lp'),
      ['ws 1', 'ws 2', 'ws 3', 'from the poller', 'ws 4'],
      'nothing lost or repeated across both switches',
    );
  },
);

/** Asks /poll for a room's head with a fresh cursor; answered at once with its epoch. */
async function roomEpoch(url: string, room: string): Promise<string> {
  const response = await fetch(`${url}/poll?wait_ms=0`, { method: 'POST', body: pollBody({ join: { room } }) });
  const frames = decodeDelimited(new Uint8Array(await response.arrayBuffer())).map((f) => decodeServerFrame(f));
  const first = frames[0];
  return first?.ok && first.frame.joined?.room === room ? (first.frame.joined.epoch ?? '') : '';
}

t.test('an abandoned poll releases its room references; a refused token gets 401', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  // A WebSocket viewer keeps the room's stream (and its epoch) alive between the polls.
  const keeper = await TestClient.connect(node.wsUrl);
  t.teardown(() => keeper.close());
  await keeper.join('quiet');
  const epoch = await roomEpoch(node.url, 'quiet');
  t.not(epoch, '', 'a fresh cursor is answered with the room head');

  const controller = new AbortController();
  const cursor = pollBody({ join: { room: 'quiet', epoch, lastSeq: 0 } });
  const abandoned = fetch(`${node.url}/poll`, { method: 'POST', body: cursor, signal: controller.signal }).catch(
    (err: Error) => err.name,
  );
  await waitFor(
    'the poll to be held',
    async () => (await gaugeValue(node.metrics.connectionsOpen, { transport: 'longpoll' })) > 0,
    { everyMs: 1 },
  );
  t.equal(await gaugeValue(node.metrics.viewers), 2, 'the waiting poll holds the room like a viewer');
  controller.abort();
  t.equal(await abandoned, 'AbortError');
  await waitFor(
    'the abandoned poll to close',
    async () => (await gaugeValue(node.metrics.connectionsOpen, { transport: 'longpoll' })) === 0,
  );
  t.equal(await gaugeValue(node.metrics.viewers), 1, 'the abandoned poll released its room reference');
  await keeper.close();
  t.equal(await gaugeValue(node.metrics.roomsActive), 0, 'and the room closes once its last viewer leaves');

  const refused = await fetch(`${node.url}/poll`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token({ sub: 'x' }, 'some-other-secret-entirely')}` },
    body: cursor,
  });
  t.equal(refused.status, 401);
});

t.test('draining answers waiting polls with goaway', async (t) => {
  const node = await startTestNode();
  const keeper = await TestClient.connect(node.wsUrl);
  await keeper.join('d');
  const body = pollBody({ join: { room: 'd', epoch: await roomEpoch(node.url, 'd'), lastSeq: 0 } });
  const waiting = fetch(`${node.url}/poll`, { method: 'POST', body });
  await waitFor(
    'the poll to be held',
    async () => (await gaugeValue(node.metrics.connectionsOpen, { transport: 'longpoll' })) > 0,
    { everyMs: 1 },
  );
  await node.drain();
  const frames = decodeDelimited(new Uint8Array(await (await waiting).arrayBuffer())).map((f) => decodeServerFrame(f));
  t.ok(frames.some((f) => f.ok && f.frame.kind === 'goaway'));
});

t.test('held polls count against the per-IP connection limit and the origin allow-list', async (t) => {
  const node = await startTestNode({ MAX_CONNECTIONS_PER_IP: '3', ALLOWED_ORIGINS: 'https://live.example.com' });
  t.teardown(() => node.drain());
  const keeper = await TestClient.connect(node.wsUrl);
  t.teardown(() => keeper.close());
  await keeper.join('held');
  const epoch = await roomEpoch(node.url, 'held');
  const cursor = pollBody({ join: { room: 'held', epoch, lastSeq: 0 } });
  const controller = new AbortController();
  const held = [0, 1].map(() =>
    fetch(`${node.url}/poll?wait_ms=20000`, { method: 'POST', body: cursor, signal: controller.signal }).catch(
      () => undefined,
    ),
  );
  await waitFor(
    'two polls to be held',
    async () => (await gaugeValue(node.metrics.connectionsOpen, { transport: 'longpoll' })) >= 2,
  );
  const third = await fetch(`${node.url}/poll?wait_ms=20000`, { method: 'POST', body: cursor });
  t.equal(third.status, 429, 'a fourth place from one IP (a socket and two held polls before it) is refused');
  t.ok(Number(third.headers.get('retry-after')) > 0, 'with Retry-After');
  const socket = await TestClient.connect(node.wsUrl).catch((err: { status?: number }) => err.status);
  t.equal(socket, 429, 'polls and sockets share the count');
  controller.abort();
  await Promise.all(held);
  await waitFor(
    'the held polls to finish',
    async () => (await gaugeValue(node.metrics.connectionsOpen, { transport: 'longpoll' })) === 0,
  );
  const again = await fetch(`${node.url}/poll?wait_ms=0`, { method: 'POST', body: cursor });
  t.equal(again.status, 200, 'places freed by finished polls are usable again');
  const foreign = await fetch(`${node.url}/poll?wait_ms=0`, {
    method: 'POST',
    body: cursor,
    headers: { origin: 'https://evil.example.net' },
  });
  t.equal(foreign.status, 403, 'a browser poll from a disallowed origin is refused');
});

t.test('a poll body over the limit and an authorization header that is not a bearer token are refused', async (t) => {
  const node = await startTestNode({ MAX_FRAME_BYTES: '256' });
  t.teardown(() => node.drain());
  const limit = 256 * 32;
  const tooLarge = await fetch(`${node.url}/poll?wait_ms=0`, { method: 'POST', body: new Uint8Array(limit + 1) });
  t.equal(tooLarge.status, 413);
  t.same(
    await tooLarge.json(),
    { error: 'too_large', message: `request bodies are limited to ${limit} bytes` },
    "the admin API's answer",
  );
  const basic = await fetch(`${node.url}/poll?wait_ms=0`, {
    method: 'POST',
    body: pollBody({ ping: { clientTimeMs: 1 } }),
    headers: { authorization: 'Basic dXNlcjpwYXNz' },
  });
  t.equal(basic.status, 401);
  t.equal(((await basic.json()) as { error: string }).error, 'unauthenticated');
});
