import { setTimeout as sleep } from 'node:timers/promises';
import { JetStreamApiError } from '@nats-io/jetstream';
import {
  AuthorizationError,
  RequestError,
  TimeoutError,
  UserAuthenticationExpiredError,
  type NatsConnection,
} from '@nats-io/transport-node';

/** Start-up gave up on NATS: the address, how long it tried, and the last error as `cause`. */
export class NatsUnreachableError extends Error {
  override readonly name = 'NatsUnreachableError';
  constructor(
    readonly address: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    override readonly cause: unknown,
  ) {
    super(
      `cannot reach NATS at ${address}: ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs / 1000)} s, the last failed with: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

export interface FirstConnectOptions {
  /** The server list as configured, for the error message. */
  readonly address: string;
  /** How long to keep trying, ms; 0 makes one attempt. */
  readonly timeoutMs: number;
  /** Told about each failed attempt before the wait that follows it. */
  readonly onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

const FIRST_DELAY_MS = 200;
const MAX_DELAY_MS = 5000;

/** A credential NATS refused will be refused again: retrying only delays the message that says so. */
function isFatal(err: unknown): boolean {
  return err instanceof AuthorizationError || err instanceof UserAuthenticationExpiredError;
}

/**
 * The first connection to NATS, retried: in a deployment the node and the NATS servers start
 * together, and a node that exits because NATS is a second late turns a rolling start into a crash
 * loop. `connect` (connectNats) is called until it succeeds, with exponential backoff from 200 ms
 * to 5 s and jitter (half to all of each delay), for at most `timeoutMs`. No attempt starts when the
 * next delay would reach the deadline (it would have no time to answer): the wait runs out and the
 * error names the last real failure. An attempt still pending at the deadline is abandoned (and
 * closed should it connect later). Rejects with {@link NatsUnreachableError} (its `cause` is the last
 * error NATS or the socket gave, or "no answer before the deadline" when none did), or at once with
 * an authorization error.
 */
export async function connectNatsWithin(
  connect: () => Promise<NatsConnection>,
  options: FirstConnectOptions,
): Promise<NatsConnection> {
  const started = performance.now();
  const deadline = started + options.timeoutMs;
  const unanswered = new Error('no answer before the deadline');
  let lastFailure: unknown = unanswered;
  for (let attempt = 1; ; attempt++) {
    const pending = connect();
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      pending.then(
        (connection) => ({ connection }),
        (err: unknown) => ({ err }),
      ),
      new Promise<{ err: unknown }>((resolve) => {
        timer = setTimeout(() => resolve({ err: unanswered }), Math.max(0, deadline - performance.now()));
      }),
    ]);
    clearTimeout(timer);
    if ('connection' in outcome) return outcome.connection;
    if (isFatal(outcome.err)) throw outcome.err;
    if (outcome.err !== unanswered) lastFailure = outcome.err;
    const left = deadline - performance.now();
    if (left <= 0) {
      // The abandoned attempt may still connect: close it rather than leak it.
      void pending.then(
        (late) => late.close(),
        // eslint-disable-next-line local/handled-errors -- the attempt failed late; the error thrown below already carries this attempt's cause
        () => undefined,
      );
      throw new NatsUnreachableError(options.address, attempt, performance.now() - started, lastFailure);
    }
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
    if (delay >= left) {
      await sleep(left);
      throw new NatsUnreachableError(options.address, attempt, performance.now() - started, lastFailure);
    }
    options.onRetry?.(outcome.err, attempt, Math.round(delay));
    await sleep(delay);
  }
}

/** Start-up gave up on JetStream: what was being set up, how long it tried, and the last error as `cause`. */
export class JetStreamUnavailableError extends Error {
  override readonly name = 'JetStreamUnavailableError';
  constructor(
    readonly what: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    override readonly cause: unknown,
  ) {
    super(
      `JetStream did not set up ${what}: ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(elapsedMs / 1000)} s, the last failed with: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/**
 * Whether a JetStream API failure can pass by itself: a request that timed out (the meta leader or
 * the stream's leader stalled, or a NATS cluster electing one), no JetStream responder (a cluster
 * without a meta leader; nats.js wraps the no-responders RequestError in its JetStreamNotEnabled,
 * which it does not export, so the cause is what is checked), or HTTP-like status 503
 * ("JetStream system temporarily unavailable", nats-server error 10008). A refused config (replicas,
 * limits) is not: retrying only delays the message that says so.
 */
export function isTransientJetStreamError(err: unknown): boolean {
  return (
    err instanceof TimeoutError ||
    (err instanceof Error && err.cause instanceof RequestError && err.cause.isNoResponders()) ||
    (err instanceof RequestError && err.isNoResponders()) ||
    (err instanceof JetStreamApiError && err.status === 503)
  );
}

export interface SetUpOptions {
  /** performance.now() after which no attempt starts: start-up's share of NATS_CONNECT_TIMEOUT_MS. */
  readonly deadline: number;
  /** Told about each failed attempt before the wait that follows it. */
  readonly onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/**
 * A JetStream set-up step at start-up (the stream, a KV bucket, the first heartbeat), retried while
 * JetStream is briefly unavailable ({@link isTransientJetStreamError}): a node started while its NATS
 * cluster elects a leader, or with one server stalled, waits instead of exiting. Backoff as for the
 * first connection (200 ms to 5 s, jitter). `setUp` must be safe to call again after a failure.
 * Rejects with the step's own error when it is not transient, or with
 * {@link JetStreamUnavailableError} (`cause`: the last error) once the next wait would pass the deadline.
 */
export async function setUpWithin<T>(what: string, setUp: () => Promise<T>, options: SetUpOptions): Promise<T> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await setUp();
    } catch (err) {
      if (!isTransientJetStreamError(err)) throw err;
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      if (performance.now() + delay >= options.deadline)
        throw new JetStreamUnavailableError(what, attempt, performance.now() - started, err);
      options.onRetry?.(err, attempt, Math.round(delay));
      await sleep(delay);
    }
  }
}
