import { readFileSync } from 'node:fs';
import { compileFunction } from 'node:vm';
import t from 'tap';
import { measureWxBundle } from '../../scripts/build-client.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { FakeWx } from '../helpers/wx.js';

// Budget for the mini-program SDK (min+gzip). Measured 22.3 KB (2.2 KB of it fflate's inflate);
// `long` or a full protobufjs would add 10+ KB.
const GZIP_BUDGET_BYTES = 24 * 1024;

const built = measureWxBundle();

t.test('the mini-program SDK bundle is small and bundles neither long nor node modules', async (t) => {
  const { minBytes, gzipBytes, text } = await built;
  t.comment(`mini-program SDK: ${minBytes} B minified, ${gzipBytes} B minified+gzip`);
  t.ok(gzipBytes < GZIP_BUDGET_BYTES, `${gzipBytes} B min+gzip within the ${GZIP_BUDGET_BYTES} B budget`);
  t.notOk(text.includes('__isLong__'), 'the long package is not bundled');
  t.notOk(
    /require\("(ws|protobufjs[^"]*)"\)/.test(text),
    'nothing but an optional, guarded require("long") is left for run time',
  );
});

type PageInstance = {
  data: Record<string, unknown> & { stateClass?: string; danmakus?: { text: string }[] };
  setData(patch: Record<string, unknown>): void;
  onLoad(query: Record<string, string>): void;
  onUnload(): void;
  onInput(event: { detail: { value: string } }): void;
  send(): void;
};

t.test('the mini-program example page runs on the minified bundle: connects, draws, posts', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const { text } = await built;
  const sdk = { exports: {} as Record<string, unknown> };
  (compileFunction(text, ['module', 'exports', 'require']) as (...args: unknown[]) => void)(
    sdk,
    sdk.exports,
    (name: string) => {
      throw new Error(`the bundle required ${name}`);
    },
  );

  const wx = new FakeWx();
  (globalThis as { wx?: FakeWx }).wx = wx;
  t.teardown(() => delete (globalThis as { wx?: FakeWx }).wx);
  let page: PageInstance | undefined;
  const changed: (() => void)[] = [];
  const Page = (definition: Omit<PageInstance, 'setData'>) => {
    page = {
      ...definition,
      data: { ...definition.data },
      setData(patch) {
        Object.assign(this.data, patch);
        for (const wake of changed.splice(0)) wake();
      },
    };
  };
  const until = async (ready: (p: PageInstance) => boolean) => {
    while (page === undefined || !ready(page)) await new Promise<void>((resolve) => changed.push(resolve));
  };
  const getApp = () => ({ globalData: { urls: [node.wsUrl], token: token({ sub: 'mp-user' }) } });
  const source = readFileSync('examples/miniprogram/pages/live/live.js', 'utf8');
  (compileFunction(source, ['require', 'Page', 'getApp', 'wx']) as (...args: unknown[]) => void)(
    (path: string) => {
      if (path !== '../../lib/danmaku-wx.js') throw new Error(`unexpected require ${path}`);
      return sdk.exports;
    },
    Page,
    getApp,
    wx,
  );
  if (page === undefined) throw new Error('live.js did not call Page()');
  const live: PageInstance = page;
  live.onLoad({ room: 'mp' });
  t.teardown(() => live.onUnload());
  await until((p) => p.data.stateClass === 'open' && p.data.viewers === 1);

  const viewer = await TestClient.connect(node.wsUrl, { token: token({ sub: 'web-user' }) });
  t.teardown(() => viewer.close());
  await viewer.join('mp');
  viewer.send({ comment: { room: 'mp', clientMsgId: 'w1', text: '网页端来的' } });
  await until((p) => p.data.danmakus?.some((d) => d.text === '网页端来的') ?? false);
  t.ok(
    live.data.danmakus?.some((d) => d.text === '网页端来的'),
    'the page drew a danmaku posted elsewhere',
  );

  live.onInput({ detail: { value: '来自小程序' } });
  live.send();
  const batch = await viewer.nextKind('batch', (b) => b.items?.some((d) => d.text === '来自小程序') ?? false);
  t.equal(batch.items?.[0]?.userId, 'mp-user', 'the page posted with its token');
});
