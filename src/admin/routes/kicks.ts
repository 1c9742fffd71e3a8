import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route.js';
import { UserIdSchema } from '../schemas.js';

export const kickUser = defineRoute({
  operationId: 'kickUser',
  method: 'POST',
  path: '/kick',
  tag: 'kicks',
  summary:
    'Close every connection of a user, on every node, with close code 4101 (KICKED: do not reconnect) and the reason',
  action: 'user.kick',
  body: Type.Object(
    {
      userId: UserIdSchema,
      // A WebSocket close reason is at most 123 bytes (RFC 6455 §5.5.1); longer UTF-8 is cut at a character.
      reason: Type.String({ minLength: 1, maxLength: 123, description: 'sent as the close reason' }),
    },
    { additionalProperties: false },
  ),
  example: { userId: 'troll', reason: 'harassment' },
  answers: {
    202: {
      description: 'Sent to every node',
      schema: Type.Object({ userId: Type.String(), reason: Type.String() }),
    },
  },
  refusals: [503],
  handle: async ({ deps, body }) => {
    await deps.bus.signal({ type: 'admin.kick', userId: body.userId, reason: body.reason });
    return { status: 202, body: { userId: body.userId, reason: body.reason } };
  },
});

export const kickRoutes = [kickUser] as const;
