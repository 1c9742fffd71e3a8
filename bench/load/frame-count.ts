import { inflateRawSync } from 'node:zlib';
import { countFrameItems, readVarint } from '../../src/protocol/batch-scan.js';
import { MAX_INFLATED_BYTES } from '../../src/protocol/deflated.js';
import { presetDictionary } from '../../src/protocol/dictionary.js';

// ServerFrame fields (proto/danmaku/v1/danmaku.proto): batch = 1 (Batch.items = 2),
// deflated = 11 (Deflated.data = 1, size = 2, dictionary = 3), compact = 13 (CompactBatch.items = 5).
const BATCH = 1;
/** ServerFrame.deflated (field 11, length-delimited): the first byte of a deflated frame. */
export const DEFLATED_TAG = (11 << 3) | 2;
const COMPACT = 13;
const COMPACT_TAG = (COMPACT << 3) | 2;
// Deflated frames remembered per load worker: more than the rooms whose batches can interleave on
// its sockets (1,000 in the widest scenario), so a room's viewers after the first always hit.
const REMEMBERED = 2048;

/** The danmaku in a plain batch or compact batch frame, by their tags; 0 for other frames. */
function plainItems(frame: Uint8Array): number {
  return frame[0] === COMPACT_TAG ? countFrameItems(frame, COMPACT, 5) : countFrameItems(frame, BATCH, 2);
}

/**
 * The frame a ServerFrame.deflated holds, inflated with node's zlib (native; the SDK's fflate is for
 * browsers and mini-programs, and inflates the same bytes); undefined if it is not a deflated frame
 * or does not inflate to its announced size.
 */
export function inflateFrame(frame: Uint8Array): Uint8Array | undefined {
  if (frame[0] !== DEFLATED_TAG) return undefined;
  const at = { pos: 1 };
  const end = Math.min(frame.length, readVarint(frame, at) + at.pos);
  let data: Uint8Array | undefined;
  let size = 0;
  let dictionary = 0;
  while (at.pos < end) {
    const tag = readVarint(frame, at);
    if (tag === ((1 << 3) | 2)) {
      const length = readVarint(frame, at);
      data = frame.subarray(at.pos, at.pos + length);
      at.pos += length;
    } else if (tag === 2 << 3) size = readVarint(frame, at);
    else if (tag === 3 << 3) dictionary = readVarint(frame, at);
    else return undefined;
  }
  if (data === undefined || size <= 0 || size > MAX_INFLATED_BYTES) return undefined;
  const preset = presetDictionary(dictionary);
  if (dictionary !== 0 && preset === undefined) return undefined;
  try {
    const inflated = inflateRawSync(data, preset ? { dictionary: preset } : {});
    return inflated.length === size ? inflated : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Counts the danmaku in each frame a load worker's viewers of this server receive, without decoding
 * them: plain and compact batches by walking their tags; a deflated batch inflated once per worker
 * ({@link inflateFrame}) and remembered, since
 * every viewer of a room gets the very same bytes — the others are checked byte for byte against
 * it. Counts stay exact whatever the server sends, and the load generator's cost per delivery does
 * not grow when a busy server's batches grow big enough to be deflated.
 */
export class FrameCounter {
  // Keyed by length and the last 4 bytes (the end of the DEFLATE stream), confirmed by Buffer.equals.
  private readonly seen = new Map<string, { readonly bytes: Buffer; readonly items: number }>();

  items(data: Buffer): number {
    if (data[0] !== DEFLATED_TAG) return plainItems(data);
    const key = `${data.length}:${data.length >= 4 ? data.readUInt32LE(data.length - 4) : 0}`;
    const known = this.seen.get(key);
    if (known !== undefined && known.bytes.equals(data)) return known.items;
    const inflated = inflateFrame(data);
    const items = inflated === undefined ? 0 : plainItems(inflated);
    if (known === undefined && this.seen.size >= REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    this.seen.set(key, { bytes: Buffer.from(data), items });
    return items;
  }
}
