import type * as v from 'valibot';
import type { PropPath } from './errors';
import { isPlainObject } from './plain-data';

// How a typed value (a cdk8s Size, a Cpu, a Duration, a Kubernetes object) is written as plain
// data: in a values file, and in its JSON Schema. The form is attached to the value's schema, so
// that every option that uses the schema reads and writes the same data.

/** The data form of the values of one schema. */
export interface DataForm<T = unknown> {
  /** The value that `data` stands for; undefined for data that stands for none. */
  readonly read: (data: unknown) => T | undefined;
  /** The data that stands for `value`. */
  readonly write: (value: T) => unknown;
  /** What the data may be, for errors and for the JSON Schema. */
  readonly allowed: string;
  /** The JSON Schema of the data. */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
}

// biome-ignore lint/suspicious/noExplicitAny: one registry for the forms of every value type
const FORMS = new WeakMap<object, DataForm<any>>();

/** Gives the values of `schema` a data form; returns the schema. */
export function withDataForm<S extends v.GenericSchema>(schema: S, form: DataForm<v.InferOutput<S>>): S {
  FORMS.set(schema, form);
  // A pipe is converted to JSON Schema from its first schema: that one carries the form too.
  const first = (schema as { pipe?: readonly object[] }).pipe?.[0];
  if (first) {
    FORMS.set(first, form);
  }
  return schema;
}

/** The data form of a schema's values, when they are typed values. */
export function dataFormOf(schema: object): DataForm | undefined {
  return FORMS.get(schema);
}

/** Data that stands for no value of its form: where it is, what it is, and what is allowed. */
export class DataFormError extends Error {
  public constructor(
    public readonly path: PropPath,
    public readonly data: unknown,
    public readonly allowed: string,
  ) {
    super(allowed);
    this.name = 'DataFormError';
  }
}

type Walkable = v.GenericSchema & {
  readonly wrapped?: Walkable;
  readonly entries?: Record<string, Walkable>;
  readonly item?: Walkable;
  readonly value?: Walkable;
};

/** Runs `leaf` on every value of `data` whose schema has a data form, and rebuilds the rest as is. */
function walk(schema: Walkable, data: unknown, path: PropPath, leaf: (form: DataForm, data: unknown, path: PropPath) => unknown): unknown {
  const form = FORMS.get(schema);
  if (form) {
    return leaf(form, data, path);
  }
  switch (schema.type) {
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
      return data === undefined || data === null ? data : walk(schema.wrapped!, data, path, leaf);
    case 'object':
    case 'strict_object':
    case 'loose_object':
      return isPlainObject(data)
        ? Object.fromEntries(Object.entries(data).map(([key, item]) => [key, Object.hasOwn(schema.entries!, key) ? walk(schema.entries![key], item, [...path, key], leaf) : item]))
        : data;
    case 'record':
      return isPlainObject(data) ? Object.fromEntries(Object.entries(data).map(([key, item]) => [key, walk(schema.value!, item, [...path, key], leaf)])) : data;
    case 'array':
      return Array.isArray(data) ? data.map((item, i) => walk(schema.item!, item, [...path, i], leaf)) : data;
    default:
      return data;
  }
}

/**
 * The value that plain data stands for, under `schema`: quantities such as `64Mi` become typed
 * values; anything else is left for the schema to judge. Throws {@link DataFormError}.
 */
export function fromData(schema: v.GenericSchema, data: unknown, path: PropPath = []): unknown {
  return walk(schema as Walkable, data, path, (form, item, at) => {
    const value = form.read(item);
    if (value === undefined) {
      throw new DataFormError(at, item, form.allowed);
    }
    return value;
  });
}

/** The plain data that a value stands as, under `schema`: the inverse of {@link fromData}. */
export function toData(schema: v.GenericSchema, value: unknown): unknown {
  return walk(schema as Walkable, value, [], (form, item) => form.write(item));
}

/**
 * Where a list, or an object of a class (a Set, a Map, a Date), stands for a plain object, and what
 * the object's schema allows there. Valibot takes any of them for an object or a record (all are
 * objects to JavaScript): `annotations: ['x']` would become the annotation `0: x`, and a Set would
 * pass as an empty object, dropping what it holds.
 */
export function notPlainObject(schema: v.GenericSchema, data: unknown, path: PropPath = []): { path: PropPath; value: unknown; allowed: string } | undefined {
  const s = schema as Walkable & { readonly message?: unknown };
  if (FORMS.has(s) || data === undefined || data === null) {
    return undefined;
  }
  switch (s.type) {
    case 'optional':
    case 'exact_optional':
    case 'nullable':
    case 'nullish':
      return notPlainObject(s.wrapped!, data, path);
    case 'object':
    case 'strict_object':
    case 'loose_object':
    case 'record':
      if (typeof data === 'object' && !isPlainObject(data)) {
        return { path, value: data, allowed: typeof s.message === 'string' ? s.message : 'an object' };
      }
      if (!isPlainObject(data)) {
        return undefined; // not an object at all: the schema says what is allowed
      }
      for (const [key, item] of Object.entries(data)) {
        const inner = s.type === 'record' ? s.value : Object.hasOwn(s.entries!, key) ? s.entries![key] : undefined;
        const found = inner && notPlainObject(inner, item, [...path, key]);
        if (found) {
          return found;
        }
      }
      return undefined;
    case 'array':
      if (Array.isArray(data)) {
        for (let i = 0; i < data.length; i++) {
          const found = notPlainObject(s.item!, data[i], [...path, i]);
          if (found) {
            return found;
          }
        }
      }
      return undefined;
    default:
      return undefined;
  }
}
