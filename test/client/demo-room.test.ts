import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import t, { type Test } from 'tap';
import { buildDemo } from '../../scripts/build-client.js';
import { launchChromium } from '../helpers/chromium.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';

const ARTIFACTS = 'test-artifacts';

await buildDemo();
const node = await startTestNode({ PRESENCE_INTERVAL_MS: '500', COMMENT_RATE_PER_SEC: '1000', COMMENT_BURST: '1000' });
t.teardown(() => node.drain());
const browser = await launchChromium();
t.teardown(() => browser.close());
mkdirSync(ARTIFACTS, { recursive: true });
const adminHeaders = {
  authorization: `Bearer ${token({ sub: 'mod', role: 'admin' })}`,
  'content-type': 'application/json',
};

interface Span {
  readonly row: string;
  readonly mode: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly opacity: number;
}

/** Every placed danmaku that is on the stage now, read in one frame. */
function onStage(page: Page): Promise<Span[]> {
  return page.evaluate(() => {
    const stage = document.getElementById('stage')?.getBoundingClientRect();
    if (stage === undefined) return [];
    return Array.from(document.querySelectorAll<HTMLElement>('.dm.placed'))
      .map((el) => {
        const rect = el.getBoundingClientRect();
        return {
          row: el.dataset.row ?? '',
          mode: el.classList.contains('scroll') ? 'scroll' : 'pinned',
          left: rect.left,
          right: rect.right,
          top: rect.top,
          bottom: rect.bottom,
          opacity: Number(getComputedStyle(el).opacity),
        };
      })
      .filter((span) => span.left < stage.right - 0.5 && span.right > stage.left && span.opacity > 0);
  });
}

/** Pairs of danmaku that cover each other now: two in one lane side by side, or a pinned one over a scroll one. */
function collisions(spans: readonly Span[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < spans.length; i++)
    for (let j = i + 1; j < spans.length; j++) {
      const [a, b] = [spans[i] as Span, spans[j] as Span];
      const sameRow = a.row === b.row && a.mode === b.mode;
      const horizontal = a.left < b.right && b.left < a.right;
      const vertical = a.top < b.bottom && b.top < a.bottom;
      if (sameRow && (a.mode === 'pinned' || horizontal))
        found.push(`row ${a.row}: ${a.left}-${a.right} / ${b.left}-${b.right}`);
      else if (a.mode !== b.mode && vertical) found.push(`${a.mode} ${a.row} over ${b.mode} ${b.row}`);
    }
  return found;
}

