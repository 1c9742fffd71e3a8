import { rmSync } from 'node:fs';
import t from 'tap';
import { REGEX_LIMITS, compileLinearRegex } from '../../src/moderation/linear-regex.js';
import { WordFilter, refuseRegexRule, type FilterRule } from '../../src/moderation/word-filter.js';
import { ErrorCode } from '../../src/protocol/codec.js';
import { admin } from '../helpers/admin.js';
import { TestClient } from '../helpers/client.js';
import { GatewayProcess } from '../helpers/gateway-process.js';
import { tempDataDir, token } from '../helpers/node.js';

const rule = (id: string, pattern: string, action: FilterRule['action'] = 'mask'): FilterRule => ({
  id,
  kind: 'regex',
  pattern,
  action,
  createdAt: 0,
  createdBy: 't',
});

/** Rules that make a backtracking engine take exponential (or high-polynomial) time, with their killer input. */
const CATASTROPHIC: [pattern: string, input: string][] = [
  ['(a+)+$', `${'a'.repeat(30)}!`],
  ['(a|aa)+$', `${'a'.repeat(99)}!`],
  ['(x+x+)+y', 'x'.repeat(100)],
  ['^(\\w+\\s?)*$', `${'w'.repeat(99)}!`],
  ['(.*q){12}', 'q'.repeat(100)],
  ['^([a-z0-9]+[._-]?)+@', `${'z'.repeat(99)}!`],
];

t.test('refused patterns name the reason', async (t) => {
  const refusals: [string, RegExp][] = [
    ['(unclosed', /^not a valid regular expression: .*Unterminated group/],
    ['(\\w)\\1', /^backreference \\1 at offset 4: no linear-time engine/],
    ['(?<n>x)\\k<n>', /^backreference \\k<n> at offset 7/],
    ['(?=a)b', /^lookahead \(\?=a\) at offset 0/],
    ['x(?<!a)b', /^lookbehind \(\?<!a\) at offset 1/],
    ['\\p{Script=Han}', /^not supported by the linear-time engine \(RE2\): invalid character class range/],
    ['a{1001}', /^not supported by the linear-time engine \(RE2\): invalid repeat count/],
    ['(?:\\w{500}){3}', /^not supported by the linear-time engine \(RE2\)/],
    ['\\w{400}\\d{200}', /^too large: compiles to \d+ RE2 instructions, at most 500/],
  ];
  for (const [pattern, reason] of refusals) {
    const compiled = compileLinearRegex(pattern);
    if (typeof compiled !== 'string') {
      t.fail(`${pattern} compiled`);
      continue;
    }
    t.match(compiled, reason, `${pattern}: ${compiled}`);
  }
  t.notOk(typeof compileLinearRegex('1[3-9]\\d{9}') === 'string', 'a phone-number rule compiles');
});

t.test('JavaScript syntax and meaning, on RE2', async (t) => {
  const filter = new WordFilter([
    rule('han', '[\\u4e00-\\u9fa5]{2}\\d+'),
    rule('emoji', '\\u{1F346}+'),
    rule('space', '加\\s*微信', 'refuse'),
    rule('named', '(?<n>qq)\\s?\\d{5,}'),
    rule('empty', 'z*'),
  ]);
  t.same(filter.check('来自你好123的'), { verdict: 'masked', text: '来自*****的' }, 'UTF-16 offsets, \\u escapes');
  t.same(filter.check('a🍆🍆b'), { verdict: 'masked', text: 'a**b' }, 'one star per code point');
  t.same(filter.check('QQ 123456'), { verdict: 'masked', text: '*********' }, 'named groups, case-insensitive');
  t.same(filter.check('加　微信'), { verdict: 'refuse', ruleId: 'space' }, '\\s matches U+3000 as in JavaScript');
  t.same(filter.check('plain'), { verdict: 'pass', text: 'plain' }, 'an empty match masks nothing');
});

