import { createBrowserClient, type Danmaku } from 'danmaku-client/browser';
import { closeMessage } from '../shared/messages.js';
import { AdminApi, AdminApiError, type AuditEntry, type RoomSummary } from './api.js';

// The token lives only as long as this tab: sessionStorage, never localStorage or a cookie.
const TOKEN_KEY = 'danmaku-console-token';
const FEED_CAP = 300;
const AUDIT_PAGE = 20;
const ROOMS_REFRESH_MS = 3000;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`console page is missing #${id}`);
  return found as T;
}

const statusLine = element<HTMLElement>('status');
const loginForm = element<HTMLFormElement>('login');
const tokenInput = element<HTMLTextAreaElement>('token-input');
const loginError = element<HTMLElement>('login-error');
const app = element<HTMLElement>('app');
const feed = element<HTMLOListElement>('feed');
const actionForm = element<HTMLFormElement>('action');
const actionScope = element<HTMLSelectElement>('action-scope');

let api: AdminApi | undefined;
let watched: string | undefined;
let auditCursor: string | undefined;
let roomsTimer: ReturnType<typeof setInterval> | undefined;
let pendingAction: { kind: 'ban' | 'mute'; userId: string } | undefined;

function say(text: string, error = false): void {
  statusLine.textContent = text;
  statusLine.classList.toggle('error', error);
}

function describe(err: unknown): string {
  if (err instanceof AdminApiError) {
    if (err.status === 401) return '令牌无效或已过期（401）';
    if (err.status === 403) return '令牌不是管理员令牌（403）';
    return `操作被拒绝（${err.status} ${err.code}）：${err.detail}`;
  }
  // fetch rejects without an answer: the network, or a CORS refusal the browser does not detail.
  if (err instanceof TypeError)
    return `无法访问管理 API（网络不通，或 ${server.origin} 的 ADMIN_ALLOWED_ORIGINS 不含本页）`;
  return `请求失败：${err instanceof Error ? err.message : String(err)}`;
}

/** Runs one admin call; says what happened; refreshes the audit log after a change. */
async function act(done: string, call: (api: AdminApi) => Promise<unknown>): Promise<boolean> {
  if (api === undefined) return false;
  try {
    await call(api);
    say(done);
    void loadAudit();
    return true;
  } catch (err) {
    say(describe(err), true);
    return false;
  }
}

// ------------------------------------------------------------------ live room, over the SDK

// ?server=https://node.example.com points the console at another node's admin API and WebSocket;
// that node must list this page's origin in ADMIN_ALLOWED_ORIGINS (CORS). Default: this node.
const server = new URL(new URLSearchParams(location.search).get('server') ?? location.origin);
const client = createBrowserClient({ urls: `${server.protocol === 'https:' ? 'wss' : 'ws'}://${server.host}/ws` });
client.on('open', () => (element('watch-state').textContent = '已连接'));
client.on('reconnecting', (event) => (element('watch-state').textContent = `重连中：${closeMessage(event.code)}`));
client.on('closed', (event) => (element('watch-state').textContent = closeMessage(event.code)));
client.on('joined', (event) => {
  if (event.room === watched) element('watch-viewers').textContent = `观众 ${event.viewers}`;
});
client.on('presence', (event) => {
  if (event.room === watched) element('watch-viewers').textContent = `观众 ${event.viewers}`;
});
client.on('danmaku', (event) => {
  if (event.room === watched) event.items.forEach(addItem);
});
client.on('recall', (event) => {
  for (const id of event.ids) feed.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.classList.add('recalled');
});
client.on('notice', (event) => {
  if (event.room === watched) append(line('notice', `公告：${event.text}`));
});

function line(className: string, text: string): HTMLLIElement {
  const item = document.createElement('li');
  item.className = className;
  const span = document.createElement('span');
  span.className = 'text';
  span.textContent = text;
  item.append(span);
  return item;
}

function append(item: HTMLLIElement): void {
  const atBottom = feed.scrollTop + feed.clientHeight >= feed.scrollHeight - 4;
  feed.append(item);
  while (feed.childElementCount > FEED_CAP) feed.firstElementChild?.remove();
  if (atBottom) feed.scrollTop = feed.scrollHeight;
}

function button(text: string, className: string, onClick: () => void): HTMLButtonElement {
  const made = document.createElement('button');
  made.type = 'button';
  made.className = className;
  made.textContent = text;
  made.addEventListener('click', onClick);
  return made;
}

