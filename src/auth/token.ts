import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims this server reads from a JWT (HS256). */
export interface Claims {
  readonly sub: string;
  readonly name: string;
  /** Rooms the bearer may post in; ["*"] for all. */
  readonly rooms: readonly string[];
  readonly role: 'viewer' | 'admin';
  /** Expiry, seconds since the epoch. */
  readonly exp: number;
}

export type TokenFailure = 'malformed' | 'bad_signature' | 'expired' | 'bad_claims';

export type Verified =
  { readonly ok: true; readonly claims: Claims } | { readonly ok: false; readonly reason: TokenFailure };

// A JWT header is a few dozen bytes; anything this long is not one of ours and is refused before hashing.
const MAX_TOKEN_CHARS = 4096;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function sign(secret: string, signingInput: string): Buffer {
  return createHmac('sha256', secret).update(signingInput).digest();
}

export function signToken(secret: string, claims: Claims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const input = `${HEADER}.${payload}`;
  return `${input}.${sign(secret, input).toString('base64url')}`;
}

function parseJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readClaims(payload: unknown): Claims | undefined {
  if (!isRecord(payload)) return undefined;
  const { sub, name, rooms, role, exp } = payload;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 128) return undefined;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
  if (role !== undefined && role !== 'viewer' && role !== 'admin') return undefined;
  if (rooms !== undefined && !(Array.isArray(rooms) && rooms.every((r) => typeof r === 'string'))) return undefined;
  return {
    sub,
    name: typeof name === 'string' ? name.slice(0, 64) : sub,
    rooms: rooms ?? [],
    role: role ?? 'viewer',
    exp,
  };
}

/** Checks signature (constant time), algorithm, expiry and claim types. */
export function verifyToken(secret: string, token: string, nowMs: number = Date.now()): Verified {
  if (token.length > MAX_TOKEN_CHARS) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [header, payload, signature] = parts as [string, string, string];
  const head = parseJson(header);
  // Only HS256: accepting the header's "alg" blindly is the classic "alg: none" hole.
  if (!isRecord(head) || head.alg !== 'HS256') return { ok: false, reason: 'malformed' };
  const expected = sign(secret, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' };
  const claims = readClaims(parseJson(payload));
  if (claims === undefined) return { ok: false, reason: 'bad_claims' };
  if (claims.exp * 1000 <= nowMs) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

export function mayPostIn(claims: Claims, room: string): boolean {
  return claims.role === 'admin' || claims.rooms.includes('*') || claims.rooms.includes(room);
}
