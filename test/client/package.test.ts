import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { startTestNode, token } from '../helpers/node.js';

const run = promisify(execFile);
const PACKAGE_DIR = resolve('packages/client');
const TSC = resolve('node_modules/typescript/bin/tsc');

/** An app that uses the SDK as its README says: connect, join, post, see its own danmaku come back. */
const ESM_APP = `
import { createNodeClient, PostRejectedError } from 'danmaku-client/node';
import * as core from 'danmaku-client';
import { createBrowserClient } from 'danmaku-client/browser';
import { createWxClient } from 'danmaku-client/wx';

const client = createNodeClient({ urls: process.env.DANMAKU_URL, token: process.env.DANMAKU_TOKEN });
const drawn = new Promise((resolve) => client.on('danmaku', (e) => resolve(e.items.map((d) => d.text))));
client.join('pack');
client.connect();
await new Promise((resolve) => client.on('joined', resolve));
const receipt = await client.post('pack', '打包安装后的第一条弹幕 ✨');
const texts = await drawn;
client.close();
console.log(JSON.stringify({
  seq: receipt.seq,
  texts,
  sameErrorClass: core.PostRejectedError === PostRejectedError,
  entries: [typeof createBrowserClient, typeof createWxClient, core.SDK_VERSION],
}));
`;

const CJS_APP = `
const { createNodeClient } = require('danmaku-client/node');
const core = require('danmaku-client');
const client = createNodeClient({ urls: process.env.DANMAKU_URL });
client.on('joined', (e) => {
  console.log(JSON.stringify({ room: e.room, viewers: e.viewers, instance: client instanceof core.DanmakuClient }));
  client.close();
});
client.join('pack');
client.connect();
`;

/** A consumer type-checked with tsc against the installed package alone (no lib check skipped). */
const ESM_CONSUMER = `
import { createNodeClient, RateLimitedError, type ClientEvent, type Danmaku, type PostReceipt } from 'danmaku-client/node';
import { createBrowserClient, type BrowserGlobals } from 'danmaku-client/browser';
import { createWxClient, type WxApi } from 'danmaku-client/wx';
import { DanmakuClient, type Platform, type TokenProvider } from 'danmaku-client';

const getToken: TokenProvider = async () => 'jwt';
const client: DanmakuClient = createNodeClient({ urls: ['wss://a/ws'], getToken, connectTimeoutMs: 3000 });
client.on('danmaku', (e) => {
  const first: Danmaku | undefined = e.items[0];
  const text: string = first?.text ?? '';
  return text;
});
client.on('join-retry', (e) => e.delayMs.toFixed());
const posted: Promise<PostReceipt> = client.post('room', 'text', { color: 0xff0000, mode: 1 });
posted.catch((err: unknown) => (err instanceof RateLimitedError ? err.retryAfterMs : 0));
const events: ClientEvent['type'][] = ['open', 'reconnecting'];
declare const wx: WxApi;
declare const globals: BrowserGlobals;
declare const platform: Platform;
export const all = [createWxClient({ urls: 'wss://a/ws', wx }), createBrowserClient({ urls: 'wss://a/ws' }), globals, new DanmakuClient({ urls: 'wss://a/ws', platform }), events];
// @ts-expect-error: a wrong option is caught by the published types
createNodeClient({ url: 'wss://a/ws' });
`;

const CJS_CONSUMER = `
import { createNodeClient, type ClientState } from 'danmaku-client/node';
const state: ClientState = createNodeClient({ urls: 'wss://a/ws' }).state;
export = state;
`;

const COMPILER_OPTIONS = {
  module: 'nodenext',
  moduleResolution: 'nodenext',
  target: 'es2022',
  lib: ['es2022', 'dom'],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
};

/** Every entry, with the DOM types a browser app has. */
const TSCONFIG = { compilerOptions: COMPILER_OPTIONS, files: ['consumer.mts', 'consumer.cts'] };
/** The Node entry from CommonJS with neither DOM nor Node types: the core's types need neither. */
const TSCONFIG_BARE = { compilerOptions: { ...COMPILER_OPTIONS, lib: ['es2022'] }, files: ['consumer.cts'] };

