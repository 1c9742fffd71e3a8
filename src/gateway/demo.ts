import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplatedApp } from 'uWebSockets.js';
import { signToken } from '../auth/token.js';
import type { Config } from '../config/config.js';
import { sendJson } from './http.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

// A demo token lets anyone who can reach a dev node post for this long.
const DEMO_TOKEN_TTL_SEC = 3600;

/** dist/public of this package, found from this module whether it runs from src/ (tests) or dist/src/. */
export function publicDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'dist', 'public');
}

type StaticFile = { readonly type: string; readonly body: Buffer };

/** The servable files directly in one directory (not its subdirectories), by URL path under `prefix`. */
function readStatic(dir: string, prefix: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  for (const name of readdirSync(dir)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type !== undefined) files.set(`${prefix}${name}`, { type, body: readFileSync(join(dir, name)) });
  }
  return files;
}

function serve(app: TemplatedApp, path: string, file: StaticFile | undefined, missing: string): void {
  app.get(path, (res) => {
    if (file === undefined) return sendJson(res, '404 Not Found', { error: 'not_found', detail: missing });
    res.writeHeader('content-type', file.type).writeHeader('cache-control', 'no-cache').end(file.body);
  });
}

/**
 * The pages every node serves, built by `npm run build` into dist/public and read once at start:
 * the demo live room at / and the moderator console at /console/ (it calls the admin API, which
 * checks its token). On a dev node whose AUTH_SECRET was generated for this run (never in
 * production), GET /demo/token hands the demo page a short-lived poster token.
 */
export function attachDemo(app: TemplatedApp, config: Config, dir: string = publicDir()): void {
  const files = new Map([...readStatic(dir, '/'), ...readStatic(join(dir, 'console'), '/console/')]);
  const notBuilt = 'pages not built: run npm run build';
  serve(app, '/', files.get('/index.html'), notBuilt);
  serve(app, '/console/', files.get('/console/index.html'), notBuilt);
  // Without the slash the console's relative URLs would resolve against /.
  app.get('/console', (res) => {
    res.writeStatus('301 Moved Permanently').writeHeader('location', '/console/').end();
  });
  // Browsers ask for /favicon.ico whatever the page links; the SVG answers both.
  serve(app, '/favicon.ico', files.get('/favicon.svg'), notBuilt);
  for (const [path, file] of files) serve(app, path, file, notBuilt);
  if (config.devSecret && !config.production) {
    // ?sub= asks again for the same demo user: the page's getToken() refreshes its connection, and a
    // refresh keeps the user. Only demo-* users: this endpoint must not mint tokens for real ones.
    app.get('/demo/token', (res, req) => {
      const asked = req.getQuery('sub') ?? '';
      const sub = /^demo-[a-z0-9]{1,16}$/.test(asked) ? asked : `demo-${Math.random().toString(36).slice(2, 8)}`;
      const token = signToken(config.authSecret, {
        sub,
        name: sub,
        rooms: ['*'],
        role: 'viewer',
        exp: Math.floor(Date.now() / 1000) + DEMO_TOKEN_TTL_SEC,
      });
      sendJson(res, '200 OK', { token, sub });
    });
  }
}
