import * as v from 'valibot';
import type { Flag } from '../cli/flag';
import { notPlainObject } from './data-forms';
import { secretContent, secretContentRefusal } from './secret-content';
import { didYouMean, HIDDEN, InvalidOptionError, optionName, type PropPath, ValueKind } from './errors';
import { isPlainObject, mergeDefaults, plainCopy } from './plain-data';

// An option is a prop of a construct, declared once with everything that derives from it: its type
// and rules (a valibot schema whose messages say what is allowed), its default, its help text and
// the flags that set it. Constructs resolve their props through a table of options; the command
// line builds its flags from the same tables.

/** A check across the fields of a value. `at` locates the field to blame, inside the value. */
export interface Problem {
  readonly at: PropPath;
  readonly value: unknown;
  readonly allowed: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds options of every value type
export interface Option<T = any> {
  /** The type and the rules of the value. Every message says what is allowed. */
  readonly value: v.GenericSchema<T>;
  /** What the option does, on one line. */
  readonly help: string;
  /** The prop must be given. */
  readonly required?: boolean;
  /** The value when none is given. Plain objects are merged field by field with what is given. */
  readonly default?: T;
  /** How the default reads in help and docs, when it is not a plain value. */
  readonly defaultText?: string;
  /** The value is never shown, not even in an error (a password). */
  readonly secret?: boolean;
  /** A rule across the fields of the resolved value; `given` is what the caller set. */
  readonly refine?: (value: T, given: T) => Problem | undefined;
  /** The command-line flags that set it. */
  readonly flags?: readonly Flag[];
}

export type OptionTable = { readonly [key: string]: Option };

/** The type of an option's value. */
export type ValueOf<O> = O extends { readonly value: infer S extends v.GenericSchema } ? v.InferOutput<S> : never;

type RequiredKey<T extends OptionTable> = { [K in keyof T]: T[K] extends { readonly required: true } ? K : never }[keyof T];

/** Props as callers write them: every option optional but the required ones. */
export type PropsOf<T extends OptionTable> = { readonly [K in Exclude<keyof T, RequiredKey<T>>]?: ValueOf<T[K]> } & {
  readonly [K in RequiredKey<T>]: ValueOf<T[K]>;
};

/** Props after {@link resolveProps}: defaults applied. */
export type ResolvedOf<T extends OptionTable> = {
  readonly [K in keyof T]: T[K] extends { readonly default: unknown } | { readonly required: true } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

/** The first problem of `value` under `schema`, at its path inside the value, or undefined. */
export function problemOf(schema: v.GenericSchema, value: unknown): Problem | undefined {
  const parsed = v.safeParse(schema, value, { abortEarly: true });
  if (parsed.success) {
    return undefined;
  }
  const issue = parsed.issues[0];
  const path = issue.path ?? [];
  // As resolveProps does: an unknown key shows what kind of value it holds, never the value.
  const unknownKey = issue.type === 'strict_object' && issue.expected === 'never' && path.length > 0;
  const shown = unknownKey ? new ValueKind(path[path.length - 1].value) : issue.input;
  return { at: path.map((item) => item.key as string | number), value: shown, allowed: issue.message };
}

/** Declares an option, keeping its literal type so that tables can be filtered by their fields. */
export function option<const O extends Option>(spec: O & Option<v.InferOutput<O['value']>>): O {
  return spec;
}

/** How the props of one construct are resolved. */
export interface ResolveContext {
  /** The name of the props the caller gave, which errors start with: `MailpitHardenedProps`. */
  readonly root: string;
  /** Why a key that is not in the table is refused. */
  readonly unknown?: (key: string) => string;
  /** Where these props sit in what the caller gave (`['stageProps']`), prefixed to every error path. */
  readonly at?: PropPath;
  /** A rule across options, run on the resolved props and those given; `at` starts with the option to blame. */
  // biome-ignore lint/suspicious/noExplicitAny: a rule reads the resolved props of its own table
  readonly refine?: (resolved: any, given: Record<string, unknown>) => Problem | undefined;
}

/**
 * Checks props against a table and applies the defaults: one error for the first problem, naming
 * the prop. Keys the table does not know are refused, never dropped; `undefined` means not given.
 */
export function resolveProps<T extends OptionTable>(table: T, props: unknown, context: ResolveContext): ResolvedOf<T> {
  const at = context.at ?? [];
  const name = (path: PropPath) => optionName(context.root, path);
  const fail = (path: PropPath, value: unknown, allowed: string, secret = false): never => {
    const full = [...at, ...path];
    throw new InvalidOptionError(name(full), secret ? HIDDEN : value, allowed, full, name);
  };
  if (props === undefined) {
    props = {};
  }
  if (!isPlainObject(props)) {
    return fail([], props, 'an object of props');
  }
  for (const [key, value] of Object.entries(props)) {
    if (value !== undefined && !Object.hasOwn(table, key)) {
      fail([key], new ValueKind(value), context.unknown?.(key) ?? `not a prop here${didYouMean(key, Object.keys(table))}; the props are ${Object.keys(table).join(', ')}`);
    }
  }
  const resolved: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    const given = props[key];
    if (given === undefined) {
      if (spec.required) {
        fail([key], given, `required: ${spec.help}`);
      }
      resolved[key] = spec.default;
      continue;
    }
    // First, so that no later message can echo the secret.
    const secret = secretContent(given);
    if (secret) {
      fail([key, ...secret.path], HIDDEN, secretContentRefusal(secret.what), true);
    }
    const notPlain = notPlainObject(spec.value, given);
    if (notPlain) {
      fail([key, ...notPlain.path], notPlain.value, notPlain.allowed, spec.secret);
    }
    const parsed = v.safeParse(spec.value, given, { abortEarly: true });
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue.path ?? [];
      // An unknown key shows what kind of value it holds, never the value; a key that breaks a
      // rule shows the key.
      const unknownKey = issue.type === 'strict_object' && issue.expected === 'never' && path.length > 0;
      const value = unknownKey ? new ValueKind(path[path.length - 1].value) : issue.input;
      fail([key, ...path.map((item) => item.key as string | number)], value, issue.message, spec.secret);
    }
    const value = isPlainObject(spec.default) ? mergeDefaults(spec.default, plainCopy(given)) : plainCopy(given);
    const problem = spec.refine?.(value, given);
    if (problem) {
      fail([key, ...problem.at], problem.value, problem.allowed, spec.secret);
    }
    resolved[key] = value;
  }
  const problem = context.refine?.(resolved, props);
  if (problem) {
    fail(problem.at, problem.value, problem.allowed);
  }
  return resolved as ResolvedOf<T>;
}

