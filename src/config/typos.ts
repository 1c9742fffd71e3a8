import distance from 'damerau-levenshtein';

/**
 * A misspelt variable is worse than a bad value: it is not an error, it is a default. `NATS_ULR`
 * runs a memory-bus node beside a cluster, silently. So a variable that is not ours but close to
 * ours stops start-up, naming the one it was probably meant to be. "Close" has two forms:
 *
 * - within a small edit distance (Damerau–Levenshtein, so a swap of two letters counts once) of a
 *   known name: 1 for names of up to 5 characters (`PORT`, `HOST`: `HOME` is 2 away from `HOST`
 *   and is every shell's), 2 for longer ones; case is ignored;
 * - an unknown name under one of our prefixes: a first word that at least two known names share
 *   (`NATS_`, `BATCH_`, `HISTORY_`…; one name alone, like `LOG_LEVEL`, is no family to guard).
 *
 * The process sees other software's variables too; these never count: npm's lowercase `npm_*`,
 * OpenSSL's `SSL_*` (SSL_CERT_FILE is two edits from TLS_CERT_FILE), locale `LC_*`, `XDG_*`,
 * Node's `NODE_*` (NODE_OPTIONS, NODE_V8_COVERAGE…) unless close to NODE_ENV or NODE_ID (NODE_EVN
 * counts), and the service links Kubernetes injects for
 * every service in the namespace (`NATS_SERVICE_HOST`, `NATS_PORT_4222_TCP_ADDR` for a service
 * named nats — https://kubernetes.io/docs/concepts/services-networking/service/#environment-variables).
 */

/** Families of variables that belong to other software: never ours, however close. */
const FOREIGN_PREFIXES = ['SSL_', 'LC_', 'XDG_'];
/** Node's family, which two of ours join (NODE_ENV, NODE_ID): an unknown NODE_* counts only when close to one. */
const SHARED_PREFIXES = ['NODE_'];

function isKubernetesServiceLink(name: string): boolean {
  if (name.endsWith('_SERVICE_HOST') || name.includes('_SERVICE_PORT') || name.endsWith('_PORT')) return true;
  const at = name.indexOf('_PORT_');
  if (at < 0) return false;
  // NAME_PORT_<port>_<TCP|UDP|SCTP>[_PROTO|_PORT|_ADDR]
  const [port, protocol] = name.slice(at + '_PORT_'.length).split('_');
  return port !== undefined && /^\d+$/.test(port) && (protocol === 'TCP' || protocol === 'UDP' || protocol === 'SCTP');
}

function prefixOf(name: string): string | undefined {
  const underscore = name.indexOf('_');
  return underscore > 0 ? name.slice(0, underscore + 1) : undefined;
}

/** A variable that looks like a misspelling of a known one, and the known one closest to it. */
export interface Misspelt {
  readonly name: string;
  readonly closest: string;
}

/**
 * The first variable of `names` that is not in `known` but close to it (see the module comment),
 * with the known name closest to it; undefined when there is none.
 */
export function findMisspelt(names: Iterable<string>, known: ReadonlySet<string>): Misspelt | undefined {
  const seen = new Set<string>();
  const prefixes = new Set<string>();
  for (const name of known) {
    const prefix = prefixOf(name);
    if (prefix === undefined || SHARED_PREFIXES.includes(prefix)) continue;
    if (seen.has(prefix)) prefixes.add(prefix);
    seen.add(prefix);
  }
  for (const name of names) {
    if (known.has(name) || name.startsWith('npm_') || isKubernetesServiceLink(name)) continue;
    const upper = name.toUpperCase();
    if (FOREIGN_PREFIXES.some((p) => upper.startsWith(p))) continue;
    let closest = '';
    let steps = Infinity;
    for (const candidate of known) {
      const d = distance(upper, candidate).steps;
      if (d < steps) [closest, steps] = [candidate, d];
    }
    const limit = Math.min(upper.length, closest.length) <= 5 ? 1 : 2;
    const underOurPrefix = prefixes.has(prefixOf(upper) ?? '');
    if (steps <= limit || underOurPrefix) return { name, closest };
  }
  return undefined;
}
