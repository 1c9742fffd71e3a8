import t from 'tap';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

t.test('two viewers in a room: one posts, both receive the batch, the poster its ack', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  const viewer = await TestClient.connect(node.wsUrl);
  const welcome = await viewer.nextKind('welcome');
  t.equal(welcome.nodeId, 'test-node');
  t.equal((await poster.join('lobby')).viewers, 1);
  t.equal((await viewer.join('lobby')).viewers, 2);
  poster.send({ comment: { room: 'lobby', clientMsgId: 'm1', text: 'hello 你好', color: 0xff0000 } });
  const ack = await poster.nextKind('ack');
  t.ok(ack.ok, 'ack ok');
  t.ok(Number(ack.seq) > 0, 'ack carries the seq');
  for (const c of [poster, viewer]) {
    const batch = await c.nextKind('batch');
    t.equal(batch.room, 'lobby');
    t.equal(Number(batch.seq), Number(ack.seq));
    t.equal(batch.items?.[0]?.text, 'hello 你好');
    t.equal(batch.items?.[0]?.id, ack.id);
    t.equal(batch.items?.[0]?.userId, 'alice');
    t.equal(batch.items?.[0]?.color, 0xff0000);
  }
  await poster.close();
  await viewer.close();
});
