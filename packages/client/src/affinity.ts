/**
 * Room affinity: rendezvous (highest random weight, HRW) hashing of a room id over the nodes'
 * URLs, so every client that lists the same nodes puts a room's viewers on the same node, and
 * on the same second choice when that node is gone. In a cluster a node receives and fans out
 * every batch of every room it has viewers in: with a room's viewers on one node, that per-batch
 * work is done once instead of once per node (docs/cluster.md, "Room affinity").
 *
 * A node is named by its URL's authority (host and port), not the whole URL: the WebSocket and
 * long-poll URLs of one node rank the same, and clients that spell paths or queries differently agree.
 * The hash is 32-bit FNV-1a over UTF-16 code units, finished with murmur3's fmix32 (FNV alone
 * clusters on keys that differ only at their end, like `room-1`…`room-9`); no crypto API, so it
 * runs the same in a mini-program, a browser and Node. Source: Thaler & Ravishankar, "Using
 * name-based mappings to increase hit rates" (1998).
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** The authority (host[:port]) of a URL, or the whole string when it has no scheme. */
function authority(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url);
  return (match?.[1] ?? url).toLowerCase();
}

/** The weight of `node` for `room`: 32-bit, unsigned. */
export function rendezvousWeight(room: string, node: string): number {
  let h = FNV_OFFSET;
  const key = `${room}\u0000${node}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** `urls` from the room's first choice to its last (highest weight first; ties keep list order). */
export function rendezvousOrder(urls: readonly string[], room: string): string[] {
  return urls
    .map((url, index) => ({ url, index, weight: rendezvousWeight(room, authority(url)) }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index)
    .map((ranked) => ranked.url);
}
