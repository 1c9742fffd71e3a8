import t, { type Test } from 'tap';
import { deflateRawSync } from 'node:zlib';
import { decodeServerFrame, encodeServerFrame, type Decoded, type ServerFrame } from '../../src/protocol/codec.js';
import { MAX_INFLATED_BYTES, decodeDeflatedBatch } from '../../src/protocol/deflated.js';
import { admin } from '../helpers/admin.js';
import { TestClient } from '../helpers/client.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';
import { startTestNode, token } from '../helpers/node.js';
import { waitFor } from '../helpers/wait.js';

// Busy-room danmaku: the same phrases over and over, as in a real hot room.
const TEXTS = ['前方高能 awsl', '哈哈哈哈哈哈', '主播加油 666', 'what a shot 名场面'];

/** Every binary message a socket receives, as raw bytes, in order. */
function recordRaw(client: TestClient): Uint8Array[] {
  const raw: Uint8Array[] = [];
  client.ws.on('message', (data: Buffer) => raw.push(new Uint8Array(data)));
  return raw;
}

/** The batch a raw message carries, inflating it when it came deflated. */
function batchOf(bytes: Uint8Array): { batch: NonNullable<ServerFrame['batch']>; deflated: boolean } | undefined {
  const decoded = decodeServerFrame(bytes);
  if (!decoded.ok) throw new Error(decoded.error);
  if (decoded.frame.kind === 'batch')
    return { batch: decoded.frame.batch as NonNullable<ServerFrame['batch']>, deflated: false };
  if (decoded.frame.kind !== 'deflated') return undefined;
  const inner = decodeDeflatedBatch(decoded.frame.deflated as NonNullable<ServerFrame['deflated']>);
  if (!inner.ok) throw new Error(inner.error);
  return { batch: inner.frame.batch as NonNullable<ServerFrame['batch']>, deflated: true };
}

function helloDeflate(client: TestClient): void {
  client.send({ hello: { platform: 'node', acceptDeflate: true } });
}

function untilItems(raw: Uint8Array[], count: number): Promise<void> {
  const items = () => raw.map(batchOf).reduce((n, b) => n + (b?.batch.items?.length ?? 0), 0);
  return waitFor(`${count} danmaku`, () => items() >= count);
}

async function burst(poster: TestClient, room: string, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++)
    poster.send({ comment: { room, clientMsgId: `m${i}`, text: TEXTS[i % TEXTS.length], color: 0xffffff } });
  for (let i = 0; i < count; i++) await poster.nextKind('ack');
}

// One viewer here stands for a room's many: deflate as if the fan-out paid for it.
const BUSY = { COMMENT_BURST: '200', COMMENT_RATE_PER_SEC: '1000', BATCH_DEFLATE_MIN_FANOUT_BYTES: '0' };

/**
 * A node with one viewer of `room` that says hello with accept_deflate (before its join, or after
 * it), then `count` danmaku posted there: resolves with every raw message the viewer got for them.
 */
async function watchBurst(
  t: Test,
  env: Record<string, string>,
  room: string,
  count: number,
  helloAfterJoin = false,
): Promise<{ node: Awaited<ReturnType<typeof startTestNode>>; viewer: TestClient; raw: Uint8Array[] }> {
  const node = await startTestNode(env);
  t.teardown(() => node.drain());
  const viewer = await TestClient.connect(node.wsUrl);
  if (!helloAfterJoin) helloDeflate(viewer);
  await viewer.join(room);
  if (helloAfterJoin) helloDeflate(viewer);
  const raw = recordRaw(viewer);
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  await burst(poster, room, count);
  await untilItems(raw, count);
  return { node, viewer, raw };
}

t.test(
  'a viewer that accepts deflate gets busy batches deflated once, the same batches as a plain viewer, in fewer bytes',
  async (t) => {
    const node = await startTestNode(BUSY);
    t.teardown(() => node.drain());
    const plain = await TestClient.connect(node.wsUrl);
    const packed = await TestClient.connect(node.wsUrl);
    helloDeflate(packed);
    await plain.join('hot');
    await packed.join('hot');
    const plainAll = recordRaw(plain);
    const packedAll = recordRaw(packed);
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
    await burst(poster, 'hot', 60);
    await untilItems(plainAll, 60);
    await untilItems(packedAll, 60);
    // The batches only: the room's viewer count (presence) also reaches both, plain, and is no danmaku delivery.
    const plainRaw = plainAll.filter((bytes) => batchOf(bytes) !== undefined);
    const packedRaw = packedAll.filter((bytes) => batchOf(bytes) !== undefined);

    const plainBatches = plainRaw.map(batchOf);
    const packedBatches = packedRaw.map(batchOf);
    t.equal(packedBatches.length, plainBatches.length, 'one message per batch for both');
    t.ok(
      packedBatches.some((b) => b?.deflated),
      'busy batches arrive deflated',
    );
    t.notOk(
      plainBatches.some((b) => b?.deflated),
      'a viewer that did not ask never gets a deflated frame',
    );
    t.same(
      packedBatches.map((b) => b?.batch),
      plainBatches.map((b) => b?.batch),
      'the same batches (room, epoch, seq, every item) in the same order',
    );
    for (const [i, bytes] of packedRaw.entries()) {
      const frame = decodeServerFrame(bytes);
      if (frame.ok && frame.frame.kind === 'deflated') {
        const inflated = decodeDeflatedBatch(frame.frame.deflated as NonNullable<ServerFrame['deflated']>);
        t.ok(
          inflated.ok && Buffer.from(encodeServerFrame(inflated.frame)).equals(Buffer.from(plainRaw[i] as Uint8Array)),
          `message ${i} inflates to the plain frame`,
        );
      }
    }
    const bytes = (raw: Uint8Array[]) => raw.reduce((n, b) => n + b.length, 0);
    t.ok(bytes(packedRaw) < bytes(plainRaw) * 0.6, `deflated ${bytes(packedRaw)} bytes vs plain ${bytes(plainRaw)}`);

    const delivered = total(parseSamples(await scrape(node.url)), 'danmaku_delivered_bytes_total');
    t.equal(delivered, bytes(plainRaw) + bytes(packedRaw), 'delivered bytes count what went out, deflated or not');
  },
);

