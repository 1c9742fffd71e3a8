import type { ServerFrame } from '../../../src/protocol/codec.js';

export type ServerFrameKind = NonNullable<ServerFrame['kind']>;

/** One handler per ServerFrame kind, each given that kind's body, already present and typed. */
export type ServerFrameHandlers = { readonly [K in ServerFrameKind]: (body: NonNullable<ServerFrame[K]>) => void };

/**
 * Narrows a decoded ServerFrame to its kind once and calls that kind's handler with the body.
 * Returns false for a frame with no known kind or an empty body (nothing was called). A new kind in
 * the schema fails to compile here until it has a handler.
 */
export function dispatchServerFrame(frame: ServerFrame, handlers: ServerFrameHandlers): boolean {
  return frame.kind !== undefined && deliver(frame.kind, frame, handlers);
}

function deliver<K extends ServerFrameKind>(kind: K, frame: ServerFrame, handlers: ServerFrameHandlers): boolean {
  const body = frame[kind];
  if (body === null || body === undefined) return false;
  handlers[kind](body);
  return true;
}