async function flood(poster: TestClient, room: string, count: number): Promise<void> {
  const texts = [
    '好',
    '哈哈哈哈',
    '这个操作太秀了吧！！！',
    '前方高能预警，非战斗人员请撤离',
    '666',
    '主播今天状态真好，弹幕护体',
  ];
  for (let i = 0; i < count; i++) {
    const text = `${texts[i % texts.length]}${i}`;
    const mode = i % 7 === 3 ? 1 : i % 7 === 5 ? 2 : 0;
    poster.send({ comment: { room, clientMsgId: `f${i}`, text, mode, color: 0xffffff } });
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

async function checkLanes(t: Test, page: Page, label: string, samples: number): Promise<number> {
  let seen = 0;
  for (let i = 0; i < samples; i++) {
    const spans = await onStage(page);
    seen = Math.max(seen, spans.length);
    const found = collisions(spans);
    if (found.length > 0) t.fail(`${label}: overlapping danmaku at sample ${i}: ${found.join('; ')}`);
    await new Promise((resolve) => setTimeout(resolve, 120));
  }
  return seen;
}

t.test('desktop: lanes never overlap, the viewer count is live, a favicon, no 404', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.teardown(() => context.close());
  const page = await context.newPage();
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${node.url}/?room=lanes&token=${token({ sub: 'watcher' })}`);
  await page.locator('#viewers', { hasText: '观众 1' }).waitFor();

  const second = await context.newPage();
  await second.goto(`${node.url}/?room=lanes`);
  await page.locator('#viewers', { hasText: '观众 2' }).waitFor({ timeout: 1500 });
  t.match(await page.locator('#viewers').textContent(), '观众 2', 'the count rises when a second viewer joins');
  await second.close();
  await page.locator('#viewers', { hasText: '观众 1' }).waitFor({ timeout: 1500 });
  t.match(await page.locator('#viewers').textContent(), '观众 1', 'and falls when it leaves');

  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster' }) });
  t.teardown(() => poster.ws.terminate());
  await poster.join('lanes');
  const flooding = flood(poster, 'lanes', 60);
  const seen = await checkLanes(t, page, 'desktop', 30);
  await flooding;
  t.ok(seen >= 8, `up to ${seen} danmaku on the stage at once, none overlapping`);
  await page.screenshot({ path: `${ARTIFACTS}/demo-desktop.png` });

  const favicon = await fetch(`${node.url}/favicon.ico`);
  t.equal(favicon.status, 200);
  t.equal(favicon.headers.get('content-type'), 'image/svg+xml');
  t.same(missing, [], 'the page asked for nothing that is missing');
  t.same(errors, []);
});

t.test('phone: the send button stays on one line, pinned text keeps off the scroll lanes', async (t) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  t.teardown(() => context.close());
  const page = await context.newPage();
  await page.goto(`${node.url}/?room=phone&token=${token({ sub: 'phone-user' })}`);
  await page.locator('#state[data-state="open"]').waitFor();
  const layout = await page.evaluate(() => {
    const send = document.getElementById('send') as HTMLElement;
    const controls = Array.from(document.querySelectorAll<HTMLElement>('#composer > *'));
    return {
      tops: controls.map((el) => el.getBoundingClientRect().top),
      sendHeight: send.getBoundingClientRect().height,
      sendFits: send.scrollWidth <= send.clientWidth,
      pageWidth: document.documentElement.scrollWidth,
    };
  });
  t.equal(new Set(layout.tops).size, 1, 'the composer is one row');
  t.ok(layout.sendFits && layout.sendHeight <= 40, `发送 on one line (${layout.sendHeight}px high)`);
  t.ok(layout.pageWidth <= 375, 'nothing sticks out sideways');

  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'poster-2' }) });
  t.teardown(() => poster.ws.terminate());
  await poster.join('phone');
  const flooding = flood(poster, 'phone', 40);
  await checkLanes(t, page, 'phone', 20);
  await flooding;
  await page.locator('.dm.top.placed').first().waitFor();
  await page.screenshot({ path: `${ARTIFACTS}/demo-phone.png` });
});

t.test('messages in Chinese; the input is disabled with the reason when read-only, banned or kicked', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
  t.teardown(() => context.close());
  const readOnly = await context.newPage();
  // A node with a configured AUTH_SECRET hands out no demo token: without ?token= the page is read-only.
  await readOnly.goto(`${node.url}/?room=rules`);
  // The page asks /demo/token first (a module's top-level await that can outlast the load event).
  await readOnly.locator('#text[placeholder*="只读"]').waitFor();
  t.ok(await readOnly.locator('#text').isDisabled(), 'read-only: disabled');
  t.match(await readOnly.locator('#text').getAttribute('placeholder'), /只读/);

  const banned = await context.newPage();
  await banned.goto(`${node.url}/?room=rules&token=${token({ sub: 'spammer' })}`);
  await banned.locator('#state[data-state="open"]').waitFor();
  const ban = await fetch(`${node.url}/admin/v1/bans`, {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ userId: 'spammer', room: 'rules', durationSeconds: 600, reason: 'spam' }),
  });
  t.equal(ban.status, 201);
  await banned.fill('#text', '买买买');
  await banned.click('#send');
  await banned.locator('#status', { hasText: '发送失败：你已被封禁，不能发言' }).waitFor({ timeout: 5000 });
  t.ok(await banned.locator('#text').isDisabled(), 'banned: disabled');
  t.equal(await banned.locator('#text').getAttribute('placeholder'), '你已被封禁，不能发言');
  t.notMatch(await banned.locator('#status').textContent(), /BANNED/, 'no raw code');

  const kicked = await context.newPage();
  await kicked.goto(`${node.url}/?room=rules&token=${token({ sub: 'rude' })}`);
  await kicked.locator('#state[data-state="open"]').waitFor();
  const kick = await fetch(`${node.url}/admin/v1/kick`, {
    method: 'POST',
    headers: adminHeaders,
    body: JSON.stringify({ userId: 'rude', reason: 'rude' }),
  });
  t.equal(kick.status, 202);
  await kicked.locator('#state[data-state="closed"]', { hasText: '你已被管理员请出房间' }).waitFor();
  t.ok(await kicked.locator('#text').isDisabled(), 'kicked: disabled');
  t.equal(await kicked.locator('#text').getAttribute('placeholder'), '你已被管理员请出房间');
  await kicked.screenshot({ path: `${ARTIFACTS}/demo-kicked.png` });
});
