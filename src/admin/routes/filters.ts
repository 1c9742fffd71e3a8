import { Type } from '@sinclair/typebox';
import { FilterRuleSchema } from '../../moderation/schemas.js';
import { FILTER_LIMITS, refuseRegexRule, type FilterKind, type FilterRule } from '../../moderation/word-filter.js';
import { Nullable, StringEnum } from '../../schema/json-schema.js';
import { BadRequest, defineRoute, notFound } from '../route.js';
import { IdParams } from '../schemas.js';
import { newId } from './bans.js';

const TAG = 'filters';

/** What is wrong with adding this rule next to `existing`, if anything (the word filter's limits). */
function ruleProblem(kind: FilterKind, pattern: string, existing: readonly FilterRule[]): string | undefined {
  if (kind === 'word') {
    if (pattern.length > FILTER_LIMITS.maxWordChars) return `must be at most ${FILTER_LIMITS.maxWordChars} characters`;
    if (pattern.trim().length === 0) return 'must not be blank';
    if (existing.length >= FILTER_LIMITS.maxWords) return `at most ${FILTER_LIMITS.maxWords} words`;
    return undefined;
  }
  return refuseRegexRule(pattern, existing);
}

export const listFilters = defineRoute({
  operationId: 'listFilters',
  method: 'GET',
  path: '/filters',
  tag: TAG,
  summary: 'Word filter rules, oldest first',
  answers: { 200: { description: 'Rules', schema: Type.Object({ filters: Type.Array(FilterRuleSchema) }) } },
  handle: ({ deps }) => ({ status: 200, body: { filters: deps.state.filters() } }),
});

export const createFilter = defineRoute({
  operationId: 'createFilter',
  method: 'POST',
  path: '/filters',
  tag: TAG,
  summary: 'Add a blocked word or pattern',
  action: 'filter.create',
  body: Type.Object(
    {
      pattern: Type.String({
        minLength: 1,
        maxLength: FILTER_LIMITS.maxRegexChars,
        description: `a word (at most ${FILTER_LIMITS.maxWordChars} characters; case-insensitive, full-width folded) or a regular expression in JavaScript syntax run by a linear-time RE2 engine (at most ${FILTER_LIMITS.maxRegexChars} characters; backreferences and lookaround are refused with 400)`,
      }),
      kind: Type.Optional(Nullable(StringEnum(['word', 'regex'] as const, { default: 'word' }))),
      action: Type.Optional(Nullable(StringEnum(['refuse', 'mask'] as const, { default: 'refuse' }))),
    },
    { additionalProperties: false },
  ),
  example: { pattern: 'badword', action: 'refuse' },
  answers: { 201: { description: 'Created', schema: Type.Object({ filter: FilterRuleSchema }) } },
  refusals: [503],
  handle: async ({ deps, actor, body }) => {
    const kind = body.kind ?? 'word';
    const problem = ruleProblem(kind, body.pattern, deps.state.filters());
    if (problem !== undefined) throw new BadRequest('pattern', problem);
    const rule: FilterRule = {
      id: newId(),
      kind,
      pattern: body.pattern,
      action: body.action ?? 'refuse',
      createdAt: Date.now(),
      createdBy: actor.sub,
    };
    await deps.state.putFilter(rule);
    return { status: 201, body: { filter: rule } };
  },
});

export const deleteFilter = defineRoute({
  operationId: 'deleteFilter',
  method: 'DELETE',
  path: '/filters/:id',
  tag: TAG,
  summary: 'Remove a rule',
  action: 'filter.delete',
  params: IdParams('filter rule'),
  answers: { 200: { description: 'Removed', schema: Type.Object({ deleted: FilterRuleSchema }) } },
  refusals: [404, 503],
  handle: async ({ deps, params }) => {
    const rule = deps.state.filterRule(params.id);
    if (rule === undefined) throw notFound('filter');
    await deps.state.deleteFilter(rule.id);
    return { status: 200, body: { deleted: rule } };
  },
});

export const filterRoutes = [listFilters, createFilter, deleteFilter] as const;
