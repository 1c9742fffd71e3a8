import { Type } from '@sinclair/typebox';
import { defineRoute } from '../route.js';
import { RoomParams, checkRoom } from '../schemas.js';

export const postNotice = defineRoute({
  operationId: 'postNotice',
  method: 'POST',
  path: '/rooms/:room/notices',
  tag: 'notices',
  summary: 'A system notice to every viewer of the room (ServerFrame.notice), on every node',
  action: 'room.notice',
  params: RoomParams,
  body: Type.Object({ text: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
  example: { text: 'The stream restarts in 5 minutes' },
  answers: {
    202: {
      description: 'Sent to every node',
      schema: Type.Object({ room: Type.String(), text: Type.String() }),
    },
  },
  refusals: [503],
  handle: async ({ deps, params, body }) => {
    const room = checkRoom(deps.limits, params.room);
    await deps.bus.signal({ type: 'admin.notice', room, text: body.text });
    return { status: 202, body: { room, text: body.text } };
  },
});

export const noticeRoutes = [postNotice] as const;
