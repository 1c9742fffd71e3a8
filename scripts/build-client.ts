import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the demo page (dist/public) with esbuild, from web/demo and the danmaku-client package's
 * browser entry (packages/client, built before this by `npm run build`). Runs as part of
 * `npm run build`.
 */
function packageRoot(): string {
  // This runs as scripts/build-client.ts (tests) and as dist/scripts/build-client.js (npm run build).
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = packageRoot();

export async function buildDemo(outdir: string = join(root, 'dist/public')): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, 'web/demo/demo.ts')],
    outfile: join(outdir, 'demo.js'),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    sourcemap: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'demo.css']) copyFileSync(join(root, 'web/demo', file), join(outdir, file));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDemo();
  process.stdout.write('client: dist/public (demo page)\n');
}
