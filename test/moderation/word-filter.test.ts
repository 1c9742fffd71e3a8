import fc from 'fast-check';
import t from 'tap';
import { AhoCorasick, foldText } from '../../src/moderation/aho-corasick.js';
import { WordFilter, type FilterRule } from '../../src/moderation/word-filter.js';

function naiveMatches(patterns: readonly string[], text: string): string[] {
  const out: string[] = [];
  const folded = foldText(text);
  patterns.forEach((p, index) => {
    const f = foldText(p);
    if (f.length === 0) return;
    for (let at = folded.indexOf(f); at >= 0; at = folded.indexOf(f, at + 1)) out.push(`${index}@${at}`);
  });
  return out.sort();
}

t.test('Aho–Corasick finds exactly the occurrences a naive search finds', async (t) => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'c', '你', '好'), minLength: 1, maxLength: 4 }), {
        minLength: 1,
        maxLength: 12,
        selector: foldText,
      }),
      fc.string({ unit: fc.constantFrom('a', 'b', 'B', 'c', '你', '好', ' '), maxLength: 40 }),
      (patterns, text) => {
        const found: string[] = [];
        new AhoCorasick(patterns).scan(text, (pattern, start, end) => {
          found.push(`${pattern}@${start}`);
          t.equal(end - start, patterns[pattern]?.length);
        });
        t.same(found.sort(), naiveMatches(patterns, text));
      },
    ),
    { numRuns: 300 },
  );
});

t.test('overlapping and nested words: she / he / hers / his', async (t) => {
  const found: string[] = [];
  new AhoCorasick(['he', 'she', 'his', 'hers']).scan('ushers', (p, s, e) => void found.push(`${p}:${s}-${e}`));
  t.same(found.sort(), ['0:2-4', '1:1-4', '3:2-6'].sort());
});

const rule = (id: string, pattern: string, action: 'refuse' | 'mask', kind: 'word' | 'regex' = 'word'): FilterRule => ({
  id,
  kind,
  pattern,
  action,
  createdAt: 0,
  createdBy: 't',
});

t.test('word filter verdicts', async (t) => {
  const filter = new WordFilter([
    rule('r1', 'spam', 'refuse'),
    rule('m1', 'darn', 'mask'),
    rule('m2', 'DARN', 'refuse'),
    rule('m3', '🍆', 'mask'),
    rule('x1', 'http[s]?://\\S+', 'mask', 'regex'),
  ]);
  t.same(filter.check('hello'), { verdict: 'pass', text: 'hello' });
  t.same(filter.check('SPAM here'), { verdict: 'refuse', ruleId: 'r1' });
  t.same(filter.check('oh darn'), { verdict: 'refuse', ruleId: 'm2' }, 'a refusing duplicate wins over a masking one');
  t.same(
    filter.check('nice 🍆🍆 see https://x.example/a ok'),
    { verdict: 'masked', text: 'nice ** see ******************* ok' },
    'one star per code point',
  );
  t.same(
    new WordFilter([rule('a', 'abc', 'mask'), rule('b', 'bcd', 'mask')]).check('xabcdx'),
    { verdict: 'masked', text: 'x****x' },
    'overlapping matches merge',
  );
});

t.test('10,000 words build and scan quickly', async (t) => {
  const words = Array.from({ length: 10_000 }, (_, i) => `w${i.toString(36)}x`);
  const started = performance.now();
  const filter = new WordFilter(words.map((w, i) => rule(String(i), w, 'refuse')));
  t.ok(performance.now() - started < 1000, 'built within a second');
  t.same(filter.check('a perfectly clean comment with no blocked words'), {
    verdict: 'pass',
    text: 'a perfectly clean comment with no blocked words',
  });
  t.same(filter.check(`contains ${words[9999]} somewhere`), { verdict: 'refuse', ruleId: '9999' });
});
