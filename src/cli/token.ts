#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { keyFromFile, secretKey, signJwt, type SigningKey } from '../auth/sign.js';
import type { Claims } from '../auth/token.js';

const USAGE = `usage: danmaku-token --sub <user id> [--name <display name>] [--role viewer|admin]
                     [--rooms <room,room,…|*>] [--ttl <seconds|30m|12h|7d>]
                     [--key <private key file, PEM or JWK> [--kid <key id>]] [--iss <issuer>] [--aud <audience>]

Prints a signed token for the danmaku broadcaster on stdout (what it holds goes to stderr).
Without --key it signs HS256 with AUTH_SECRET from the environment; with --key, RS256 (RSA) or
ES256 (P-256) as the key says — publish the matching public key in AUTH_JWKS_FILE/AUTH_JWKS_URL.
Defaults: --role viewer, --rooms '*', --ttl 1h, --name the sub.`;

/** Seconds in a --ttl value: a whole number of seconds, or with a unit s, m, h or d; at most 366 days. */
function parseTtl(value: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(value.trim());
  if (match === null) throw new Error(`--ttl: expected seconds or a number with s, m, h or d, got "${value}"`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 366 * 86_400) throw new Error(`--ttl: must be between 1 s and 366 d, got "${value}"`);
  return seconds;
}

/** Reads the command line and the environment into what to sign and the key; throws with a message for the user. */
function parseCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { claims: Claims; key: SigningKey; iss?: string; aud?: string } {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      sub: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'viewer' },
      rooms: { type: 'string', default: '*' },
      ttl: { type: 'string', default: '1h' },
      key: { type: 'string' },
      kid: { type: 'string' },
      iss: { type: 'string' },
      aud: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) throw new UsageRequested();
  const sub = values.sub;
  if (sub === undefined || sub === '' || sub.length > 128)
    throw new Error('--sub: a user id of 1 to 128 characters is required');
  if (values.role !== 'viewer' && values.role !== 'admin')
    throw new Error(`--role: viewer or admin, got "${values.role}"`);
  const rooms = values.rooms
    .split(',')
    .map((room) => room.trim())
    .filter((room) => room !== '');
  const exp = Math.floor(Date.now() / 1000) + parseTtl(values.ttl);
  let key: SigningKey;
  if (values.key !== undefined) key = keyFromFile(values.key, values.kid);
  else {
    const secret = env.AUTH_SECRET;
    if (secret === undefined || secret === '')
      throw new Error("set AUTH_SECRET (the node's HS256 secret) or pass --key <private key file>");
    key = secretKey(secret, values.kid);
  }
  const claims: Claims = { sub, name: (values.name ?? sub).slice(0, 64), rooms, role: values.role, exp };
  return { claims, key, iss: values.iss, aud: values.aud };
}

/** Thrown for --help: the usage goes to stdout and the exit code is 0. */
class UsageRequested extends Error {}

async function main(): Promise<void> {
  // `danmaku-token token --sub …` works too, for `npx <package> token …`.
  const args = process.argv.slice(2);
  if (args[0] === 'token') args.shift();
  let command;
  try {
    command = parseCommand(args, process.env);
  } catch (err) {
    if (err instanceof UsageRequested) {
      process.stdout.write(`${USAGE}\n`);
      return;
    }
    process.stderr.write(`danmaku-token: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const { claims, key, iss, aud } = command;
  const token = await signJwt(claims, key, { iss, aud });
  process.stderr.write(
    `${key.alg} token for sub=${claims.sub} role=${claims.role} rooms=${claims.rooms.join(',')} ` +
      `expires ${new Date(claims.exp * 1000).toISOString()}\n`,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`danmaku-token: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
