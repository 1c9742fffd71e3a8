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

const BATCH_ROOM_TAG = (1 << 3) | 2; // Batch.room
const BATCH_ITEM_TAG = (2 << 3) | 2; // Batch.items
// Danmaku fields 1-4 are strings (length-delimited), 5-8 varints.
const DANMAKU_ID_TAG = (1 << 3) | 2;
const DANMAKU_USER_ID_TAG = (2 << 3) | 2;
const DANMAKU_USER_NAME_TAG = (3 << 3) | 2;
const DANMAKU_TEXT_TAG = (4 << 3) | 2;
const DANMAKU_COLOR_TAG = (5 << 3) | 0;
const DANMAKU_MODE_TAG = (6 << 3) | 0;
const DANMAKU_SENT_AT_TAG = (7 << 3) | 0;
const DANMAKU_PRIORITY_TAG = (8 << 3) | 0;

/** A length-delimited string field's bytes (tag, length, payload) for a payload of `bytes`; 0 for an empty (default) string. */
export function stringFieldBytes(bytes: number): number {
  return bytes === 0 ? 0 : 1 + varintLength(bytes) + bytes;
}

function varintFieldBytes(value: number): number {
  return value === 0 ? 0 : 1 + varintLength(value);
}

// Below this many UTF-16 units a string is measured and written in JS (protobufjs's utf8 helpers):
// a call into C++ (Buffer.byteLength, buf.write) costs 0.2-0.7 µs here, more than the loop. The
// generated encoder draws the same line (writer_buffer.js).
const JS_UTF8_MAX = 40;
const utf8Helpers = $protobuf.util.utf8;

/** UTF-8 bytes of a string. */
export function utf8Length(text: string): number {
  return text.length < JS_UTF8_MAX ? utf8Helpers.length(text) : Buffer.byteLength(text, 'utf8');
}

/** Writes a string field whose UTF-8 payload is `bytes` long at `at`; returns the position after it. */
export function putString(out: Buffer, at: number, tag: number, text: string, bytes: number): number {
  out[at] = tag;
  const pos = writeVarint(out, at + 1, bytes);
  return pos + (text.length < JS_UTF8_MAX ? utf8Helpers.write(text, out, pos) : out.write(text, pos, bytes, 'utf8'));
}

function putVarintField(out: Buffer, at: number, tag: number, value: number): number {
  out[at] = tag;
  return writeVarint(out, at + 1, value);
}

const isUint32 = (value: number): boolean => value === value >>> 0;

/** The UTF-8 lengths of each item's four strings and the item's size, between the two passes. */
let itemScratch = /* @__PURE__ */ new Int32Array(5 * 64);

/**
 * Encodes the body of a Batch (room and items) without epoch and seq: those are only known
 * once the bus has stored it, and are added by {@link stampBatch} without re-encoding.
 *
 * Written straight into one pooled Buffer in two passes (sizes, then bytes), byte for byte what the
 * generated encoder writes for well-formed UTF-16 (test/protocol/codec.test.ts compares both):
 * protobufjs's writer allocates an operation object per field and a fork per danmaku, and with many
 * small rooms, where most batches hold one comment, that encoding was 12 % of a node's CPU and a
 * share of its GC (docs/benchmarks.md). Values the fast path does not cover (a Long, a negative
 * mode, a number past its field's range) take the generated encoder.
 */
