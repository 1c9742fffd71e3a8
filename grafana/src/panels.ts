import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/** Every panel reads from the datasource picked in the dashboard's `datasource` variable. */
export const DATASOURCE: common.DataSourceRef = { type: 'prometheus', uid: '${datasource}' };
/** Matches the nodes picked in the dashboard's `node` variable. */
export const NODE = 'node=~"$node"';

export interface Query {
  readonly expr: string;
  readonly legend: string;
}

/** Grafana units: https://grafana.com/docs/grafana/latest/panels-visualizations/configure-standard-options/#unit */
export type Unit = 's' | 'ms' | 'bytes' | 'Bps' | 'short' | 'ops' | 'percentunit' | 'cps' | 'none';

function target(query: Query, refId: string): prometheus.DataqueryBuilder {
  return new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .expr(query.expr)
    .legendFormat(query.legend)
    .refId(refId)
    .range();
}

const REF_IDS = 'ABCDEFGHIJ';

/** A time series panel with its unit and a table legend showing mean and max, so readers get numbers, not only shapes. */
export function graph(
  title: string,
  description: string,
  unit: Unit,
  queries: readonly Query[],
  width = 8,
): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .min(0)
    .span(width)
    .height(8)
    .fillOpacity(10)
    .lineWidth(1)
    .legend(
      new common.VizLegendOptionsBuilder()
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Bottom)
        .showLegend(true)
        .calcs(['mean', 'max']),
    )
    .tooltip(
      new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending),
    );
  queries.forEach((query, i) => panel.withTarget(target(query, REF_IDS[i] as string)));
  return panel;
}

/** A single number (the last value), red past the threshold when one is given. */
export function single(
  title: string,
  description: string,
  unit: Unit,
  query: Query,
  red?: number,
  width = 4,
): stat.PanelBuilder {
  const steps: dashboard.Threshold[] = [{ value: null, color: 'green' }];
  if (red !== undefined) steps.push({ value: red, color: 'red' });
  return new stat.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(DATASOURCE)
    .unit(unit)
    .span(width)
    .height(4)
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Background)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']))
    .thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps))
    .withTarget(target(query, 'A'));
}

export function datasourceVariable(): dashboard.DatasourceVariableBuilder {
  return new dashboard.DatasourceVariableBuilder('datasource').label('Data source').type('prometheus');
}

/** Node picker from the node label every series carries; `multi` lets the overview show several or all. */
export function nodeVariable(multi: boolean): dashboard.QueryVariableBuilder {
  const variable = new dashboard.QueryVariableBuilder('node')
    .label('Node')
    .datasource(DATASOURCE)
    .query('label_values(danmaku_connections_open, node)')
    .definition('label_values(danmaku_connections_open, node)')
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
    .sort(dashboard.VariableSort.AlphabeticalAsc)
    .multi(multi)
    .includeAll(multi);
  return multi ? variable.allValue('.*') : variable;
}

/** p-quantile of a histogram over the picked nodes, summed over the given labels. */
export function quantile(q: number, metric: string, by: readonly string[] = []): string {
  return `histogram_quantile(${q}, sum by (${['le', ...by].join(', ')}) (rate(${metric}_bucket{${NODE}}[$__rate_interval])))`;
}

/** Per-second rate of a counter over the picked nodes, summed over the given labels. */
export function rate(metric: string, by: readonly string[] = [], selector = ''): string {
  const labels = selector === '' ? NODE : `${NODE}, ${selector}`;
  const sum = by.length === 0 ? 'sum' : `sum by (${by.join(', ')})`;
  return `${sum} (rate(${metric}{${labels}}[$__rate_interval]))`;
}

export function dashboardBase(uid: string, title: string, description: string): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['danmaku'])
    .editable()
    .refresh('30s')
    .time({ from: 'now-1h', to: 'now' })
    .timezone('browser')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .withVariable(datasourceVariable());
}
