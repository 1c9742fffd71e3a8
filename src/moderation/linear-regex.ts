import { RegExpParser, RegExpSyntaxError, visitRegExpAST } from '@eslint-community/regexpp';
import { RE2JS, RE2JSException, RE2Set } from 're2js';

/**
 * Moderators' regex rules run on every comment, on the event loop, against text any poster
 * chooses. A backtracking engine (V8's) can take exponential time on one rule and one short
 * comment (`(a+)+$` and 30 × "a" + "!" held a node for 5 s), so rules run on RE2 (re2js, pure
 * JavaScript): time linear in the text. Linear is not yet cheap — RE2's cost grows with the
 * compiled program too (measured here: up to ~100 ns per instruction per character when a comment
 * defeats the DFA) — so each rule's program size, and the sum over all rules, is capped.
 */
export const REGEX_LIMITS = {
  /** Characters of one pattern. */
  maxChars: 256,
  /** RE2 instructions one rule may compile to (`a{500}` is 502; rules moderators write, 7–35). */
  maxInstructions: 500,
  /**
   * Instructions of all regex rules together: bounds the per-comment cost whatever the rules.
   * Measured (docs/admin.md): ordinary rules and comments, microseconds; 100 rules built to be
   * slow and 100-character comments crafted against them, up to ~80 ms a comment.
   */
  maxTotalInstructions: 5000,
} as const;

/** A rule compiled for RE2, with the size its cost scales with. */
export interface LinearRegex {
  /** The pattern in RE2's syntax, as compiled. */
  readonly source: string;
  readonly engine: RE2JS;
  /** RE2 program size (instructions); per-comment cost is linear in this times the text length. */
  readonly instructions: number;
}

// JavaScript's \s (ECMA-262 WhiteSpace and LineTerminator); RE2's \s is ASCII only and would let
// a full-width space (U+3000, common in Chinese text) through a rule like `加\s*微信`.
const JS_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

const parser = new RegExpParser({ ecmaVersion: 2025 });
/** Rules match as JavaScript's `i` flag does; `u` (code points, not code units) is how RE2 reads text. */
const FLAGS = RE2JS.CASE_INSENSITIVE;

/**
 * Compiles a rule written in JavaScript syntax (as with flags `iu`: case-insensitive, code points)
 * for RE2. Returns the compiled rule, or why it is refused — a sentence for a 400 answer:
 * not valid JavaScript syntax; a backreference or a lookaround (no linear-time engine has them);
 * a construct RE2 lacks (e.g. `\p{Script=…}`, a repeat over 1,000); a program over
 * {@link REGEX_LIMITS}.maxInstructions. Differences from V8 that remain: `\w`, `\d`, `\b` are
 * ASCII in both; `\S` inside a character class is ASCII whitespace's complement.
 */
export function compileLinearRegex(pattern: string): LinearRegex | string {
  let ast;
  try {
    ast = parser.parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch (err) {
    if (!(err instanceof RegExpSyntaxError)) throw err;
    return `not a valid regular expression: ${err.message.replace(/^Invalid regular expression: /, '')}`;
  }
  let unsupported: string | undefined;
  const spaces: { start: number; end: number; text: string }[] = [];
  visitRegExpAST(ast, {
    onBackreferenceEnter: (node) => {
      unsupported ??= `backreference ${node.raw} at offset ${node.start}`;
    },
    onAssertionEnter: (node) => {
      if (node.kind === 'lookahead' || node.kind === 'lookbehind')
        unsupported ??= `${node.kind} ${node.raw} at offset ${node.start}`;
    },
    onCharacterSetEnter: (node) => {
      if (node.kind !== 'space') return;
      const inClass = node.parent.type === 'CharacterClass';
      if (inClass && node.negate) return;
      const text = inClass ? JS_SPACE : `[${node.negate ? '^' : ''}${JS_SPACE}]`;
      spaces.push({ start: node.start, end: node.end, text });
    },
  });
  if (unsupported !== undefined) return `${unsupported}: no linear-time engine can run it`;
  let source = pattern;
  for (const { start, end, text } of spaces.reverse()) source = source.slice(0, start) + text + source.slice(end);
  let engine: RE2JS;
  try {
    source = RE2JS.translateRegExp(source);
    engine = RE2JS.compile(source, FLAGS);
  } catch (err) {
    if (!(err instanceof RE2JSException)) throw err;
    return `not supported by the linear-time engine (RE2): ${err.message.replace(/^error parsing regexp: /, '')}`;
  }
  const instructions = engine.programSize();
  if (instructions > REGEX_LIMITS.maxInstructions)
    return `too large: compiles to ${instructions} RE2 instructions, at most ${REGEX_LIMITS.maxInstructions}`;
  return { source, engine, instructions };
}

/**
 * Several rules in one RE2 automaton: one pass over a text says which of them match, so a comment
 * that matches no rule (nearly all of them) costs one scan, not one per rule (100 rules: ~60× fewer
 * comments/s when tried one by one, bench/micro/word-filter.bench.ts). The lazily built DFA is
 * capped at re2js's default 8 MiB; past it RE2 falls back to its NFA, still linear in the text.
 */
export class LinearRegexSet {
  private readonly set = new RE2Set(RE2Set.UNANCHORED, FLAGS);

  constructor(regexes: readonly LinearRegex[]) {
    for (const regex of regexes) this.set.add(regex.source);
    this.set.compile();
  }

  /** Indexes (into the constructor's list, ascending) of the rules with a match in the text, empty ones included. */
  matching(text: string): number[] {
    return this.set.match(text);
  }
}
