/** A request the API refuses with 400, naming the field at fault ("body" for the body as a whole). */
export class BadRequest extends Error {
  override readonly name = 'BadRequest';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** An answer other than success that a handler gives on purpose (404 for an unknown ban, ...). */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Body = Readonly<Record<string, unknown>>;

/** The body as an object with only the allowed fields: a misspelt field is an error, not ignored. */
export function objectBody(body: unknown, allowed: readonly string[]): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new BadRequest('body', 'expected a JSON object');
  for (const field of Object.keys(body)) {
    if (!allowed.includes(field)) throw new BadRequest(field, `unknown field; allowed: ${allowed.join(', ')}`);
  }
  return body as Body;
}

interface StringRule {
  readonly min?: number;
  readonly max: number;
  readonly pattern?: RegExp;
  readonly patternText?: string;
}

export function optionalString(body: Body, field: string, rule: StringRule): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequest(field, 'must be a string');
  if (value.length < (rule.min ?? 1)) throw new BadRequest(field, `must be at least ${rule.min ?? 1} characters`);
  if (value.length > rule.max) throw new BadRequest(field, `must be at most ${rule.max} characters`);
  if (rule.pattern !== undefined && !rule.pattern.test(value))
    throw new BadRequest(field, `must be ${rule.patternText ?? rule.pattern.source}`);
  return value;
}

export function requiredString(body: Body, field: string, rule: StringRule): string {
  const value = optionalString(body, field, rule);
  if (value === undefined) throw new BadRequest(field, 'is required');
  return value;
}

export function optionalInteger(body: Body, field: string, min: number, max: number): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new BadRequest(field, 'must be a whole number');
  if (value < min || value > max) throw new BadRequest(field, `must be between ${min} and ${max}`);
  return value;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new BadRequest(field, 'must be true or false');
  return value;
}

export function optionalChoice<T extends string>(body: Body, field: string, choices: readonly T[]): T | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value))
    throw new BadRequest(field, `must be one of ${choices.join(', ')}`);
  return value as T;
}

export function stringList(body: Body, field: string, maxItems: number, rule: StringRule): string[] {
  const value = body[field];
  if (value === undefined || value === null) throw new BadRequest(field, 'is required');
  if (!Array.isArray(value) || value.length === 0 || value.length > maxItems)
    throw new BadRequest(field, `must be a list of 1 to ${maxItems} strings`);
  return value.map((item: unknown, i) => requiredString({ [`${field}[${i}]`]: item }, `${field}[${i}]`, rule));
}
