import { readFile } from 'node:fs/promises';
import t from 'tap';
import { parse } from 'yaml';
import { dashboards, render } from '../../grafana/src/dashboards.js';
import { startTestNode } from '../helpers/node.js';
import { dashboardExpressions, familyOf, metricNames } from '../helpers/promql.js';
import { familyNames, run, scrape } from '../helpers/scrape.js';
import { fromRoot } from '../helpers/root.js';

// Series Prometheus makes itself for every target; no node exports them.
const SYNTHESIZED = new Set(['up']);

interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly annotations?: Record<string, string>;
}

async function alertRules(): Promise<Rule[]> {
  const doc = parse(await readFile(fromRoot('grafana/alerts.yml'), 'utf8')) as { groups: { rules: Rule[] }[] };
  return doc.groups.flatMap((g) => g.rules);
}

async function committedDashboards(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const file of Object.keys(dashboards()))
    out[file] = JSON.parse(await readFile(fromRoot(`grafana/dashboards/${file}`), 'utf8'));
  return out;
}

t.test('the committed dashboard JSON is what grafana/src generates (run npm run grafana)', async (t) => {
  for (const [file, board] of Object.entries(dashboards())) {
    const committed = await readFile(fromRoot(`grafana/dashboards/${file}`), 'utf8');
    t.equal(committed, render(board), `grafana/dashboards/${file} is up to date`);
  }
});

t.test(
  'every dashboard has datasource and node variables, and every panel a unit, the variable datasource and legends',
  async (t) => {
    for (const [file, raw] of Object.entries(await committedDashboards())) {
      const board = raw as {
        templating: { list: { name: string; type: string }[] };
        panels: Record<string, unknown>[];
      };
      t.same(
        board.templating.list.map((v) => `${v.name}:${v.type}`),
        ['datasource:datasource', 'node:query'],
        `${file} variables`,
      );
      const panels = board.panels.filter((p) => p.type !== 'row');
      t.ok(panels.length >= 10, `${file} has ${panels.length} panels`);
      for (const panel of panels) {
        const p = panel as {
          title: string;
          type: string;
          datasource: { uid: string };
          fieldConfig: { defaults: { unit?: string } };
          options: { legend?: { showLegend: boolean } };
          targets: { legendFormat?: string }[];
        };
        t.ok(p.fieldConfig.defaults.unit, `${file} "${p.title}" has a unit`);
        t.equal(p.datasource.uid, '${datasource}', `${file} "${p.title}" reads the picked datasource`);
        if (p.type === 'timeseries')
          t.equal(p.options.legend?.showLegend, true, `${file} "${p.title}" shows its legend`);
        t.ok(
          p.targets.length > 0 && p.targets.every((q) => (q.legendFormat ?? '') !== ''),
          `${file} "${p.title}" names its series`,
        );
      }
    }
  },
);

t.test('metricNames reads metrics, not functions, labels, ranges or keywords', async (t) => {
  t.same(
    [
      ...metricNames(
        'histogram_quantile(0.99, sum by (node, le) (rate(a_seconds_bucket{node=~"$node", x="y"}[$__rate_interval]))) > on(node) group_left b offset 5m',
      ),
    ].sort(),
    ['a_seconds_bucket', 'b'],
  );
  t.same([...metricNames('label_values(danmaku_connections_open, node)')], ['danmaku_connections_open']);
  t.same([...metricNames('count(x == 0) or vector(0)')], ['x']);
});

t.test('every metric a dashboard or alert rule queries is one a running node exports', async (t) => {
  const node = await startTestNode();
  t.teardown(() => node.drain());
  const families = familyNames(await scrape(node.url));
  const sources: [string, string][] = [];
  for (const [file, board] of Object.entries(await committedDashboards()))
    for (const expr of dashboardExpressions(board)) sources.push([file, expr]);
  for (const rule of await alertRules()) sources.push([`alerts.yml ${rule.alert}`, rule.expr]);
  t.ok(sources.length > 80, `${sources.length} expressions checked`);
  const used = new Set<string>();
  for (const [where, expr] of sources) {
    const names = metricNames(expr);
    t.ok(names.size > 0, `${where}: ${expr} reads a metric`);
    for (const name of names) {
      if (SYNTHESIZED.has(name)) continue;
      const family = familyOf(name, families);
      t.ok(family, `${where}: ${name} is exported`);
      if (family !== undefined) used.add(family);
    }
  }
  const unused = [...families.keys()].filter((f) => f.startsWith('danmaku_') && !used.has(f));
  t.same(unused, [], 'every danmaku metric appears on a dashboard or in an alert');
});

t.test('alert rules pass promtool and each says what is wrong and why it matters', async (t) => {
  const checked = await run('/usr/bin/promtool', ['check', 'rules', fromRoot('grafana/alerts.yml')]);
  t.equal(checked.code, 0, `promtool check rules: ${checked.stdout}${checked.stderr}`);
  const rules = await alertRules();
  for (const name of [
    'DanmakuNoNodesUp',
    'DanmakuReconnectStorm',
    'DanmakuHeartbeatTimeoutRatio',
    'DanmakuDeliveryLatencyHigh',
    'DanmakuBusDisconnected',
    'DanmakuEventLoopLag',
  ]) {
    t.ok(
      rules.some((r) => r.alert === name),
      `${name} exists`,
    );
  }
  for (const rule of rules)
    t.ok(rule.annotations?.summary && rule.annotations.description, `${rule.alert} has summary and description`);
});
