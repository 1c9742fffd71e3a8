// The live-room server. A mini-program may only connect to wss:// URLs on domains allow-listed in
// the WeChat admin console (开发管理 → 开发设置 → 服务器域名: socket 合法域名 and request 合法域名).
App({
  globalData: {
    urls: ['wss://live.example.com/ws'],
    // Posting needs a token signed by the server's AUTH_SECRET; get it from your own login API.
    token: '',
  },
});
