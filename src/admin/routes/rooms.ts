import { Type } from '@sinclair/typebox';
import { BanSchema } from '../../moderation/schemas.js';
import { defineRoute, type AdminDeps } from '../route.js';
import { RoomParams, RoomSummarySchema, checkRoom } from '../schemas.js';

const TAG = 'rooms';

const summary = (deps: AdminDeps, room: string) => ({
  room,
  viewers: deps.viewers(room),
  danmakuPerSecond: deps.rates.perSecond(room),
  settings: deps.state.settings(room),
});

export const listRooms = defineRoute({
  operationId: 'listRooms',
  method: 'GET',
  path: '/rooms',
  tag: TAG,
  summary: 'Rooms with viewers on this node or with settings',
  answers: {
    200: { description: 'Rooms, sorted by id', schema: Type.Object({ rooms: Type.Array(RoomSummarySchema) }) },
  },
  handle: ({ deps }) => {
    const names = new Set([...deps.rooms(), ...deps.state.roomsWithSettings()]);
    return { status: 200, body: { rooms: [...names].sort().map((name) => summary(deps, name)) } };
  },
});

export const getRoom = defineRoute({
  operationId: 'getRoom',
  method: 'GET',
  path: '/rooms/:room',
  tag: TAG,
  summary: 'One room: viewers, rate, settings, and the bans and user mutes in force in it',
  params: RoomParams,
  answers: {
    200: {
      description: 'The room',
      schema: Type.Object(
        { ...RoomSummarySchema.properties, bans: Type.Array(BanSchema), mutes: Type.Array(BanSchema) },
        { title: 'Room' },
      ),
    },
  },
  handle: ({ deps, params }) => {
    const room = checkRoom(deps.limits, params.room);
    return {
      status: 200,
      body: {
        ...summary(deps, room),
        bans: deps.state.bans().filter((b) => b.room === room),
        mutes: deps.state.bans('mute').filter((b) => b.room === room),
      },
    };
  },
});

export const roomRoutes = [listRooms, getRoom] as const;
