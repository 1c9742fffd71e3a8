import { AhoCorasick, foldText } from './aho-corasick.js';

export type FilterAction = 'refuse' | 'mask';
export type FilterKind = 'word' | 'regex';

export interface FilterRule {
  readonly id: string;
  readonly kind: FilterKind;
  /** A word (matched case-insensitively anywhere in the text) or a JavaScript regular expression. */
  readonly pattern: string;
  readonly action: FilterAction;
  readonly createdAt: number;
  readonly createdBy: string;
}

export type FilterVerdict =
  | { readonly verdict: 'pass'; readonly text: string }
  | { readonly verdict: 'refuse'; readonly ruleId: string }
  | { readonly verdict: 'masked'; readonly text: string };

/** Limits on what a moderator may add; regexes run one by one per comment, words do not. */
export const FILTER_LIMITS = {
  maxWords: 100_000,
  maxWordChars: 64,
  maxRegexes: 100,
  maxRegexChars: 256,
} as const;

export function compileRegex(pattern: string): RegExp | string {
  try {
    return new RegExp(pattern, 'giu');
  } catch (err) {
    return err instanceof Error ? err.message : 'invalid regular expression';
  }
}

interface CompiledRegex {
  readonly rule: FilterRule;
  readonly regex: RegExp;
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
 * one pass whatever the number of words; regexes (capped at {@link FILTER_LIMITS}.maxRegexes) are
 * tried one by one. Any refusing rule refuses the comment; otherwise every masking match is
 * replaced by stars.
 */
export class WordFilter {
  private readonly words: AhoCorasick;
  /** Per automaton pattern: the rule that owns it (a refusing rule wins over a masking duplicate). */
  private readonly wordRules: FilterRule[] = [];
  private readonly regexes: CompiledRegex[] = [];

  constructor(rules: Iterable<FilterRule>) {
    const byFolded = new Map<string, number>();
    const patterns: string[] = [];
    for (const rule of rules) {
      if (rule.kind === 'regex') {
        const regex = compileRegex(rule.pattern);
        if (typeof regex !== 'string') this.regexes.push({ rule, regex });
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
  }

  check(text: string): FilterVerdict {
    const ranges: [number, number][] = [];
    let refusedBy: string | undefined;
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
    for (const { rule, regex } of this.regexes) {
      for (const match of text.matchAll(regex)) {
        if (match[0].length === 0) continue;
        if (rule.action === 'refuse') return { verdict: 'refuse', ruleId: rule.id };
        ranges.push([match.index, match.index + match[0].length]);
      }
    }
    return ranges.length === 0 ? { verdict: 'pass', text } : { verdict: 'masked', text: maskRanges(text, ranges) };
  }
}
