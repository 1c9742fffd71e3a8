import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads a V8 CPU profile (`node --cpu-prof`, the .cpuprofile JSON) and tells where the time went:
 * self and total time per function and per source file, over the whole profile or a window of it.
 *
 *   node dist/bench/profile-top.js <file.cpuprofile> [--top N] [--from S] [--to S]
 *
 * Self time is the samples a function was on top of the stack; total time the samples it was
 * anywhere on it (counted once per sample, so recursion does not count twice). Percentages are of
 * the busy samples: everything but "(idle)", the loop waiting in epoll.
 */

/** The parts of the .cpuprofile format (Chrome DevTools protocol, Profiler.Profile) read here. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      /** 0-based. */
      readonly lineNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  /** Microseconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** The node on top of the stack at each sample. */
  readonly samples: readonly number[];
  /** Microseconds since the previous sample (the first: since startTime). */
  readonly timeDeltas: readonly number[];
}

export interface TimeEntry {
  /** `function (file:line)`, or V8's own names: (garbage collector), (program), (idle). */
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

export interface ProfileSummary {
  /** Wall time of the window and the part of it that was not idle, ms. */
  readonly windowMs: number;
  readonly busyMs: number;
  readonly functions: readonly TimeEntry[];
  readonly files: readonly TimeEntry[];
}

export interface SummaryOptions {
  /** Window, seconds from the profile's start. */
  readonly fromSec?: number;
  readonly toSec?: number;
  /** Paths in names are made relative to this directory. */
  readonly root?: string;
}

const IDLE = '(idle)';

function place(url: string, root: string | undefined): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return root !== undefined && path.startsWith(root) ? relative(root, path) : path;
}

/** Self and total time per function and per file over the window; both lists sorted by self time. */
export function summarize(profile: CpuProfile, options: SummaryOptions = {}): ProfileSummary {
  const parent = new Map<number, number>();
  const fn = new Map<number, string>();
  const file = new Map<number, string>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = place(url, options.root);
    fn.set(
      node.id,
      where === '' ? functionName || '(anonymous)' : `${functionName || '(anonymous)'} (${where}:${lineNumber + 1})`,
    );
    file.set(node.id, where === '' ? functionName || '(anonymous)' : where);
  }
  const from = (options.fromSec ?? 0) * 1e6;
  const to = (options.toSec ?? Infinity) * 1e6;
  const self = { fn: new Map<string, number>(), file: new Map<string, number>() };
  const total = { fn: new Map<string, number>(), file: new Map<string, number>() };
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let at = 0;
  let windowUs = 0;
  let busyUs = 0;
  profile.samples.forEach((leaf, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    at += dt;
    if (at < from || at > to) return;
    windowUs += dt;
    const leafName = fn.get(leaf) ?? '?';
    if (leafName === IDLE) return;
    busyUs += dt;
    add(self.fn, leafName, dt);
    add(self.file, file.get(leaf) ?? '?', dt);
    const seenFn = new Set<string>();
    const seenFile = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const name = fn.get(id) ?? '?';
      if (name === '(root)') continue;
      if (!seenFn.has(name)) {
        seenFn.add(name);
        add(total.fn, name, dt);
      }
      const where = file.get(id) ?? '?';
      if (!seenFile.has(where)) {
        seenFile.add(where);
        add(total.file, where, dt);
      }
    }
  });
  const entries = (selfMap: Map<string, number>, totalMap: Map<string, number>): TimeEntry[] =>
    [...totalMap.keys()]
      .map((name) => ({ name, selfMs: (selfMap.get(name) ?? 0) / 1000, totalMs: (totalMap.get(name) ?? 0) / 1000 }))
      .sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
  return {
    windowMs: windowUs / 1000,
    busyMs: busyUs / 1000,
    functions: entries(self.fn, total.fn),
    files: entries(self.file, total.file),
  };
}

function table(title: string, entries: readonly TimeEntry[], busyMs: number, top: number): string {
  const pct = (v: number) => `${((v / busyMs) * 100).toFixed(1)} %`;
  const row = (e: TimeEntry) =>
    `| ${e.name.replace(/\|/g, '\\|')} | ${e.selfMs.toFixed(0)} | ${pct(e.selfMs)} | ${e.totalMs.toFixed(0)} | ${pct(e.totalMs)} |`;
  const byTotal = [...entries].sort((a, b) => b.totalMs - a.totalMs);
  return [
    `#### ${title}: top ${top} by self time`,
    '',
    '| function | self ms | self % of busy | total ms | total % of busy |',
    '| --- | --- | --- | --- | --- |',
    ...entries.slice(0, top).map(row),
    '',
    `#### ${title}: top ${top} by total time`,
    '',
    '| function | self ms | self % of busy | total ms | total % of busy |',
    '| --- | --- | --- | --- | --- |',
    ...byTotal.slice(0, top).map(row),
  ].join('\n');
}

/** The summary as markdown tables (functions, then files), percentages of busy time. */
export function summaryMarkdown(summary: ProfileSummary, top = 25): string {
  return [
    `Window ${(summary.windowMs / 1000).toFixed(1)} s, busy ${(summary.busyMs / 1000).toFixed(1)} s (${((summary.busyMs / summary.windowMs) * 100).toFixed(0)} %).`,
    '',
    table('Functions', summary.functions, summary.busyMs, top),
    '',
    table('Files', summary.files, summary.busyMs, Math.min(top, 15)),
  ].join('\n');
}

function main(argv: readonly string[]): void {
  const [path, ...rest] = argv;
  if (path === undefined) throw new Error('usage: profile-top <file.cpuprofile> [--top N] [--from S] [--to S]');
  const flag = (name: string) => {
    const i = rest.indexOf(name);
    if (i < 0) return undefined;
    const value = Number(rest[i + 1]);
    if (!Number.isFinite(value)) throw new Error(`${name} needs a number`);
    return value;
  };
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const summary = summarize(profile, {
    ...(flag('--from') !== undefined ? { fromSec: flag('--from') } : {}),
    ...(flag('--to') !== undefined ? { toSec: flag('--to') } : {}),
    root: process.cwd(),
  });
  process.stdout.write(`${summaryMarkdown(summary, flag('--top') ?? 25)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