/** Where a caller's props are, for errors: `MailpitHardenedProps`, or `ClassroomProps` at `['stageProps']`. */
export interface PropsNaming {
  readonly root: string;
  readonly at?: PropPath;
}

/**
 * Where a part's prop came from in its caller's props: the caller's path, or undefined for what
 * the caller did not set (the error then keeps the part's own name).
 */
export type PathMap = (path: PropPath) => PropPath | undefined;

/**
 * Builds a part of a construct (a building block, a stage of a class) from its caller's props, so
 * that an error of the part names the prop as the caller wrote it: `MailpitPvcProps.storage.reserveForClaim`,
 * not `LabPersistentVolumeProps.reserveForClaim`.
 */
export function partOf<T>(caller: PropsNaming, map: PathMap, build: () => T): T {
  try {
    return build();
  } catch (error) {
    // An error of no prop (two objects of one name) is the same for the caller.
    const at = error instanceof InvalidOptionError && error.path.length > 0 ? map(error.path) : undefined;
    if (error instanceof InvalidOptionError && at !== undefined) {
      const prefix = caller.at ?? [];
      const full = (path: PropPath): PropPath => [...prefix, ...(map(path) ?? path)];
      throw error.relocated(full, (path) => optionName(caller.root, path));
    }
    throw error;
  }
}

/**
 * The usual {@link PathMap}: a part's prop is the caller's prop of the same name, when the caller
 * gave it, or the one `renamed` gives for it: `{ maildirSubPath: ['storageSubPath'] }`, or for a
 * part of it, `{ 'settings.MP_TENANT_ID': ['tenantId'] }`.
 */
export function sameKeys(given: unknown, renamed: Readonly<Record<string, PropPath>> = {}): PathMap {
  return (path) => {
    if (path.length === 0) {
      return undefined;
    }
    const depth = [...path.keys()].reverse().find((i) => Object.hasOwn(renamed, path.slice(0, i + 1).join('.')));
    const [from, rest] = depth === undefined ? [[path[0]], path.slice(1)] : [renamed[path.slice(0, depth + 1).join('.')], path.slice(depth + 1)];
    const value = from.reduce<unknown>((node, part) => (isPlainObject(node) ? node[part as string] : undefined), given);
    return value === undefined ? undefined : [...from, ...rest];
  };
}

/**
 * A schema for props of a nested construct, such as the `storage` of a stage: each option optional,
 * unknown keys refused. The nested construct applies its own defaults.
 */
export function propsSchema<T extends OptionTable>(table: T, allowed: string): v.GenericSchema<PropsOf<T>> {
  const entries = Object.fromEntries(Object.entries(table).map(([key, spec]) => [key, v.optional(spec.value)]));
  return v.strictObject(entries, allowed) as unknown as v.GenericSchema<PropsOf<T>>;
}
