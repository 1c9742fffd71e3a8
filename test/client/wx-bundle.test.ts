import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import type * as WxSdk from 'danmaku-client/wx';
import { startBlackhole } from '../helpers/blackhole.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { EventLog } from '../helpers/sdk.js';
import { FakeWx } from '../helpers/wx.js';
import { WxRuntime, miniprogramSdkPath } from '../helpers/wx-runtime.js';
import { waitFor } from '../helpers/wait.js';

// Budget for the mini-program SDK (min+gzip). Measured 23.9 KB before the compact layout (issue 16),
// 25.3 KB with it (its decoders 0.8 KB, preset dictionary 1 0.6 KB): the SDK, the client's half of the
// generated protobuf code, protobufjs/minimal, fflate's inflate and a pure-JS UTF-8 decoder;
// `long` or a full protobufjs would add 10+ KB. Room affinity (rendezvous hashing of the URLs,
// packages/client/src/affinity.ts) added 0.3 KB: 25.8 KB.
const GZIP_BUDGET_BYTES = 26 * 1024;

const FAST = { baseMs: 200, capMs: 400, maxAttempts: Infinity, stableAfterMs: 60_000 };

/** What a mini-program may not use: absent from WeChat's runtime, so absent from the test realm. */
const NOT_IN_WECHAT = [
  'TextDecoder',
  'TextEncoder',
  'WebSocket',
  'fetch',
  'Buffer',
  'process',
  'URL',
  'crypto',
  'queueMicrotask',
  'globalThis',
  'require',
  'global',
  'window',
  'self',
];

// Emoji (with a skin-tone modifier and a ZWJ sequence), CJK extension B, and lone surrogates of
// both halves, alone, at the end, and in the wrong order.
const TEXTS = [
  '前方高能！弹幕护体',
  '😀👍🏻 表情 👨‍👩‍👧',
  '𠮷野家 𩸽 (U+20BB7, U+29E3D)',
  'lone high \uD83D in the middle',
  'lone low \uDE00 in the middle',
  'reversed pair \uDE00\uD83D!',
  'ends with a high half \uD83D',
  '长弹幕'.repeat(30),
];

/** What a viewer must see for a posted text: lone surrogates become one U+FFFD each, nothing else changes. */
function expected(text: string): string {
  return new TextDecoder().decode(new TextEncoder().encode(text));
}

const sdkSource = readFileSync(miniprogramSdkPath(), 'utf8');

t.test('the mini-program SDK is one small CommonJS file that requires nothing at run time', async (t) => {
  const gzipBytes = gzipSync(Buffer.from(sdkSource), { level: 9 }).length;
  t.comment(`mini-program SDK: ${Buffer.byteLength(sdkSource)} B minified, ${gzipBytes} B minified+gzip`);
  t.ok(gzipBytes < GZIP_BUDGET_BYTES, `${gzipBytes} B min+gzip within the ${GZIP_BUDGET_BYTES} B budget`);
  t.notOk(sdkSource.includes('__isLong__'), 'the long package is not bundled');
  t.same(
    [...sdkSource.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]),
    ['long'],
    "nothing but protobufjs's optional, guarded require('long')",
  );
});

/** The SDK loaded in a realm with only what WeChat's runtime has, its wx backed by real sockets. */
function wxRealm(): { runtime: WxRuntime; wx: FakeWx; sdk: typeof WxSdk } {
  const wx: FakeWx = new FakeWx(new Map(), (bytes) => runtime.arrayBuffer(bytes));
  const runtime: WxRuntime = new WxRuntime(wx);
  const sdk = runtime.load(sdkSource, 'miniprogram_npm/danmaku-client/index.js') as unknown as typeof WxSdk;
  return { runtime, wx, sdk };
}

