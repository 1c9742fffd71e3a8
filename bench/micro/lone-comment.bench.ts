import { deflateRawSync, type ZlibOptions } from 'node:zlib';
import { inflateSync } from 'fflate';
import protobuf from 'protobufjs';
import {
  decodeServerFrame,
  encodeBatchBody,
  encodeServerFrame,
  stampBatch,
  type DanmakuProps,
} from '../../src/protocol/codec.js';
import { encodeCompactBatch } from '../../src/protocol/compact.js';
import { decodeDeflatedBatch } from '../../src/protocol/deflated.js';
import { DICTIONARY_1_TEXT } from '../../src/protocol/dictionary.js';
import { deflateCompactFrame } from '../../src/gateway/fanout.js';
import { runSuite, type Case } from './suite.js';

/**
 * Issue 16: what a lone danmaku (a quiet room: one danmaku per frame) costs on the wire, and what
 * would make it smaller without a per-viewer cost. Candidates, each built once per batch per node
 * (never per viewer):
 *
 * - today: the stamped Batch frame (room, epoch and seq strings and numbers, the danmaku's string
 *   id and user id, absolute ms time, colour 0xffffff in 4 varint bytes);
 * - today, raw DEFLATE: what ServerFrame.deflated does now (only used when smaller);
 * - today, raw DEFLATE with a preset dictionary (RFC 1951 has none; zlib's deflateSetDictionary
 *   primes the window, and fflate's inflate takes the same `dictionary`): the SDK would ship the
 *   dictionary, versioned in the protocol;
 * - compact fields: a sketch of an opt-in batch layout (SKETCH below), not the protocol;
 * - compact fields + dictionary.
 *
 * Text samples come in two kinds per script: common danmaku (what a dictionary is built from) and
 * novel sentences (what it was not built from), so the table shows both the gain and its floor.
 * Bytes include the 2-byte WebSocket header (server frames are unmasked, payload < 126 bytes).
 */

const WS_HEADER_BYTES = 2;
const ROOM = 'room-42';
const EPOCH = 'gTwcS0EX';
const SEQ = 48_213;
const SENT_AT = Date.UTC(2026, 10, 30, 12, 0, 0);

const TEXTS = {
  'CJK, common': [
    '哈哈哈哈哈哈',
    '前方高能预警',
    '主播加油！',
    '这波操作太秀了',
    '泪目了家人们',
    '名场面来了',
    '爷青回',
    'awsl 太可爱了',
    '弹幕护体',
    '笑死我了哈哈哈',
    '这就是专业吗',
    '来了来了',
  ],
  'CJK, novel': [
    '刚下班回家就赶上了开播，今天运气真好',
    '这个配色让我想起了小时候玩的游戏机',
    '有没有人知道背景音乐叫什么名字',
    '我奶奶也在看这个直播，她说主播很有礼貌',
    '明天考试还在看直播的举个手',
    '外面下大雨了，在家看直播刚刚好',
  ],
  'Latin, common': [
    'lol',
    'GG',
    'nice one',
    'hello from Shanghai',
    'what a shot',
    'replay please',
    'first!',
    'LOL that was close',
    "let's go!!!",
    'this is insane',
  ],
  'Latin, novel': [
    'just got home from work and caught the start, lucky me',
    'does anyone know the name of the background song',
    'my grandma is watching too and she loves the host',
    'can you explain that trick one more time please',
    'greetings from a very rainy afternoon in Lisbon',
  ],
} as const;
type TextKind = keyof typeof TEXTS;

const NAMES = ['追番的猫7', '路人甲12', 'Kevin3', '夜猫子41', 'momo5', '吃瓜群众18'];

/** A danmaku as this server stamps it: boot-prefixed base-36 id, 9-digit user id, white, scrolling. */
function danmaku(text: string, i: number): DanmakuProps {
  return {
    id: `q3Vb9w${(46_656 + i * 37).toString(36)}`,
    userId: String(300_000_000 + i * 7919),
    userName: NAMES[i % NAMES.length],
    text,
    color: 0xffffff,
    mode: 0,
    sentAtMs: SENT_AT + i * 977,
  };
}

