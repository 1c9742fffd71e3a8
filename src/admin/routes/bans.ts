import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { BanSchema, type Ban } from '../../moderation/schemas.js';
import { Nullable } from '../../schema/json-schema.js';
import { defineRoute, notFound, type AdminDeps } from '../route.js';
import { BanList, IdParams, ReasonSchema, RoomIdSchema, UserIdSchema, checkRoom } from '../schemas.js';

const TAG = 'bans';
const MAX_BAN_SECONDS = 10 * 365 * 24 * 3600;

export const DurationSchema = (absent: string) =>
  Type.Optional(
    Nullable(Type.Integer({ minimum: 1, maximum: MAX_BAN_SECONDS, description: `seconds; absent: ${absent}` })),
  );

export const newId = () => randomBytes(9).toString('base64url');

/** Stores a ban or a user mute; resolves once this node enforces it. */
export async function restrict(
  deps: AdminDeps,
  actor: string,
  input: { kind: Ban['kind']; userId: string; room: string | null; reason: string; durationSeconds?: number | null },
): Promise<Ban> {
  const createdAt = Date.now();
  const ban: Ban = {
    id: newId(),
    kind: input.kind,
    userId: input.userId,
    room: input.room,
    reason: input.reason,
    createdAt,
    expiresAt:
      input.durationSeconds === undefined || input.durationSeconds === null
        ? null
        : createdAt + input.durationSeconds * 1000,
    createdBy: actor,
  };
  await deps.state.putBan(ban);
  return ban;
}

export const listBans = defineRoute({
  operationId: 'listBans',
  method: 'GET',
  path: '/bans',
  tag: TAG,
  summary: 'Bans in force, oldest first (corrupt stored entries included, marked `corrupt`)',
  query: Type.Object(
    { userId: Type.Optional(Type.String()), room: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
  answers: { 200: { description: 'Bans', schema: Type.Object({ bans: BanList }) } },
  handle: ({ deps, query }) => ({
    status: 200,
    body: {
      bans: deps.state
        .bans()
        .filter(
          (b) =>
            (query.userId === undefined || b.userId === query.userId) &&
            (query.room === undefined || b.room === query.room),
        ),
    },
  }),
});

export const createBan = defineRoute({
  operationId: 'createBan',
  method: 'POST',
  path: '/bans',
  tag: TAG,
  summary: 'Ban a user in one room or everywhere, for a time or for good: their comments are refused with BANNED',
  action: 'ban.create',
  body: Type.Object(
    {
      userId: UserIdSchema,
      room: Type.Optional(
        Nullable({ ...RoomIdSchema, description: `${RoomIdSchema.description}; absent: every room` }),
      ),
      durationSeconds: DurationSchema('permanent'),
      reason: ReasonSchema,
    },
    { additionalProperties: false },
  ),
  example: { userId: 'spammer', room: 'lobby', durationSeconds: 600, reason: 'flooding' },
  answers: { 201: { description: 'Created', schema: Type.Object({ ban: BanSchema }) } },
  refusals: [503],
  handle: async ({ deps, actor, body }) => {
    const room = body.room === undefined || body.room === null ? null : checkRoom(deps.limits, body.room);
    return { status: 201, body: { ban: await restrict(deps, actor.sub, { ...body, kind: 'ban', room }) } };
  },
});

const BanAnswer = Type.Object({ ban: BanSchema });

export const getBan = defineRoute({
  operationId: 'getBan',
  method: 'GET',
  path: '/bans/:id',
  tag: TAG,
  summary: 'One ban',
  params: IdParams('ban'),
  answers: { 200: { description: 'The ban', schema: BanAnswer } },
  refusals: [404],
  handle: ({ deps, params }) => {
    const ban = deps.state.ban(params.id);
    if (ban === undefined) throw notFound('ban');
    return { status: 200, body: { ban } };
  },
});

export const deleteBan = defineRoute({
  operationId: 'deleteBan',
  method: 'DELETE',
  path: '/bans/:id',
  tag: TAG,
  summary: 'Lift a ban (or delete a corrupt stored one)',
  action: 'ban.delete',
  params: IdParams('ban'),
  answers: { 200: { description: 'Lifted', schema: Type.Object({ deleted: BanSchema }) } },
  refusals: [404, 503],
  handle: async ({ deps, params }) => {
    const ban = deps.state.ban(params.id);
    if (ban === undefined) throw notFound('ban');
    await deps.state.deleteBan(ban.id);
    return { status: 200, body: { deleted: ban } };
  },
});

export const deleteUserBans = defineRoute({
  operationId: 'deleteUserBans',
  method: 'DELETE',
  path: '/users/:userId/bans',
  tag: TAG,
  summary: 'Lift every ban of a user',
  action: 'ban.delete_user',
  params: Type.Object({ userId: UserIdSchema }),
  answers: { 200: { description: 'The bans lifted', schema: Type.Object({ deleted: BanList }) } },
  refusals: [503],
  handle: async ({ deps, params }) => {
    const bans = deps.state.bans().filter((b) => b.userId === params.userId);
    await Promise.all(bans.map((b) => deps.state.deleteBan(b.id)));
    return { status: 200, body: { deleted: bans } };
  },
});

export const banRoutes = [listBans, createBan, getBan, deleteBan, deleteUserBans] as const;
