import {
  decodeDelimited,
  decodeServerFrame,
  encodeClientFrame,
  encodeDelimited,
  type ClientFrameProps,
  type ServerFrame,
} from '../../src/protocol/codec.js';

/** A /poll request body carrying these frames (copied onto an ArrayBuffer: fetch refuses views that may be shared). */
export function pollBody(...frames: ClientFrameProps[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encodeDelimited(frames.map(encodeClientFrame)));
}

/** POSTs these frames to /poll (baseUrl is http://host:port) and decodes the answer; throws on a status other than 200. */
export async function poll(
  baseUrl: string,
  frames: readonly ClientFrameProps[],
  options: { token?: string; waitMs?: number } = {},
): Promise<ServerFrame[]> {
  const response = await fetch(`${baseUrl}/poll?wait_ms=${options.waitMs ?? 0}`, {
    method: 'POST',
    body: pollBody(...frames),
    headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
  });
  if (response.status !== 200) throw new Error(`/poll answered ${response.status}: ${await response.text()}`);
  return decodeDelimited(new Uint8Array(await response.arrayBuffer())).map((bytes) => {
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok) throw new Error(`/poll answered an undecodable frame: ${decoded.error}`);
    return decoded.frame;
  });
}
