import { inflateSync } from 'fflate';
import { decodeServerFrame, type Decoded, type ServerFrame } from './codec.js';
import { COMPACT_DICTIONARY } from './compact.js';
import { presetDictionary } from './dictionary.js';

/** Larger than any batch a server sends (BATCH_MAX_BYTES is at most 1 MiB): a bigger size is a lie. */
export const MAX_INFLATED_BYTES = 4 << 20;

/**
 * The batch inside a ServerFrame.deflated: a batch, or with dictionary 1 a compact batch. fflate rather than node:zlib so the same code runs in
 * mini-programs and browsers, which have no synchronous inflate of their own; inflating into a
 * buffer of the announced size spares fflate its guesswork (it otherwise grows a 128 KiB buffer
 * per call, ~8× slower on a typical batch).
 */
export function decodeDeflatedBatch(deflated: {
  readonly data?: Uint8Array | null;
  readonly size?: number | null;
  readonly dictionary?: number | null;
}): Decoded<ServerFrame> {
  const size = deflated.size ?? 0;
  if (size <= 0 || size > MAX_INFLATED_BYTES) return { ok: false, error: `deflated frame announces ${size} bytes` };
  const version = deflated.dictionary ?? 0;
  const dictionary = presetDictionary(version);
  if (version !== 0 && dictionary === undefined)
    return { ok: false, error: `deflated frame needs dictionary ${version}, which this client does not have` };
  let inflated: Uint8Array;
  try {
    const out = new Uint8Array(size);
    inflated = inflateSync(deflated.data ?? new Uint8Array(0), dictionary ? { out, dictionary } : { out });
  } catch (err) {
    return {
      ok: false,
      error: `deflated frame does not inflate: ${err instanceof Error ? err.message : 'corrupt data'}`,
    };
  }
  if (inflated.length !== size)
    return { ok: false, error: `deflated frame inflates to ${inflated.length} bytes, not the ${size} announced` };
  const decoded = decodeServerFrame(inflated);
  // Dictionary 1 primes compact frames only: what it holds says which layout the client asked for.
  const expected = version === COMPACT_DICTIONARY ? 'compact' : 'batch';
  if (decoded.ok && decoded.frame.kind !== expected)
    return {
      ok: false,
      error: `deflated frame holds a ${decoded.frame.kind ?? 'frame'}, not a ${expected === 'batch' ? 'batch' : 'compact batch'}`,
    };
  return decoded;
}
