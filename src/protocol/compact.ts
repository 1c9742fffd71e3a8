import { encodeServerFrame, v1, type DanmakuProps } from './codec.js';
import type { danmaku } from './generated/danmaku.js';

/** Hello.batch_layout of the compact layout (ServerFrame.compact, deflated with preset dictionary 1). */
export const COMPACT_LAYOUT = 1;
/** The preset dictionary (src/protocol/dictionary.ts) compact frames are deflated with. */
export const COMPACT_DICTIONARY = 1;

const WHITE = 0xffffff;
// A user id sent as a number must come back as the same string: decimal, no leading zero, exact in a double.
const NUMERIC_ID = /^[1-9]\d{0,14}$/;

/**
 * A stored batch body (an encoded Batch of room and items) as the ServerFrame.compact bytes clients
 * with batch_layout = 1 get: the room as the node's alias, the epoch only when `epoch` is not empty
 * (the caller leaves it out when every compact viewer's Joined carried it), one base time and
 * per-item deltas, numeric user ids as numbers, colours XOR white. Built once per batch per node.
 */
export function encodeCompactBatch(body: Uint8Array, alias: number, epoch: string, seq: number): Uint8Array {
  const items = v1.Batch.decode(body).items;
  const base = Number(items[0]?.sentAtMs ?? 0);
  return encodeServerFrame({
    compact: {
      roomAlias: alias,
      seq,
      epoch,
      baseTimeMs: base,
      items: items.map((item) => {
        const userId = item.userId ?? '';
        const numeric = NUMERIC_ID.test(userId);
        return {
          id: item.id,
          userNumber: numeric ? Number(userId) : 0,
          userId: numeric ? '' : userId,
          userName: item.userName,
          text: item.text,
          colorXorWhite: ((item.color ?? 0) ^ WHITE) >>> 0,
          mode: item.mode,
          timeDeltaMs: Number(item.sentAtMs ?? 0) - base,
          priority: item.priority,
        };
      }),
    },
  });
}

/** The danmaku of a compact batch in the usual shape (what a Batch's items decode to). */
export function expandCompactItems(compact: danmaku.v1.ICompactBatch): DanmakuProps[] {
  const base = Number(compact.baseTimeMs ?? 0);
  return (compact.items ?? []).map((item) => ({
    id: item.id ?? '',
    userId: item.userId || (item.userNumber ? String(item.userNumber) : ''),
    userName: item.userName ?? '',
    text: item.text ?? '',
    color: ((item.colorXorWhite ?? 0) ^ WHITE) >>> 0,
    mode: item.mode ?? 0,
    sentAtMs: base + Number(item.timeDeltaMs ?? 0),
    priority: item.priority ?? 0,
  }));
}
