import { build, type BuildOptions, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import protobuf from 'protobufjs';

/**
 * Builds the danmaku-client package from its TypeScript sources (run by `npm run build` in
 * packages/client, after tsc has written declarations to build/):
 *
 * - dist/esm/*.js and dist/cjs/*.js: one module per entry (index = the platform-free core, node,
 *   browser, wx). The core bundles the wire code it needs (src/protocol, the generated protobuf
 *   code, protobufjs/minimal, fflate's inflate) so an app's own protobufjs is neither used nor
 *   reconfigured (the SDK turns protobufjs's Long off). Platform entries import the core module
 *   rather than a copy of it, so `instanceof PostRejectedError` holds whichever entry an app uses.
 * - dist/{esm,cjs}/types: the declarations reachable from the entries, copied from tsc's output;
 *   the build fails if one of them reaches outside the package (the public types never name
 *   protocol or Node types), so a consumer needs nothing from this repository.
 * - miniprogram/index.js: the mini-program entry as one self-contained CommonJS file (ES2017, no
 *   require), the directory WeChat DevTools' "构建 npm" copies into miniprogram_npm/ (package.json
 *   `miniprogram` field).
 *
 * Every bundle decodes UTF-8 with a pure-JS WHATWG decoder (text-encoding-utf-8, injected for the
 * free `TextDecoder` protobufjs uses) and finds the global object without `globalThis`
 * (scripts/global-this.js): WeChat's JS runtime guarantees neither, and one code path everywhere
 * means the runtime test of the mini-program bundle covers what Node and browsers run.
 */

/** packages/client, whether this runs as scripts/build.ts (tests) or compiled under build/. */
function findPackageDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'danmaku-client')
      return dir;
  }
  throw new Error('danmaku-client build: package.json not found above the script');
}

const packageDir = findPackageDir();
const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const src = join(packageDir, 'src');
const declarations = join(packageDir, 'build/packages/client/src');

/** Entry name → source file; the name is the output file and the `exports` subpath. */
export const ENTRIES = {
  index: join(src, 'index.ts'),
  node: join(src, 'platforms/node.ts'),
  browser: join(src, 'platforms/browser.ts'),
  wx: join(src, 'platforms/wx.ts'),
} as const;

export type EntryName = keyof typeof ENTRIES;

