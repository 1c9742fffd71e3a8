/**
 * The wire format of batch announcements on the live subject (core NATS, `<prefix>.live`): what a
 * sequencer stored in one turn, for every room, in one message. A version byte, then one entry per
 * stored batch, back to back; every integer big-endian:
 *
 * | bytes       | field                                                                       |
 * | ----------- | --------------------------------------------------------------------------- |
 * | 0           | version: 2                                                                  |
 * | entry +0    | flags: bit 0 set = `prev` is known                                          |
 * | +1–2        | length of the room id in bytes (uint16), then the room id (UTF-8)           |
 * | +r…r+7      | seq (the stream sequence of the batch), uint64                              |
 * | +r+8…r+15   | prev: the room's seq before this batch, uint64 (0 when unknown)             |
 * | +r+16…r+23  | oldestAt: ms since the Unix epoch of the batch's oldest item, uint64         |
 * | +r+24…r+27  | length of the batch body in bytes (uint32), then the body, untouched        |
 *
 * Why one message per turn, not one per batch on the room's own subject (version 1): with many
 * small rooms a sequencer stores dozens of one-comment batches per turn, and each message costs its
 * own parse and dispatch in nats.js on every receiving node and its own routing in nats-server,
 * where the bytes cost little. Why not NATS headers: nats.js encodes them as text on publish and
 * decodes them on every receiving node. Version 1 went on `<prefix>.live.<room>`, a subject no node
 * of this version listens to.
 */

const LIVE_VERSION = 2;
const PREV_KNOWN = 1;
const TWO_TO_32 = 2 ** 32;
/** Bytes of an entry besides its room id and body: flags, room length, seq, prev, oldestAt, body length. */
const ENTRY_FIXED_BYTES = 1 + 2 + 8 + 8 + 8 + 4;
/** Room ids are at most MAX_ROOM_ID_CHARS (≤ 256) ASCII characters; a uint16 holds any. */
const MAX_ROOM_BYTES = 0xffff;

/** One stored batch to announce: `prev` undefined = unknown; integers are safe integers ≥ 0. */
export interface LiveEntry {
  readonly room: string;
  readonly seq: number;
  readonly prev: number | undefined;
  /** ms since the Unix epoch of the batch's oldest item (0: unknown). */
  readonly oldestAt: number;
  readonly body: Uint8Array;
}

/** A decoded entry: `prev` is -1 when the sequencer did not say; `body` is a view into the message. */
export interface Announced {
  readonly room: string;
  readonly seq: number;
  readonly prev: number;
  readonly oldestAt: number;
  readonly body: Uint8Array;
}

/** Bytes `entry` takes in a live frame (its room id's UTF-8 length computed once by the caller). */
export function liveEntryBytes(roomBytes: number, bodyBytes: number): number {
  return ENTRY_FIXED_BYTES + roomBytes + bodyBytes;
}

function writeUint64(view: DataView, offset: number, value: number): void {
  view.setUint32(offset, Math.floor(value / TWO_TO_32));
  view.setUint32(offset + 4, value >>> 0);
}

function readUint64(view: DataView, offset: number): number {
  return view.getUint32(offset) * TWO_TO_32 + view.getUint32(offset + 4);
}

/**
 * One live frame holding `entries` in order: one allocation. Throws RangeError for a room id
 * longer than 65,535 UTF-8 bytes (validated room ids are far shorter).
 */
export function encodeLiveFrame(entries: readonly LiveEntry[]): Uint8Array {
  const roomBytes = entries.map((entry) => Buffer.byteLength(entry.room, 'utf8'));
  let size = 1;
  entries.forEach((entry, i) => {
    const length = roomBytes[i] as number;
    if (length > MAX_ROOM_BYTES) throw new RangeError(`room id of ${length} bytes cannot be announced`);
    size += liveEntryBytes(length, entry.body.length);
  });
  const out = Buffer.allocUnsafe(size);
  const view = new DataView(out.buffer, out.byteOffset, size);
  out[0] = LIVE_VERSION;
  let at = 1;
  entries.forEach((entry, i) => {
    const length = roomBytes[i] as number;
    out[at] = entry.prev === undefined ? 0 : PREV_KNOWN;
    view.setUint16(at + 1, length);
    out.write(entry.room, at + 3, length, 'utf8');
    at += 3 + length;
    writeUint64(view, at, entry.seq);
    writeUint64(view, at + 8, entry.prev ?? 0);
    writeUint64(view, at + 16, entry.oldestAt);
    view.setUint32(at + 24, entry.body.length);
    out.set(entry.body, at + 28);
    at += 28 + entry.body.length;
  });
  return out;
}

/**
 * Reads a live frame; undefined when `data` is not a whole version-2 frame (another version, cut
 * short, trailing bytes, a seq of 0 or past 2^53): the caller ignores all of it, since a hole is
 * fetched at the room's next batch, whereas delivering part of a damaged frame could deliver garbage.
 */
export function decodeLiveFrame(data: Uint8Array): Announced[] | undefined {
  if (data.length < 1 || data[0] !== LIVE_VERSION) return undefined;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const entries: Announced[] = [];
  let at = 1;
  while (at < data.length) {
    if (at + 3 > data.length) return undefined;
    const flags = data[at] as number;
    const roomEnd = at + 3 + view.getUint16(at + 1);
    if (roomEnd + 28 > data.length) return undefined;
    const room = bytes.toString('utf8', at + 3, roomEnd);
    const seq = readUint64(view, roomEnd);
    const prev = readUint64(view, roomEnd + 8);
    const oldestAt = readUint64(view, roomEnd + 16);
    const bodyEnd = roomEnd + 28 + view.getUint32(roomEnd + 24);
    if (bodyEnd > data.length) return undefined;
    if (seq <= 0 || !Number.isSafeInteger(seq) || !Number.isSafeInteger(prev) || !Number.isSafeInteger(oldestAt))
      return undefined;
    entries.push({
      room,
      seq,
      prev: flags & PREV_KNOWN ? prev : -1,
      oldestAt,
      body: data.subarray(roomEnd + 28, bodyEnd),
    });
    at = bodyEnd;
  }
  return entries;
}
