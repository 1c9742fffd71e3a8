import { Type } from '@sinclair/typebox';
import { AuditPageSchema } from '../audit.js';
import { defineRoute } from '../route.js';

const MAX_AUDIT_PAGE = 200;

export const readAudit = defineRoute({
  operationId: 'readAudit',
  method: 'GET',
  path: '/audit',
  tag: 'audit',
  summary: 'The audit log, newest first, paged',
  query: Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 50 })),
      cursor: Type.Optional(Type.String({ description: 'nextCursor of the previous page' })),
    },
    { additionalProperties: false },
  ),
  answers: { 200: { description: 'A page', schema: AuditPageSchema } },
  handle: ({ deps, query }) => ({
    status: 200,
    body: deps.audit.page(query.cursor === '' ? undefined : query.cursor, query.limit ?? 50),
  }),
});

export const auditRoutes = [readAudit] as const;
