// What the page tells the viewer, in Chinese, for every refusal code the server sends
// (README "Error codes") and for every way the SDK stops for good.

const CODE_MESSAGES = {
  BAD_FRAME: '弹幕格式不正确',
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '你没有在这个直播间发弹幕的权限',
  RATE_LIMITED: '发得太快了，请稍后再试',
  TOO_LONG: '弹幕太长了',
  BANNED: '你已被封禁，不能发弹幕',
  MUTED: '你已被禁言，或本直播间已开启全员禁言',
  UNAVAILABLE: '服务暂时不可用，稍后自动重发',
  INTERNAL: '服务器出错了，请稍后再试',
  TOO_MANY_ROOMS: '同时进入的直播间太多了',
  NOT_JOINED: '你不在这个直播间',
  SLOW_MODE: '慢速模式：请稍后再发',
  FILTERED: '弹幕含有不允许的内容',
  OVERLOADED: '服务器繁忙，稍后自动重发',
};

/** A refusal code (PostRejectedError.code, join-retry.code) as a sentence for the viewer. */
function describeCode(code) {
  return CODE_MESSAGES[code] || '发送失败（' + code + '）';
}

// Close codes of the 41xx range: do not reconnect, tell the user (README "Close codes").
const KICKED = 4101;

/** Why the connection stopped for good (the SDK's `closed` event), as a sentence. */
function describeClosed(event) {
  if (event.reason === 'auth') return '登录已失效，请重新登录';
  if (event.reason === 'attempts_exhausted') return '网络不可用，已停止重连';
  if (event.reason === 'refused') return event.code === KICKED ? '你已被移出直播间' : '连接被服务器拒绝';
  return '已断开';
}

module.exports = { describeCode, describeClosed };
