/**
 * The live-room client SDK, platform-free: the package's `danmaku-client` entry. The platform
 * entries (`danmaku-client/node`, `/browser`, `/wx`) re-export all of this and add a ready-made
 * adapter; a custom platform implements `Platform` and passes it to `new DanmakuClient(...)`.
 */
export { DanmakuClient, DEFAULT_CONNECT_TIMEOUT_MS, type ClientOptions, type PostOptions } from './client.js';
export { SDK_VERSION } from './version.js';
export { rendezvousOrder, rendezvousWeight } from './affinity.js';
export type { PollPolicy } from './attempts.js';
export type { Clock } from './clock.js';
export type { TokenProvider } from './token.js';
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
