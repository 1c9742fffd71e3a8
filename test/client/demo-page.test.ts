import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import t from 'tap';
import { buildDemo } from '../../scripts/build-client.js';
import { launchChromium } from '../helpers/chromium.js';
import { startTestNode, token } from '../helpers/node.js';
import { TcpProxy } from '../helpers/proxy.js';

async function stateOf(page: Page, state: string): Promise<string> {
  const label = page.locator(`#state[data-state="${state}"]`);
  await label.waitFor({ timeout: 20_000 });
  return (await label.textContent()) ?? '';
}

async function post(page: Page, text: string, mode: string, color: string): Promise<void> {
  await page.fill('#text', text);
  await page.selectOption('#mode', mode);
  await page.locator('#color').evaluate((input, value) => {
    (input as HTMLInputElement).value = value;
  }, color);
  await page.click('#send');
}

t.test(
  'demo page in Chromium: one page posts, the other draws it; a server restart shows 重连中 and the room resumes',
  async (t) => {
    await buildDemo();
    let node = await startTestNode({ DRAIN_RECONNECT_MAX_MS: '0' });
    t.teardown(() => node.drain());
    // Browsers keep idle HTTP connections to a stopped server half-open, which blocks binding its
    // port again for up to a minute; the pages reach the nodes through a proxy instead.
    const proxy = await TcpProxy.start(node.port);
    t.teardown(() => proxy.close());
    const browser = await launchChromium();
    t.teardown(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
    const [alice, bob] = [await context.newPage(), await context.newPage()];
    const pageErrors: string[] = [];
    for (const page of [alice, bob]) page.on('pageerror', (err) => pageErrors.push(err.message));
    await alice.goto(`${proxy.url}/?room=demo&token=${token({ sub: 'alice' })}`);
    await bob.goto(`${proxy.url}/?room=demo&token=${token({ sub: 'bob' })}`);
    t.equal(await stateOf(alice, 'open'), '已连接');
    await stateOf(bob, 'open');
    await bob.locator('#viewers', { hasText: '观众 2' }).waitFor();

    await post(alice, '你好，弹幕！', '0', '#ffcc00');
    const drawn = bob.locator('.dm.scroll', { hasText: '你好，弹幕！' });
    await drawn.waitFor();
    t.equal(
      await drawn.evaluate((el) => getComputedStyle(el).color),
      'rgb(255, 204, 0)',
      'drawn in the poster’s colour',
    );
    await post(alice, '顶部公告样式', '1', '#66ccff');
    await bob.locator('.dm.top', { hasText: '顶部公告样式' }).waitFor();

    await node.drain();
    const reconnecting = await stateOf(bob, 'reconnecting');
    t.match(reconnecting, /^重连中 \(\d+\/20\)$/, `the page says it is reconnecting: ${reconnecting}`);
    node = await startTestNode();
    proxy.targetPort = node.port;
    t.match(await stateOf(bob, 'open'), /^已重连/);
    await stateOf(alice, 'open');
    await post(alice, '重连之后还在', '2', '#ff66aa');
    await bob.locator('.dm.bottom', { hasText: '重连之后还在' }).waitFor();
    await post(alice, '第二条滚动弹幕', '0', '#ffffff');
    await bob.locator('.dm.scroll', { hasText: '第二条滚动弹幕' }).waitFor();
    t.equal(await bob.locator('.dm', { hasText: '重连之后还在' }).count(), 1, 'drawn once');
    mkdirSync('test-artifacts', { recursive: true });
    await bob.screenshot({ path: 'test-artifacts/demo-page.png' });
    t.same(pageErrors, [], 'no script errors on the pages');
  },
);

t.test('a dev node hands the page a demo token; a node with a configured secret does not', async (t) => {
  const dev = await startTestNode({ AUTH_SECRET: '' });
  t.teardown(() => dev.drain());
  const configured = await startTestNode();
  t.teardown(() => configured.drain());
  const response = await fetch(`${dev.url}/demo/token`);
  t.equal(response.status, 200);
  t.match(((await response.json()) as { token: string }).token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  t.equal((await fetch(`${configured.url}/demo/token`)).status, 404);
  t.equal((await fetch(`${configured.url}/`)).headers.get('content-type'), 'text/html; charset=utf-8');
});
