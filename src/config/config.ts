import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { hostname } from 'node:os';
import { findMisspelt } from './typos.js';

/** Everything the server reads from its environment, validated and frozen. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** NATS_URL split at commas: the servers the client may connect to (it picks one, and fails over to the others). */
  readonly natsUrl: readonly string[] | undefined;
  /** NATS_REPLICAS: copies JetStream keeps of the stream and of every KV bucket (1–5; R3 survives one server's loss). */
  readonly natsReplicas: number;
  readonly natsPrefix: string;
  readonly natsAuth: NatsAuth;
  /** How long start-up keeps retrying an unreachable NATS before it gives up (0: one attempt). */
  readonly natsConnectTimeoutMs: number;
  /** ROOM_LEASE_TTL_MS: a node's heartbeat, and with it its hold on its rooms, expires this long (ms) after its last renewal. */
  readonly roomLeaseTtlMs: number;
  /** HS256 secret: AUTH_SECRET, or a random one made for a dev run (see devSecret). */
  readonly authSecret: string;
  /** True when the secret was generated because none was given: a dev setup. */
  readonly devSecret: boolean;
  /** How tokens are verified (src/auth/verifier.ts). */
  readonly auth: AuthConfig;
  readonly nodeId: string;
  readonly production: boolean;
  readonly batchIntervalMs: number;
  readonly batchMaxItems: number;
  readonly batchMaxBytes: number;
  /**
   * BATCH_ALIGN_MS (ms, 0–1000; default 20 with NATS_URL, 5 without): quiet rooms' first comments and
   * a quiet node's forwards wait for the next multiple of it on the wall clock, so a node's many
   * small rooms share one flush turn and one NATS write (src/rooms/batcher.ts); 0 = the next turn.
   */
  readonly batchAlignMs: number;
  /** Least time between two presence (viewer count) frames of one room, sent only when the count changed. */
  readonly presenceIntervalMs: number;
  /** permessage-deflate for batch frames: 'shared' uses uWS's one shared compressor (no per-socket window). */
  readonly wsCompression: 'off' | 'shared';
  /** Batches at least this big are deflated once per node for clients that accept it; undefined: never. */
  readonly batchDeflateMinBytes: number | undefined;
  /**
   * A batch is deflated only when its plain bytes × the node's deflate-accepting viewers of the room
   * reach this: one deflate costs 20–40 µs whatever the frame, about what writing 30–60 KB to
   * sockets costs (the many-rooms profile, docs/benchmarks.md): a room of a few viewers never earns it back.
   */
  readonly batchDeflateMinFanoutBytes: number;
  readonly historyMaxBatches: number;
  readonly historyMaxAgeMs: number;
  /** RESUME_WINDOW_BATCHES / RESUME_WINDOW_BYTES: per room, the recent batches a node keeps to serve cursors without reading the bus. */
  readonly resumeWindow: { readonly maxBatches: number; readonly maxBytes: number };
  /** HISTORY_SWEEP_INTERVAL_MS: how often the memory bus applies age limits to quiet rooms and forgets idle ones. */
  readonly historySweepIntervalMs: number;
  readonly dataDir: string;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly logLevel: string;
  /** METRICS=off turns every metric into a no-op; only for measuring what metrics cost. */
  readonly metricsEnabled: boolean;
  /** ADMIN_ALLOWED_ORIGINS: browser origins allowed to call the admin API (CORS); empty: same origin only. */
  readonly adminAllowedOrigins: readonly string[];
  readonly limits: Limits;
}

