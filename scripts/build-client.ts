import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Builds the pages every node serves (dist/public) with esbuild: the demo live room from web/demo
 * and the moderator console from web/console (dist/public/console), both on the danmaku-client
 * package's browser entry (packages/client, built before this by `npm run build`). Runs as part of
 * `npm run build`.
 */
function packageRoot(): string {
  // This runs as scripts/build-client.ts (tests) and as dist/scripts/build-client.js (npm run build).
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = packageRoot();

/** One page: its script bundled with the SDK, its other files copied beside it. */
async function buildPage(source: string, outdir: string, script: string, copied: readonly string[]): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(source, `${script}.ts`)],
    outfile: join(outdir, `${script}.js`),
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    sourcemap: true,
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const file of copied) copyFileSync(join(source, file), join(outdir, file));
}

/** The demo page into `outdir` and the console into `outdir`/console. */
export async function buildDemo(outdir: string = join(root, 'dist/public')): Promise<void> {
  await buildPage(join(root, 'web/demo'), outdir, 'demo', ['index.html', 'demo.css', 'favicon.svg']);
  await buildPage(join(root, 'web/console'), join(outdir, 'console'), 'console', ['index.html', 'console.css']);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDemo();
  process.stdout.write('client: dist/public (demo page, console)\n');
}
