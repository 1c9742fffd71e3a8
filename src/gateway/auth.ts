import type { Claims } from '../auth/token.js';
import type { TokenVerifier } from '../auth/verifier.js';

export type TokenCheck =
  { readonly ok: true; readonly claims: Claims | undefined } | { readonly ok: false; readonly reason: string };

/** Whether a request carries any token at all (anonymous viewers skip verification entirely). */
export function hasToken(tokens: readonly (string | undefined)[]): boolean {
  return tokens.some((token) => token !== undefined && token !== '');
}

/** Checks every token the client presented (any bad one refuses); the first present one wins. Never rejects. */
export async function checkTokens(
  verifier: TokenVerifier,
  tokens: readonly (string | undefined)[],
): Promise<TokenCheck> {
  const present = tokens.filter((token): token is string => token !== undefined && token !== '');
  const verified = await Promise.all(present.map((token) => verifier.verify(token)));
  const refused = verified.find((result) => !result.ok);
  if (refused !== undefined && !refused.ok) return { ok: false, reason: refused.reason };
  const winner = verified[0];
  return { ok: true, claims: winner?.ok === true ? winner.claims : undefined };
}
