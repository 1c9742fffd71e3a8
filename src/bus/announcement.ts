/**
 * The wire format of a batch announcement on a room's live subject (core NATS): a fixed binary
 * prefix, then the batch body the sequencer encoded, untouched.
 *
 * | bytes  | field                                                              |
 * | ------ | ------------------------------------------------------------------ |
 * | 0      | version: 1                                                         |
 * | 1      | flags: bit 0 set = `prev` is known                                 |
 * | 2–9    | seq (the stream sequence of the batch), uint64 big-endian          |
 * | 10–17  | prev: the room's seq before this batch, uint64 big-endian (0 when unknown) |
 * | 18–25  | oldestAt: ms since the Unix epoch of the batch's oldest item, uint64 big-endian |
 *
 * Why not NATS headers (the format before version 1): nats.js encodes headers as text on publish
 * and decodes them on every receiving node, per message, in JavaScript; announcements are the
 * per-batch work every node with viewers in a room does. Version 1 is distinguishable from a bare
 * protobuf body: a message never starts with byte 0x01 (field number 0 is invalid), so a receiver
 * can tell the two formats apart by the first byte; a later version takes the next byte value.
 */

const ANNOUNCEMENT_VERSION = 1;
/** Bytes before the batch body in a version-1 announcement. */
export const ANNOUNCEMENT_PREFIX_BYTES = 26;
const PREV_KNOWN = 1;
const TWO_TO_32 = 2 ** 32;

/** A decoded announcement: `prev` is -1 when the sequencer did not say; `body` is a view into the message. */
export interface Announced {
  readonly seq: number;
  readonly prev: number;
  readonly oldestAt: number;
  readonly body: Uint8Array;
}

function writeUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / TWO_TO_32));
  view.setUint32(offset + 4, value >>> 0);
}

function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset) * TWO_TO_32 + view.getUint32(offset + 4);
}

/**
 * The announcement of a stored batch: one allocation of prefix + body. `seq`, `prev` and `oldestAt`
 * must be safe integers ≥ 0 (stream sequences and ms timestamps are); `prev` undefined = unknown.
 */
export function encodeAnnouncement(
  seq: number,
  prev: number | undefined,
  oldestAt: number,
  body: Uint8Array,
): Uint8Array {
  const out = new Uint8Array(ANNOUNCEMENT_PREFIX_BYTES + body.length);
  const view = new DataView(out.buffer, out.byteOffset, ANNOUNCEMENT_PREFIX_BYTES);
  out[0] = ANNOUNCEMENT_VERSION;
  out[1] = prev === undefined ? 0 : PREV_KNOWN;
  writeUint64(view, 2, seq);
  writeUint64(view, 10, prev ?? 0);
  writeUint64(view, 18, oldestAt);
  out.set(body, ANNOUNCEMENT_PREFIX_BYTES);
  return out;
}

/**
 * Reads a version-1 announcement; undefined when `data` is not one (another version, too short,
 * seq 0 or past 2^53): the caller ignores it, as a hole is fetched at the room's next batch.
 */
export function decodeAnnouncement(data: Uint8Array): Announced | undefined {
  if (data.length < ANNOUNCEMENT_PREFIX_BYTES || data[0] !== ANNOUNCEMENT_VERSION) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, ANNOUNCEMENT_PREFIX_BYTES);
  const seq = readUint64(view, 2);
  const prev = readUint64(view, 10);
  const oldestAt = readUint64(view, 18);
  if (seq <= 0 || !Number.isSafeInteger(seq) || !Number.isSafeInteger(prev) || !Number.isSafeInteger(oldestAt))
    return undefined;
  return {
    seq,
    prev: (data[1] as number) & PREV_KNOWN ? prev : -1,
    oldestAt,
    body: data.subarray(ANNOUNCEMENT_PREFIX_BYTES),
  };
}
