import t from 'tap';
import { ClientClosedError, createWxClient } from 'danmaku-client/wx';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { EventLog } from '../helpers/sdk.js';
import { FakeWx } from '../helpers/wx.js';

// A retry this far away proves that an event, not the timer, brought the connection back.
const SLOW_RETRY = { baseMs: 60_000, capMs: 60_000 };

t.test(
  'wx adapter: posts and receives over a wx SocketTask; network back and onAppShow reconnect at once',
  async (t) => {
    const node = await startTestNode();
    t.teardown(() => node.drain());
    const wx = new FakeWx();
    const client = createWxClient({
      wx,
      urls: node.wsUrl,
      token: token({ sub: 'wx-user' }),
      reconnect: SLOW_RETRY,
      random: () => 0.5,
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('live');
    client.connect();
    await log.next('joined', (j) => j.room === 'live');
    const receipt = await client.post('live', '小程序弹幕', { color: 0x00ff00, mode: 1 });
    const drawn = await log.next('danmaku');
    t.same(
      drawn.items.map((d) => [d.id, d.text, d.color, d.mode, d.userId]),
      [[receipt.id, '小程序弹幕', 0x00ff00, 1, 'wx-user']],
    );

    wx.networkChanged(false);
    wx.killSockets();
    const waiting = await log.next('reconnecting');
    t.equal(waiting.delayMs, 30_000, 'the timer alone would wait 30 s');
    const startedAt = Date.now();
    wx.networkChanged(true, '4g');
    await log.next('open', (o) => o.reconnected);
    t.ok(Date.now() - startedAt < 2000, 'network back: reconnected at once');
    await log.next('joined', (j) => j.room === 'live' && j.resumed);

    wx.appHidden();
    wx.killSockets();
    await log.next('reconnecting');
    const shownAt = Date.now();
    wx.appShown();
    await log.next('open', (o) => o.reconnected);
    t.ok(Date.now() - shownAt < 2000, 'back in the foreground: reconnected at once');
    t.equal(log.of('connecting').length, 3, 'one attempt per event, no extra ones');
  },
);

t.test('wx adapter: the outbox survives an app restart in wx storage and is delivered once', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const storage = new Map<string, unknown>();
  const viewer = await TestClient.connect(node.wsUrl);
  t.teardown(() => viewer.close());
  await viewer.join('live');

  // First run: offline — the only server address reaches nothing.
  const firstRun = createWxClient({
    wx: new FakeWx(storage),
    urls: 'ws://127.0.0.1:1/ws',
    token: token({ sub: 'wx-user' }),
    reconnect: SLOW_RETRY,
  });
  firstRun.connect();
  const lost = firstRun.post('live', '断网时发的');
  const second = firstRun.post('live', '第二条');
  t.equal(firstRun.outboxSize, 2);
  firstRun.close();
  t.ok(
    (await lost.catch((err: unknown) => err)) instanceof ClientClosedError,
    'the first run is told the comment was not sent yet',
  );
  await second.catch(() => undefined);
  t.match(String(storage.get('danmaku.outbox.v1')), /断网时发的/, 'stored with wx.setStorageSync');

  const secondRun = createWxClient({ wx: new FakeWx(storage), urls: node.wsUrl, token: token({ sub: 'wx-user' }) });
  const log = new EventLog(secondRun);
  t.teardown(() => secondRun.close());
  t.equal(secondRun.outboxSize, 2, 'restored from storage');
  secondRun.connect();
  await log.next('posted', (p) => p.ok);
  await log.next('posted', (p) => p.ok);
  await viewer.nextKind('batch', (b) => b.items?.some((d) => d.text === '第二条') ?? false);
  t.same(
    viewer.danmaku('live').map((d) => d.text),
    ['断网时发的', '第二条'],
    'delivered in order, once each',
  );
  t.equal(storage.get('danmaku.outbox.v1'), '[]', 'the stored outbox is empty again');
});