t.test(
  'in a realm with only ES2017, timers and wx: connects past a dead URL, keeps CJK and emoji intact both ways, resumes after the socket dies',
  async (t) => {
    const { runtime, wx, sdk } = wxRealm();
    t.same(
      NOT_IN_WECHAT.filter((name) => runtime.globalNames().includes(name)),
      [],
      'the realm has none of the globals WeChat lacks',
    );
    // Both posters send a burst of eight; the default per-user burst is smaller.
    const node = await startTestNode({ COMMENT_BURST: '50', COMMENT_RATE_PER_SEC: '100' });
    t.teardown(() => node.drain());
    const blackhole = await startBlackhole();
    t.teardown(() => blackhole.close());

    const connectTimeoutMs = 1500;
    const client = sdk.createWxClient({
      urls: [blackhole.wsUrl, node.wsUrl],
      token: token({ sub: 'mp-user' }),
      connectTimeoutMs,
      reconnect: FAST,
    });
    const log = new EventLog(client);
    t.teardown(() => client.close());
    client.join('mp');
    const startedAt = Date.now();
    client.connect();
    const timedOut = await log.next('reconnecting');
    t.equal(timedOut.code, 4004, 'the silent URL is abandoned at the connect deadline');
    await log.next('joined', (j) => j.room === 'mp');
    const tookMs = Date.now() - startedAt;
    t.ok(tookMs < connectTimeoutMs + FAST.baseMs + 2000, `open on the healthy URL after ${tookMs} ms`);
    t.same(wx.connected, [blackhole.wsUrl, node.wsUrl], 'the next URL was tried');

    const viewer = await TestClient.connect(node.wsUrl, { token: token({ sub: 'web-user' }) });
    t.teardown(() => viewer.close());
    await viewer.join('mp');
    for (const text of TEXTS) await client.post('mp', text);
    await viewer.nextKind('batch', (b) => b.items?.some((d) => d.text === expected(TEXTS.at(-1) ?? '')) ?? false);
    t.same(
      viewer.danmaku('mp').map((d) => d.text),
      TEXTS.map(expected),
      'posted from the mini-program: what a Node viewer decodes',
    );
    t.same(log.texts('mp'), TEXTS.map(expected), 'and what the mini-program itself drew');

    // A raw client is not the SDK: it sends well-formed text itself (the server refuses invalid UTF-8).
    for (const [i, text] of TEXTS.entries())
      viewer.send({ comment: { room: 'mp', clientMsgId: `w${i}`, text: `网页：${expected(text)}` } });
    const fromWeb = TEXTS.map((text) => expected(`网页：${text}`));
    while (log.texts('mp').length < TEXTS.length * 2) await log.next('danmaku');
    t.same(log.texts('mp').slice(TEXTS.length), fromWeb, 'posted from a Node client: what the mini-program decodes');

    wx.killSockets();
    await log.next('reconnecting');
    viewer.send({ comment: { room: 'mp', clientMsgId: 'away', text: '断线期间的弹幕 🚀' } });
    await viewer.nextKind('ack', (a) => a.clientMsgId === 'away');
    await log.next('open', (o) => o.reconnected);
    const resumed = await log.next('joined', (j) => j.room === 'mp' && j.resumed);
    t.equal(resumed.gap, false, 'resumed without a gap');
    await log.next('danmaku', (d) => d.items.some((i) => i.text === '断线期间的弹幕 🚀'));
    t.same(log.texts('mp').slice(TEXTS.length * 2), ['断线期间的弹幕 🚀'], 'the missed danmaku replayed once');
  },
);

type PageData = {
  state: string;
  stateClass: string;
  viewers: number;
  slots: { key: string; show: boolean; text: string }[];
  canPost: boolean;
};
type PageInstance = {
  data: PageData;
  setData(patch: Record<string, unknown>): void;
  onLoad(query: Record<string, string>): void;
  onUnload(): void;
  onInput(event: { detail: { value: string } }): void;
  send(): void;
};

/** Applies a setData patch the way WeChat does: keys are data paths ('slots[3]', 'slots[3].show'). */
function applyPatch(data: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(patch)) {
    const keys = path.split(/[.[\]]+/).filter((k) => k !== '');
    let target = data;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys.at(-1) as string] = value;
  }
}

