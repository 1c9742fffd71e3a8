import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';

/**
 * Why JetStream refused a stream's config, with the replica count named when that is the likely
 * cause: a single server refuses num_replicas > 1 ("replicas > 1 not supported in non-clustered
 * mode"), and a cluster smaller than the count refuses it too ("insufficient resources").
 * Other errors (NATS away) are returned unchanged, so callers retrying on them still do.
 */
export function replicasRefused(err: unknown, stream: string, replicas: number | undefined): unknown {
  if (!(err instanceof JetStreamApiError) || replicas === undefined || replicas <= 1) return err;
  return new Error(
    `NATS_REPLICAS=${replicas}: JetStream refused stream ${stream} with ${replicas} replicas (${err.message}); ` +
      `it needs a NATS cluster with JetStream on at least ${replicas} servers`,
    { cause: err },
  );
}

/**
 * Brings an existing stream (a KV bucket's stream, KV_<bucket>) to `replicas`, as ensureStream
 * does for the room stream: the KV client applies its options only when it creates a bucket.
 * nats-server scales a stream's replicas up or down in place (JetStream docs, "Stream
 * configuration: Replicas" may be edited). Throws what JetStream answered, with
 * {@link replicasRefused}'s explanation.
 */
export function applyReplicas(jsm: JetStreamManager, stream: string, replicas: number): Promise<void> {
  return applyStreamLimits(jsm, stream, { replicas });
}

/**
 * Like {@link applyReplicas}, and also sets the stream's max age (`maxAgeMs`, ms; a KV bucket's TTL)
 * when given, so a bucket created under an earlier setting takes the current one. Both may be
 * edited on an existing stream. Throws what JetStream answered, with {@link replicasRefused}'s explanation.
 */
export async function applyStreamLimits(
  jsm: JetStreamManager,
  stream: string,
  limits: { readonly replicas: number; readonly maxAgeMs?: number },
): Promise<void> {
  const info = await jsm.streams.info(stream);
  const maxAge = limits.maxAgeMs === undefined ? info.config.max_age : limits.maxAgeMs * 1_000_000;
  if (info.config.num_replicas === limits.replicas && info.config.max_age === maxAge) return;
  await jsm.streams
    .update(stream, { ...info.config, num_replicas: limits.replicas, max_age: maxAge })
    .catch((err: unknown) => {
      throw replicasRefused(err, stream, limits.replicas);
    });
}
