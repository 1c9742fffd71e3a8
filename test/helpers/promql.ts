/** Words PromQL reserves that look like identifiers but name no metric. */
const KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
  'bool',
  'atan2',
  'inf',
  'nan',
]);

/**
 * Metric names a PromQL expression reads. Strings, label matchers, range selectors and grouping
 * label lists are removed first; what remains as a bare identifier not called like a function is
 * a metric name. Grafana's `label_values(metric, label)` is read as its metric.
 */
export function metricNames(expr: string): Set<string> {
  const labelValues = /^label_values\(\s*([a-zA-Z_:][\w:]*)\s*,/.exec(expr.trim());
  if (labelValues !== null) return new Set([labelValues[1] as string]);
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/'(?:[^'\\]|\\.)*'/g, "''")
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/(?<![\w.$:])([a-zA-Z_:][\w:]*)(?!\s*\(|[\w:])/g)) {
    const name = match[1] as string;
    if (!KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return names;
}

/** The family a sample name belongs to: histogram and summary series carry a suffix. */
export function familyOf(name: string, families: ReadonlyMap<string, string>): string | undefined {
  if (families.has(name)) return name;
  const base = name.replace(/_(bucket|sum|count)$/, '');
  const type = families.get(base);
  return type === 'histogram' || type === 'summary' ? base : undefined;
}

/** Every `expr` string anywhere in a JSON document (panel targets), plus query variables' queries. */
export function dashboardExpressions(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const item of node) dashboardExpressions(item, out);
  } else if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    if (typeof record.expr === 'string') out.push(record.expr);
    if (record.type === 'query' && typeof record.query === 'string') out.push(record.query);
    for (const value of Object.values(record)) dashboardExpressions(value, out);
  }
  return out;
}
