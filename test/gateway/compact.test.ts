import t from 'tap';
import { createNodeClient } from 'danmaku-client/node';
import { decodeServerFrame, type DanmakuProps, type ServerFrame } from '../../src/protocol/codec.js';
import { expandCompactItems } from '../../src/protocol/compact.js';
import { decodeDeflatedBatch } from '../../src/protocol/deflated.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { EventLog } from '../helpers/sdk.js';
import { waitFor } from '../helpers/wait.js';

const TEXTS = ['哈哈哈哈哈哈 前方高能预警 主播加油', 'GG', 'what a shot 名场面 太强了'];

/** Every binary message a socket receives from now on, as raw bytes, but the room's live viewer count (presence). */
function recordRaw(client: TestClient): Uint8Array[] {
  const raw: Uint8Array[] = [];
  client.ws.on('message', (data: Buffer) => {
    const bytes = new Uint8Array(data);
    const decoded = decodeServerFrame(bytes);
    if (!decoded.ok || decoded.frame.kind !== 'presence') raw.push(bytes);
  });
  return raw;
}

/** The compact batch a message carries (inflated when it came deflated), or undefined. */
function compactOf(bytes: Uint8Array): NonNullable<ServerFrame['compact']> | undefined {
  const decoded = decodeServerFrame(bytes);
  if (!decoded.ok) throw new Error(decoded.error);
  if (decoded.frame.kind === 'compact') return decoded.frame.compact ?? undefined;
  if (decoded.frame.kind !== 'deflated') return undefined;
  const inner = decodeDeflatedBatch(decoded.frame.deflated ?? {});
  if (!inner.ok) throw new Error(inner.error);
  return inner.frame.compact ?? undefined;
}

t.test(
  'a viewer whose hello asks for batch_layout 1 gets lone danmaku compact, in fewer bytes; a plain viewer gets today’s frames',
  async (t) => {
    // The room's two viewers stand for a hot room: deflate as if the fan-out paid for it.
    const node = await startTestNode({ BATCH_DEFLATE_MIN_FANOUT_BYTES: '0' });
    t.teardown(() => node.drain());
    const compact = await TestClient.connect(node.wsUrl);
    compact.send({ hello: { platform: 'node', acceptDeflate: true, batchLayout: 1 } });
    const joined = await compact.join('quiet');
    t.ok((joined.roomAlias ?? 0) > 0, 'joined names the room’s alias');
    const plain = await TestClient.connect(node.wsUrl);
    t.equal((await plain.join('quiet')).roomAlias, 0, 'no alias for a viewer that did not ask');
    const compactRaw = recordRaw(compact);
    const plainRaw = recordRaw(plain);
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: '300007919', name: '路人甲' }) });
    // One at a time: each danmaku is a batch of its own, as in a quiet room.
    for (const [i, text] of TEXTS.entries()) {
      poster.send({ comment: { room: 'quiet', clientMsgId: `m${i}`, text, color: 0xffffff } });
      await poster.nextKind('ack');
      await plain.nextKind('batch', (b) => b.items?.[0]?.text === text);
    }
    await waitFor(`${TEXTS.length} compact batches`, () => compactRaw.length >= TEXTS.length);

    const batches = compactRaw.map(compactOf);
    t.ok(
      batches.every((b) => b?.roomAlias === joined.roomAlias && b?.epoch === ''),
      'compact batches by alias, the epoch of joined left out',
    );
    const fields = (d: DanmakuProps | undefined) => ({
      id: d?.id,
      userId: d?.userId,
      userName: d?.userName,
      text: d?.text,
      color: d?.color ?? 0,
      mode: d?.mode ?? 0,
      sentAtMs: Number(d?.sentAtMs),
      priority: d?.priority ?? 0,
    });
    t.same(
      batches.map((b) => fields(expandCompactItems(b ?? {})[0])),
      plain.frames.filter((f) => f.kind === 'batch').map((f) => fields(f.batch?.items?.[0])),
      'the same danmaku as the plain viewer’s',
    );
    t.same(
      batches.map((b) => Number(b?.seq)),
      plain.batchSeqs('quiet'),
      'the same seqs',
    );
    const first = decodeServerFrame(compactRaw[0] as Uint8Array);
    t.equal(first.ok && first.frame.deflated?.dictionary, 1, 'a long common text is deflated with dictionary 1');
    for (const [i, bytes] of compactRaw.entries()) {
      const plainBytes = (plainRaw[i] as Uint8Array).length;
      t.ok(bytes.length < plainBytes * 0.75, `danmaku ${i}: ${bytes.length} bytes compact, ${plainBytes} plain`);
    }
  },
);

t.test('the SDK with compactBatches draws the same danmaku as without: ids, users, colours, times', async (t) => {
  const node = await startTestNode({ BATCH_DEFLATE_MIN_FANOUT_BYTES: '0' });
  t.teardown(() => node.drain());
  const clients = [true, false].map((compactBatches) => {
    const client = createNodeClient({ urls: node.wsUrl, compactBatches });
    t.teardown(() => client.close());
    return { client, log: new EventLog(client) };
  });
  for (const { client, log } of clients) {
    client.join('sdk');
    client.connect();
    await log.next('joined', (j) => j.room === 'sdk');
  }
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  for (const [i, text] of TEXTS.entries()) {
    poster.send({ comment: { room: 'sdk', clientMsgId: `s${i}`, text, color: i * 0x111111 } });
    await poster.nextKind('ack');
  }
  for (const { log } of clients) while (log.texts('sdk').length < TEXTS.length) await log.next('danmaku');
  const [compact, plain] = clients.map(({ log }) => log.texts('sdk'));
  t.same(compact, TEXTS, 'compact: every danmaku once, in order');
  t.same(plain, TEXTS, 'plain: the same');
});
