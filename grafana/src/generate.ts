import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dashboards, render } from './dashboards.js';

// Runs from dist/grafana/src (npm run grafana); the JSON goes to the source tree's grafana/dashboards.
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'grafana', 'dashboards');
for (const [file, board] of Object.entries(dashboards())) {
  writeFileSync(join(out, file), render(board));
  process.stdout.write(`wrote grafana/dashboards/${file}\n`);
}
