import './runtime.js';
import $protobuf from 'protobufjs/minimal.js';
import { danmaku } from './generated/danmaku.js';

export const v1 = danmaku.v1;

export const ErrorCode = v1.ErrorCode;
export type ErrorCode = danmaku.v1.ErrorCode;
export const Mode = v1.Mode;
export type Mode = danmaku.v1.Mode;

export type ClientFrame = danmaku.v1.ClientFrame;
export type ClientFrameProps = danmaku.v1.ClientFrame.$Properties;
export type ServerFrameProps = danmaku.v1.ServerFrame.$Properties;
export type DanmakuProps = danmaku.v1.Danmaku.$Properties;
export type ServerFrame = danmaku.v1.ServerFrame;

export type Decoded<T> = { readonly ok: true; readonly frame: T } | { readonly ok: false; readonly error: string };

/**
 * A decoded ClientFrame narrowed on its `kind`: the case it names is present, as the decoded
 * message class (every scalar field set, absent ones at their proto3 default). A discriminated
 * union, so a `switch (frame.kind)` gives each case its payload without a cast.
 */
export type ClientMessage = ClientFrame &
  (
    | { readonly kind: 'hello'; readonly hello: danmaku.v1.Hello }
    | { readonly kind: 'join'; readonly join: danmaku.v1.Join }
    | { readonly kind: 'leave'; readonly leave: danmaku.v1.Leave }
    | { readonly kind: 'comment'; readonly comment: danmaku.v1.Comment }
    | { readonly kind: 'ping'; readonly ping: danmaku.v1.Ping }
    | { readonly kind: 'report'; readonly report: danmaku.v1.Report }
    | { readonly kind: 'refresh'; readonly refresh: danmaku.v1.Refresh }
  );

/**
 * The one place a decoded ClientFrame is narrowed to {@link ClientMessage}. protobufjs's oneof
 * getter names the first case whose field is set, and decoding sets a case's field to an instance
 * of its message class, so a defined `kind` guarantees the payload; the check says so at run time.
 */
export function isClientMessage(frame: ClientFrame): frame is ClientMessage {
  const kind = frame.kind;
  return kind !== undefined && frame[kind] != null;
}

function hasKind(frame: ServerFrame): frame is ServerFrame {
  return frame.kind !== undefined;
}

function decodeWith<T, Known extends T>(
  decode: (bytes: Uint8Array) => T,
  known: (frame: T) => frame is Known,
  bytes: Uint8Array,
): Decoded<Known> {
  try {
    const frame = decode(bytes);
    if (!known(frame)) return { ok: false, error: 'frame has no known kind' };
    return { ok: true, frame };
  } catch (err) {
    // protobufjs throws RangeError/Error on truncated or malformed input; the message names the offset, nothing internal.
    return { ok: false, error: err instanceof Error ? err.message : 'undecodable frame' };
  }
}

const decodeClient = (bytes: Uint8Array): ClientFrame => v1.ClientFrame.decode(bytes);
const decodeServer = (bytes: Uint8Array): ServerFrame => v1.ServerFrame.decode(bytes);

/** Decodes one ClientFrame; a frame with no known case (empty, or a case newer than this schema) is an error. */
export function decodeClientFrame(bytes: Uint8Array): Decoded<ClientMessage> {
  return decodeWith(decodeClient, isClientMessage, bytes);
}

/** Decodes one ServerFrame; a frame with no known case is an error. */
export function decodeServerFrame(bytes: Uint8Array): Decoded<ServerFrame> {
  return decodeWith(decodeServer, hasKind, bytes);
}

export function encodeClientFrame(frame: danmaku.v1.ClientFrame.$Properties): Uint8Array {
  return v1.ClientFrame.encode(frame).finish();
}

export function encodeServerFrame(frame: ServerFrameProps): Uint8Array {
  return v1.ServerFrame.encode(frame).finish();
}

/**
 * Encodes the body of a Batch (room and items) without epoch and seq: those are only known
 * once the bus has stored it, and are added by {@link stampBatch} without re-encoding.
 */
export function encodeBatchBody(room: string, items: readonly DanmakuProps[]): Uint8Array {
  return v1.Batch.encode({ room, items: items as DanmakuProps[] }).finish();
}

const SERVER_FRAME_BATCH_TAG = (1 << 3) | 2; // ServerFrame.batch, length-delimited
const BATCH_EPOCH_TAG = (3 << 3) | 2; // Batch.epoch, length-delimited
const BATCH_SEQ_TAG = (4 << 3) | 0; // Batch.seq, varint

/** Bytes a protobuf varint of `value` (0 ≤ value < 2^53) takes. */
export function varintLength(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 128);
    n++;
  }
  return n;
}

/** Writes `value` (0 ≤ value < 2^53) as a protobuf varint at `pos`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  // Division rather than >>> so values above 2^32 (up to 2^53) stay exact.
  while (value >= 0x80) {
    out[pos++] = (value % 128) | 0x80;
    value = Math.floor(value / 128);
  }
  out[pos++] = value;
  return pos;
}

// Pure: bundles that never stamp batches (the client SDK) drop it, and with it the need for a TextEncoder.
const utf8 = /* @__PURE__ */ new TextEncoder();

/**
 * Turns a stored batch body into the ServerFrame bytes viewers receive, appending epoch and seq
 * to the inner Batch and rewriting its length prefix: a copy, not a decode/encode. `epoch` as a
 * string or its UTF-8 bytes. Protobuf
 * decoders accept fields in any order, and the body never holds fields 3 or 4 itself.
 * `allocate` gives the frame its bytes (every one is written): the server passes Node's pooled
 * Buffer.allocUnsafe, since a Uint8Array of its own per batch is an ArrayBuffer the GC tracks.
 */
export function stampBatch(
  body: Uint8Array,
  epoch: string | Uint8Array,
  seq: number,
  allocate: (bytes: number) => Uint8Array = (bytes) => new Uint8Array(bytes),
): Uint8Array {
  // A room's epoch rarely changes: callers on the per-batch path pass its UTF-8 bytes, encoded once.
  const epochBytes = typeof epoch === 'string' ? utf8.encode(epoch) : epoch;
  const tail = 1 + varintLength(epochBytes.length) + epochBytes.length + 1 + varintLength(seq);
  const inner = body.length + tail;
  const out = allocate(1 + varintLength(inner) + inner);
  let pos = 0;
  out[pos++] = SERVER_FRAME_BATCH_TAG;
  pos = writeVarint(out, pos, inner);
  out.set(body, pos);
  pos += body.length;
  out[pos++] = BATCH_EPOCH_TAG;
  pos = writeVarint(out, pos, epochBytes.length);
  out.set(epochBytes, pos);
  pos += epochBytes.length;
  out[pos++] = BATCH_SEQ_TAG;
  writeVarint(out, pos, seq);
  return out;
}

/**
 * Several frames in one HTTP body (the /poll transport): each is preceded by its length as a
 * varint, the same framing protobuf uses for length-delimited fields.
 */
export function encodeDelimited(frames: readonly Uint8Array[]): Uint8Array {
  const writer = $protobuf.Writer.create();
  for (const frame of frames) writer.bytes(frame);
  return writer.finish();
}

/** Splits a length-delimited body into its frames; throws on a truncated body. */
export function decodeDelimited(body: Uint8Array): Uint8Array[] {
  const reader = $protobuf.Reader.create(body);
  const frames: Uint8Array[] = [];
  while (reader.pos < reader.len) frames.push(reader.bytes());
  return frames;
}
