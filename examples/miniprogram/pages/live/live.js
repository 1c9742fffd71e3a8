// The SDK comes from npm: `npm install`, then WeChat DevTools → 工具 → 构建 npm (or
// `npm run build:npm`) puts it in miniprogram_npm/danmaku-client/, where this require finds it.
const { createWxClient, RateLimitedError, PostRejectedError } = require('danmaku-client');
const { describeCode, describeClosed } = require('../../utils/messages.js');

// Danmaku on screen at most. Each is a fixed slot, so one setData sends only the slots that
// changed ('slots[3]'), never the whole list; when the screen is full the oldest make room.
const SLOTS = 40;
// At most one setData per frame: every danmaku that arrived meanwhile goes out in it.
const FRAME_MS = 16;
const FLY_MS = 8000;
const HOLD_MS = 4000;
const LANES = 8;

function emptySlot(i) {
  return { key: 'empty-' + i, show: false, text: '', color: '', mode: 'scroll', lane: 0 };
}

Page({
  data: {
    room: 'lobby',
    state: '连接中…',
    stateClass: 'connecting',
    viewers: 0,
    hint: '',
    slots: [],
    text: '',
    canPost: false,
  },

  onLoad(query) {
    const app = getApp();
    const room = query.room || 'lobby';
    this.queue = [];
    this.freeSlots = Array.from({ length: SLOTS }, (_, i) => i);
    this.busyUntil = [];
    this.slotOf = {};
    this.idOf = [];
    this.nextLane = 0;
    this.frameTimer = null;
    this.sweepTimer = null;
    this.setData({
      room,
      canPost: Boolean(app.globalData.token || app.globalData.getToken),
      slots: Array.from({ length: SLOTS }, (_, i) => emptySlot(i)),
    });
    // One client, one socket, every room: a mini-program may keep at most 5 sockets open.
    const client = createWxClient({
      urls: app.globalData.urls,
      token: app.globalData.token || undefined,
      getToken: app.globalData.getToken,
      reconnect: { maxAttempts: 10 },
    });
    client.on('connecting', () => {
      if (client.state === 'connecting') this.setData({ state: '连接中…', stateClass: 'connecting' });
    });
    client.on('open', (e) =>
      this.setData({
        state: e.transport === 'longpoll' ? '已连接（长轮询）' : '已连接',
        stateClass: 'open',
        hint: '',
      }),
    );
    client.on('reconnecting', (e) =>
      this.setData({ state: '重连中 (' + e.attempt + '/' + e.maxAttempts + ')', stateClass: 'reconnecting' }),
    );
    client.on('closed', (e) => {
      const terminal = e.reason !== 'client';
      this.setData({ state: describeClosed(e), stateClass: 'closed', canPost: this.data.canPost && !terminal });
    });
    client.on('join-retry', (e) => this.setData({ hint: '进入直播间失败：' + describeCode(e.code) + '，正在重试…' }));
    client.on('joined', (e) => {
      this.setViewers(e.viewers);
      if (this.data.hint) this.setData({ hint: '' });
    });
    // The live count: the server sends it when the room's count changes, at most every 2 s.
    client.on('presence', (e) => this.setViewers(e.viewers));
    client.on('danmaku', (e) => this.enqueue(e.items));
    client.on('recall', (e) => this.recall(e.ids));
    client.join(room);
    client.connect();
    this.client = client;
  },

  onUnload() {
    this.client.close();
    clearTimeout(this.frameTimer);
    clearTimeout(this.sweepTimer);
  },

  /** The room's viewer count, from `joined` and then from every `presence`. */
  setViewers(viewers) {
    if (viewers !== this.data.viewers) this.setData({ viewers });
  },

  enqueue(items) {
    for (const d of items) this.queue.push(d);
    // A hot room can deliver more in one frame than the screen holds: keep the newest.
    if (this.queue.length > SLOTS) this.queue.splice(0, this.queue.length - SLOTS);
    if (this.frameTimer === null) this.frameTimer = setTimeout(() => this.flush(), FRAME_MS);
  },

  /** One setData for everything that arrived since the last frame, and for what expired. */
  flush() {
    this.frameTimer = null;
    const now = Date.now();
    const patch = this.expire(now);
    while (this.queue.length > 0) {
      // A full screen makes room by dropping its oldest danmaku: the newest are the live ones.
      if (this.freeSlots.length === 0) this.release(this.oldestSlot(), patch);
      const d = this.queue.shift();
      const slot = this.freeSlots.shift();
      const mode = ['scroll', 'top', 'bottom'][d.mode] || 'scroll';
      this.busyUntil[slot] = now + (mode === 'scroll' ? FLY_MS : HOLD_MS);
      this.slotOf[d.id] = slot;
      this.idOf[slot] = d.id;
      patch['slots[' + slot + ']'] = {
        key: d.id,
        show: true,
        text: d.text,
        color: '#' + d.color.toString(16).padStart(6, '0'),
        mode,
        lane: this.nextLane++ % LANES,
      };
    }
    if (Object.keys(patch).length > 0) this.setData(patch);
    this.scheduleSweep();
  },

  /** Hides the slots whose danmaku has flown off; returns the patch that does it. */
  expire(now) {
    const patch = {};
    this.busyUntil.forEach((until, slot) => {
      if (until !== undefined && until <= now) this.release(slot, patch);
    });
    return patch;
  },

  oldestSlot() {
    let oldest = 0;
    this.busyUntil.forEach((until, slot) => {
      if (until < this.busyUntil[oldest]) oldest = slot;
    });
    return oldest;
  },

  release(slot, patch) {
    delete this.busyUntil[slot];
    delete this.slotOf[this.idOf[slot]];
    this.freeSlots.push(slot);
    patch['slots[' + slot + '].show'] = false;
  },

  scheduleSweep() {
    clearTimeout(this.sweepTimer);
    const next = Math.min(...this.busyUntil.filter((until) => until !== undefined));
    if (!isFinite(next)) return;
    this.sweepTimer = setTimeout(() => this.flush(), Math.max(FRAME_MS, next - Date.now()));
  },

  recall(ids) {
    const patch = {};
    for (const id of ids) {
      const slot = this.slotOf[id];
      if (slot !== undefined) this.release(slot, patch);
    }
    this.queue = this.queue.filter((d) => !ids.includes(d.id));
    if (Object.keys(patch).length > 0) this.setData(patch);
  },

  onInput(e) {
    this.setData({ text: e.detail.value });
  },

  send() {
    const text = this.data.text.trim();
    if (!text) return;
    this.setData({ text: '' });
    // Kept in wx storage until acknowledged: a comment sent offline goes out after reconnecting, even after a restart.
    this.client.post(this.data.room, text, { color: 0xffffff, mode: 0 }).catch((err) => {
      const title =
        err instanceof RateLimitedError || err instanceof PostRejectedError
          ? describeCode(err.code)
          : '网络不好，恢复后自动重发';
      wx.showToast({ title, icon: 'none' });
    });
  },
});