const common: BuildOptions = {
  bundle: true,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  // WeChat's runtime guarantees ES2017 (https://developers.weixin.qq.com/miniprogram/dev/framework/runtime/js-support.html).
  target: 'es2017',
  // uint64 values decode to numbers (src/protocol/runtime.ts unsets protobuf's Long): `long` is never loaded.
  external: ['long'],
  inject: [join(packageDir, 'scripts/text-decoder.js'), join(packageDir, 'scripts/global-this.js')],
  plugins: [clientSideCodecOnly()],
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * The messages the client encodes (reachable from ClientFrame) and decodes (from ServerFrame),
 * read from the .proto, the single source of truth.
 */
function clientDirections(): { readonly all: string[]; readonly encoded: Set<string>; readonly decoded: Set<string> } {
  const root = protobuf.loadSync(join(packageDir, '../../proto/danmaku/v1/danmaku.proto')).resolveAll();
  const reachable = (name: string): Set<string> => {
    const found = new Set<string>();
    const walk = (type: protobuf.Type): void => {
      if (found.has(type.name)) return;
      found.add(type.name);
      for (const field of type.fieldsArray) if (field.resolvedType instanceof protobuf.Type) walk(field.resolvedType);
    };
    walk(root.lookupType(name));
    return found;
  };
  const all = root.lookup('danmaku.v1') as protobuf.Namespace;
  return {
    all: all.nestedArray.filter((n) => n instanceof protobuf.Type).map((n) => n.name),
    encoded: reachable('danmaku.v1.ClientFrame'),
    decoded: reachable('danmaku.v1.ServerFrame'),
  };
}

/**
 * The generated code holds an encoder and a decoder for every message, both directions (43 KB of
 * the 110 KB minified bundle). The SDK keeps only the encoders of what it sends and the decoders
 * of what it receives. The build fails if the generated code no longer has the expected shape.
 */
export function clientSideCodec(code: string): string {
  const { all, encoded, decoded } = clientDirections();
  let stripped = code;
  for (const name of all) {
    for (const [fn, keep] of [
      ['encode', encoded],
      ['decode', decoded],
    ] as const) {
      if (keep.has(name)) continue;
      const pattern = new RegExp(`^( +)${name}\\.${fn} = function \\([^)]*\\) \\{\\n[\\s\\S]*?\\n\\1\\};\\n`, 'm');
      const before = stripped;
      stripped = stripped.replace(pattern, '');
      if (stripped === before)
        throw new Error(`generated code: no ${name}.${fn} to strip; has pbjs changed its output?`);
    }
  }
  return stripped;
}

function clientSideCodecOnly(): Plugin {
  return {
    name: 'client-side-codec-only',
    setup(b) {
      // protobufjs/minimal always loads its RPC service helpers (1.7 KB minified); the schema is
      // generated without services (--no-service), so nothing reads them.
      b.onResolve({ filter: /^\.\/rpc$/ }, (args) =>
        /protobufjs[\\/]src[\\/]index-minimal\.js$/.test(args.importer)
          ? { path: 'protobufjs-rpc', namespace: 'unused' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
      b.onLoad({ filter: /[\\/]protocol[\\/]generated[\\/]danmaku\.js$/ }, (args) => ({
        contents: clientSideCodec(readFileSync(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}

/** Platform entries import the core (`../index.js`) as the sibling module instead of bundling it. */
function coreAsSibling(): Plugin {
  return {
    name: 'core-as-sibling',
    setup(b) {
      b.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
        dirname(args.importer) === join(src, 'platforms') ? { path: './index.js', external: true } : undefined,
      );
    },
  };
}

async function buildModules(format: 'esm' | 'cjs'): Promise<void> {
  const outdir = join(packageDir, 'dist', format);
  await build({
    ...common,
    entryPoints: ENTRIES,
    outdir,
    format,
    external: [...(common.external ?? []), 'ws'],
    plugins: [clientSideCodecOnly(), coreAsSibling()],
  });
  if (format === 'cjs') writeFileSync(join(outdir, 'package.json'), '{ "type": "commonjs" }\n');
  copyDeclarations(join(outdir, 'types'));
  for (const [name, file] of Object.entries(ENTRIES)) {
    const target = `./types/${relative(src, file).replace(/\.ts$/, '.js')}`;
    writeFileSync(join(outdir, `${name}.d.ts`), `export * from '${target}';\n`);
  }
}

const IMPORT_SPECIFIER = /(?:from\s+|import\s*\(\s*)'([^']+)'/g;

/**
 * Copies the declarations reachable from the entries into `outdir`, keeping their layout. Throws
 * when one imports anything outside the package's own sources.
 */
function copyDeclarations(outdir: string): void {
  const pending = Object.values(ENTRIES).map((file) =>
    join(declarations, relative(src, file).replace(/\.ts$/, '.d.ts')),
  );
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!existsSync(file)) throw new Error(`declarations: ${file} is missing; run tsc -p packages/client first`);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(IMPORT_SPECIFIER)) {
      const target = resolve(dirname(file), (specifier ?? '').replace(/\.js$/, '.d.ts'));
      if (!(specifier ?? '').startsWith('.') || relative(declarations, target).startsWith('..'))
        throw new Error(`public types must be self-contained: ${relative(declarations, file)} imports '${specifier}'`);
      pending.push(target);
    }
    const out = join(outdir, relative(declarations, file));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(file, out);
  }
}

/** The mini-program entry as WeChat's npm build wants it: one CommonJS file, nothing to require. */
export const miniprogramBundle: BuildOptions = {
  ...common,
  entryPoints: [ENTRIES.wx],
  format: 'cjs',
  minify: true,
};

async function buildMiniprogram(): Promise<void> {
  const outdir = join(packageDir, 'miniprogram');
  await build({ ...miniprogramBundle, outfile: join(outdir, 'index.js') });
  // `require('danmaku-client/wx')` in a page resolves here after "构建 npm".
  writeFileSync(join(outdir, 'wx.js'), "module.exports = require('./index.js');\n");
}

/**
 * Bytes an app ships for one entry (that entry and everything it imports, `ws` aside), minified,
 * and minified + gzip level 9.
 */
export async function measureEntry(name: EntryName): Promise<{ minBytes: number; gzipBytes: number; text: string }> {
  const result = await build({
    ...common,
    entryPoints: [ENTRIES[name]],
    format: name === 'wx' ? 'cjs' : 'esm',
    minify: true,
    external: [...(common.external ?? []), 'ws'],
    write: false,
    outfile: `${name}.js`,
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return {
    minBytes: output.contents.length,
    gzipBytes: gzipSync(output.contents, { level: 9 }).length,
    text: output.text,
  };
}

function checkVersion(): void {
  const source = readFileSync(join(src, 'version.ts'), 'utf8');
  if (!source.includes(`'${pkg.version}'`))
    throw new Error(`src/version.ts does not hold package.json's version ${pkg.version}`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  checkVersion();
  for (const dir of ['dist', 'miniprogram']) rmSync(join(packageDir, dir), { recursive: true, force: true });
  await buildModules('esm');
  await buildModules('cjs');
  await buildMiniprogram();
  const sizes: string[] = [];
  for (const name of Object.keys(ENTRIES) as EntryName[]) {
    const { minBytes, gzipBytes } = await measureEntry(name);
    sizes.push(`${name} ${minBytes} B min, ${gzipBytes} B min+gzip`);
  }
  process.stdout.write(`danmaku-client ${pkg.version}: ${sizes.join('; ')}\n`);
}