function addItem(d: Danmaku): void {
  const room = watched;
  if (room === undefined) return;
  const item = line('item', d.text);
  item.dataset.id = d.id;
  item.dataset.user = d.userId;
  const user = document.createElement('span');
  user.className = 'user';
  user.textContent = `${d.userName || d.userId}（${d.userId}）`;
  item.prepend(user);
  item.append(
    button('撤回', 'recall', () => void act(`已撤回 ${d.id}`, (api) => api.recall(room, [d.id]))),
    button('禁言', 'mute', () => openAction('mute', d.userId)),
    button('封禁', 'ban', () => openAction('ban', d.userId)),
  );
  append(item);
}

function openAction(kind: 'ban' | 'mute', userId: string): void {
  pendingAction = { kind, userId };
  element('action-title').textContent = `${kind === 'ban' ? '封禁' : '禁言'}用户 ${userId}`;
  // A mute is per room (the API has no global mute); a ban may be either.
  actionScope.value = 'room';
  actionScope.disabled = kind === 'mute';
  actionForm.hidden = false;
}

actionForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const room = watched;
  const action = pendingAction;
  if (room === undefined || action === undefined) return;
  const duration = element<HTMLSelectElement>('action-duration').value;
  const seconds = duration === '' ? null : Number(duration);
  const reason = element<HTMLInputElement>('action-reason').value;
  const scope = actionScope.value === 'global' ? null : room;
  const where = scope === null ? '全站' : `房间 ${room}`;
  void act(`已${action.kind === 'ban' ? '封禁' : '禁言'} ${action.userId}（${where}）`, (api) =>
    action.kind === 'ban'
      ? api.ban(action.userId, scope, seconds, reason)
      : api.mute(room, action.userId, seconds, reason),
  ).then((ok) => {
    if (ok) actionForm.hidden = true;
  });
});
element('action-cancel').addEventListener('click', () => (actionForm.hidden = true));

async function watch(room: string): Promise<void> {
  if (watched !== undefined && watched !== room) client.leave(watched);
  watched = room;
  feed.replaceChildren();
  actionForm.hidden = true;
  element('watch-room').textContent = room;
  element('watch-viewers').textContent = '';
  element<HTMLInputElement>('room-input').value = room;
  client.join(room);
  client.connect();
  for (const row of Array.from(element('rooms').querySelectorAll('tr')))
    row.classList.toggle('selected', row.dataset.room === room);
  if (api === undefined) return;
  try {
    const summary = await api.room(room);
    element<HTMLInputElement>('slow').value = String(summary.settings.slowModeSeconds);
    element<HTMLInputElement>('room-muted').checked = summary.settings.muted;
  } catch (err) {
    say(describe(err), true);
  }
}

// ------------------------------------------------------------------ rooms, settings, notices

function renderRooms(rooms: readonly RoomSummary[]): void {
  const body = element('rooms');
  body.replaceChildren(
    ...rooms.map((summary) => {
      const row = document.createElement('tr');
      row.dataset.room = summary.room;
      row.classList.toggle('selected', summary.room === watched);
      const state = [
        summary.settings.muted ? '全员禁言' : '',
        summary.settings.slowModeSeconds > 0 ? `慢速 ${summary.settings.slowModeSeconds}s` : '',
      ]
        .filter(Boolean)
        .join('，');
      for (const text of [summary.room, String(summary.viewers), summary.danmakuPerSecond.toFixed(1), state]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      row.addEventListener('click', () => void watch(summary.room));
      return row;
    }),
  );
}

async function loadRooms(): Promise<void> {
  if (api === undefined) return;
  try {
    renderRooms((await api.rooms()).rooms);
  } catch (err) {
    say(describe(err), true);
  }
}

element('watch-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void watch(element<HTMLInputElement>('room-input').value.trim());
});
element('rooms-refresh').addEventListener('click', () => void loadRooms());

function withRoom(handler: (room: string) => void): (event: Event) => void {
  return (event) => {
    event.preventDefault();
    if (watched === undefined) say('先选择一个房间', true);
    else handler(watched);
  };
}

