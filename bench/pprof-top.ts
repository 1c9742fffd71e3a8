import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

/**
 * Reads a Go CPU profile (pprof's profile.proto, gzipped, as nats-server serves it on
 * `/debug/pprof/profile?seconds=N` of its `--profile` port) and prints flat and cumulative CPU time
 * per function, largest first: where nats-server spends its time, without Go's `pprof` tool.
 *
 *   node dist/bench/pprof-top.js <file.pb.gz> [top N, default 25]
 *
 * The message subset below is the one documented in github.com/google/pprof, proto/profile.proto;
 * fields not listed are skipped by the decoder.
 */
const PROFILE_PROTO = `
syntax = "proto3";
message Profile {
  repeated ValueType sample_type = 1;
  repeated Sample sample = 2;
  repeated Location location = 4;
  repeated Function function = 5;
  repeated string string_table = 6;
  int64 duration_nanos = 10;
}
message ValueType { int64 type = 1; int64 unit = 2; }
message Sample { repeated uint64 location_id = 1; repeated int64 value = 2; }
message Location { uint64 id = 1; repeated Line line = 4; }
message Line { uint64 function_id = 1; }
message Function { uint64 id = 1; int64 name = 2; }
`;

interface Profile {
  readonly sampleType: readonly { readonly type: number; readonly unit: number }[];
  readonly sample: readonly { readonly locationId: readonly number[]; readonly value: readonly number[] }[];
  readonly location: readonly { readonly id: number; readonly line: readonly { readonly functionId: number }[] }[];
  readonly function: readonly { readonly id: number; readonly name: number }[];
  readonly stringTable: readonly string[];
  readonly durationNanos: number;
}

/** CPU time per function: flat (on top of the stack) and cumulative (anywhere on it, once per sample), in ns. */
export interface PprofEntry {
  readonly name: string;
  readonly flatNs: number;
  readonly cumNs: number;
}

/**
 * Decodes a gzipped (or plain) profile.proto and sums its "cpu" samples per function.
 *
 * @throws Error when the profile has no sample type named "cpu" (not a CPU profile).
 */
export function pprofTop(data: Uint8Array): { entries: PprofEntry[]; totalNs: number; durationNs: number } {
  const raw = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const type = protobuf.parse(PROFILE_PROTO, { keepCase: false }).root.lookupType('Profile');
  const profile = type.toObject(type.decode(raw), { longs: Number, defaults: true }) as Profile;
  const strings = profile.stringTable;
  const cpu = profile.sampleType.findIndex((t) => strings[t.type] === 'cpu');
  if (cpu < 0) throw new Error('not a CPU profile: no sample type "cpu"');
  const functionName = new Map(profile.function.map((f) => [f.id, strings[f.name] ?? '?']));
  // A location holds its inlined functions innermost first; the first is what ran.
  const locationFunctions = new Map(
    profile.location.map((l) => [l.id, l.line.map((line) => functionName.get(line.functionId) ?? '?')]),
  );
  const flat = new Map<string, number>();
  const cum = new Map<string, number>();
  let totalNs = 0;
  for (const sample of profile.sample) {
    const ns = sample.value[cpu] ?? 0;
    totalNs += ns;
    const stack = sample.locationId.flatMap((id) => locationFunctions.get(id) ?? []);
    const top = stack[0];
    if (top !== undefined) flat.set(top, (flat.get(top) ?? 0) + ns);
    for (const name of new Set(stack)) cum.set(name, (cum.get(name) ?? 0) + ns);
  }
  const entries = [...cum].map(([name, cumNs]) => ({ name, flatNs: flat.get(name) ?? 0, cumNs }));
  return { entries, totalNs, durationNs: profile.durationNanos };
}

if (process.argv[1]?.endsWith('pprof-top.js')) {
  const [file, top = '25'] = process.argv.slice(2);
  if (file === undefined) throw new Error('usage: node dist/bench/pprof-top.js <file.pb.gz> [top]');
  const { entries, totalNs, durationNs } = pprofTop(readFileSync(file));
  const pct = (ns: number) => `${((100 * ns) / totalNs).toFixed(1).padStart(5)} %`;
  process.stdout.write(
    `${(totalNs / 1e6).toFixed(0)} ms of CPU sampled over ${(durationNs / 1e6).toFixed(0)} ms\n\nflat (share of sampled CPU)\n`,
  );
  for (const e of [...entries].sort((a, b) => b.flatNs - a.flatNs).slice(0, Number(top)))
    process.stdout.write(`${pct(e.flatNs)}  ${e.name}\n`);
  process.stdout.write('\ncumulative\n');
  for (const e of [...entries].sort((a, b) => b.cumNs - a.cumNs).slice(0, Number(top)))
    process.stdout.write(`${pct(e.cumNs)}  ${e.name}\n`);
}
