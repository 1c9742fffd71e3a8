import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac, createPublicKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import t from 'tap';
import { ConfigError } from '../../src/config/config.js';
import { TestClient } from '../helpers/client.js';
import { jwks, JwksServer, makeKey, posterClaims, signWith } from '../helpers/jwks.js';
import { SECRET, startTestNode, token } from '../helpers/node.js';

/** The upgrade's answer to a bearer token: 101 (and then a post is acked ok) or the refusal status with its detail. */
async function tryToken(wsUrl: string, jwt: string): Promise<string> {
  let client: TestClient;
  try {
    client = await TestClient.connect(wsUrl, { token: jwt });
  } catch (err) {
    return String((err as { status?: number }).status ?? err);
  }
  client.send({ comment: { room: 'r', clientMsgId: `m${Math.random()}`, text: 'signed' } });
  const ack = await client.nextKind('ack');
  await client.close();
  return ack.ok ? 'posted' : `ack ${ack.code}`;
}

const now = () => Math.floor(Date.now() / 1000);

t.test('HS256 with AUTH_SECRET, signed by jose; the header cannot pick another algorithm or key', async (t) => {
  const rsa = await makeKey('RS256', 'rsa-1');
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'jwks.json');
  writeFileSync(file, JSON.stringify(jwks(rsa)));
  const node = await startTestNode({ AUTH_JWKS_FILE: file });
  t.teardown(() => node.drain());
  const secret = new TextEncoder().encode(SECRET);
  const hs = await new SignJWT(posterClaims('hs')).setProtectedHeader({ alg: 'HS256' }).sign(secret);
  t.equal(await tryToken(node.wsUrl, hs), 'posted', 'HS256 signed by jose with AUTH_SECRET');
  t.equal(await tryToken(node.wsUrl, token({ sub: 'legacy' })), 'posted', 'HS256 signed by another implementation');
  t.equal(await tryToken(node.wsUrl, await signWith(rsa, posterClaims('rs'))), 'posted', 'RS256 beside it');

  // The classic confusion: an HS256 token whose HMAC key is the RSA public key the server publishes.
  const pem = await exportSPKI(createPublicKey({ key: rsa.jwk as never, format: 'jwk' }));
  const confused = await new SignJWT(posterClaims('mallory'))
    .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1' })
    .sign(new TextEncoder().encode(pem));
  t.equal(await tryToken(node.wsUrl, confused), '401', 'HMAC with the public key is refused');
  const payload = Buffer.from(JSON.stringify(posterClaims('mallory'))).toString('base64url');
  const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`;
  t.equal(await tryToken(node.wsUrl, none), '401', 'alg none');
  const hs384 = await new SignJWT(posterClaims('x')).setProtectedHeader({ alg: 'HS384' }).sign(secret);
  t.equal(await tryToken(node.wsUrl, hs384), '401', 'HS384 is not an algorithm of this server');
  const pss = await generateKeyPair('PS256');
  const ps256 = await new SignJWT(posterClaims('x'))
    .setProtectedHeader({ alg: 'PS256', kid: 'rsa-1' })
    .sign(pss.privateKey);
  t.equal(await tryToken(node.wsUrl, ps256), '401', "PS256 naming the RS256 key's kid");
});

t.test('only the exact token string verifies', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const good = token({ sub: 'exact' });
  t.equal(await tryToken(node.wsUrl, good), 'posted');
  // 32 signature bytes are 43 base64url characters whose last one carries 2 unused bits: flipping
  // the lowest one decodes to the same bytes, which a lenient decoder accepts.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const last = alphabet.indexOf(good.at(-1) ?? 'A');
  const twin = good.slice(0, -1) + alphabet[last ^ 1];
  const [, , sig] = twin.split('.');
  t.same(
    Buffer.from(sig ?? '', 'base64url'),
    Buffer.from(good.split('.')[2] ?? '', 'base64url'),
    'same signature bytes',
  );
  t.equal(await tryToken(node.wsUrl, twin), '401', 'a non-canonical signature encoding');
  t.equal(await tryToken(node.wsUrl, `${good}=`), '401', 'padding');
  t.equal(await tryToken(node.wsUrl, `${good}.`), '401', 'a fourth segment');
  const [h, p, s] = good.split('.');
  const header = Buffer.from(h ?? '', 'base64url').toString();
  const spaced = `${Buffer.from(` ${header}`).toString('base64url')}.${p}.${s}`;
  t.equal(await tryToken(node.wsUrl, spaced), '401', 'an equivalent header JSON is another token');
});

t.test('registered claims: exp, nbf, iat, iss, aud, with the clock tolerance', async (t) => {
  const node = await startTestNode({
    AUTH_ISSUER: 'https://login.example',
    AUTH_AUDIENCE: 'danmaku',
    AUTH_CLOCK_TOLERANCE_SEC: '5',
  });
  t.teardown(() => node.drain());
  const base = { iss: 'https://login.example', aud: 'danmaku' };
  const hs = (claims: Record<string, unknown>) => token({ sub: 'c', ...base, ...claims });
  t.equal(await tryToken(node.wsUrl, hs({})), 'posted', 'issuer and audience as configured');
  t.equal(await tryToken(node.wsUrl, hs({ aud: ['other', 'danmaku'] })), 'posted', 'one of several audiences');
  t.equal(await tryToken(node.wsUrl, hs({ iss: 'https://evil.example' })), '401', 'another issuer');
  t.equal(await tryToken(node.wsUrl, hs({ iss: undefined })), '401', 'no issuer');
  t.equal(await tryToken(node.wsUrl, hs({ aud: 'other' })), '401', 'another audience');
  t.equal(await tryToken(node.wsUrl, hs({ exp: now() - 2 })), 'posted', 'expired 2 s ago: within the 5 s tolerance');
  t.equal(await tryToken(node.wsUrl, hs({ exp: now() - 30 })), '401', 'expired 30 s ago');
  t.equal(await tryToken(node.wsUrl, hs({ nbf: now() + 2 })), 'posted', 'valid in 2 s: within the tolerance');
  t.equal(await tryToken(node.wsUrl, hs({ nbf: now() + 60 })), '401', 'not valid before a minute from now');
  t.equal(await tryToken(node.wsUrl, hs({ iat: now() + 60 })), '401', 'issued a minute in the future');
  t.equal(await tryToken(node.wsUrl, hs({ iat: now() - 60 })), 'posted', 'issued a minute ago');
  t.equal(await tryToken(node.wsUrl, hs({ exp: undefined })), '401', 'no exp');
  t.equal(await tryToken(node.wsUrl, hs({ nbf: 'soon' })), '401', 'nbf not a number');
});

t.test('RS256 and ES256 from a JWKS file; unknown kid and wrong key refused', async (t) => {
  const rsa = await makeKey('RS256', 'r1');
  const ec = await makeKey('ES256', 'e1');
  const stranger = await makeKey('ES256', 'e1');
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'jwks.json');
  writeFileSync(file, JSON.stringify(jwks(rsa, ec)));
  const node = await startTestNode({ AUTH_JWKS_FILE: file });
  t.teardown(() => node.drain());
  t.equal(await tryToken(node.wsUrl, await signWith(rsa, posterClaims('r'))), 'posted', 'RS256');
  t.equal(await tryToken(node.wsUrl, await signWith(ec, posterClaims('e'))), 'posted', 'ES256');
  t.equal(await tryToken(node.wsUrl, await signWith(stranger, posterClaims('e'))), '401', 'same kid, other key');
  t.equal(await tryToken(node.wsUrl, await signWith(ec, posterClaims('e'), { kid: 'nope' })), '401', 'unknown kid');
  t.equal(await tryToken(node.wsUrl, await signWith(ec, posterClaims('e'), { kid: 'r1' })), '401', "the RSA key's kid");
});

t.test('a JWKS file that is not one stops start-up naming AUTH_JWKS_FILE', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'jwks.json');
  writeFileSync(file, '{"keys": []}');
  await t.rejects(startTestNode({ AUTH_JWKS_FILE: file }), ConfigError);
  await t.rejects(startTestNode({ AUTH_JWKS_FILE: file }), /AUTH_JWKS_FILE/);
  const key = await makeKey('ES256', 'k');
  const secretHalf = await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey);
  writeFileSync(file, JSON.stringify({ keys: [key.jwk, { ...secretHalf, kid: 'p' }] }));
  await t.rejects(startTestNode({ AUTH_JWKS_FILE: file }), /private key/);
  writeFileSync(file, JSON.stringify({ keys: [{ kty: 'oct', k: createHmac('sha256', 'x').digest('base64url') }] }));
  await t.rejects(startTestNode({ AUTH_JWKS_FILE: file }), /only RSA/);
});

t.test('a JWKS served over HTTP: fetched, cached, rotated without a restart', async (t) => {
  const old = await makeKey('RS256', '2026-old');
  const next = await makeKey('ES256', '2026-new');
  const server = await JwksServer.start(jwks(old));
  t.teardown(() => server.close());
  const node = await startTestNode({
    AUTH_JWKS_URL: server.url,
    AUTH_JWKS_COOLDOWN_SEC: '0',
    AUTH_JWKS_MAX_AGE_SEC: '1',
  });
  t.teardown(() => node.drain());
  const oldToken = await signWith(old, posterClaims('before-rotation'));
  t.equal(await tryToken(node.wsUrl, oldToken), 'posted', 'RS256 from the served set');
  t.equal(await tryToken(node.wsUrl, oldToken), 'posted', 'again, from the cache');
  t.equal(server.fetches, 1, 'fetched once for both');
  const newToken = await signWith(next, posterClaims('after-rotation'));
  t.equal(await tryToken(node.wsUrl, newToken), '401', 'a key not published yet');
  server.publish(jwks(old, next));
  t.equal(await tryToken(node.wsUrl, newToken), 'posted', 'an unknown kid refetches the set: the new key works');
  t.equal(await tryToken(node.wsUrl, oldToken), 'posted', 'the old key still works while it is published');
  server.publish(jwks(next));
  // Past AUTH_JWKS_MAX_AGE_SEC the cached set is stale and fetched again.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  t.equal(await tryToken(node.wsUrl, oldToken), '401', 'the old key, once removed, no longer does');
  t.equal(await tryToken(node.wsUrl, newToken), 'posted', 'the new key does');
});

t.test('a JWKS URL that cannot be reached refuses tokens, not the node', async (t) => {
  const server = await JwksServer.start(jwks());
  const url = server.url;
  await server.close();
  const node = await startTestNode({ AUTH_JWKS_URL: url });
  t.teardown(() => node.drain());
  const key = await makeKey('ES256', 'k');
  t.equal(await tryToken(node.wsUrl, await signWith(key, posterClaims('x'))), '401');
  const anon = await TestClient.connect(node.wsUrl);
  t.equal((await anon.join('r')).room, 'r', 'viewers without a token are unaffected');
  await anon.close();
});
