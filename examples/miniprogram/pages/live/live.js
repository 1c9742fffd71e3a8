// The SDK bundle: `npm run build` writes dist/sdk/danmaku-wx.js; copy it to lib/ (see README).
const { createWxClient, RateLimitedError, PostRejectedError } = require('../../lib/danmaku-wx.js');

const LANES = 8;
const FLY_MS = 8000;

Page({
  data: {
    room: 'lobby',
    state: '连接中…',
    stateClass: 'connecting',
    viewers: 0,
    danmakus: [],
    text: '',
    canPost: false,
  },

  onLoad(query) {
    const app = getApp();
    const room = query.room || 'lobby';
    this.nextLane = 0;
    this.setData({ room, canPost: Boolean(app.globalData.token) });
    // One client, one socket, every room: a mini-program may keep at most 5 sockets open.
    const client = createWxClient({
      urls: app.globalData.urls,
      token: app.globalData.token || undefined,
      reconnect: { maxAttempts: 10 },
    });
    client.on('connecting', () => {
      if (client.state === 'connecting') this.setData({ state: '连接中…', stateClass: 'connecting' });
    });
    client.on('open', (e) =>
      this.setData({ state: e.transport === 'longpoll' ? '已连接（长轮询）' : '已连接', stateClass: 'open' }),
    );
    client.on('reconnecting', (e) =>
      this.setData({ state: `重连中 (${e.attempt}/${e.maxAttempts})`, stateClass: 'reconnecting' }),
    );
    client.on('closed', (e) =>
      this.setData({ state: e.reason === 'auth' ? '登录已失效' : '已断开', stateClass: 'closed' }),
    );
    client.on('joined', (e) => this.setData({ viewers: e.viewers }));
    client.on('danmaku', (e) => e.items.forEach((d) => this.show(d)));
    client.on('recall', (e) => this.setData({ danmakus: this.data.danmakus.filter((d) => !e.ids.includes(d.id)) }));
    client.join(room);
    client.connect();
    this.client = client;
  },

  onUnload() {
    this.client.close();
  },

  show(d) {
    const lane = this.nextLane++ % LANES;
    const item = {
      id: d.id,
      text: d.text,
      color: '#' + d.color.toString(16).padStart(6, '0'),
      mode: ['scroll', 'top', 'bottom'][d.mode] || 'scroll',
      lane,
    };
    this.setData({ danmakus: this.data.danmakus.concat(item) });
    setTimeout(() => this.setData({ danmakus: this.data.danmakus.filter((x) => x.id !== d.id) }), FLY_MS);
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
        err instanceof RateLimitedError
          ? '发得太快了'
          : err instanceof PostRejectedError
            ? '发送失败：' + err.code
            : '稍后自动重发';
      wx.showToast({ title, icon: 'none' });
    });
  },
});
