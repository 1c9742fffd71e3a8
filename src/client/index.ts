/**
 * The live-room client SDK: the public surface. Platform entry points (platforms/wx, browser,
 * node) re-export this and add a ready-made adapter.
 */
export { DanmakuClient, SDK_VERSION, type ClientOptions, type PollPolicy, type PostOptions } from './client.js';
export type { ClientEvent, ClientEventType, ClientState, ClosedReason, Danmaku, Transport } from './events.js';
export type { PostReceipt } from './outbox.js';
export { ClientClosedError, OutboxFullError, PostRejectedError, RateLimitedError } from './errors.js';
export { DEFAULT_RECONNECT, backoffDelay, type ReconnectPolicy } from './backoff.js';
export {
  memoryStorage,
  type CloseInfo,
  type HttpOutcome,
  type HttpRequest,
  type KeyValueStorage,
  type Platform,
  type PlatformSocket,
  type SocketHandlers,
} from './platform.js';