t.test('a lone comment and moderator frames go plain to deflate viewers', async (t) => {
  const { node, viewer, raw } = await watchBurst(t, {}, 'quiet', 1);
  t.equal(
    batchOf(raw[0] as Uint8Array)?.deflated,
    false,
    'a batch under BATCH_DEFLATE_MIN_BYTES is not worth deflating',
  );
  t.equal(
    (await admin(node.url, 'postNotice', { params: { room: 'quiet' }, body: { text: '直播即将开始' } })).status,
    202,
    'notice accepted',
  );
  t.equal((await viewer.nextKind('notice')).text, '直播即将开始', 'notices reach the deflate topic');
});

t.test('a room with few deflate viewers on the node gets busy batches plain: the deflate would not pay', async (t) => {
  const { raw } = await watchBurst(t, { COMMENT_BURST: '200', COMMENT_RATE_PER_SEC: '1000' }, 'small', 40);
  const batches = raw.map(batchOf);
  t.ok(
    batches.some((b) => (b?.batch.items?.length ?? 0) > 5),
    'batches of several danmaku',
  );
  t.notOk(
    batches.some((b) => b?.deflated),
    'none deflated for one viewer',
  );
});

t.test('BATCH_DEFLATE_MIN_BYTES=off: hello asks, every batch still goes plain', async (t) => {
  const { raw } = await watchBurst(t, { ...BUSY, BATCH_DEFLATE_MIN_BYTES: 'off' }, 'hot', 40);
  t.notOk(
    raw.map(batchOf).some((b) => b?.deflated),
    'nothing deflated',
  );
});

t.test('a hello after a join does not switch topics: every batch arrives exactly once', async (t) => {
  const { raw } = await watchBurst(t, BUSY, 'hot', 40, true);
  const batches = raw.map(batchOf);
  t.notOk(
    batches.some((b) => b?.deflated),
    'still the plain topic it joined on',
  );
  const seqs = batches.map((b) => Number(b?.batch.seq));
  t.same(seqs, [...new Set(seqs)], 'no batch twice');
  t.equal(
    batches.reduce((n, b) => n + (b?.batch.items?.length ?? 0), 0),
    40,
    'every danmaku once',
  );
});

const errorOf = (decoded: Decoded<ServerFrame>): string => (decoded.ok ? '' : decoded.error);

t.test('decodeDeflatedBatch refuses what is not a deflated batch of the announced size', async (t) => {
  const deflate = (frame: Uint8Array, size = frame.length) =>
    decodeDeflatedBatch({ data: deflateRawSync(frame), size });
  const batch = encodeServerFrame({ batch: { room: 'r', epoch: 'e', seq: 7, items: [{ id: 'a', text: '好耶' }] } });
  const good = deflate(batch);
  t.ok(good.ok && good.frame.batch?.items?.[0]?.text === '好耶', 'a deflated batch round-trips');
  t.notOk(
    decodeDeflatedBatch({ data: new Uint8Array([0xff, 0x00, 0x13, 0x37]), size: 10 }).ok,
    'bytes that do not inflate',
  );
  const notice = deflate(encodeServerFrame({ notice: { room: 'r', text: 'x' } }));
  t.match(errorOf(notice), /not a batch/, 'a deflated frame that is not a batch');
  t.match(errorOf(deflate(batch, batch.length + 5)), /not the/, 'a size larger than what inflates');
  t.notOk(deflate(batch, batch.length - 3).ok, 'a size smaller than what inflates leaves a truncated frame, refused');
  t.match(errorOf(deflate(batch, MAX_INFLATED_BYTES + 1)), /announces/, 'an absurd size, before allocating it');
  t.match(errorOf(decodeDeflatedBatch({ data: deflateRawSync(batch) })), /announces 0/, 'no size');
});