export function encodeBatchBody(room: string, items: readonly DanmakuProps[]): Uint8Array {
  if (itemScratch.length < items.length * 5) itemScratch = new Int32Array(items.length * 10);
  const lengths = itemScratch;
  const roomBytes = utf8Length(room);
  let total = stringFieldBytes(roomBytes);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as DanmakuProps;
    const { color, mode, sentAtMs, priority } = item;
    if (
      !(color == null || (typeof color === 'number' && isUint32(color))) ||
      !(mode == null || isUint32(mode)) ||
      !(sentAtMs == null || (typeof sentAtMs === 'number' && Number.isSafeInteger(sentAtMs) && sentAtMs >= 0)) ||
      !(priority == null || isUint32(priority))
    )
      return v1.Batch.encode({ room, items: items as DanmakuProps[] }).finish();
    const at = i * 5;
    const id = (lengths[at] = utf8Length(item.id ?? ''));
    const userId = (lengths[at + 1] = utf8Length(item.userId ?? ''));
    const userName = (lengths[at + 2] = utf8Length(item.userName ?? ''));
    const text = (lengths[at + 3] = utf8Length(item.text ?? ''));
    const size =
      stringFieldBytes(id) +
      stringFieldBytes(userId) +
      stringFieldBytes(userName) +
      stringFieldBytes(text) +
      varintFieldBytes(color ?? 0) +
      varintFieldBytes(mode ?? 0) +
      varintFieldBytes(sentAtMs ?? 0) +
      varintFieldBytes(priority ?? 0);
    lengths[at + 4] = size;
    total += 1 + varintLength(size) + size;
  }
  const out = Buffer.allocUnsafe(total);
  let pos = roomBytes === 0 ? 0 : putString(out, 0, BATCH_ROOM_TAG, room, roomBytes);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as DanmakuProps;
    const at = i * 5;
    pos = putVarintField(out, pos, BATCH_ITEM_TAG, lengths[at + 4] as number);
    const id = lengths[at] as number;
    if (id > 0) pos = putString(out, pos, DANMAKU_ID_TAG, item.id as string, id);
    const userId = lengths[at + 1] as number;
    if (userId > 0) pos = putString(out, pos, DANMAKU_USER_ID_TAG, item.userId as string, userId);
    const userName = lengths[at + 2] as number;
    if (userName > 0) pos = putString(out, pos, DANMAKU_USER_NAME_TAG, item.userName as string, userName);
    const text = lengths[at + 3] as number;
    if (text > 0) pos = putString(out, pos, DANMAKU_TEXT_TAG, item.text as string, text);
    const color = item.color ?? 0;
    if (color !== 0) pos = putVarintField(out, pos, DANMAKU_COLOR_TAG, color);
    const mode = item.mode ?? 0;
    if (mode !== 0) pos = putVarintField(out, pos, DANMAKU_MODE_TAG, mode);
    const sentAtMs = item.sentAtMs ?? 0;
    if (sentAtMs !== 0) pos = putVarintField(out, pos, DANMAKU_SENT_AT_TAG, sentAtMs);
    const priority = item.priority ?? 0;
    if (priority !== 0) pos = putVarintField(out, pos, DANMAKU_PRIORITY_TAG, priority);
  }
  return out;
}

const SERVER_FRAME_BATCH_TAG = (1 << 3) | 2; // ServerFrame.batch, length-delimited
const BATCH_EPOCH_TAG = (3 << 3) | 2; // Batch.epoch, length-delimited
const BATCH_SEQ_TAG = (4 << 3) | 0; // Batch.seq, varint

/** Bytes a protobuf varint of `value` (0 ≤ value < 2^53) takes. */
export function varintLength(value: number): number {
  // Comparisons, not a loop of divisions: times in ms since the epoch take 6 bytes.
  if (value < 0x80) return 1;
  if (value < 0x4000) return 2;
  if (value < 0x200000) return 3;
  if (value < 0x10000000) return 4;
  if (value < 0x800000000) return 5;
  if (value < 0x40000000000) return 6;
  if (value < 0x2000000000000) return 7;
  return 8;
}

const TWO_TO_32 = 0x100000000;

/** Writes `value` (0 ≤ value < 2^53) as a protobuf varint at `pos`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: number, value: number): number {
  // 32-bit halves with bit operations (exact up to 2^53), as protobufjs's LongBits does: a loop of
  // float divisions per byte was a fifth of a batch body's encoding time.
  let lo = value >>> 0;
  let hi = (value - lo) / TWO_TO_32;
  while (hi > 0) {
    out[pos++] = (lo & 0x7f) | 0x80;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 0x7f) {
    out[pos++] = (lo & 0x7f) | 0x80;
    lo >>>= 7;
  }
  out[pos++] = lo;
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
