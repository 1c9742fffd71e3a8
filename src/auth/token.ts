import { createHmac } from 'node:crypto';

/** The claims this server reads from a JWT, after the registered ones (RFC 7519 §4.1) were checked. */
export interface Claims {
  /** User id: 1–128 characters. */
  readonly sub: string;
  /** Display name: at most 64 UTF-16 units (longer is cut); `sub` when absent. */
  readonly name: string;
  /** Rooms the bearer may post in; ["*"] for all. */
  readonly rooms: readonly string[];
  readonly role: 'viewer' | 'admin';
  /** Expiry, seconds since the epoch (required). */
  readonly exp: number;
}

export type TokenFailure =
  | 'malformed'
  | 'bad_signature'
  | 'bad_algorithm'
  | 'unknown_key'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_issuer'
  | 'bad_audience'
  | 'bad_claims'
  | 'keys_unavailable';

export type Verified =
  { readonly ok: true; readonly claims: Claims } | { readonly ok: false; readonly reason: TokenFailure };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * This project's claims from a verified JWT payload: `sub` (1–128 chars) and `exp` (a number) are
 * required; `role` is `viewer` (default) or `admin`; `rooms` an array of strings (default none);
 * `name` is cut to 64 units. Undefined when any of them has the wrong type.
 */
export function readClaims(payload: unknown): Claims | undefined {
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

/** Whether the claims let their bearer post in `room`: admins everywhere, viewers where `rooms` says. */
export function mayPostIn(claims: Claims, room: string): boolean {
  return claims.role === 'admin' || claims.rooms.includes('*') || claims.rooms.includes(room);
}

/**
 * Whether `next` keeps or narrows what `current` allows, so a live connection may switch to it
 * (ClientFrame.refresh): the same `sub`; an admin may become a viewer but not the other way; a
 * viewer's rooms must be covered by the current ones ("*" only when the current token has "*").
 * Returns the reason when it does not.
 */
export function narrowingFailure(current: Claims, next: Claims): string | undefined {
  if (next.sub !== current.sub) return 'the new token is for another user (sub)';
  if (current.role === 'admin') return undefined;
  if (next.role === 'admin') return 'the new token widens the role';
  if (current.rooms.includes('*')) return undefined;
  const widened = next.rooms.find((room) => !current.rooms.includes(room));
  return widened === undefined ? undefined : `the new token widens the rooms (${widened})`;
}

const HS256_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Signs claims as an HS256 JWT (RFC 7515 compact form) at once. For the dev node's sample tokens
 * and tests, which need one synchronously; the token CLI signs every algorithm through jose.
 * Verification never comes here: it goes through jose ({@link TokenVerifier}).
 */
export function signToken(secret: string, claims: Claims & Readonly<Record<string, unknown>>): string {
  const input = `${HS256_HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
