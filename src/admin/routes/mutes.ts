import { Type } from '@sinclair/typebox';
import { BanSchema } from '../../moderation/schemas.js';
import { defineRoute, notFound } from '../route.js';
import { IdParams, ReasonSchema, RoomParams, UserIdSchema, checkRoom } from '../schemas.js';
import { DurationSchema, restrict } from './bans.js';

const TAG = 'mutes';

export const muteUser = defineRoute({
  operationId: 'muteUser',
  method: 'POST',
  path: '/rooms/:room/mutes',
  tag: TAG,
  summary: 'Mute a user in one room, for a time or for good: their comments there are refused with MUTED',
  action: 'mute.create',
  params: RoomParams,
  body: Type.Object(
    { userId: UserIdSchema, durationSeconds: DurationSchema('until unmuted'), reason: ReasonSchema },
    { additionalProperties: false },
  ),
  example: { userId: 'chatty', durationSeconds: 300, reason: 'calm down' },
  answers: { 201: { description: 'Created', schema: Type.Object({ mute: BanSchema }) } },
  refusals: [503],
  handle: async ({ deps, actor, params, body }) => {
    const room = checkRoom(deps.limits, params.room);
    return { status: 201, body: { mute: await restrict(deps, actor.sub, { ...body, kind: 'mute', room }) } };
  },
});

export const deleteMute = defineRoute({
  operationId: 'deleteMute',
  method: 'DELETE',
  path: '/mutes/:id',
  tag: TAG,
  summary: 'Lift a user mute',
  action: 'mute.delete',
  params: IdParams('mute'),
  answers: { 200: { description: 'Lifted', schema: Type.Object({ deleted: BanSchema }) } },
  refusals: [404, 503],
  handle: async ({ deps, params }) => {
    const mute = deps.state.ban(params.id, 'mute');
    if (mute === undefined) throw notFound('mute');
    await deps.state.deleteBan(mute.id);
    return { status: 200, body: { deleted: mute } };
  },
});

export const muteRoutes = [muteUser, deleteMute] as const;
