import t from 'tap';
import { CloseCode } from '../../src/protocol/close-codes.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { CLOSE_MESSAGES, closeMessage, ERROR_MESSAGES, errorMessage } from '../../web/shared/messages.js';

// Han characters: a message a Chinese-speaking viewer can read, not the raw code.
const CHINESE = /\p{Script=Han}/u;

t.test('the pages have a Chinese message for every error code of the protocol', async (t) => {
  for (const name of Object.keys(ErrorCode).filter((code) => code !== 'OK')) {
    t.match(ERROR_MESSAGES[name], CHINESE, `${name}: ${ERROR_MESSAGES[name]}`);
    t.notMatch(errorMessage(name), name, `${name} is not shown raw`);
  }
  t.match(errorMessage('SOMETHING_NEW'), /SOMETHING_NEW/, 'a code added later still shows, with its name');
});

t.test('the pages have a Chinese message for every close code the server or the SDK uses', async (t) => {
  for (const [name, code] of Object.entries(CloseCode)) t.match(CLOSE_MESSAGES[code], CHINESE, `${name} (${code})`);
  t.match(closeMessage(4199), /^连接被服务器终止（4199）$/, 'an unknown 41xx: terminal');
  t.match(closeMessage(4099), /^连接断开（4099）$/);
});
