import { AhoCorasick, foldText } from './aho-corasick.js';
import { LinearRegexSet, REGEX_LIMITS, compileLinearRegex, type LinearRegex } from './linear-regex.js';

export type FilterAction = 'refuse' | 'mask';
export type FilterKind = 'word' | 'regex';

export interface FilterRule {
  readonly id: string;
  readonly kind: FilterKind;
  /**
   * A word (matched case-insensitively anywhere in the text) or a regular expression in JavaScript
   * syntax, run case-insensitively on RE2 (see linear-regex.ts for what it refuses).
   */
  readonly pattern: string;
  readonly action: FilterAction;
  readonly createdAt: number;
  readonly createdBy: string;
}

export type FilterVerdict =
  | { readonly verdict: 'pass'; readonly text: string }
  | { readonly verdict: 'refuse'; readonly ruleId: string }
  | { readonly verdict: 'masked'; readonly text: string };

/** Limits on what a moderator may add. */
export const FILTER_LIMITS = {
  maxWords: 100_000,
  maxWordChars: 64,
  maxRegexes: 100,
  maxRegexChars: REGEX_LIMITS.maxChars,
} as const;

/**
 * Why a new regex rule may not join the existing rules — a sentence for a 400 answer — or
 * undefined when it may: it must compile for the linear-time engine ({@link compileLinearRegex}),
 * there may be at most {@link FILTER_LIMITS}.maxRegexes, and all of them together at most
 * REGEX_LIMITS.maxTotalInstructions RE2 instructions (the per-comment cost is linear in that).
 */
export function refuseRegexRule(pattern: string, existing: readonly FilterRule[]): string | undefined {
  const compiled = compileLinearRegex(pattern);
  if (typeof compiled === 'string') return compiled;
  const regexes = existing.filter((r) => r.kind === 'regex');
  if (regexes.length >= FILTER_LIMITS.maxRegexes) return `at most ${FILTER_LIMITS.maxRegexes} regular expressions`;
  let total = compiled.instructions;
  for (const rule of regexes) {
    const other = compileLinearRegex(rule.pattern);
    if (typeof other !== 'string') total += other.instructions;
  }
  if (total > REGEX_LIMITS.maxTotalInstructions)
    return `too large: all regex rules together would compile to ${total} RE2 instructions, at most ${REGEX_LIMITS.maxTotalInstructions}`;
  return undefined;
}

interface CompiledRegex {
  readonly rule: FilterRule;
  readonly regex: LinearRegex;
}

function maskRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    out += text.slice(at, from);
    // One star per code point, so a masked emoji is one star, not two.
    out += '*'.repeat([...text.slice(from, end)].length);
    at = end;
  }
  return out + text.slice(at);
}

/**
 * An immutable compiled word filter. Words go into one Aho–Corasick automaton, so a comment costs
 * one pass whatever the number of words; regexes (capped at {@link FILTER_LIMITS}.maxRegexes and
 * REGEX_LIMITS.maxTotalInstructions) go into one RE2 set, one pass linear in the comment, and only
 * the rules it reports are run again for their positions. Any refusing rule refuses the comment;
 * otherwise every masking match is replaced by stars.
 */
export class WordFilter {
  private readonly words: AhoCorasick;
  /** Per automaton pattern: the rule that owns it (a refusing rule wins over a masking duplicate). */
  private readonly wordRules: FilterRule[] = [];
  private readonly regexes: CompiledRegex[] = [];
  private readonly regexSet: LinearRegexSet | undefined;

  constructor(rules: Iterable<FilterRule>) {
    const byFolded = new Map<string, number>();
    const patterns: string[] = [];
    let instructions = 0;
    for (const rule of rules) {
      if (rule.kind === 'regex') {
        // The admin API refuses these; a store written by an older node may still hold one (a
        // backreference, a rule past the budget), which is then not applied rather than unbounded.
        const regex = compileLinearRegex(rule.pattern);
        if (typeof regex === 'string' || instructions + regex.instructions > REGEX_LIMITS.maxTotalInstructions)
          continue;
        instructions += regex.instructions;
        this.regexes.push({ rule, regex });
        continue;
      }
      const folded = foldText(rule.pattern);
      if (folded.length === 0) continue;
      const index = byFolded.get(folded);
      if (index === undefined) {
        byFolded.set(folded, patterns.length);
        patterns.push(folded);
        this.wordRules.push(rule);
      } else if (rule.action === 'refuse') {
        this.wordRules[index] = rule;
      }
    }
    this.words = new AhoCorasick(patterns);
    this.regexSet = this.regexes.length === 0 ? undefined : new LinearRegexSet(this.regexes.map((r) => r.regex));
  }

  check(text: string): FilterVerdict {
    // Per comment: with no word rules (the default) neither the scan nor its closure and arrays.
    if (this.wordRules.length === 0 && this.regexSet === undefined) return { verdict: 'pass', text };
    const ranges: [number, number][] = [];
    let refusedBy: string | undefined;
    if (this.wordRules.length > 0)
      this.words.scan(text, (pattern, start, end) => {
        const rule = this.wordRules[pattern] as FilterRule;
        if (rule.action === 'refuse') {
          refusedBy = rule.id;
          return false;
        }
        ranges.push([start, end]);
        return true;
      });
    if (refusedBy !== undefined) return { verdict: 'refuse', ruleId: refusedBy };
    for (const index of this.regexSet?.matching(text) ?? []) {
      const { rule, regex } = this.regexes[index] as CompiledRegex;
      const matcher = regex.engine.matcher(text);
      while (matcher.find()) {
        const start = matcher.start();
        const end = matcher.end();
        // A rule that matches only the empty string (`x*` on "abc") masks and refuses nothing.
        if (end === start) continue;
        if (rule.action === 'refuse') return { verdict: 'refuse', ruleId: rule.id };
        ranges.push([start, end]);
      }
    }
    return ranges.length === 0 ? { verdict: 'pass', text } : { verdict: 'masked', text: maskRanges(text, ranges) };
  }
}
