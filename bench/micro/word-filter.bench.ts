/**
 * Comments per second through the word filter with 1,000 and 10,000 blocked words, alone and with
 * 10 or 100 (the most allowed) regex rules beside them, against a naive loop (lower-case the
 * comment, `includes` each word) for contrast.
 * Run after `npm run build`: node dist/bench/micro/word-filter.bench.js
 */
import { WordFilter, type FilterRule } from '../../src/moderation/word-filter.js';
import { runSuite, type Case } from './suite.js';

// A fixed-seed generator, so every run filters the same words and comments.
let seed = 42;
function random(): number {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CJK = '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自可';
function word(min: number, max: number): string {
  const alphabet = random() < 0.5 ? LATIN : CJK;
  const length = min + Math.floor(random() * (max - min + 1));
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

// Regex rules as moderators write them: phone and QQ numbers, links, a word with digits or
// look-alike letters between its parts; the words are random so most comments match none.
const REGEX_TEMPLATES: ((a: string, b: string) => string)[] = [
  () => '1[3-9]\\d{9}',
  () => '[qQ]{2}\\s*\\d{5,11}',
  (a) => `https?://\\S*${a}`,
  (a) => `${a}\\d{3,}`,
  (a, b) => `${a}.{0,3}${b}`,
  (a, b) => `(?:${a}|${b})+!`,
  (a) => `[\\u4e00-\\u9fa5]{2}${a}`,
  (a, b) => `\\b${a}\\s+${b}\\b`,
];

// Comments as viewers write them: 5-40 characters, mixed scripts; one in 50 contains a blocked
// word and one in 100 a phone number.
function comments(words: readonly string[]): string[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const parts: string[] = [];
    while (parts.join(' ').length < 5 + (i % 36)) parts.push(word(1, 6));
    if (i % 50 === 0) parts.push(words[i % words.length] as string);
    if (i % 100 === 7) parts.push('13812345678');
    return parts.join(' ');
  });
}

function naive(words: readonly string[]): (text: string) => boolean {
  const lowered = words.map((w) => w.toLowerCase());
  return (text) => {
    const t = text.toLowerCase();
    for (const w of lowered) if (t.includes(w)) return true;
    return false;
  };
}

const rule = (id: string, kind: FilterRule['kind'], pattern: string): FilterRule => ({
  id,
  kind,
  pattern,
  action: kind === 'word' ? 'refuse' : 'mask',
  createdAt: 0,
  createdBy: 'bench',
});

const cases: Case[] = [];
let sink = 0;
for (const count of [1000, 10_000]) {
  const words = Array.from({ length: count }, () => word(3, 8));
  const wordRules = words.map((pattern, i) => rule(String(i), 'word', pattern));
  const regexRules = Array.from({ length: 100 }, (_, i) =>
    rule(
      `re${i}`,
      'regex',
      (REGEX_TEMPLATES[i % REGEX_TEMPLATES.length] as (a: string, b: string) => string)(word(3, 6), word(3, 6)),
    ),
  );
  const texts = comments(words);
  let i = 0;
  for (const regexes of [0, 10, 100]) {
    const filter = new WordFilter([...wordRules, ...regexRules.slice(0, regexes)]);
    // RE2 builds its DFA lazily, a state at a time: one pass first, so the case measures the
    // steady state of a running node rather than the first second after a rule change.
    for (const text of texts) filter.check(text);
    cases.push({
      name: `${count} words + ${regexes} regex`,
      fn: () => {
        if (filter.check(texts[i++ % texts.length] as string).verdict !== 'pass') sink++;
      },
    });
  }
  const naiveCheck = naive(words);
  cases.push({
    name: `naive loop ${count} words`,
    fn: () => {
      if (naiveCheck(texts[i++ % texts.length] as string)) sink++;
    },
  });
}

runSuite('word filter: comments/s', cases);
if (sink < 0) process.stdout.write('unreachable\n');