export interface Limits {
  /** Largest WebSocket message accepted; larger ones close the socket with 1009. */
  readonly maxFrameBytes: number;
  readonly maxCommentChars: number;
  readonly maxRoomsPerConnection: number;
  readonly maxRoomIdChars: number;
  /** Per-user token bucket for comments. */
  readonly commentRatePerSec: number;
  readonly commentBurst: number;
  /** Bad frames tolerated on one connection before it is closed with 1008. */
  readonly maxBadFrames: number;
  /** Seconds without any traffic (uWS pings are sent automatically) before a socket is closed. */
  readonly idleTimeoutSec: number;
  /** Interval clients are told to send application pings at. */
  readonly heartbeatIntervalMs: number;
  /** Bytes queued to a viewer before it is dropped as a slow consumer (it resumes on reconnect). */
  readonly slowViewerBytes: number;
  /** Most bytes one join replays; a client that missed more is told gap and continues live. */
  readonly maxReplayBytes: number;
  /** How long a client_msg_id is remembered for de-duplicating retries. */
  readonly dedupWindowMs: number;
  /** Upper bound of the jittered delay sent in goaway. */
  readonly drainReconnectMaxMs: number;
  /** Open WebSockets one IP may hold (carrier NAT puts many phones behind one address: keep it generous). */
  readonly maxConnectionsPerIp: number;
  /** Upgrades one IP may make per second (burst twice that). */
  readonly upgradeRatePerIp: number;
  /** Upgrades the whole node admits per second (burst twice that): a reconnect storm is spread, not swallowed. */
  readonly upgradeRate: number;
  /** Joins one connection may make per second (burst twice that). */
  readonly joinRatePerConnection: number;
  /** Danmaku one room broadcasts per second; the excess is shed fairly per user, priority items never. */
  readonly roomRatePerSec: number;
  /** Admin API requests per second per caller IP (burst twice that). */
  readonly adminRatePerSec: number;
  /** Origins allowed to open a WebSocket from a browser; empty allows every origin. */
  readonly allowedOrigins: readonly string[];
}

/** Token verification: which keys, which registered claims, how much clock leeway. */
export interface AuthConfig {
  /** HS256 secret; undefined when AUTH_SECRET is unset and a JWKS is configured (asymmetric keys only). */
  readonly secret: string | undefined;
  /** AUTH_JWKS_FILE: a JWK Set of RS256/ES256 public keys, read at start-up. */
  readonly jwksFile: string | undefined;
  /** AUTH_JWKS_URL: an https (or loopback http) JWK Set endpoint, fetched and cached. */
  readonly jwksUrl: string | undefined;
  /** Seconds a fetched JWK Set is used before it is fetched again. */
  readonly jwksMaxAgeSec: number;
  /** Least seconds between two fetches caused by an unknown `kid` (a rotation), so bad tokens cannot flood the endpoint. */
  readonly jwksCooldownSec: number;
  /** Required `iss` when set. */
  readonly issuer: string | undefined;
  /** Required `aud` (one of them, when the token has several) when set. */
  readonly audience: string | undefined;
  /** Leeway on exp, nbf and iat, and after exp before a connection is closed (seconds). */
  readonly clockToleranceSec: number;
}

/** How to authenticate to NATS and which CA to trust; at most one credential kind is set. */
export interface NatsAuth {
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly token: string | undefined;
  /** A NATS .creds file (JWT + nkey seed). */
  readonly credsFile: string | undefined;
  /** CA bundle for a tls:// NATS server with a private CA. */
  readonly tlsCaFile: string | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function text(env: Env, name: string, fallback: string, pattern?: RegExp): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (pattern && !pattern.test(raw)) throw new ConfigError(name, `"${raw}" does not match ${pattern}`);
  return raw;
}

function optional(env: Env, name: string): string | undefined {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
}

function origins(env: Env, name: string): readonly string[] {
  const raw = optional(env, name);
  if (raw === undefined) return Object.freeze([]);
  const list = raw
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o !== '');
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin))
      throw new ConfigError(name, `"${origin}" is not an origin like https://example.com`);
  }
  return Object.freeze(list);
}

/**
 * NATS_URL as a list of servers (comma-separated, as nats-server's own `--routes` and the NATS CLI's
 * `--server` take them). Each entry is nats://, tls://, ws:// or wss:// host:port, or a bare host:port.
 */
