import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { dashboards } from '../../grafana/src/dashboards.js';
import { TestClient } from '../helpers/client.js';
import { startTestNode, token } from '../helpers/node.js';
import { dashboardExpressions } from '../helpers/promql.js';
import { waitFor } from '../helpers/wait.js';
import { fromRoot } from '../helpers/root.js';

interface QueryAnswer {
  readonly status: 'success' | 'error';
  readonly error?: string;
  readonly data?: {
    readonly result: readonly { readonly metric: Record<string, string>; readonly value: [number, string] }[];
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Grafana's variables, as Grafana would substitute them with "All" nodes picked. */
function asGrafanaSends(expr: string): string {
  return expr.replaceAll('$node', '.*').replaceAll('$__rate_interval', '1m');
}

t.test("a real Prometheus scrapes a node, loads the alert rules, and answers the dashboards' queries", async (t) => {
  const node = await startTestNode({ NODE_ID: 'prom-node' });
  t.teardown(() => node.drain());
  const dir = await mkdtemp(join(tmpdir(), 'danmaku-prom-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const rules = fromRoot('grafana/alerts.yml');
  const shipped = await readFile(fromRoot('grafana/prometheus.yml'), 'utf8');
  t.match(shipped, /job_name: danmaku/, 'the shipped config scrapes job "danmaku", the job the alerts name');
  await writeFile(
    join(dir, 'prometheus.yml'),
    [
      'global: { scrape_interval: 1s, evaluation_interval: 1s }',
      `rule_files: ["${rules}"]`,
      'scrape_configs:',
      '  - job_name: danmaku',
      `    static_configs: [{ targets: ["127.0.0.1:${node.port}"] }]`,
    ].join('\n'),
  );
  const port = await freePort();
  const prometheus = spawn(
    '/usr/bin/prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  prometheus.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  t.teardown(async () => {
    if (prometheus.exitCode === null) {
      prometheus.kill('SIGTERM');
      await once(prometheus, 'exit');
    }
  });

  const poster = await TestClient.connect(node.wsUrl, { token: token({ sub: 'alice' }) });
  await poster.join('lobby');
  poster.send({ comment: { room: 'lobby', clientMsgId: 'm1', text: 'hello' } });
  t.ok((await poster.nextKind('ack')).ok);

  const api = `http://127.0.0.1:${port}/api/v1`;
  const query = async (expr: string): Promise<QueryAnswer> => {
    const res = await fetch(`${api}/query?query=${encodeURIComponent(expr)}`);
    return (await res.json()) as QueryAnswer;
  };

  const openConnections = dashboardExpressions(dashboards()['overview.json']).find((e) =>
    e.startsWith('sum(danmaku_connections_open'),
  );
  t.ok(openConnections, 'the overview has an open-connections panel');
  const expr = asGrafanaSends(openConnections as string);
  let answer: QueryAnswer | undefined;
  // Until its first scrape has a result (or it exited: the assertions below then say why).
  await waitFor(
    'a Prometheus answer with a result',
    async () => {
      answer = await query(expr).catch(() => undefined);
      return (answer?.data?.result.length ?? 0) > 0 || prometheus.exitCode !== null;
    },
    { timeoutMs: 20_000, everyMs: 100 },
  );
  t.equal(answer?.status, 'success', `prometheus answered ${expr} (stderr: ${stderr.slice(0, 500)})`);
  t.equal(answer?.data?.result[0]?.value[1], '1', 'one connection open, through Prometheus');

  for (const [file, board] of Object.entries(dashboards())) {
    for (const e of dashboardExpressions(board)) {
      if (e.startsWith('label_values(')) continue;
      const parsed = await query(asGrafanaSends(e));
      t.equal(parsed.status, 'success', `${file}: Prometheus accepts ${e} ${parsed.error ?? ''}`);
    }
  }

  // Rules are evaluated every second here; after the first scrape each has run at least once.
  const loaded = (await (await fetch(`${api}/rules`)).json()) as {
    data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
  };
  const loadedRules = loaded.data.groups.flatMap((g) => g.rules);
  t.ok(
    loadedRules.some((r) => r.name === 'DanmakuNoNodesUp') && loadedRules.length >= 6,
    `Prometheus loaded ${loadedRules.length} alert rules`,
  );
  for (const rule of loadedRules) t.equal(rule.health, 'ok', `${rule.name} evaluates ${rule.lastError ?? ''}`);
  await poster.close();
});
