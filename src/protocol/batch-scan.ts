/** Reads the varint at `at.pos` and moves past it; -1 when the bytes end inside it. */
export function readVarint(bytes: Uint8Array, at: { pos: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = bytes[at.pos++];
    if (byte === undefined) return -1;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}

/**
 * Counts the occurrences of length-delimited field `itemField` inside the message that a
 * ServerFrame holds in its length-delimited field `frameField`, by walking the field tags without
 * decoding them. Returns 0 when the frame holds another kind; stops at the first malformed field.
 */
export function countFrameItems(frame: Uint8Array, frameField: number, itemField: number): number {
  const at = { pos: 0 };
  if (readVarint(frame, at) !== ((frameField << 3) | 2)) return 0;
  const length = readVarint(frame, at);
  if (length < 0) return 0;
  const end = Math.min(frame.length, at.pos + length);
  let items = 0;
  while (at.pos < end) {
    const tag = readVarint(frame, at);
    if (tag < 0) return items;
    const wireType = tag & 7;
    if (wireType === 2) {
      const size = readVarint(frame, at);
      if (size < 0) return items;
      at.pos += size;
      if (tag >>> 3 === itemField) items++;
    } else if (wireType === 0) {
      if (readVarint(frame, at) < 0) return items;
    } else {
      return items;
    }
  }
  return items;
}

/**
 * Counts the danmaku in a stamped batch ServerFrame (ServerFrame.batch = 1, Batch.items = 2)
 * without decoding them: cheap enough for every delivered batch. Returns 0 for anything that is
 * not a batch frame.
 */
export function countBatchItems(frame: Uint8Array): number {
  return countFrameItems(frame, 1, 2);
}
