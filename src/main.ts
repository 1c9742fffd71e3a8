import { secretKey, signJwt } from './auth/sign.js';
import { ConfigError, loadConfig } from './config/config.js';
import { closeLog, createLogger } from './log.js';
import { startNode } from './server.js';

/** How long (ms) a stopping node waits for its last log lines before it exits anyway. */
const LOG_FLUSH_TIMEOUT_MS = 2000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel, config.nodeId);
  const node = await startNode(config, log).catch(async (err: unknown) => {
    // A start-up that fails exits right after (below): the log goes first, as on SIGTERM.
    await closeLog(log, LOG_FLUSH_TIMEOUT_MS);
    throw err;
  });
  const scheme = config.tlsCertFile ? 'https' : 'http';
  const url = `${scheme}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${node.port}/`;
  log.info({ port: node.port, bus: config.natsUrl ? 'nats' : 'memory' }, 'listening');
  let banner = '';
  if (config.devSecret) {
    const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
    const key = secretKey(config.authSecret);
    const poster = await signJwt({ sub: 'demo-user', name: 'Demo', rooms: ['*'], role: 'viewer', exp }, key);
    const admin = await signJwt({ sub: 'dev-admin', name: 'Moderator', rooms: ['*'], role: 'admin', exp }, key);
    banner +=
      `DEV SETUP: AUTH_SECRET was not set, a random one was made for this run (tokens below die with it).\n` +
      `sample poster token (24 h): ${poster}\n` +
      `admin token (24 h): ${admin}\n` +
      `moderator console: ${url}console/  (paste the admin token)\n`;
  }
  // One write, URL last: whoever waits for the URL line has everything above it too.
  process.stdout.write(
    `${banner}danmaku node ${config.nodeId} listening: ${url}  (WebSocket ${url.replace('http', 'ws')}ws, demo page at ${url})\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining');
    void node
      .drain()
      .then(
        () => 0,
        (err: unknown) => {
          log.error({ err }, 'drain failed');
          return 1;
        },
      )
      .then(async (code) => {
        await closeLog(log, LOG_FLUSH_TIMEOUT_MS);
        process.exit(code);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`fatal: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
