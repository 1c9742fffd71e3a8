import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route.js';
import { RoomParams, checkRoom } from '../schemas.js';

const DanmakuIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
  minItems: 1,
  maxItems: 100,
  description: 'the `id` of an ack or of a Danmaku',
});

export const recallDanmaku = defineRoute({
  operationId: 'recallDanmaku',
  method: 'POST',
  path: '/rooms/:room/recall',
  tag: 'recalls',
  summary: 'Remove danmaku from every screen and from history',
  description:
    'Every viewer of the room, on every node, receives ServerFrame.recall; a client resuming from an earlier seq gets the replayed batches without them.',
  action: 'danmaku.recall',
  params: RoomParams,
  body: Type.Object({ ids: DanmakuIds }, { additionalProperties: false }),
  example: { ids: ['AbCd12x0'] },
  answers: {
    202: {
      description: 'Recalled; viewers on every node are told',
      schema: Type.Object({ room: Type.String(), ids: Type.Array(Type.String()) }),
    },
  },
  refusals: [503],
  handle: async ({ deps, params, body }) => {
    const room = checkRoom(deps.limits, params.room);
    // Stored before the signal, so a viewer resuming anywhere after the frame never gets them back.
    await deps.state.recall(room, body.ids);
    await deps.bus.signal({ type: 'admin.recall', room, ids: body.ids });
    return { status: 202, body: { room, ids: body.ids } };
  },
});

export const recallRoutes = [recallDanmaku] as const;
