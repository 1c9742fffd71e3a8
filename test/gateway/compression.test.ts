import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';

// A batch of repetitive danmaku: with the shared compressor it crosses the socket deflated, and the
// viewer still decodes every item.
const TEXT = '前方高能 awsl 前方高能 awsl 前方高能';

async function receiveBatchBytes(
  env: Record<string, string>,
): Promise<{ extensions: string; wireBytes: number; frameBytes: number; items: number }> {
  // The default per-user burst (10) would refuse half of the 20 comments.
  const node = await startTestNode({ COMMENT_BURST: '100', ...env });
  try {
    const viewer = await TestClient.connect(node.wsUrl);
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
    await viewer.join('lobby');
    const socket = (viewer.ws as unknown as { _socket: { bytesRead: number } })._socket;
    const before = socket.bytesRead;
    let frameBytes = 0;
    viewer.ws.on('message', (data: Buffer) => (frameBytes += data.length));
    for (let i = 0; i < 20; i++)
      poster.send({ comment: { room: 'lobby', clientMsgId: `m${i}`, text: TEXT, color: 0xffffff } });
    let items = 0;
    while (items < 20) items += (await viewer.nextKind('batch')).items?.length ?? 0;
    const result = { extensions: viewer.ws.extensions, wireBytes: socket.bytesRead - before, frameBytes, items };
    await poster.close();
    await viewer.close();
    return result;
  } finally {
    await node.drain();
  }
}

t.test('WS_COMPRESSION=shared deflates batch frames for clients that offer permessage-deflate', async (t) => {
  const on = await receiveBatchBytes({ WS_COMPRESSION: 'shared' });
  t.match(on.extensions, /permessage-deflate/, 'the extension is negotiated');
  t.equal(on.items, 20, 'every danmaku arrives and decodes');
  t.ok(
    on.wireBytes < on.frameBytes / 2,
    `fewer bytes on the wire (${on.wireBytes}) than the frames hold (${on.frameBytes})`,
  );
});

t.test('compression is off by default', async (t) => {
  const off = await receiveBatchBytes({});
  t.equal(off.extensions, '', 'no extension negotiated');
  t.equal(off.items, 20, 'every danmaku arrives and decodes');
  t.ok(off.wireBytes >= off.frameBytes, 'frames cross the socket as they are');
});