// An opt-in batch layout, for measurement: a room alias the node assigns at join (the same for
// every viewer of the room on that node), the epoch only in `joined` and when it changes, one base
// time per batch with per-danmaku deltas, the danmaku id implied by (seq, index) — a recall would
// name it so —, the user id as a number, and the colour XOR white so the usual white is the default.
const SKETCH = protobuf.parse(`
syntax = "proto3";
package sketch;
message Frame { oneof kind { Batch batch = 12; } }
message Batch {
  uint32 room_alias = 1;
  uint64 seq = 2;
  uint64 base_time_ms = 3;
  repeated Danmaku items = 4;
  string epoch = 5;
}
message Danmaku {
  uint64 user_id = 1;
  string user_name = 2;
  string text = 3;
  uint32 color_xor_white = 4;
  uint32 mode = 5;
  sint32 time_delta_ms = 6;
  uint32 priority = 7;
}
`).root;
const CompactFrame = SKETCH.lookupType('sketch.Frame');

function todayFrame(d: DanmakuProps): Uint8Array {
  return stampBatch(encodeBatchBody(ROOM, [d]), EPOCH, SEQ);
}

function compactFrame(d: DanmakuProps): Uint8Array {
  return CompactFrame.encode(
    CompactFrame.fromObject({
      batch: {
        roomAlias: 42,
        seq: SEQ,
        baseTimeMs: d.sentAtMs,
        items: [{ userId: d.userId, userName: d.userName, text: d.text, colorXorWhite: (d.color ?? 0) ^ 0xffffff }],
      },
    }),
  ).finish();
}

// The dictionary the SDK would ship (zlib puts the most useful strings last, nearest the data):
// the field bytes of both layouts with empty strings, then the common danmaku words and phrases of
// preset dictionary 1 (src/protocol/dictionary.ts), not taken from the samples above.
const template = (text: string) => danmaku(text, 0);
const DICTIONARY = Buffer.concat([
  Buffer.from(compactFrame(template(''))),
  Buffer.from(todayFrame(template(''))),
  Buffer.from(DICTIONARY_1_TEXT),
]);

// zlib sizes its window and hash for 32 KiB by default and zeroes them on every call: for a
// frame of a few hundred bytes a 4 KiB window (the dictionary fits) is enough and its set-up is cheaper.
const SMALL: ZlibOptions = { windowBits: 12, memLevel: 4 };
const deflateWith = (frame: Uint8Array, options: ZlibOptions) => new Uint8Array(deflateRawSync(frame, options));
const deflate = (frame: Uint8Array) => deflateWith(frame, SMALL);
const deflateDict = (frame: Uint8Array) => deflateWith(frame, { ...SMALL, dictionary: DICTIONARY });

// ServerFrame.deflated around it, plus 2 bytes for the dictionary version a real field would add.
const DICTIONARY_FIELD_BYTES = 2;
const wrap = (data: Uint8Array, size: number, dictionary: boolean) =>
  encodeServerFrame({ deflated: { data, size } }).length + (dictionary ? DICTIONARY_FIELD_BYTES : 0);

/** What the peers send for the same danmaku (the ws peer's JSON message). */
function jsonBytes(d: DanmakuProps): number {
  return Buffer.byteLength(
    JSON.stringify({
      id: '1x3k',
      userId: d.userId,
      userName: d.userName,
      text: d.text,
      color: d.color,
      mode: d.mode,
      sentAtMs: d.sentAtMs,
    }),
  );
}

function checkRoundTrips(d: DanmakuProps): void {
  const today = decodeServerFrame(todayFrame(d));
  if (!today.ok || today.frame.batch?.items?.[0]?.text !== d.text) throw new Error('today frame does not round-trip');
  const inflated = inflateSync(deflateDict(todayFrame(d)), { dictionary: DICTIONARY });
  if (Buffer.compare(Buffer.from(inflated), Buffer.from(todayFrame(d))) !== 0)
    throw new Error('fflate does not inflate zlib’s dictionary deflate');
  const compact = CompactFrame.toObject(
    CompactFrame.decode(inflateSync(deflateDict(compactFrame(d)), { dictionary: DICTIONARY })),
    {
      longs: Number,
    },
  ) as { batch: { items: { text: string }[] } };
  if (compact.batch.items[0]?.text !== d.text) throw new Error('compact frame does not round-trip');
}

interface Row {
  readonly kind: TextKind;
  readonly text: number;
  readonly json: number;
  readonly today: number;
  readonly todayDeflated: number;
  readonly todayDictionary: number;
  readonly compact: number;
  readonly compactDictionary: number;
  readonly built: number;
  readonly builtDeflated: number;
}

