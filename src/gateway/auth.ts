import { verifyToken, type Claims } from '../auth/token.js';

export { bearerToken } from '../http/request.js';

export type TokenCheck =
  { readonly ok: true; readonly claims: Claims | undefined } | { readonly ok: false; readonly reason: string };

/** Checks every token the client presented (any bad one refuses); the first present one wins. */
export function checkTokens(secret: string, tokens: readonly (string | undefined)[]): TokenCheck {
  let winner: Claims | undefined;
  for (const token of tokens) {
    if (token === undefined || token === '') continue;
    const verified = verifyToken(secret, token);
    if (!verified.ok) return { ok: false, reason: verified.reason };
    winner ??= verified.claims;
  }
  return { ok: true, claims: winner };
}
