import { Type, type TSchema } from '@sinclair/typebox';
import { jsonChecker, textChecker, type Compiled, type SchemaChecker } from '../schema/json-schema.js';
import { BadRequest, type Route } from './route.js';

/** A request as read off the wire, before its checks. */
export interface RawRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON; undefined when there was no body. */
  readonly body: unknown;
}

const NO_QUERY = Type.Object({}, { additionalProperties: false });

/** The field name a 400 answer carries for a JSON pointer: "/ids/1" → "ids[1]", "" → the part as a whole. */
function fieldName(pointer: string, whole: string): string {
  if (pointer === '') return whole;
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (name, token) => (/^\d+$/.test(token) ? `${name}[${token}]` : name === '' ? token : `${name}.${token}`),
      '',
    );
}

function checker(schema: TSchema | undefined, on: SchemaChecker): Compiled<unknown> | undefined {
  return schema === undefined ? undefined : on.compile(schema, true);
}

/**
 * Compiles a route's request checks once, now (at start-up, not on a client's first request): path parameters, then query, then body, each against its
 * schema; the first problem throws BadRequest naming the field. What passes is what the handler's
 * types say it is.
 */
export function compileRequestChecks(route: Route): (request: RawRequest) => RawRequest {
  // Path and query parameters are text ("limit=20" is checked as the integer 20); JSON bodies are not coerced.
  const parts: readonly [keyof RawRequest, Compiled<unknown> | undefined, string][] = [
    ['params', checker(route.params, textChecker), 'params'],
    ['query', checker(route.query ?? NO_QUERY, textChecker), 'query'],
    ['body', checker(route.body, jsonChecker), 'body'],
  ];
  return (request) => {
    // Coercion rewrites the values in place: check copies.
    const checked = { params: { ...request.params }, query: { ...request.query }, body: request.body };
    for (const [part, compiled, whole] of parts) {
      const problem = compiled?.problem(checked[part]);
      if (problem === undefined) continue;
      const field = fieldName(problem.at, whole);
      throw new BadRequest(field, problem.message);
    }
    return checked;
  };
}
