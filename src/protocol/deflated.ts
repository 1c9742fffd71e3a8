import { inflateSync } from 'fflate';
import { decodeServerFrame, type Decoded, type ServerFrame } from './codec.js';

/**
 * The batch inside a ServerFrame.deflated: raw DEFLATE of one encoded ServerFrame, which must be a
 * batch. fflate rather than node:zlib so the same code runs in mini-programs and browsers, which
 * have no synchronous inflate of their own.
 */
export function decodeDeflatedBatch(deflated: Uint8Array): Decoded<ServerFrame> {
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(deflated);
  } catch (err) {
    return { ok: false, error: `deflated frame does not inflate: ${err instanceof Error ? err.message : 'corrupt data'}` };
  }
  const decoded = decodeServerFrame(inflated);
  if (decoded.ok && decoded.frame.kind !== 'batch') return { ok: false, error: `deflated frame holds a ${decoded.frame.kind ?? 'frame'}, not a batch` };
  return decoded;
}
