import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type CompactJWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import { ConfigError, type AuthConfig } from '../config/config.js';
import { readClaims, type Claims, type TokenFailure, type Verified } from './token.js';

// A JWT of ours is a few hundred bytes (RS256: ~700); anything this long is refused before parsing.
const MAX_TOKEN_CHARS = 4096;
// Compact serialization (RFC 7515 §7.1): three base64url segments, no padding, no whitespace.
const COMPACT = /^[\w-]+\.[\w-]+\.[\w-]+$/;
/**
 * Tokens remembered once verified (FIFO beyond this). A reconnecting poster, and every long-poll
 * request, presents the same token again; a lookup costs ~1 µs where jose's check costs 150–600 µs
 * (bench/micro/token.bench.ts). Refused tokens are never remembered.
 */
export const VERIFIED_CACHE_SIZE = 10_000;
/** The asymmetric algorithms a JWKS key may verify: RSA keys RS256, P-256 keys ES256 (RFC 7518 §3.1). */
const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** The `alg` of a verified token's header. */
function decodeHeaderAlg(token: string): unknown {
  const header: unknown = JSON.parse(Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'));
  return (header as { alg?: unknown }).alg;
}

function fail(reason: TokenFailure): Verified {
  return { ok: false, reason };
}

/**
 * Whether the signature segment is the canonical base64url of its bytes. Decoders ignore the
 * unused low bits of the last character (and Node's skips stray characters), so without this
 * several strings would verify as one token; only the exact string the issuer produced does here.
 */
function canonicalSignature(token: string): boolean {
  const signature = token.slice(token.lastIndexOf('.') + 1);
  return Buffer.from(signature, 'base64url').toString('base64url') === signature;
}

/** Maps a jose error to why the token was refused; anything not from jose (a network error fetching the JWKS) is keys_unavailable. */
function failureOf(err: unknown): TokenFailure {
  if (err instanceof errors.JWTExpired) return 'expired';
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return 'not_yet_valid';
    if (err.claim === 'iss') return 'bad_issuer';
    if (err.claim === 'aud') return 'bad_audience';
    return 'bad_claims';
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return 'bad_algorithm';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) return 'keys_unavailable';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'malformed';
  if (err instanceof errors.JOSEError && err.code === 'ERR_JOSE_GENERIC') return 'keys_unavailable';
  return err instanceof errors.JOSEError ? 'malformed' : 'keys_unavailable';
}

/**
 * Reads AUTH_JWKS_FILE: a JWK Set (RFC 7517 §5) of public RSA or P-256 keys. Throws a
 * ConfigError naming the variable for an unreadable file, bad JSON, a private key or another key type.
 */
function readJwksFile(path: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError('AUTH_JWKS_FILE', `"${path}" is not a JSON file: ${(err as Error).message}`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys) || keys.length === 0)
    throw new ConfigError('AUTH_JWKS_FILE', `"${path}" is not a JWK Set ({"keys": [...]}) with at least one key`);
  for (const key of keys as Record<string, unknown>[]) {
    if ('d' in key)
      throw new ConfigError('AUTH_JWKS_FILE', `key ${String(key.kid)} is a private key; publish public keys only`);
    const rsa = key.kty === 'RSA' && (key.alg === undefined || key.alg === 'RS256');
    const ec = key.kty === 'EC' && key.crv === 'P-256' && (key.alg === undefined || key.alg === 'ES256');
    if (!rsa && !ec)
      throw new ConfigError(
        'AUTH_JWKS_FILE',
        `key ${String(key.kid)}: only RSA (RS256) and EC P-256 (ES256) keys are accepted`,
      );
  }
  return parsed as JSONWebKeySet;
}

/**
 * Verifies JWTs through jose (RFC 7519 §7.2): HS256 with AUTH_SECRET, RS256/ES256 with the keys of
 * AUTH_JWKS_FILE and AUTH_JWKS_URL (fetched, cached for AUTH_JWKS_MAX_AGE_SEC, refetched on an
 * unknown `kid` at most once per AUTH_JWKS_COOLDOWN_SEC: a rotation needs no restart). The header's
 * `alg` never picks the key kind: HS256 is verified only with the secret, RS256/ES256 only with a
 * key of that type, so an RSA public key can never be used as an HMAC secret. Checked: `exp`
 * (required), `nbf`, `iat` not in the future, `iss`/`aud` when configured, all with
 * AUTH_CLOCK_TOLERANCE_SEC of leeway; `crit` headers jose does not know are refused; then this
 * project's claims ({@link readClaims}).
 */
