import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Builds the client-side artefacts with esbuild: the demo page (dist/public) and the SDK bundles
 * for mini-programs and browsers (dist/sdk). Runs as part of `npm run build`.
 */
function packageRoot(): string {
  // This runs as scripts/build-client.ts (tests) and as dist/scripts/build-client.js (npm run build).
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const root = packageRoot();

/** The mini-program SDK: CommonJS (what `require` in a mini-program loads), protobufjs/minimal only. */
export const wxBundle: BuildOptions = {
  entryPoints: [join(root, 'src/client/platforms/wx.ts')],
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'neutral',
  mainFields: ['module', 'main'],
  target: 'es2018',
  // uint64 values decode to numbers (the codec unsets protobuf's Long), so `long` is never needed.
  external: ['long'],
  legalComments: 'none',
  logLevel: 'warning',
};

const browserBundle: BuildOptions = {
  ...wxBundle,
  entryPoints: [join(root, 'src/client/platforms/browser.ts')],
  format: 'esm',
  platform: 'browser',
};

export async function buildDemo(outdir: string = join(root, 'dist/public')): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  await build({
    ...browserBundle,
    entryPoints: [join(root, 'web/demo/demo.ts')],
    outfile: join(outdir, 'demo.js'),
    sourcemap: true,
    target: 'es2022',
  });
  for (const file of ['index.html', 'demo.css']) copyFileSync(join(root, 'web/demo', file), join(outdir, file));
}

export async function buildSdk(outdir: string = join(root, 'dist/sdk')): Promise<void> {
  await build({ ...wxBundle, outfile: join(outdir, 'danmaku-wx.js') });
  await build({ ...browserBundle, outfile: join(outdir, 'danmaku-browser.js') });
}

/** Minified and minified+gzip (level 9) bytes of the mini-program SDK bundle, built in memory. */
export async function measureWxBundle(): Promise<{ minBytes: number; gzipBytes: number; text: string }> {
  const result = await build({ ...wxBundle, write: false, outfile: 'danmaku-wx.js' });
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return {
    minBytes: output.contents.length,
    gzipBytes: gzipSync(output.contents, { level: 9 }).length,
    text: output.text,
  };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildDemo();
  await buildSdk();
  const size = await measureWxBundle();
  process.stdout.write(
    `client: dist/public (demo page), dist/sdk; mini-program SDK ${size.minBytes} B min, ${size.gzipBytes} B min+gzip\n`,
  );
}
