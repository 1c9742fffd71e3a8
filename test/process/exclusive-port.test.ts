import { createServer } from 'node:net';
import t from 'tap';
import { TestClient } from '../helpers/client.js';
import { freePort } from '../helpers/nats.js';
import { GatewayProcess, StartingProcess } from '../helpers/gateway-process.js';
import { SECRET, token } from '../helpers/node.js';

/** Runs a node on a port until it exits by itself (or 20 s pass): its exit code and output. */
async function runUntilExit(port: number): Promise<{ code: number | null; output: string }> {
  const node = StartingProcess.spawn({ PORT: String(port), HOST: '127.0.0.1', AUTH_SECRET: SECRET, LOG_LEVEL: 'warn' });
  const deadline = setTimeout(() => void node.kill(), 20_000);
  const { code } = await node.exited;
  clearTimeout(deadline);
  return { code, output: node.output };
}

t.test('a second node on a taken port exits naming PORT; the first keeps every connection', async (t) => {
  // A fixed port: Linux never shares a port it picked itself for PORT=0, so the old bug needs one.
  const first = await GatewayProcess.start('first', {
    PORT: String(await freePort()),
    COMMENT_RATE_PER_SEC: '100',
    COMMENT_BURST: '100',
  });
  t.teardown(() => first.kill());
  const second = await runUntilExit(first.port);
  t.not(second.code, 0, 'exits non-zero');
  t.not(second.code, null, 'exits by itself');
  t.match(second.output, `PORT: 127.0.0.1:${first.port} is already in use`);

  // Were the port shared, the kernel would hand some of these to the second node, whose memory
  // bus the viewer never hears from.
  const viewer = await TestClient.connect(first.wsUrl);
  t.teardown(() => viewer.ws.close());
  await viewer.join('hall');
  const posters = await Promise.all(
    Array.from({ length: 20 }, (_, i) => TestClient.connect(first.wsUrl, { token: token({ sub: `p${i}` }) })),
  );
  t.teardown(() => posters.forEach((p) => p.ws.close()));
  const acks = await Promise.all(
    posters.map((poster, i) => {
      poster.send({ comment: { room: 'hall', clientMsgId: `c${i}`, text: `from ${i}` } });
      return poster.nextKind('ack');
    }),
  );
  t.ok(
    acks.every((a) => a.ok),
    'every post accepted',
  );
  const ids = new Set(acks.map((a) => a.id));
  const received = () => viewer.danmaku('hall').filter((d) => ids.has(d.id)).length;
  while (received() < ids.size) await viewer.nextKind('batch');
  t.equal(ids.size, 20, '20 distinct acked ids');
  t.equal(received(), 20, 'the viewer received all 20 danmaku, each once');
  t.notOk(first.crashed);
});

t.test('a port held by another program: exits naming PORT and the address', async (t) => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.teardown(() => holder.close());
  const address = holder.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const node = await runUntilExit(port);
  t.not(node.code, 0);
  t.not(node.code, null);
  t.match(node.output, `PORT: 127.0.0.1:${port} is already in use`);
});
