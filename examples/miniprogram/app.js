// The live-room server. A mini-program may only connect to wss:// URLs on domains allow-listed in
// the WeChat admin console (开发管理 → 开发设置 → 服务器域名: socket 合法域名 and request 合法域名).
const URLS = ['wss://live.example.com/ws'];
// Your login API: answers a POST with { "token": "<jwt>" } for the signed-in user (claims in the
// broadcaster's README, "Tokens"). Empty: the page watches without a token and cannot post.
const TOKEN_URL = '';

/** Asks the login API for a fresh token; the SDK calls it before every connection attempt and before the token expires (a refresh on the live connection, same user). */
function fetchToken() {
  return new Promise((resolve, reject) =>
    wx.request({
      url: TOKEN_URL,
      method: 'POST',
      success: (res) =>
        res.statusCode === 200 && res.data && res.data.token
          ? resolve(res.data.token)
          : reject(new Error('token API answered ' + res.statusCode)),
      fail: (err) => reject(new Error(err.errMsg)),
    }),
  );
}

App({
  globalData: {
    urls: URLS,
    // A fixed token (tests, a quick try); getToken wins when both are set.
    token: '',
    getToken: TOKEN_URL ? fetchToken : undefined,
  },
});
