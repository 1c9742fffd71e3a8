import { createHmac, timingSafeEqual } from 'node:crypto';
import { readClaims } from '../../src/auth/token.js';

/**
 * The hand-written HS256 check the server used before verification moved to jose (src/auth/token.ts
 * before issue 13), kept only as this benchmark's baseline: same length limit, alg check,
 * constant-time HMAC comparison, claims and expiry. Not used by the server.
 */
export function baselineVerify(secret: string, token: string, nowMs: number = Date.now()): boolean {
  if (token.length > 4096) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [header, payload, signature] = parts as [string, string, string];
  const head = parseJson(header) as { alg?: unknown } | undefined;
  if (head?.alg !== 'HS256') return false;
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  const claims = readClaims(parseJson(payload));
  return claims !== undefined && claims.exp * 1000 > nowMs;
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
