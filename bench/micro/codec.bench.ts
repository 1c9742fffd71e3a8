import { deflateBatchFrame } from '../../src/gateway/fanout.js';
import {
  decodeServerFrame,
  encodeBatchBody,
  stampBatch,
  type DanmakuProps,
  type ServerFrame,
} from '../../src/protocol/codec.js';
import { decodeDeflatedBatch } from '../../src/protocol/deflated.js';
import { COMMENT_COLOR, commentText, userName } from '../load/workload.js';
import { runSuite, type Case } from './suite.js';

/**
 * The batch frame a viewer receives, protobuf (what this server sends: the body encoded once,
 * then epoch and seq stamped on) vs. the same batch as JSON; and the deflated frame viewers that
 * accept it get (deflated once per batch per node, inflated by every such viewer).
 */

const EPOCH = 'gTwcS0EX';
const ROOM = 'room-42';
const SIZES = [1, 20, 200] as const;
const sentAt = Date.UTC(2026, 10, 25, 12);

function danmaku(n: number): DanmakuProps[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `q3Vb9w${(1000 + i).toString(36)}`,
    userId: String(300_000_000 + i * 7919),
    userName: userName(i),
    text: commentText(i, sentAt + i),
    color: COMMENT_COLOR,
    mode: 0,
    sentAtMs: sentAt + i,
  }));
}

const encodeProtobuf = (items: DanmakuProps[], seq: number) => stampBatch(encodeBatchBody(ROOM, items), EPOCH, seq);
const encodeJson = (items: DanmakuProps[], seq: number) =>
  Buffer.from(JSON.stringify({ batch: { room: ROOM, epoch: EPOCH, seq, items } }));

const cases: Case[] = [];
const sizes: string[] = [
  '',
  'bytes per danmaku (one viewer frame):',
  '  batch  protobuf  deflated  JSON batch  JSON one message per danmaku (the peers)  protobuf ÷ JSON  deflated ÷ JSON',
];
for (const n of SIZES) {
  const items = danmaku(n);
  const proto = encodeProtobuf(items, 123456);
  const json = encodeJson(items, 123456);
  // Every size is deflated here (minBytes 0) to show what deflate does even to a lone danmaku.
  const deflated = deflateBatchFrame(proto, 0);
  const perMessage = items.reduce((sum, d) => sum + Buffer.byteLength(JSON.stringify(d)), 0);
  const check = decodeServerFrame(proto);
  if (!check.ok || check.frame.batch?.items?.length !== n)
    throw new Error(`protobuf round trip of ${n} danmaku failed`);
  const outer = decodeServerFrame(deflated);
  const inflate = () =>
    outer.ok && outer.frame.kind === 'deflated'
      ? decodeDeflatedBatch(outer.frame.deflated as NonNullable<ServerFrame['deflated']>)
      : outer;
  const inflated = inflate();
  if (!inflated.ok || inflated.frame.batch?.items?.length !== n)
    throw new Error(`deflate round trip of ${n} danmaku failed`);
  sizes.push(
    `  ${String(n).padStart(5)}  ${(proto.length / n).toFixed(1).padStart(8)}  ${(deflated.length / n).toFixed(1).padStart(8)}  ${(json.length / n).toFixed(1).padStart(10)}  ` +
      `${(perMessage / n).toFixed(1).padStart(42)}  ${(proto.length / json.length).toFixed(2).padStart(15)}  ${(deflated.length / json.length).toFixed(2).padStart(15)}`,
  );
  let seq = 1;
  cases.push(
    { name: `protobuf encode+stamp batch of ${n}`, fn: () => void encodeProtobuf(items, seq++), perOp: n },
    { name: `JSON stringify batch of ${n}`, fn: () => void encodeJson(items, seq++), perOp: n },
    { name: `protobuf decode batch of ${n}`, fn: () => void decodeServerFrame(proto), perOp: n },
    { name: `JSON parse batch of ${n}`, fn: () => void JSON.parse(json.toString()), perOp: n },
    {
      name: `deflate stamped batch of ${n} (server, once per batch)`,
      fn: () => void deflateBatchFrame(proto, 0),
      perOp: n,
    },
  );
  // A lone danmaku does not deflate smaller, so it goes plain and there is nothing to inflate.
  if (deflated !== proto)
    cases.push({ name: `inflate+decode deflated batch of ${n} (SDK, fflate)`, fn: () => void inflate(), perOp: n });
}

runSuite('codec: batch frames, protobuf (generated code) vs. JSON', cases);
process.stdout.write(`${sizes.join('\n')}\n`);
