import t from 'tap';
import { NatsServer } from '../helpers/nats.js';
import { startTestNode } from '../helpers/node.js';
import { roomSemantics } from './semantics.js';

// The same suite as semantics-memory.test.ts, on the NATS bus with viewers and posters spread over
// three nodes. Each deployment gets its own subject prefix, so its stream starts empty.
const nats = await NatsServer.start();
t.teardown(() => nats.stop());
let deployments = 0;

roomSemantics(t, async (env) => {
  const prefix = `sem${++deployments}`;
  const nodes = await Promise.all(
    ['A', 'B', 'C'].map((id) =>
      startTestNode({ ...env, NATS_URL: nats.url, NATS_PREFIX: prefix, NODE_ID: `${prefix}-${id}` }),
    ),
  );
  return {
    wsUrls: nodes.map((n) => n.wsUrl),
    close: async () => {
      await Promise.all(nodes.map((n) => n.drain()));
    },
  };
});
