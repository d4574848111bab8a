// Plain data: objects of the usual prototype (or none), as props, values files and manifests are
// made of. No imports, so that every module of lib/options can use it without a cycle.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of the lists and plain objects in a value, each object with the usual prototype; typed
 * values such as a `Size` are kept. An object without a prototype is plain data to a caller, but
 * cdk8s fails on one when it writes it; and a caller's later change does not reach the construct.
 */
export function plainCopy(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(plainCopy);
  }
  return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainCopy(item)])) : value;
}

/** `given` over `defaults`, plain objects field by field; anything else replaces the default whole. */
export function mergeDefaults(defaults: unknown, given: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(given)) {
    return given === undefined ? defaults : given;
  }
  const merged: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(given)) {
    merged[key] = mergeDefaults(defaults[key], value);
  }
  return merged;
}
