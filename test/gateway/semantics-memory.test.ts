import t from 'tap';
import { startTestNode } from '../helpers/node.js';
import { roomSemantics } from './semantics.js';

roomSemantics(t, async (env) => {
  const node = await startTestNode(env);
  return { wsUrls: [node.wsUrl], close: () => node.drain() };
});
