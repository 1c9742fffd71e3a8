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

/**
 * The demo live-room page at / (files built by `npm run build` into dist/public, read once at
 * start) and, only on a dev node whose AUTH_SECRET was generated for this run (never in
 * production), GET /demo/token handing the page a short-lived poster token.
 */
export function attachDemo(app: TemplatedApp, config: Config, dir: string = publicDir()): void {
  const files = new Map<string, { type: string; body: Buffer }>();
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) {
      const type = CONTENT_TYPES[extname(name)];
      if (type !== undefined) files.set(`/${name}`, { type, body: readFileSync(join(dir, name)) });
    }
  }
  const index = files.get('/index.html');
  app.get('/', (res) => {
    if (index === undefined)
      return sendJson(res, '404 Not Found', { error: 'not_found', detail: 'demo page not built: run npm run build' });
    res.writeHeader('content-type', index.type).writeHeader('cache-control', 'no-cache').end(index.body);
  });
  for (const [path, file] of files) {
    app.get(path, (res) => {
      res.writeHeader('content-type', file.type).writeHeader('cache-control', 'no-cache').end(file.body);
    });
  }
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