t.test(
  'npm pack ships exactly the built SDK; installed from the tarball into an empty project it imports (ESM and CommonJS), type-checks and talks to a real node',
  async (t) => {
    const work = mkdtempSync(join(tmpdir(), 'danmaku-client-pack-'));
    t.teardown(() => rmSync(work, { recursive: true, force: true }));
    // Built by `npm run build` (pretest); packing must not need the repository's build again.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: PACKAGE_DIR,
    });
    const [manifest] = JSON.parse(packed.stdout) as { filename: string; size: number; files: { path: string }[] }[];
    if (manifest === undefined) throw new Error('npm pack printed no manifest');
    const files = manifest.files.map((f) => f.path);
    t.same(
      files.filter((f) => !/^(dist\/(esm|cjs)\/|miniprogram\/)/.test(f)).sort(),
      ['CHANGELOG.md', 'README.md', 'package.json'],
      'besides the build: the manifest, README and CHANGELOG only',
    );
    for (const entry of ['index', 'node', 'browser', 'wx'])
      for (const format of ['esm', 'cjs'])
        t.ok(
          files.includes(`dist/${format}/${entry}.js`) && files.includes(`dist/${format}/${entry}.d.ts`),
          `${format} ${entry}`,
        );
    t.ok(files.includes('miniprogram/index.js'), 'the directory WeChat npm build copies');
    t.notOk(
      files.some((f) => f.includes('src/') && !f.startsWith('dist/')),
      'no sources',
    );
    t.comment(`tarball ${manifest.filename}: ${manifest.size} B, ${files.length} files`);

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-consumer', private: true }));
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, manifest.filename)],
      { cwd: app },
    );
    const installed = JSON.parse(readFileSync(join(app, 'node_modules/danmaku-client/package.json'), 'utf8')) as {
      version: string;
    };
    t.equal(installed.version, '0.2.0');

    writeFileSync(join(app, 'consumer.mts'), ESM_CONSUMER);
    writeFileSync(join(app, 'consumer.cts'), CJS_CONSUMER);
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(app, 'tsconfig.bare.json'), JSON.stringify(TSCONFIG_BARE));
    const typeCheck = (project: string) =>
      run(process.execPath, [TSC, '-p', project], { cwd: app }).then(
        () => '',
        (err: Error & { stdout?: string }) => err.stdout ?? err.message,
      );
    // The two compilations are independent processes: run them side by side.
    const [full, bare] = await Promise.all([typeCheck('tsconfig.json'), typeCheck('tsconfig.bare.json')]);
    t.equal(full, '', 'the consumers type-check against the published types alone (skipLibCheck off)');
    t.equal(bare, '', 'the Node entry needs no DOM or Node types');

    const node = await startTestNode();
    t.teardown(() => node.drain());
    const env = { ...process.env, DANMAKU_URL: node.wsUrl, DANMAKU_TOKEN: token({ sub: 'packed' }) };
    writeFileSync(join(app, 'app.mjs'), ESM_APP);
    writeFileSync(join(app, 'app.cjs'), CJS_APP);
    const esm = JSON.parse((await run(process.execPath, ['app.mjs'], { cwd: app, env, timeout: 30_000 })).stdout) as {
      seq: number;
      texts: string[];
      sameErrorClass: boolean;
      entries: string[];
    };
    t.ok(esm.seq > 0, 'ESM: the post was acknowledged');
    t.same(esm.texts, ['打包安装后的第一条弹幕 ✨'], 'ESM: and drawn');
    t.ok(esm.sameErrorClass, 'one PostRejectedError class whichever entry an app imports');
    t.same(esm.entries, ['function', 'function', '0.2.0'], 'the browser and wx entries load too');
    const cjs = JSON.parse((await run(process.execPath, ['app.cjs'], { cwd: app, env, timeout: 30_000 })).stdout) as {
      room: string;
      viewers: number;
      instance: boolean;
    };
    t.same(cjs, { room: 'pack', viewers: 1, instance: true }, 'CommonJS: joined a room');
  },
);
