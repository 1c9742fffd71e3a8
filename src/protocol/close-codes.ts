/**
 * WebSocket close codes this server sends. The range tells a client what to do:
 * 1xxx standard; 40xx "reconnect (after a delay) and resume"; 41xx "do not reconnect,
 * tell the user". The client SDK branches on {@link shouldReconnect}.
 */
export const CloseCode = {
  NORMAL: 1000,
  /** Repeated bad frames (policy violation). */
  POLICY: 1008,
  /** A message above the frame size limit (sent by uWebSockets.js itself). */
  TOO_BIG: 1009,
  INTERNAL: 1011,
  /** The node is draining; a goaway frame came first with the delay to wait. */
  SERVICE_RESTART: 1012,
  /** Too much data queued for this viewer; reconnect and resume from the last seq. */
  SLOW_CONSUMER: 4001,
  /** The server is shedding connections; reconnect after a delay. */
  OVERLOADED: 4002,
  /** Sent by the client SDK when no pong came back in time: the path is dead, it reconnects. */
  HEARTBEAT_TIMEOUT: 4003,
  /** Used by the client SDK for an attempt with no welcome within its connect deadline: it tries the next URL. */
  CONNECT_TIMEOUT: 4004,
  /** The token in hello was refused. Get a new token before reconnecting. */
  UNAUTHENTICATED: 4100,
  /** A moderator closed this user's connections. */
  KICKED: 4101,
  /**
   * The connection's token expired (exp + the server's clock tolerance) without a refresh. The
   * client gets a new token (the SDK calls getToken()) and reconnects, resuming its rooms.
   */
  TOKEN_EXPIRED: 4102,
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Whether the close asks for a new token before any reconnect (the SDK calls getToken(), when it has one). */
export function needsNewToken(code: number): boolean {
  return code === CloseCode.UNAUTHENTICATED || code === CloseCode.TOKEN_EXPIRED;
}

export function shouldReconnect(code: number): boolean {
  return !(code >= 4100 && code < 4200) && code !== CloseCode.POLICY && code !== CloseCode.TOO_BIG;
}
