import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../src/auth/token.js';
import { TokenVerifier } from '../../src/auth/verifier.js';
import type { AuthConfig } from '../../src/config/config.js';
import { runAsyncSuite, runSuite } from './suite.js';
import { baselineVerify } from './token-baseline.js';

/**
 * The check every upgrade, hello and refresh with a token pays, through jose (TokenVerifier):
 * HS256 with a secret and ES256/RS256 with a key from a JWKS file; against the hand-written HS256
 * check it replaced (token-baseline.ts).
 */

const SECRET = 'bench-secret-0123456789abcdef';
const claims = {
  sub: '300007919',
  name: '路人甲1',
  rooms: ['*'],
  role: 'viewer' as const,
  exp: Math.floor(Date.now() / 1000) + 3600,
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'token-bench-'));
  const es = await generateKeyPair('ES256');
  const rs = await generateKeyPair('RS256');
  const jwks = {
    keys: [
      { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' },
      { ...(await exportJWK(rs.publicKey)), kid: 'rs', alg: 'RS256' },
    ],
  };
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks));
  const auth: AuthConfig = {
    secret: SECRET,
    jwksFile,
    jwksUrl: undefined,
    jwksMaxAgeSec: 600,
    jwksCooldownSec: 30,
    issuer: undefined,
    audience: undefined,
    clockToleranceSec: 5,
  };
  // Without the cache of verified tokens: every operation goes through jose.
  const verifier = new TokenVerifier(auth, 0);
  const cached = new TokenVerifier(auth);
  const hs = signToken(SECRET, claims);
  const forged = signToken('another-secret-0123456789', claims);
  const esToken = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'es' }).sign(es.privateKey);
  const rsToken = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'rs' }).sign(rs.privateKey);
  for (const [token, ok] of [
    [hs, true],
    [forged, false],
    [esToken, true],
    [rsToken, true],
  ] as const) {
    if ((await verifier.verify(token)).ok !== ok || baselineVerify(SECRET, hs) !== true)
      throw new Error('token fixtures are wrong');
  }

  runSuite('token: hand-written HS256 (before issue 13, baseline)', [
    { name: 'baseline HS256 valid', fn: () => void baselineVerify(SECRET, hs) },
    { name: 'baseline HS256 bad signature', fn: () => void baselineVerify(SECRET, forged) },
  ]);
  await runAsyncSuite('token: TokenVerifier (jose)', [
    { name: 'jose HS256 valid', fn: () => verifier.verify(hs) },
    { name: 'jose HS256 bad signature', fn: () => verifier.verify(forged) },
    { name: 'jose ES256 valid (JWKS file)', fn: () => verifier.verify(esToken) },
    { name: 'jose RS256 valid (JWKS file)', fn: () => verifier.verify(rsToken) },
    { name: 'HS256 valid, verified before (cache)', fn: () => cached.verify(hs) },
    { name: 'ES256 valid, verified before (cache)', fn: () => cached.verify(esToken) },
  ]);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
