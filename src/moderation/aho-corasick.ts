/**
 * Case folding by UTF-16 code unit, so a match's offsets in the folded text are its offsets in the
 * original (masking depends on it). Letters whose lower case is longer than one unit (İ) keep
 * their own code; full-width ASCII (Ａ, ！) folds to ASCII, a common way around word filters.
 */
const FOLD = (() => {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const ascii = c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c;
    const lower = String.fromCharCode(ascii).toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : ascii;
  }
  return table;
})();

export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(FOLD[text.charCodeAt(i)] as number);
  return out;
}

/** Called per occurrence with the pattern index and its [start, end) in the text; return false to stop. */
export type OnMatch = (pattern: number, start: number, end: number) => boolean | void;

/**
 * Aho–Corasick automaton over folded UTF-16 code units: one pass over the text finds every
 * occurrence of every pattern, in time linear in the text plus the matches, whatever the number of
 * patterns. Transitions live in one open-addressing hash table keyed by (state, code unit): a
 * per-state Map costs ~100 bytes a state, and 10,000 patterns make ~100,000 states.
 */
export class AhoCorasick {
  private readonly tableMask: number;
  private readonly keyState: Int32Array;
  private readonly keyUnit: Uint16Array;
  private readonly target: Int32Array;
  private readonly fail: Int32Array;
  /** The pattern that ends exactly at a state, or -1. */
  private readonly output: Int32Array;
  /** The nearest state along the failure chain that has an output, or 0 for none. */
  private readonly outputLink: Int32Array;
  private readonly lengths: Int32Array;

  constructor(patterns: readonly string[]) {
    let edges = 0;
    for (const p of patterns) edges += p.length;
    let size = 16;
    while (size < edges * 2) size *= 2;
    this.tableMask = size - 1;
    this.keyState = new Int32Array(size).fill(-1);
    this.keyUnit = new Uint16Array(size);
    this.target = new Int32Array(size);
    this.lengths = new Int32Array(patterns.length);
    const output: number[] = [-1];
    const children: number[][] = [[]];
    patterns.forEach((pattern, index) => {
      let state = 0;
      for (let i = 0; i < pattern.length; i++) {
        const unit = FOLD[pattern.charCodeAt(i)] as number;
        let next = this.step(state, unit);
        if (next < 0) {
          next = output.length;
          output.push(-1);
          children.push([]);
          this.insert(state, unit, next);
          (children[state] as number[]).push(unit);
        }
        state = next;
      }
      this.lengths[index] = pattern.length;
      if (pattern.length > 0 && output[state] === -1) output[state] = index;
    });
    const states = output.length;
    this.output = Int32Array.from(output);
    this.fail = new Int32Array(states);
    this.outputLink = new Int32Array(states);
    const queue: number[] = [];
    for (const unit of children[0] as number[]) queue.push(this.step(0, unit));
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const unit of children[state] as number[]) {
        const child = this.step(state, unit);
        let f = this.fail[state] as number;
        while (f !== 0 && this.step(f, unit) < 0) f = this.fail[f] as number;
        const viaFail = this.step(f, unit);
        const childFail = viaFail >= 0 && viaFail !== child ? viaFail : 0;
        this.fail[child] = childFail;
        this.outputLink[child] =
          (this.output[childFail] as number) >= 0 ? childFail : (this.outputLink[childFail] as number);
        queue.push(child);
      }
    }
  }

  private slot(state: number, unit: number): number {
    return (Math.imul(state, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) & this.tableMask;
  }

  private step(state: number, unit: number): number {
    for (let s = this.slot(state, unit); ; s = (s + 1) & this.tableMask) {
      const k = this.keyState[s] as number;
      if (k === -1) return -1;
      if (k === state && this.keyUnit[s] === unit) return this.target[s] as number;
    }
  }

  private insert(state: number, unit: number, next: number): void {
    let s = this.slot(state, unit);
    while (this.keyState[s] !== -1) s = (s + 1) & this.tableMask;
    this.keyState[s] = state;
    this.keyUnit[s] = unit;
    this.target[s] = next;
  }

  scan(text: string, onMatch: OnMatch): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = FOLD[text.charCodeAt(i)] as number;
      for (;;) {
        const next = this.step(state, unit);
        if (next >= 0) {
          state = next;
          break;
        }
        if (state === 0) break;
        state = this.fail[state] as number;
      }
      let hit = (this.output[state] as number) >= 0 ? state : (this.outputLink[state] as number);
      while (hit !== 0) {
        const pattern = this.output[hit] as number;
        if (onMatch(pattern, i + 1 - (this.lengths[pattern] as number), i + 1) === false) return;
        hit = this.outputLink[hit] as number;
      }
    }
  }
}
