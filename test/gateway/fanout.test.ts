import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { parseSamples, scrape, total } from '../helpers/scrape.js';

// The fan-out keeps each room's subscriber counts between changes of its subscriptions: a viewer
// that joins after batches flowed, one that closes, one that leaves and one that joins with another
// delivery must each be counted from the next batch on, in what they receive and in the metrics.
t.test('viewers who join, close or leave after batches flowed are counted from the next batch', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const delivered = async () => total(parseSamples(await scrape(node.url)), 'danmaku_delivered_frames_total');
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  const post = async (clientMsgId: string) => {
    poster.send({ comment: { room: 'fan', clientMsgId, text: clientMsgId, color: 0xffffff } });
    await poster.nextKind('ack', (a) => a.clientMsgId === clientMsgId && a.ok === true);
  };
  const gets = (viewer: TestClient, text: string) =>
    viewer.nextKind('batch', (b) => b.room === 'fan' && (b.items ?? []).some((d) => d.text === text));

  const a = await TestClient.connect(node.wsUrl);
  await a.join('fan');
  await post('one');
  await gets(a, 'one');
  t.equal(await delivered(), 1, 'one viewer, one frame');

  const b = await TestClient.connect(node.wsUrl);
  await b.join('fan');
  await post('two');
  await Promise.all([gets(a, 'two'), gets(b, 'two')]);
  t.equal(await delivered(), 3, 'the viewer who joined later got the next batch and was counted');

  await a.close();
  await post('three');
  await gets(b, 'three');
  t.equal(await delivered(), 4, 'the viewer who closed is no longer counted');

  b.send({ leave: { room: 'fan' } });
  await b.nextKind('left');
  const compact = await TestClient.connect(node.wsUrl);
  compact.send({ hello: { platform: 'node', batchLayout: 1 } });
  await compact.join('fan');
  await post('four');
  await compact.nextKind('compact');
  t.equal(await delivered(), 5, 'after a leave, only the compact viewer who joined since is counted');
  t.equal(b.danmaku('fan').length, 2, 'the viewer who left got nothing more');
  await Promise.all([b.close(), compact.close(), poster.close()]);
});