function natsServers(env: Env): readonly string[] | undefined {
  const raw = optional(env, 'NATS_URL');
  if (raw === undefined) return undefined;
  const servers = raw.split(',').map((s) => s.trim());
  for (const server of servers) {
    if (server === '') throw new ConfigError('NATS_URL', `empty server in the list "${raw}"`);
    if (!/^(nats|tls|wss?):\/\/[^\s,]+$/.test(server) && !/^[\w.-]+:\d+$/.test(server))
      throw new ConfigError(
        'NATS_URL',
        `expected nats://host:port (or a comma-separated list of them), got "${server}"`,
      );
  }
  if (new Set(servers).size !== servers.length)
    throw new ConfigError('NATS_URL', `a server is listed twice in "${raw}"`);
  return Object.freeze(servers);
}

function readableFile(env: Env, name: string): string | undefined {
  const path = optional(env, name);
  if (path === undefined) return undefined;
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new ConfigError(name, `cannot read file "${path}"`);
  }
  return path;
}

function natsAuth(env: Env): NatsAuth {
  const auth: NatsAuth = {
    user: optional(env, 'NATS_USER'),
    password: optional(env, 'NATS_PASSWORD'),
    token: optional(env, 'NATS_TOKEN'),
    credsFile: readableFile(env, 'NATS_CREDS_FILE'),
    tlsCaFile: readableFile(env, 'NATS_TLS_CA_FILE'),
  };
  if ((auth.user === undefined) !== (auth.password === undefined)) {
    throw new ConfigError(
      auth.user === undefined ? 'NATS_USER' : 'NATS_PASSWORD',
      'NATS_USER and NATS_PASSWORD go together',
    );
  }
  const kinds = [auth.user, auth.token, auth.credsFile].filter((v) => v !== undefined).length;
  if (kinds > 1)
    throw new ConfigError(
      auth.token !== undefined ? 'NATS_TOKEN' : 'NATS_CREDS_FILE',
      'use one of NATS_USER/NATS_PASSWORD, NATS_TOKEN, NATS_CREDS_FILE',
    );
  return Object.freeze(auth);
}

/**
 * Reads, validates and freezes the configuration. Throws a {@link ConfigError} naming the variable
 * for a bad value, for `NODE_ENV` other than production, development or test, and for a variable
 * that looks like a misspelling of one this function reads (`NATS_ULR`: see typos.ts).
 */
export function loadConfig(env: Env = process.env): Config {
  const { config, known } = readRecorded(env);
  const misspelt = findMisspelt(Object.keys(env), known);
  if (misspelt !== undefined)
    throw new ConfigError(misspelt.name, `not a variable of this server; did you mean ${misspelt.closest}?`);
  return config;
}

/** Every variable {@link loadConfig} reads: the known names, which README's table documents. */
export function configVariables(): ReadonlySet<string> {
  return readRecorded({}).known;
}

/** Reads the configuration through a proxy that notes each name read, so the known list cannot drift from the code. */
function readRecorded(env: Env): { config: Config; known: Set<string> } {
  const known = new Set<string>();
  const config = readConfig(
    new Proxy(env, {
      get: (target, name) => {
        if (typeof name === 'string') known.add(name);
        return target[name as string];
      },
    }),
  );
  return { config, known };
}

