import {
  ClientClosedError,
  createBrowserClient,
  OutboxFullError,
  PostRejectedError,
  RateLimitedError,
  type ClientEvent,
  type Danmaku,
} from 'danmaku-client/browser';
import { closeMessage, errorMessage } from '../shared/messages.js';
import { DEFAULT_LANE_OPTIONS, LaneAssigner } from './lanes.js';

const params = new URLSearchParams(location.search);
const room = params.get('room') ?? 'lobby';
const MAX_ATTEMPTS = 20;

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

const lanes = new LaneAssigner(DEFAULT_LANE_OPTIONS);

function draw(d: Danmaku): void {
  const node = document.createElement('div');
  const mode = d.mode === 1 ? 'top' : d.mode === 2 ? 'bottom' : 'scroll';
  node.className = `dm ${mode}`;
  node.dataset.id = d.id;
  node.textContent = d.text;
  node.style.color = `#${d.color.toString(16).padStart(6, '0')}`;
  // Laid out off-stage (right of it, or transparent) first: its width decides its lane and speed.
  layer.append(node);
  const stageSize = { width: stage.clientWidth, height: stage.clientHeight };
  const now = performance.now();
  const placement = lanes.place(d.mode, node.offsetWidth, stageSize, now);
  if (placement === undefined) {
    node.remove();
    return;
  }
  const offset = `${placement.row * DEFAULT_LANE_OPTIONS.rowHeight + 4}px`;
  if (mode === 'bottom') node.style.bottom = offset;
  else node.style.top = offset;
  node.dataset.row = `${mode === 'bottom' ? 'b' : 't'}${placement.row}`;
  const keyframes =
    mode === 'scroll'
      ? [{ transform: 'translateX(0)' }, { transform: `translateX(${-(stageSize.width + node.offsetWidth)}px)` }]
      : [
          { opacity: 0, offset: 0 },
          { opacity: 1, offset: 0.02 },
          { opacity: 1, offset: 0.9 },
          { opacity: 0, offset: 1 },
        ];
  const animation = node.animate(keyframes, { duration: placement.durationMs, easing: 'linear', fill: 'both' });
  // Pinned to the planned time on the document timeline (the clock of performance.now()): a frame
  // that renders late does not shift it, so the lane arithmetic holds on a busy page too.
  animation.startTime = now + placement.delayMs;
  animation.onfinish = () => node.remove();
  node.classList.add('placed');
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
      statusLine.textContent = event.code === 0 ? '' : closeMessage(event.code);
      return setState(
        'reconnecting',
        `重连中 (${event.attempt}/${event.maxAttempts === Infinity ? '∞' : event.maxAttempts})`,
      );
    case 'closed':
      setState('closed', `已断开：${closeMessage(event.code)}`);
      return disableInput(closeMessage(event.code));
    default:
      return;
  }
}

/** Posting is impossible now (kicked, banned, read-only): say why where the text would go. */
function disableInput(reason: string): void {
  textInput.disabled = true;
  sendButton.disabled = true;
  textInput.value = '';
  textInput.placeholder = reason;
  form.dataset.disabled = reason;
}

function setState(state: string, text: string): void {
  stateLabel.dataset.state = state;
  stateLabel.textContent = text;
}

let demoUser: string | undefined;

/**
 * A fresh demo token, always for the same demo user: the SDK calls this before each connect and
 * before the token expires (a refresh must keep the user). Only a dev node (its AUTH_SECRET
 * generated for this run) answers /demo/token.
 */
async function demoToken(): Promise<string | undefined> {
  const query = demoUser === undefined ? '' : `?sub=${encodeURIComponent(demoUser)}`;
  const response = await fetch(`/demo/token${query}`).catch(() => undefined);
  if (response === undefined || !response.ok) return undefined;
  const body = (await response.json()) as { token?: string; sub?: string };
  demoUser = body.sub;
  return body.token;
}

// ?token=… is a fixed token (it cannot be refreshed); otherwise the dev node hands out demo tokens.
const given = params.get('token') ?? undefined;
const token = given ?? (await demoToken());
const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const client = createBrowserClient({
  urls: wsUrl,
  token: given,
  getToken: given === undefined && token !== undefined ? demoToken : undefined,
  reconnect: { maxAttempts: MAX_ATTEMPTS },
  poll: { force: params.get('transport') === 'longpoll' },
});
for (const type of ['connecting', 'open', 'reconnecting', 'closed'] as const) client.on(type, showState);
client.on('danmaku', (event) => event.items.forEach(draw));
for (const type of ['joined', 'presence'] as const)
  client.on(type, (event) => {
    if (event.room === room) viewersLabel.textContent = `观众 ${event.viewers}`;
  });
client.on('server-error', (event) => {
  statusLine.textContent = errorMessage(event.code);
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

if (token === undefined) disableInput('只读：在地址后加 ?token=… 才能发弹幕');

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
      if (err instanceof PostRejectedError && err.code === 'BANNED') disableInput(errorMessage(err.code));
      statusLine.textContent =
        err instanceof RateLimitedError
          ? `发得太快了，${Math.ceil(err.retryAfterMs / 1000)} 秒后再试`
          : err instanceof PostRejectedError
            ? `发送失败：${errorMessage(err.code)}`
            : err instanceof OutboxFullError
              ? '发送失败：待发送的弹幕太多了，稍后再试'
              : err instanceof ClientClosedError
                ? '发送失败：连接已关闭'
                : '发送失败';
    },
  );
});

client.join(room);
client.connect();
