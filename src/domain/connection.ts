/** Why a connection ended; a bounded metrics label. */
export type CloseReason =
  'client' | 'heartbeat' | 'backpressure' | 'auth' | 'token_expired' | 'protocol' | 'drain' | 'kicked' | 'error';

/** The transports a client can connect over; a bounded metrics label. */
export type TransportName = 'websocket' | 'longpoll';

/** The platform a client's hello names, reduced to a bounded label set. */
export type Platform = 'wx' | 'web' | 'node' | 'other';

const PLATFORMS: ReadonlySet<string> = new Set(['wx', 'web', 'node']);

/** Maps a client-supplied platform string onto {@link Platform}; anything unknown is 'other'. */
export function platformLabel(platform: string): Platform {
  return PLATFORMS.has(platform) ? (platform as Platform) : 'other';
}