t.test(
  'the example page on the SDK from its npm build: setData batched per frame with path updates, capped slots, live viewer count, reconnect state, Chinese errors',
  async (t) => {
    const out = mkdtempSync(join(tmpdir(), 'miniprogram-npm-'));
    t.teardown(() => rmSync(out, { recursive: true, force: true }));
    execFileSync(process.execPath, ['examples/miniprogram/scripts/build-npm.js', out]);
    const node = await startTestNode({
      COMMENT_BURST: '200',
      COMMENT_RATE_PER_SEC: '1000',
      PRESENCE_INTERVAL_MS: '500',
    });
    t.teardown(() => node.drain());

    let page: PageInstance | undefined;
    const patches: Record<string, unknown>[] = [];
    let mostShown = 0;
    const changed: (() => void)[] = [];
    const Page = (definition: Omit<PageInstance, 'setData'>) => {
      page = {
        ...definition,
        data: structuredClone(definition.data),
        setData(patch) {
          patches.push(patch);
          applyPatch(this.data, patch);
          mostShown = Math.max(mostShown, this.data.slots.filter((s) => s.show).length);
          for (const wake of changed.splice(0)) wake();
        },
      };
    };
    const until = async (ready: (data: PageData) => boolean, what: string) => {
      const deadline = Date.now() + 15_000;
      while (page === undefined || !ready(page.data)) {
        if (Date.now() > deadline) throw new Error(`the page never showed ${what}`);
        await new Promise<void>((resolve) => {
          changed.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    };
    const getApp = () => ({ globalData: { urls: [node.wsUrl], token: token({ sub: 'mp-user' }) } });
    const wx: FakeWx = new FakeWx(new Map(), (bytes) => runtime.arrayBuffer(bytes));
    const runtime: WxRuntime = new WxRuntime(wx, { Page, getApp });
    const sdk = runtime.load(
      readFileSync(join(out, 'danmaku-client/index.js'), 'utf8'),
      'miniprogram_npm/danmaku-client/index.js',
    );
    const messages = runtime.load(readFileSync('examples/miniprogram/utils/messages.js', 'utf8'), 'utils/messages.js');
    runtime.load(readFileSync('examples/miniprogram/pages/live/live.js', 'utf8'), 'pages/live/live.js', {
      'danmaku-client': sdk,
      '../../utils/messages.js': messages,
    });
    if (page === undefined) throw new Error('live.js did not call Page()');
    const live: PageInstance = page;
    live.onLoad({ room: 'mp' });
    t.teardown(() => live.onUnload());
    await until((d) => d.stateClass === 'open' && d.viewers === 1, 'the open state and one viewer');
    t.equal(live.data.state, '已连接');

    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
    t.teardown(() => poster.close());
    await poster.join('mp');
    await until((d) => d.viewers === 2, 'the live viewer count going to 2 (presence)');
    const burst = Array.from({ length: 60 }, (_, i) => `弹幕 ${i} 🎉`);
    const before = patches.length;
    for (const [i, text] of burst.entries()) poster.send({ comment: { room: 'mp', clientMsgId: `b${i}`, text } });
    await until((d) => d.slots.some((s) => s.show && s.text === burst.at(-1)), 'the last danmaku of the burst');
    const drawn = patches
      .slice(before)
      .flatMap((p) =>
        Object.values(p).flatMap((v) => (typeof v === 'object' && v !== null && 'text' in v ? [String(v.text)] : [])),
      );
    t.ok(patches.length - before < 10, `60 danmaku drawn in ${patches.length - before} setData calls`);
    t.ok(
      patches.slice(1).every((p) => !('slots' in p)),
      'after the first, setData sends only the slots that changed',
    );
    t.ok(mostShown <= 40, `at most 40 on screen (${mostShown})`);
    t.same(
      drawn,
      burst.filter((text) => drawn.includes(text)),
      `drawn in order (${drawn.length} of ${burst.length})`,
    );
    t.ok(
      burst.slice(-40).every((text) => drawn.includes(text)),
      'the newest 40 were all drawn: a full screen drops its oldest',
    );

    live.onInput({ detail: { value: '来自小程序 🐼' } });
    live.send();
    const batch = await poster.nextKind('batch', (b) => b.items?.some((d) => d.text === '来自小程序 🐼') ?? false);
    t.equal(batch.items?.[0]?.userId, 'mp-user', 'the page posted with its token');

    live.onInput({ detail: { value: '长'.repeat(101) } });
    live.send();
    await waitFor('a toast', () => wx.toasts.length > 0, { timeoutMs: 10_000, everyMs: 50 }).catch(() => undefined);
    t.same(wx.toasts, ['弹幕太长了'], 'a refusal is told in Chinese, not as a code');

    wx.killSockets();
    await until((d) => d.stateClass === 'reconnecting', 'the reconnecting state');
    t.match(live.data.state, /^重连中 \(1\/10\)$/);
    await until((d) => d.stateClass === 'open', 'the open state again');
  },
);
