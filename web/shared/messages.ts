/**
 * What the pages tell a person, in Chinese, for every error code (README "Error codes", the
 * `ErrorCode` enum of proto/danmaku/v1/danmaku.proto) and every close code (README "Close codes",
 * src/protocol/close-codes.ts). test/client/messages.test.ts fails when a code has no message.
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  BAD_FRAME: '请求格式有误',
  UNAUTHENTICATED: '需要登录才能发弹幕',
  FORBIDDEN: '没有在这个房间发言的权限',
  RATE_LIMITED: '发得太快了，稍后再试',
  TOO_LONG: '弹幕太长了',
  BANNED: '你已被封禁，不能发言',
  MUTED: '你已被禁言，或本房间正在全员禁言',
  UNAVAILABLE: '服务暂时不可用，稍后自动重发',
  INTERNAL: '服务器出错了',
  TOO_MANY_ROOMS: '同时进入的房间太多了',
  NOT_JOINED: '你不在这个房间里',
  SLOW_MODE: '慢速模式中，请稍后再发',
  FILTERED: '弹幕含有违禁内容，未发送',
  OVERLOADED: '房间太热闹了，稍后再试',
};

/** Close codes a connection can end with, by number. */
export const CLOSE_MESSAGES: Readonly<Record<number, string>> = {
  1000: '连接已关闭',
  // Never sent in a close frame: what a browser reports when the connection dropped (RFC 6455 §7.4.1).
  1006: '网络连接中断',
  1008: '发送了太多无效数据，连接被关闭',
  1009: '消息太大，连接被关闭',
  1011: '服务器出错，连接被关闭',
  1012: '服务器维护中，正在切换',
  4001: '网络太慢，跟不上弹幕，正在重连',
  4002: '服务器繁忙，稍后重连',
  4003: '心跳超时，正在重连',
  4004: '连接超时，正在尝试其他线路',
  4100: '登录已失效，请重新获取令牌',
  4101: '你已被管理员请出房间',
  4102: '登录已过期，请重新获取令牌',
};

/** A known code's message; otherwise the code itself after a generic lead, so nothing shows blank. */
export function errorMessage(code: string): string {
  return ERROR_MESSAGES[code] ?? `操作失败（${code}）`;
}

/** A close code's message; unknown codes are described by their range (40xx reconnect, 41xx stop). */
export function closeMessage(code: number): string {
  const known = CLOSE_MESSAGES[code];
  if (known !== undefined) return known;
  if (code >= 4100 && code < 4200) return `连接被服务器终止（${code}）`;
  return `连接断开（${code}）`;
}