/** The compact layout as the server builds it (src/protocol/compact.ts), the epoch left out as joined carried it. */
const builtFrame = (d: DanmakuProps) => encodeCompactBatch(encodeBatchBody(ROOM, [d]), 42, '', SEQ);

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function row(kind: TextKind): Row {
  const samples = TEXTS[kind].map((text, i) => danmaku(text, i));
  samples.forEach(checkRoundTrips);
  const per = (f: (d: DanmakuProps) => number) => mean(samples.map(f)) + WS_HEADER_BYTES;
  return {
    kind,
    text: mean(samples.map((d) => Buffer.byteLength(d.text ?? ''))),
    json: per(jsonBytes),
    today: per((d) => todayFrame(d).length),
    // The server sends the deflated frame only when it is smaller.
    todayDeflated: per((d) =>
      Math.min(todayFrame(d).length, wrap(deflate(todayFrame(d)), todayFrame(d).length, false)),
    ),
    todayDictionary: per((d) => wrap(deflateDict(todayFrame(d)), todayFrame(d).length, true)),
    compact: per((d) => compactFrame(d).length),
    compactDictionary: per((d) =>
      Math.min(compactFrame(d).length, wrap(deflateDict(compactFrame(d)), compactFrame(d).length, true)),
    ),
    built: per((d) => builtFrame(d).length),
    // What the fan-out sends a room whose viewers make the deflate pay: dictionary 1 when smaller.
    builtDeflated: per((d) => deflateCompactFrame(builtFrame(d)).length),
  };
}

const rows = (Object.keys(TEXTS) as TextKind[]).map(row);
const cell = (bytes: number, json: number) => `${bytes.toFixed(1)} (${(json / bytes).toFixed(2)}×)`;
const table = [
  '',
  `bytes per lone comment on the wire (WebSocket header included; in brackets: JSON ÷ this), dictionary ${DICTIONARY.length} bytes:`,
  '| text | UTF-8 text bytes | JSON (ws peer) | today | today, deflated | today, dictionary deflate | compact fields (sketch) | compact + dictionary (sketch) | compact layout (built) | compact layout + dictionary 1 (built) |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.kind} | ${r.text.toFixed(1)} | ${r.json.toFixed(1)} | ${cell(r.today, r.json)} | ${cell(r.todayDeflated, r.json)} | ${cell(r.todayDictionary, r.json)} | ${cell(r.compact, r.json)} | ${cell(r.compactDictionary, r.json)} | ${cell(r.built, r.json)} | ${cell(r.builtDeflated, r.json)} |`,
  ),
];

const sample = danmaku(TEXTS['CJK, common'][1], 1);
const frame = todayFrame(sample);
const compact = compactFrame(sample);
const dictDeflated = deflateDict(frame);
const builtPacked = decodeServerFrame(deflateCompactFrame(builtFrame(sample)));
if (!builtPacked.ok || builtPacked.frame.kind !== 'deflated')
  throw new Error('the built compact frame was not deflated');
const builtDeflated = builtPacked.frame.deflated as NonNullable<typeof builtPacked.frame.deflated>;
const cases: Case[] = [
  { name: 'today: encode + stamp (server, per batch)', fn: () => void todayFrame(sample) },
  { name: 'today: raw deflate, zlib defaults (server, per batch)', fn: () => void deflateRawSync(frame) },
  { name: 'today: raw deflate, 4 KiB window (server, per batch)', fn: () => void deflate(frame) },
  { name: 'today: dictionary deflate (server, per batch)', fn: () => void deflateDict(frame) },
  { name: 'compact: encode, reflection (server, per batch)', fn: () => void compactFrame(sample) },
  { name: 'compact + dictionary deflate (server, per batch)', fn: () => void deflateDict(compactFrame(sample)) },
  {
    name: 'client: fflate dictionary inflate + decode',
    // Into a buffer of the announced size, as the SDK inflates (see src/protocol/deflated.ts).
    fn: () =>
      void decodeServerFrame(inflateSync(dictDeflated, { dictionary: DICTIONARY, out: new Uint8Array(frame.length) })),
  },
  { name: 'client: decode today frame', fn: () => void decodeServerFrame(frame) },
  { name: 'compact layout: encode as built (server, per batch)', fn: () => void builtFrame(sample) },
  {
    name: 'compact layout + dictionary 1 deflate as built (server, per batch)',
    fn: () => void deflateCompactFrame(builtFrame(sample)),
  },
  {
    name: 'client: SDK inflate (dictionary 1) + decode of the built frame',
    fn: () => void decodeDeflatedBatch(builtDeflated),
  },
];
if (compact.length === 0) throw new Error('compact frame is empty');

runSuite('lone comment: today vs. compact fields vs. dictionary deflate (one frame, once per node)', cases);
process.stdout.write(`${table.join('\n')}\n`);
