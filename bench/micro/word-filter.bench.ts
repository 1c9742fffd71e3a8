/**
 * Comments per second through the word filter with 1,000 and 10,000 blocked words, against a
 * naive loop (lower-case the comment, `includes` each word) for contrast.
 * Run after `npm run build`: node dist/bench/micro/word-filter.bench.js
 */
import Benchmark from 'benchmark';
import { WordFilter, type FilterRule } from '../../src/moderation/word-filter.js';

Benchmark.options.maxTime = 1;

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

// Comments as viewers write them: 5-40 characters, mixed scripts; a few contain a blocked word.
function comments(words: readonly string[]): string[] {
  return Array.from({ length: 1000 }, (_, i) => {
    const parts: string[] = [];
    while (parts.join(' ').length < 5 + (i % 36)) parts.push(word(1, 6));
    if (i % 50 === 0) parts.push(words[i % words.length] as string);
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

const results: { patterns: number; matcher: string; perSecond: number; rme: number }[] = [];

for (const count of [1000, 10_000]) {
  const words = Array.from({ length: count }, () => word(3, 8));
  const rules: FilterRule[] = words.map((pattern, i) => ({
    id: String(i),
    kind: 'word',
    pattern,
    action: 'refuse',
    createdAt: 0,
    createdBy: 'bench',
  }));
  const filter = new WordFilter(rules);
  const naiveCheck = naive(words);
  const texts = comments(words);
  let i = 0;
  let sink = 0;
  const suite = new Benchmark.Suite();
  suite
    .add(`aho-corasick ${count}`, () => {
      if (filter.check(texts[i++ % texts.length] as string).verdict === 'refuse') sink++;
    })
    .add(`naive loop ${count}`, () => {
      if (naiveCheck(texts[i++ % texts.length] as string)) sink++;
    })
    .on('cycle', (event: Benchmark.Event) => {
      const bench = event.target as unknown as { name: string; hz: number; stats: { rme: number } };
      results.push({
        patterns: count,
        matcher: bench.name.split(' ').slice(0, -1).join(' '),
        perSecond: bench.hz,
        rme: bench.stats.rme,
      });
    })
    .run();
  if (sink < 0) process.stdout.write('unreachable\n');
}

process.stdout.write('| patterns | matcher | comments/s | ± |\n| ---: | --- | ---: | ---: |\n');
for (const r of results)
  process.stdout.write(
    `| ${r.patterns} | ${r.matcher} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${r.rme.toFixed(1)} % |\n`,
  );
