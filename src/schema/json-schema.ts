import {
  Type,
  type SchemaOptions,
  type Static,
  type TNull,
  type TSchema,
  type TUnion,
  type TUnsafe,
} from '@sinclair/typebox';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * JSON Schema (2020-12, the dialect of OpenAPI 3.1) written with TypeBox and checked with ajv: one
 * schema is the static type, the runtime check and the published contract. TypeBox builds plain
 * JSON Schema objects; ajv is the reference validator for them, so what is enforced is exactly
 * what a client reading the published schema expects (string lengths in code points, integers
 * as `Number.isInteger`).
 */

/** One of a fixed list of strings, as `{type: string, enum}` (TypeBox's literal union would be an anyOf of consts). */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

/** The schema or null. */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/** The first problem ajv found: where (a JSON pointer) and which keyword failed. */
export interface SchemaProblem {
  readonly error: ErrorObject;
  /** e.g. "/ids/1"; "" for the value as a whole */
  readonly at: string;
  /** A short English sentence: "must be a whole number". */
  readonly message: string;
}

export type Check<T> = (value: unknown) => value is T;

export interface Compiled<T> {
  readonly check: Check<T>;
  /** undefined when the value is valid */
  readonly problem: (value: unknown) => SchemaProblem | undefined;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string; readonly parsed: unknown };

/** JSON text parsed and checked, or what is wrong with it ("not valid JSON (...)", "wrong shape: /room must be a string"); `parsed` is what JSON.parse gave, if anything. */
export function parseAs<T>(schema: Compiled<T>, text: string): Parsed<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${(err as Error).message})`, parsed: undefined };
  }
  if (schema.check(parsed)) return { ok: true, value: parsed };
  const problem = schema.problem(parsed);
  return { ok: false, problem: `wrong shape: ${problem?.at || 'the value'} ${problem?.message ?? ''}`.trim(), parsed };
}

/**
 * A compiler of checks. `coerce` converts strings to the schema's numbers and booleans in place
 * (for query strings and path parameters, which are always text); never use it for JSON bodies,
 * where "60" for an integer is a client error. Use the two shared instances below: each ajv
 * instance costs its own setup.
 */
export class SchemaChecker {
  private readonly ajv: Ajv2020;

  constructor(options: { readonly coerce?: boolean } = {}) {
    // verbose: errors carry their parent schema, which the messages below read (both bounds of a range).
    this.ajv = new Ajv2020({ coerceTypes: options.coerce === true, verbose: true, allErrors: false, strict: true });
  }

  /**
   * A check of the schema, compiled on its first use, or now with `eager`: compiling costs ~5 ms a
   * schema (~100 ms for the first, measured here). Lazy suits checks a process may never need (a
   * node that exits on a configuration error pays nothing); eager suits request checks, so no
   * client's first request pays for it. Throws on a schema ajv rejects (a programming error; every
   * route's schemas are compiled by the admin tests).
   */
  compile<S extends TSchema>(schema: S, eager = false): Compiled<Static<S>> {
    let compiled: ValidateFunction<Static<S>> | undefined = eager ? this.ajv.compile<Static<S>>(schema) : undefined;
    const validate = (value: unknown): value is Static<S> => (compiled ??= this.ajv.compile<Static<S>>(schema))(value);
    return {
      check: validate,
      problem: (value: unknown) => {
        if (validate(value)) return undefined;
        const error = compiled?.errors?.[0];
        if (error === undefined) return undefined;
        return { error, at: locate(error), message: describe(error) };
      },
    };
  }
}

/** Checks JSON as it is: bodies, stored entries, answers. */
export const jsonChecker = new SchemaChecker();
/** Checks text that stands for numbers and booleans: path and query parameters. */
export const textChecker = new SchemaChecker({ coerce: true });

/** The pointer of the value at fault, including the missing or unknown property a parent reports. */
function locate(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  const child = params.missingProperty ?? params.additionalProperty;
  return child === undefined
    ? error.instancePath
    : `${error.instancePath}/${child.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'must be a whole number',
  number: 'must be a number',
  string: 'must be a string',
  boolean: 'must be true or false',
  object: 'must be a JSON object',
  array: 'must be a list',
  null: 'must be null',
};

interface Bounds {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly properties?: Record<string, unknown>;
  readonly description?: string;
}

function describe(error: ErrorObject): string {
  const parent = (error.parentSchema ?? {}) as Bounds;
  const params = error.params as { type?: string; allowedValues?: readonly unknown[]; pattern?: string };
  switch (error.keyword) {
    case 'type':
      return TYPE_WORDS[params.type ?? ''] ?? `must be ${params.type}`;
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return `unknown field; allowed: ${Object.keys(parent.properties ?? {}).join(', ')}`;
    case 'minimum':
    case 'maximum':
      return parent.minimum !== undefined && parent.maximum !== undefined
        ? `must be between ${parent.minimum} and ${parent.maximum}`
        : `must be ${error.keyword === 'minimum' ? 'at least' : 'at most'} ${parent.minimum ?? parent.maximum}`;
    case 'minLength':
      return `must be at least ${parent.minLength} characters`;
    case 'maxLength':
      return `must be at most ${parent.maxLength} characters`;
    case 'minItems':
    case 'maxItems':
      return `must be a list of ${parent.minItems ?? 0} to ${parent.maxItems ?? 'any number of'} items`;
    case 'enum':
      return `must be one of ${(params.allowedValues ?? []).join(', ')}`;
    case 'pattern':
      return `must be ${parent.description ?? `a match of ${params.pattern}`}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}
