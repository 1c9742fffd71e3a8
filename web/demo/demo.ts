import {
  createBrowserClient,
  PostRejectedError,
  RateLimitedError,
  type ClientEvent,
  type Danmaku,
} from 'danmaku-client/browser';
import { errorMessage } from '../shared/messages.js';

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'lobby';
const MAX_ATTEMPTS = 20;
const LANE_HEIGHT = 30;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`demo page is missing #${id}`);
  return found as T;
}

const stage = element<HTMLElement>('stage');
const layer = element<HTMLElement>('layer');
const stateLabel = element<HTMLElement>('state');
const transportLabel = element<HTMLElement>('transport');
const viewersLabel = element<HTMLElement>('viewers');
const statusLine = element<HTMLElement>('status');
const form = element<HTMLFormElement>('composer');
const textInput = element<HTMLInputElement>('text');
const sendButton = element<HTMLButtonElement>('send');
element<HTMLElement>('room-name').textContent = room;

/** Lanes per mode: a lane is free again once its last danmaku has moved clear of the right edge (scroll) or faded (top/bottom). */
const laneFreeAt: Record<number, number[]> = { 0: [], 1: [], 2: [] };

function pickLane(mode: number, busyMs: number): number {
  const lanes = Math.max(1, Math.floor(stage.clientHeight / LANE_HEIGHT / (mode === 0 ? 1 : 3)));
  const free = laneFreeAt[mode] ?? [];
  const now = performance.now();
  let lane = 0;
  for (let i = 0; i < lanes; i++) {
    if ((free[i] ?? 0) <= now) {
      lane = i;
      break;
    }
    if ((free[i] ?? 0) < (free[lane] ?? 0)) lane = i;
  }
  free[lane] = now + busyMs;
  laneFreeAt[mode] = free;
  return lane;
}

function draw(d: Danmaku): void {
  const node = document.createElement('div');
  const mode = d.mode === 1 ? 'top' : d.mode === 2 ? 'bottom' : 'scroll';
  node.className = `dm ${mode}`;
  node.dataset.id = d.id;
  node.textContent = d.text;
  node.style.color = `#${d.color.toString(16).padStart(6, '0')}`;
  const width = stage.clientWidth;
  node.style.setProperty('--stage-width', `${width}px`);
  if (mode === 'scroll') {
    const lane = pickLane(0, 2500);
    node.style.top = `${lane * LANE_HEIGHT + 8}px`;
  } else {
    const lane = pickLane(d.mode, 4000);
    if (mode === 'top') node.style.top = `${lane * LANE_HEIGHT + 8}px`;
    else node.style.bottom = `${lane * LANE_HEIGHT + 8}px`;
  }
  node.addEventListener('animationend', () => node.remove());
  layer.append(node);
}

function showState(event: ClientEvent): void {
  switch (event.type) {
    case 'connecting':
      if (client.state === 'connecting') setState('connecting', '连接中…');
      return;
    case 'open':
      transportLabel.textContent = event.transport === 'longpoll' ? '长轮询' : 'WebSocket';
      return setState('open', event.reconnected ? `已重连 (${event.downtimeMs} ms)` : '已连接');
    case 'reconnecting':
      return setState(
        'reconnecting',
        `重连中 (${event.attempt}/${event.maxAttempts === Infinity ? '∞' : event.maxAttempts})`,
      );
    case 'closed':
      return setState('closed', event.reason === 'auth' ? '已断开：令牌无效' : '已断开');
    default:
      return;
  }
}

function setState(state: string, text: string): void {
  stateLabel.dataset.state = state;
  stateLabel.textContent = text;
}

async function demoToken(): Promise<string | undefined> {
  const given = params.get('token');
  if (given !== null) return given;
  // Only a dev node (its AUTH_SECRET generated for this run) answers this.
  const response = await fetch('/demo/token').catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  const body = (await response.json()) as { token?: string };
  return body.token;
}

const token = await demoToken();
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const client = createBrowserClient({
  urls: wsUrl,
  token,
  reconnect: { maxAttempts: MAX_ATTEMPTS },
  poll: { force: params.get('transport') === 'longpoll' },
});
for (const type of ['connecting', 'open', 'reconnecting', 'closed'] as const) client.on(type, showState);
client.on('danmaku', (event) => event.items.forEach(draw));
client.on('joined', (event) => {
  viewersLabel.textContent = `观众 ${event.viewers}`;
});
client.on('gap', () => {
  statusLine.textContent = '网络中断期间的部分弹幕已无法补回';
});
client.on('recall', (event) => {
  for (const id of event.ids) layer.querySelector(`[data-id="${CSS.escape(id)}"]`)?.remove();
});
const noticeBanner = element<HTMLElement>('notice');
client.on('notice', (event) => {
  noticeBanner.textContent = `📢 公告：${event.text}`;
  noticeBanner.hidden = false;
});

if (token === undefined) {
  textInput.disabled = true;
  sendButton.disabled = true;
  textInput.placeholder = '只读：在地址后加 ?token=… 才能发弹幕';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const text = textInput.value.trim();
  if (text === '') return;
  const color = Number.parseInt((form.elements.namedItem('color') as HTMLInputElement).value.slice(1), 16);
  const mode = Number((form.elements.namedItem('mode') as HTMLSelectElement).value);
  textInput.value = '';
  statusLine.textContent = client.state === 'open' ? '' : '已暂存，重连后发送';
  client.post(room, text, { color, mode }).then(
    () => {
      statusLine.textContent = '';
    },
    (err: unknown) => {
      statusLine.textContent =
        err instanceof RateLimitedError
          ? `发得太快了，${Math.ceil(err.retryAfterMs / 1000)} 秒后再试`
          : err instanceof PostRejectedError
            ? `发送失败：${errorMessage(err.code)}`
            : '发送失败';
    },
  );
});

client.join(room);
client.connect();
