import t from 'tap';
import { ErrorCode } from '../../src/protocol/codec.js';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { startTestNode, token } from '../helpers/node.js';
import { TestClient } from '../helpers/client.js';

async function upgradeStatus(url: string, options: Parameters<typeof TestClient.connect>[1]): Promise<number> {
  try {
    const client = await TestClient.connect(url, options);
    await client.close();
    return 101;
  } catch (err) {
    return (err as { status?: number }).status ?? -1;
  }
}

t.test('auth matrix over real sockets', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const expired = token({ sub: 'old', exp: Math.floor(Date.now() / 1000) - 10 });
  const forged = token({ sub: 'mallory' }, 'some-other-secret-entirely');

  await t.test('bad tokens are refused with 401 before the upgrade, wherever they are', async (t) => {
    t.equal(await upgradeStatus(node.wsUrl, { token: expired }), 401, 'expired in header');
    t.equal(await upgradeStatus(node.wsUrl, { token: forged }), 401, 'bad signature in header');
    t.equal(await upgradeStatus(node.wsUrl, { query: `token=${forged}` }), 401, 'bad signature in query');
    t.equal(await upgradeStatus(node.wsUrl, { headers: { authorization: 'Basic abc' } }), 401, 'not a bearer token');
    t.equal(
      await upgradeStatus(node.wsUrl, { token: token({ sub: 'ok' }), query: `token=${forged}` }),
      401,
      'good header, bad query',
    );
    t.equal(await upgradeStatus(node.wsUrl, { query: `token=${token({ sub: 'q' })}` }), 101, 'good query token');
  });

  await t.test('no token: watching works, posting is refused', async (t) => {
    const anon = await TestClient.connect(node.wsUrl);
    t.equal((await anon.nextKind('welcome')).userId, '');
    t.equal((await anon.join('public')).room, 'public');
    anon.send({ comment: { room: 'public', clientMsgId: 'c1', text: 'hi' } });
    const ack = await anon.nextKind('ack');
    t.equal(ack.ok, false);
    t.equal(ack.code, ErrorCode.UNAUTHENTICATED);
    await anon.close();
  });

  await t.test('a token may post only in its rooms', async (t) => {
    const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'limited', rooms: ['a'] }) });
    poster.send({ comment: { room: 'b', clientMsgId: 'c1', text: 'wrong room' } });
    t.equal((await poster.nextKind('ack')).code, ErrorCode.FORBIDDEN);
    poster.send({ comment: { room: 'a', clientMsgId: 'c2', text: 'right room' } });
    t.equal((await poster.nextKind('ack')).ok, true);
    await poster.close();
  });

  await t.test('hello carries a token for clients that cannot set headers', async (t) => {
    const client = await TestClient.connect(node.wsUrl);
    client.send({ hello: { token: token({ sub: 'wx-user' }), platform: 'wx', sdkVersion: '1.0.0' } });
    client.send({ comment: { room: 'r', clientMsgId: 'h1', text: 'via hello' } });
    t.equal((await client.nextKind('ack')).ok, true);
    await client.close();
  });

  await t.test('a bad token in hello gets UNAUTHENTICATED and a close', async (t) => {
    const client = await TestClient.connect(node.wsUrl);
    client.send({ hello: { token: expired } });
    t.equal((await client.nextKind('error')).code, ErrorCode.UNAUTHENTICATED);
    t.equal((await client.closed).code, CloseCode.UNAUTHENTICATED);
  });

  await t.test('the header token wins over the query token', async (t) => {
    const client = await TestClient.connect(node.wsUrl, {
      token: token({ sub: 'from-header' }),
      query: `token=${token({ sub: 'from-query' })}`,
    });
    t.equal((await client.nextKind('welcome')).userId, 'from-header');
    await client.close();
  });
});
