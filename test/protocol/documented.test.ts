import t from 'tap';
import { readFileSync } from 'node:fs';
import { ErrorCode } from '../../src/protocol/codec.js';
import { CloseCode, shouldReconnect } from '../../src/protocol/close-codes.js';
import { fromRoot } from '../helpers/root.js';

const readme = readFileSync(fromRoot('README.md'), 'utf8');

t.test('every error code and close code is documented in the README', async (t) => {
  for (const name of Object.keys(ErrorCode).filter((k) => Number.isNaN(Number(k)))) {
    t.match(readme, new RegExp(`\\| \`${name}\``), `error code ${name}`);
  }
  for (const [name, code] of Object.entries(CloseCode)) {
    t.match(readme, new RegExp(`\\| ${code} \\|`), `close code ${name} (${code})`);
  }
});

t.test('close code ranges tell the client whether to reconnect', async (t) => {
  t.ok(shouldReconnect(CloseCode.SERVICE_RESTART));
  t.ok(shouldReconnect(CloseCode.SLOW_CONSUMER));
  t.ok(shouldReconnect(1006), 'an abrupt loss');
  t.notOk(shouldReconnect(CloseCode.UNAUTHENTICATED));
  t.notOk(shouldReconnect(CloseCode.KICKED));
  t.notOk(shouldReconnect(CloseCode.POLICY));
});
