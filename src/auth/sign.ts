import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { Claims } from './token.js';

/** A key to sign tokens with, its algorithm fixed by the key (RFC 7518 §3.1). */
export type SigningKey =
  | { readonly alg: 'HS256'; readonly key: Uint8Array; readonly kid: string | undefined }
  | { readonly alg: 'RS256' | 'ES256'; readonly key: KeyObject; readonly kid: string | undefined };

/** The HS256 key of a shared secret (AUTH_SECRET, at least 16 characters). Throws for a shorter one. */
export function secretKey(secret: string, kid?: string): SigningKey {
  if (secret.length < 16) throw new Error('the secret must be at least 16 characters (as AUTH_SECRET)');
  return { alg: 'HS256', key: new TextEncoder().encode(secret), kid };
}

/**
 * A private key from a file: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK with its private part `d`.
 * RSA keys sign RS256 (2048 bits or more), P-256 keys ES256; anything else throws, naming the file.
 */
export function keyFromFile(path: string, kid?: string): SigningKey {
  const text = readFileSync(path, 'utf8');
  let key: KeyObject;
  try {
    key = text.trimStart().startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text) as never, format: 'jwk' })
      : createPrivateKey(text);
  } catch (err) {
    throw new Error(`${path}: not a private key in PEM or JWK form (${(err as Error).message})`, { cause: err });
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return { alg: 'RS256', key, kid };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return { alg: 'ES256', key, kid };
  throw new Error(`${path}: only RSA (2048 bits or more, RS256) and P-256 (ES256) private keys sign tokens here`);
}

/** Registered claims a token may carry besides this project's (RFC 7519 §4.1). */
export interface RegisteredClaims {
  readonly iss?: string;
  readonly aud?: string;
}

/** Signs this project's claims (plus `iat`, and `iss`/`aud` when given) as a compact JWT through jose. */
export function signJwt(claims: Claims, key: SigningKey, registered: RegisteredClaims = {}): Promise<string> {
  const jwt = new SignJWT({ ...claims, ...registered })
    .setProtectedHeader({ alg: key.alg, typ: 'JWT', ...(key.kid === undefined ? {} : { kid: key.kid }) })
    .setIssuedAt();
  return jwt.sign(key.key);
}
