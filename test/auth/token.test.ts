import t from 'tap';
import { createHmac } from 'node:crypto';
import { mayPostIn, signToken, verifyToken } from '../../src/auth/token.js';

const secret = 'auth-test-secret-xyz';
const exp = Math.floor(Date.now() / 1000) + 60;

t.test('a signed token verifies with its claims', async (t) => {
  const result = verifyToken(secret, signToken(secret, { sub: 'u1', name: 'One', rooms: ['a'], role: 'viewer', exp }));
  t.ok(result.ok);
  if (result.ok) {
    t.equal(result.claims.sub, 'u1');
    t.ok(mayPostIn(result.claims, 'a'));
    t.notOk(mayPostIn(result.claims, 'b'));
  }
});

t.test('refusals name the reason', async (t) => {
  const good = signToken(secret, { sub: 'u1', name: 'One', rooms: ['*'], role: 'viewer', exp });
  t.same(verifyToken('other-secret', good), { ok: false, reason: 'bad_signature' });
  t.same(verifyToken(secret, signToken(secret, { sub: 'u1', name: 'x', rooms: [], role: 'viewer', exp: 1 })), {
    ok: false,
    reason: 'expired',
  });
  t.same(verifyToken(secret, 'not.a.jwt.at.all'), { ok: false, reason: 'malformed' });
  t.same(verifyToken(secret, ''), { ok: false, reason: 'malformed' });
  const [, payload] = good.split('.');
  const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
  t.same(verifyToken(secret, none), { ok: false, reason: 'malformed' }, 'alg none is refused');
  const header = Buffer.from('{"alg":"HS256"}').toString('base64url');
  const body = Buffer.from('{"name":"no sub","exp":9999999999}').toString('base64url');
  const sig = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  t.same(verifyToken(secret, `${header}.${body}.${sig}`), { ok: false, reason: 'bad_claims' }, 'a token without sub');
});

t.test('admin may post anywhere, * means every room', async (t) => {
  t.ok(mayPostIn({ sub: 'a', name: 'a', rooms: [], role: 'admin', exp }, 'x'));
  t.ok(mayPostIn({ sub: 'a', name: 'a', rooms: ['*'], role: 'viewer', exp }, 'x'));
});