export class TokenVerifier {
  private readonly secret: Uint8Array | undefined;
  private readonly local: JWTVerifyGetKey | undefined;
  private readonly remote: JWTVerifyGetKey | undefined;
  private readonly algorithms: string[];
  /** Exact token string → its claims and until when (ms) they may be used without verifying again. */
  private readonly verified = new Map<string, { readonly claims: Claims; readonly untilMs: number }>();

  /**
   * Throws a ConfigError for an unusable AUTH_JWKS_FILE or AUTH_JWKS_URL. `cacheSize`: how many
   * verified tokens to remember (0: none; the benchmark measures jose's path with it).
   */
  constructor(
    private readonly auth: AuthConfig,
    private readonly cacheSize: number = VERIFIED_CACHE_SIZE,
  ) {
    this.secret = auth.secret === undefined ? undefined : new TextEncoder().encode(auth.secret);
    this.local = auth.jwksFile === undefined ? undefined : createLocalJWKSet(readJwksFile(auth.jwksFile));
    this.remote =
      auth.jwksUrl === undefined
        ? undefined
        : createRemoteJWKSet(new URL(auth.jwksUrl), {
            cacheMaxAge: auth.jwksMaxAgeSec * 1000,
            cooldownDuration: auth.jwksCooldownSec * 1000,
            timeoutDuration: 5000,
          });
    this.algorithms = [
      ...(this.secret === undefined ? [] : ['HS256']),
      ...(this.local === undefined && this.remote === undefined ? [] : JWKS_ALGORITHMS),
    ];
  }

  /** Seconds of leeway on `exp`, `nbf` and `iat` (AUTH_CLOCK_TOLERANCE_SEC). */
  get clockToleranceSec(): number {
    return this.auth.clockToleranceSec;
  }

  /** When a connection holding these claims must end: `exp` plus the tolerance (ms since the epoch). */
  deadlineMs(exp: number): number {
    return (exp + this.auth.clockToleranceSec) * 1000;
  }

  /**
   * Verifies one token; never rejects: a refusal says why. A token verified before is answered from
   * memory while its claims allow (exp + tolerance) — for an RS256/ES256 token at most
   * AUTH_JWKS_MAX_AGE_SEC, the time a removed key takes to be noticed anyway — and only for the
   * exact same string.
   */
  async verify(token: string, nowMs: number = Date.now()): Promise<Verified> {
    const known = this.verified.get(token);
    if (known !== undefined) {
      if (nowMs < known.untilMs) return { ok: true, claims: known.claims };
      this.verified.delete(token);
    }
    const verified = await this.verifyNow(token, nowMs);
    if (verified.ok && this.cacheSize > 0) this.remember(token, verified.claims, nowMs);
    return verified;
  }

  private remember(token: string, claims: Claims, nowMs: number): void {
    const hs256 = decodeHeaderAlg(token) === 'HS256';
    const untilMs = Math.min(this.deadlineMs(claims.exp), hs256 ? Infinity : nowMs + this.auth.jwksMaxAgeSec * 1000);
    if (this.verified.size >= this.cacheSize) {
      const oldest = this.verified.keys().next();
      if (oldest.done !== true) this.verified.delete(oldest.value);
    }
    this.verified.set(token, { claims, untilMs });
  }

  private async verifyNow(token: string, nowMs: number): Promise<Verified> {
    if (token.length > MAX_TOKEN_CHARS || !COMPACT.test(token) || !canonicalSignature(token)) return fail('malformed');
    const tolerance = this.auth.clockToleranceSec;
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        clockTolerance: tolerance,
        currentDate: new Date(nowMs),
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (err) {
      return fail(failureOf(err));
    }
    // jose checks iat only against a maximum age; a token issued in the future is not one to trust.
    if (typeof payload.iat === 'number' && payload.iat > nowMs / 1000 + tolerance) return fail('not_yet_valid');
    const claims = readClaims(payload);
    return claims === undefined ? fail('bad_claims') : { ok: true, claims };
  }

  /** The key for a token's header: the secret for HS256, else the file's keys, then the URL's. */
  private readonly key = async (header: CompactJWSHeaderParameters, token: Parameters<JWTVerifyGetKey>[1]) => {
    if (header.alg === 'HS256') {
      if (this.secret === undefined) throw new errors.JOSEAlgNotAllowed('HS256 is not configured');
      return this.secret;
    }
    if (this.local !== undefined) {
      try {
        return await this.local(header, token);
      } catch (err) {
        if (this.remote === undefined || !(err instanceof errors.JWKSNoMatchingKey)) throw err;
      }
    }
    if (this.remote !== undefined) return this.remote(header, token);
    throw new errors.JWKSNoMatchingKey();
  };
}