function readConfig(env: Env): Config {
  const nodeEnv = text(env, 'NODE_ENV', 'development');
  if (!['production', 'development', 'test'].includes(nodeEnv))
    throw new ConfigError('NODE_ENV', `expected production, development or test, got "${nodeEnv}"`);
  const production = nodeEnv === 'production';
  const givenSecret = optional(env, 'AUTH_SECRET');
  const jwksFile = readableFile(env, 'AUTH_JWKS_FILE');
  const jwksUrl = optional(env, 'AUTH_JWKS_URL');
  const jwks = jwksFile !== undefined || jwksUrl !== undefined;
  if (givenSecret === undefined && production && !jwks) {
    throw new ConfigError(
      'AUTH_SECRET',
      'required when NODE_ENV=production without AUTH_JWKS_FILE or AUTH_JWKS_URL (a random dev secret is only made outside production)',
    );
  }
  if (
    jwksUrl !== undefined &&
    !/^https:\/\/\S+$/.test(jwksUrl) &&
    !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]\S*$/.test(jwksUrl)
  )
    throw new ConfigError('AUTH_JWKS_URL', `expected an https:// URL (http:// only on loopback), got "${jwksUrl}"`);
  if (givenSecret !== undefined && givenSecret.length < 16) {
    throw new ConfigError('AUTH_SECRET', 'must be at least 16 characters');
  }
  if ((optional(env, 'TLS_CERT_FILE') === undefined) !== (optional(env, 'TLS_KEY_FILE') === undefined)) {
    throw new ConfigError(
      optional(env, 'TLS_CERT_FILE') === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE',
      'TLS_CERT_FILE and TLS_KEY_FILE go together',
    );
  }
  const tlsCertFile = readableFile(env, 'TLS_CERT_FILE');
  const tlsKeyFile = readableFile(env, 'TLS_KEY_FILE');
  const natsUrl = natsServers(env);
  const limits: Limits = Object.freeze({
    maxFrameBytes: integer(env, 'MAX_FRAME_BYTES', 4096, 256, 1 << 20),
    maxCommentChars: integer(env, 'MAX_COMMENT_CHARS', 100, 1, 10_000),
    maxRoomsPerConnection: integer(env, 'MAX_ROOMS_PER_CONNECTION', 10, 1, 1000),
    maxRoomIdChars: integer(env, 'MAX_ROOM_ID_CHARS', 64, 1, 256),
    commentRatePerSec: integer(env, 'COMMENT_RATE_PER_SEC', 5, 1, 100_000),
    commentBurst: integer(env, 'COMMENT_BURST', 10, 1, 100_000),
    maxBadFrames: integer(env, 'MAX_BAD_FRAMES', 5, 1, 1000),
    idleTimeoutSec: integer(env, 'IDLE_TIMEOUT_SEC', 60, 8, 960),
    heartbeatIntervalMs: integer(env, 'HEARTBEAT_INTERVAL_MS', 20_000, 1000, 600_000),
    slowViewerBytes: integer(env, 'SLOW_VIEWER_BYTES', 512 * 1024, 1024, 1 << 28),
    maxReplayBytes: integer(env, 'MAX_REPLAY_BYTES', 512 * 1024, 1024, 1 << 30),
    dedupWindowMs: integer(env, 'DEDUP_WINDOW_MS', 120_000, 1000, 3600_000),
    drainReconnectMaxMs: integer(env, 'DRAIN_RECONNECT_MAX_MS', 5000, 0, 600_000),
    maxConnectionsPerIp: integer(env, 'MAX_CONNECTIONS_PER_IP', 1000, 1, 1_000_000),
    upgradeRatePerIp: integer(env, 'UPGRADE_RATE_PER_IP', 50, 1, 1_000_000),
    upgradeRate: integer(env, 'UPGRADE_RATE', 2000, 1, 1_000_000),
    joinRatePerConnection: integer(env, 'JOIN_RATE_PER_CONNECTION', 5, 1, 10_000),
    roomRatePerSec: integer(env, 'ROOM_RATE_PER_SEC', 200, 1, 1_000_000),
    adminRatePerSec: integer(env, 'ADMIN_RATE_PER_SEC', 20, 1, 100_000),
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
  });
  // A replay is written to the socket at once; uWS refuses writes past 8 x SLOW_VIEWER_BYTES queued.
  if (limits.maxReplayBytes > limits.slowViewerBytes * 2) {
    throw new ConfigError('MAX_REPLAY_BYTES', `must be at most 2 x SLOW_VIEWER_BYTES (${limits.slowViewerBytes * 2})`);
  }
  const devSecret = randomBytes(32).toString('base64url');
  const config: Config = {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    natsUrl,
    natsReplicas: integer(env, 'NATS_REPLICAS', 1, 1, 5),
    natsPrefix: text(env, 'NATS_PREFIX', 'danmaku', /^[A-Za-z0-9_-]{1,32}$/),
    natsAuth: natsAuth(env),
    natsConnectTimeoutMs: integer(env, 'NATS_CONNECT_TIMEOUT_MS', 30_000, 0, 3_600_000),
    roomLeaseTtlMs: integer(env, 'ROOM_LEASE_TTL_MS', 3000, 300, 60_000),
    authSecret: givenSecret ?? devSecret,
    devSecret: givenSecret === undefined && !jwks,
    auth: Object.freeze({
      // Without AUTH_SECRET a JWKS deployment accepts asymmetric tokens only; a dev run makes a secret.
      secret: givenSecret ?? (jwks ? undefined : devSecret),
      jwksFile,
      jwksUrl,
      jwksMaxAgeSec: integer(env, 'AUTH_JWKS_MAX_AGE_SEC', 600, 1, 86_400),
      jwksCooldownSec: integer(env, 'AUTH_JWKS_COOLDOWN_SEC', 30, 0, 3600),
      issuer: optional(env, 'AUTH_ISSUER'),
      audience: optional(env, 'AUTH_AUDIENCE'),
      clockToleranceSec: integer(env, 'AUTH_CLOCK_TOLERANCE_SEC', 5, 0, 300),
    }),
    nodeId: text(env, 'NODE_ID', `${hostname()}-${process.pid}`, /^[\w.-]{1,64}$/),
    production,
    batchIntervalMs: integer(env, 'BATCH_INTERVAL_MS', 50, 1, 10_000),
    batchMaxItems: integer(env, 'BATCH_MAX_ITEMS', 200, 1, 10_000),
    batchMaxBytes: integer(env, 'BATCH_MAX_BYTES', 32_768, 1024, 1 << 20),
    batchAlignMs: integer(env, 'BATCH_ALIGN_MS', natsUrl === undefined ? 5 : 20, 0, 1000),
    presenceIntervalMs: integer(env, 'PRESENCE_INTERVAL_MS', 2000, 100, 600_000),
    wsCompression: text(env, 'WS_COMPRESSION', 'off', /^(off|shared)$/) as 'off' | 'shared',
    batchDeflateMinBytes:
      env.BATCH_DEFLATE_MIN_BYTES?.trim() === 'off'
        ? undefined
        : integer(env, 'BATCH_DEFLATE_MIN_BYTES', 256, 0, 1 << 20),
    batchDeflateMinFanoutBytes: integer(env, 'BATCH_DEFLATE_MIN_FANOUT_BYTES', 65_536, 0, 1 << 30),
    historyMaxBatches: integer(env, 'HISTORY_MAX_BATCHES', 1000, 1, 10_000_000),
    historyMaxAgeMs: integer(env, 'HISTORY_MAX_AGE_MS', 300_000, 1000, 7 * 24 * 3600_000),
    resumeWindow: Object.freeze({
      maxBatches: integer(env, 'RESUME_WINDOW_BATCHES', 128, 1, 100_000),
      maxBytes: integer(env, 'RESUME_WINDOW_BYTES', 128 * 1024, 1024, 1 << 30),
    }),
    historySweepIntervalMs: integer(env, 'HISTORY_SWEEP_INTERVAL_MS', 10_000, 100, 3600_000),
    dataDir: text(env, 'DATA_DIR', './data'),
    tlsCertFile,
    tlsKeyFile,
    logLevel: text(env, 'LOG_LEVEL', 'info', /^(fatal|error|warn|info|debug|trace|silent)$/),
    metricsEnabled: text(env, 'METRICS', 'on', /^(on|off)$/) === 'on',
    adminAllowedOrigins: origins(env, 'ADMIN_ALLOWED_ORIGINS'),
    limits,
  };
  return Object.freeze(config);
}
