import { signToken, verifyToken } from '../../src/auth/token.js';
import { runSuite } from './suite.js';

/** The check every upgrade (and hello) with a token pays: HS256 verify, claims, expiry. */

const SECRET = 'bench-secret-0123456789abcdef';
const claims = {
  sub: '300007919',
  name: '路人甲1',
  rooms: ['*'],
  role: 'viewer' as const,
  exp: Math.floor(Date.now() / 1000) + 3600,
};
const good = signToken(SECRET, claims);
const forged = signToken('another-secret-0123456789', claims);
if (!verifyToken(SECRET, good).ok || verifyToken(SECRET, forged).ok) throw new Error('token fixtures are wrong');

runSuite('token: verifyToken (HS256)', [
  { name: 'verifyToken valid', fn: () => void verifyToken(SECRET, good) },
  { name: 'verifyToken bad signature', fn: () => void verifyToken(SECRET, forged) },
  { name: 'signToken', fn: () => void signToken(SECRET, claims) },
]);
