import { auditRoutes } from './routes/audit.js';
import { banRoutes } from './routes/bans.js';
import { filterRoutes } from './routes/filters.js';
import { kickRoutes } from './routes/kicks.js';
import { muteRoutes } from './routes/mutes.js';
import { noticeRoutes } from './routes/notices.js';
import { recallRoutes } from './routes/recalls.js';
import { roomRoutes } from './routes/rooms.js';
import { settingsRoutes } from './routes/settings.js';

/** Every admin API route, in the order the OpenAPI document lists them; one resource per file in routes/. */
export const ADMIN_ROUTES = [
  ...roomRoutes,
  ...settingsRoutes,
  ...recallRoutes,
  ...noticeRoutes,
  ...muteRoutes,
  ...banRoutes,
  ...kickRoutes,
  ...filterRoutes,
  ...auditRoutes,
] as const;