t.test('catastrophic-backtracking classics take linear time', async (t) => {
  const filter = new WordFilter(CATASTROPHIC.map(([pattern], i) => rule(String(i), pattern)));
  for (const [pattern, input] of CATASTROPHIC) {
    for (const text of [input, input.repeat(10)]) {
      const started = performance.now();
      filter.check(text);
      const ms = performance.now() - started;
      // V8 needs seconds for the 31-character input and would not finish the longer ones; RE2
      // takes milliseconds (the bound is loose for a loaded machine).
      t.ok(ms < 2000, `${pattern} on ${text.length} characters: ${ms.toFixed(1)} ms`);
    }
  }
});

t.test('regex rules: at most 100, and a bounded program all together', async (t) => {
  const big = '\\w{490}';
  const size = compileLinearRegex(big);
  if (typeof size === 'string') throw new Error(size);
  const fits = Math.floor(REGEX_LIMITS.maxTotalInstructions / size.instructions);
  const existing = Array.from({ length: fits }, (_, i) => rule(String(i), big));
  t.match(refuseRegexRule(big, existing), /^too large: all regex rules together would compile to \d+ RE2 instructions/);
  t.equal(refuseRegexRule('small', existing), undefined, 'a small rule still fits');
  const many = Array.from({ length: 100 }, (_, i) => rule(String(i), `w${i}`));
  t.equal(refuseRegexRule('one more', many), 'at most 100 regular expressions');

  // The worst the caps allow: every instruction budget spent, a comment made to defeat the DFA.
  const worst = new WordFilter(existing);
  for (const text of ['a'.repeat(100), 'ab '.repeat(33)]) {
    const started = performance.now();
    worst.check(text);
    const ms = performance.now() - started;
    t.ok(
      ms < 1000,
      `${fits} rules of ${size.instructions} instructions on ${text.length} characters: ${ms.toFixed(1)} ms`,
    );
  }
});

t.test('over real sockets: a node with catastrophic rules keeps answering', async (t) => {
  const dataDir = tempDataDir();
  const node = await GatewayProcess.start('redos', {
    DATA_DIR: dataDir,
    COMMENT_RATE_PER_SEC: '1000',
    COMMENT_BURST: '1000',
    ADMIN_RATE_PER_SEC: '1000',
  });
  t.teardown(async () => {
    await node.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  for (const [pattern] of CATASTROPHIC) {
    const created = await admin(node.url, 'createFilter', { body: { pattern, kind: 'regex', action: 'mask' } });
    t.equal(created.status, 201, `${pattern} accepted`);
  }
  const refused = await admin(node.url, 'createFilter', { body: { pattern: '(a)\\1', kind: 'regex' } });
  t.equal(refused.status, 400);
  t.match(refused.body, { field: 'pattern', message: /backreference \\1 at offset 3: no linear-time engine/ });

  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'attacker' }) });
  t.teardown(() => poster.ws.close());
  let n = 0;
  for (const [pattern, input] of CATASTROPHIC) {
    const clientMsgId = `m${++n}`;
    const sent = performance.now();
    poster.send({ comment: { room: 'lobby', clientMsgId, text: input } });
    const health = fetch(`${node.url}/healthz`).then((res) => ({ status: res.status, ms: performance.now() - sent }));
    // A backtracking engine holds the node for seconds to forever on these; 2 s is load headroom.
    const ack = await poster.nextKind('ack', (a) => a.clientMsgId === clientMsgId, 2000);
    t.ok(ack.ok || ack.code === ErrorCode.RATE_LIMITED, `${pattern}: acked`);
    const answered = await health;
    t.equal(answered.status, 200);
    t.ok(answered.ms < 2000, `${pattern}: /healthz answered in ${answered.ms.toFixed(0)} ms`);
  }
  const masked = 'masked';
  poster.send({ comment: { room: 'lobby', clientMsgId: masked, text: 'aaa' } });
  t.ok((await poster.nextKind('ack', (a) => a.clientMsgId === masked)).ok);
  t.notOk(node.crashed);
});
