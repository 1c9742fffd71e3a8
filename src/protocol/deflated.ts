import { inflateSync } from 'fflate';
import { decodeServerFrame, type Decoded, type ServerFrame } from './codec.js';

/** Larger than any batch a server sends (BATCH_MAX_BYTES is at most 1 MiB): a bigger size is a lie. */
export const MAX_INFLATED_BYTES = 4 << 20;

/**
 * The batch inside a ServerFrame.deflated. fflate rather than node:zlib so the same code runs in
 * mini-programs and browsers, which have no synchronous inflate of their own; inflating into a
 * buffer of the announced size spares fflate its guesswork (it otherwise grows a 128 KiB buffer
 * per call, ~8× slower on a typical batch).
 */
export function decodeDeflatedBatch(deflated: {
  readonly data?: Uint8Array | null;
  readonly size?: number | null;
}): Decoded<ServerFrame> {
  const size = deflated.size ?? 0;
  if (size <= 0 || size > MAX_INFLATED_BYTES) return { ok: false, error: `deflated frame announces ${size} bytes` };
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(deflated.data ?? new Uint8Array(0), { out: new Uint8Array(size) });
  } catch (err) {
    return {
      ok: false,
      error: `deflated frame does not inflate: ${err instanceof Error ? err.message : 'corrupt data'}`,
    };
  }
  if (inflated.length !== size)
    return { ok: false, error: `deflated frame inflates to ${inflated.length} bytes, not the ${size} announced` };
  const decoded = decodeServerFrame(inflated);
  if (decoded.ok && decoded.frame.kind !== 'batch')
    return { ok: false, error: `deflated frame holds a ${decoded.frame.kind ?? 'frame'}, not a batch` };
  return decoded;
}