element('slow-form').addEventListener(
  'submit',
  withRoom((room) => {
    const seconds = Number(element<HTMLInputElement>('slow').value);
    void act(seconds > 0 ? `房间 ${room} 慢速模式 ${seconds} 秒` : `房间 ${room} 已关闭慢速模式`, (api) =>
      api.updateSettings(room, { slowModeSeconds: seconds }),
    ).then(() => loadRooms());
  }),
);
element('mute-form').addEventListener(
  'submit',
  withRoom((room) => {
    const muted = element<HTMLInputElement>('room-muted').checked;
    void act(muted ? `房间 ${room} 已全员禁言` : `房间 ${room} 已解除全员禁言`, (api) =>
      api.updateSettings(room, { muted }),
    ).then(() => loadRooms());
  }),
);
element('notice-form').addEventListener(
  'submit',
  withRoom((room) => {
    const input = element<HTMLInputElement>('notice-text');
    void act(`已在房间 ${room} 发布公告`, (api) => api.notice(room, input.value)).then((ok) => {
      if (ok) input.value = '';
    });
  }),
);

// ------------------------------------------------------------------ word filter

async function loadFilters(): Promise<void> {
  if (api === undefined) return;
  try {
    const { filters } = await api.filters();
    element('filters').replaceChildren(
      ...filters.map((rule) => {
        const item = document.createElement('li');
        item.dataset.id = rule.id;
        item.textContent = `${rule.pattern}（${rule.kind === 'regex' ? '正则' : '词'}，${rule.action === 'mask' ? '打码' : '拒绝'}）`;
        item.append(
          button(
            '删除',
            'delete',
            () => void act(`已删除屏蔽词 ${rule.pattern}`, (api) => api.deleteFilter(rule.id)).then(loadFilters),
          ),
        );
        return item;
      }),
    );
  } catch (err) {
    say(describe(err), true);
  }
}

element('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const pattern = element<HTMLInputElement>('filter-pattern');
  const kind = element<HTMLSelectElement>('filter-kind').value === 'regex' ? 'regex' : 'word';
  const action = element<HTMLSelectElement>('filter-action').value === 'mask' ? 'mask' : 'refuse';
  void act(`已添加屏蔽词 ${pattern.value}`, (api) => api.addFilter(pattern.value, kind, action)).then((ok) => {
    if (ok) pattern.value = '';
    return loadFilters();
  });
});

// ------------------------------------------------------------------ audit log

function renderAudit(entries: readonly AuditEntry[]): void {
  element('audit').replaceChildren(
    ...entries.map((entry) => {
      const row = document.createElement('tr');
      const when = new Date(entry.at).toLocaleString('zh-CN', { hour12: false });
      for (const text of [when, entry.actor, entry.action, entry.path, `${entry.status} ${entry.result}`]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
}

async function loadAudit(cursor?: string): Promise<void> {
  if (api === undefined) return;
  try {
    const page = await api.audit(AUDIT_PAGE, cursor);
    renderAudit(page.entries);
    auditCursor = page.nextCursor ?? undefined;
    element<HTMLButtonElement>('audit-older').disabled = auditCursor === undefined;
  } catch (err) {
    say(describe(err), true);
  }
}

element('audit-refresh').addEventListener('click', () => void loadAudit());
element('audit-older').addEventListener('click', () => void loadAudit(auditCursor));

// ------------------------------------------------------------------ token

/** The token's `sub`, for the header only: the server checks the token on every call. */
function subject(token: string): string {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : '';
  } catch {
    return '';
  }
}

async function start(token: string): Promise<void> {
  const candidate = new AdminApi(token, `${server.origin}/admin/v1`);
  try {
    renderRooms((await candidate.rooms()).rooms);
  } catch (err) {
    sessionStorage.removeItem(TOKEN_KEY);
    loginError.textContent = describe(err);
    return;
  }
  api = candidate;
  sessionStorage.setItem(TOKEN_KEY, token);
  loginError.textContent = '';
  tokenInput.value = '';
  loginForm.hidden = true;
  app.hidden = false;
  element('logout').hidden = false;
  element('whoami').textContent = `管理员 ${subject(token)}`;
  roomsTimer = setInterval(() => void loadRooms(), ROOMS_REFRESH_MS);
  await Promise.all([loadFilters(), loadAudit()]);
  const room = new URLSearchParams(location.search).get('room');
  if (room !== null) await watch(room);
}

loginForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void start(tokenInput.value.trim());
});
element('logout').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(roomsTimer);
  location.reload();
});

const kept = sessionStorage.getItem(TOKEN_KEY);
if (kept !== null) void start(kept);
