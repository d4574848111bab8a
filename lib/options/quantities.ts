import { Size } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-27';
import type { ResourceRequirements } from '../../imports/core';
import * as v from 'valibot';
import { withDataForm } from './data-forms';
import type { PropPath } from './errors';
import type { Problem } from './option';

// CPU and sizes as typed values, the way cdk8s and cdk8s-plus write them: `Size.mebibytes(64)`,
// `Cpu.millis(50)`. The command line reads them from quantities such as `64Mi` and `50m`.

/** A CPU amount. A `Cpu` of cdk8s-plus-27 is one; so is any `{ amount: '50m' }`, which this builds. */
export function cpu(amount: string): Cpu {
  return { amount } as Cpu;
}

const CPU_AMOUNT = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)m?$/;
const SIZE_TEXT = /^([0-9]+(?:\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi)$/;
const SIZE_UNITS = {
  Ki: Size.kibibytes,
  Mi: Size.mebibytes,
  Gi: Size.gibibytes,
  Ti: Size.tebibytes,
  Pi: Size.pebibyte,
} as const;

/** The largest quantity Kubernetes stores: 2^63 - 1, in bytes or in thousandths of a core. */
const KUBERNETES_MAX = 2n ** 63n - 1n;

export const CPU_TEXT_ALLOWED = 'a CPU quantity such as 50m, 0.5 or 2 (cores, or thousandths of a core with m), above 0';
export const SIZE_TEXT_ALLOWED = 'a size such as 64Mi or 1Gi: a number of at most 15 significant digits and one of Ki, Mi, Gi, Ti, Pi, above 0 and at most 8 EiB';

/** An exact decimal number: `n / 10^scale`. */
interface Decimal {
  readonly n: bigint;
  readonly scale: number;
}

/** `123`, `0.5`, `.5`, `1e21`, `1.5e-7`: the exact value of a decimal text, as JavaScript writes numbers too. */
function decimal(text: string): Decimal {
  const [, whole = '', fraction = '', exponent = '0'] = /^([0-9]*)(?:\.([0-9]*))?(?:e([-+]?[0-9]+))?$/i.exec(text) ?? [];
  const n = BigInt(`${whole}${fraction}` || '0');
  const scale = fraction.length - Number(exponent);
  return scale >= 0 ? { n, scale } : { n: n * 10n ** BigInt(-scale), scale: 0 };
}

function times(value: Decimal, factor: bigint): Decimal {
  return { n: value.n * factor, scale: value.scale };
}

/** -1, 0 or 1, exactly: no floating point between the two. */
function compare(a: Decimal, b: Decimal): number {
  const left = a.n * 10n ** BigInt(Math.max(0, b.scale - a.scale));
  const right = b.n * 10n ** BigInt(Math.max(0, a.scale - b.scale));
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Whether a decimal is above zero and at most `max`. */
function inRange(value: Decimal, max: bigint): boolean {
  return value.n > 0n && compare(value, { n: max, scale: 0 }) <= 0;
}

/** A CPU amount in thousandths of a core, exactly. */
function millicores(value: Cpu): Decimal {
  return value.amount.endsWith('m') ? decimal(value.amount.slice(0, -1)) : times(decimal(value.amount), 1000n);
}

const UNIT_BYTES: Readonly<Record<string, bigint>> = { Ki: 1024n, Mi: 1024n ** 2n, Gi: 1024n ** 3n, Ti: 1024n ** 4n, Pi: 1024n ** 5n };

/** A size in bytes, exactly, from the text cdk8s writes for it: the shortest decimal of its amount, and its unit. */
function bytes(size: Size): Decimal {
  const [, amount = '', unit = ''] = /^(.*?)(Ki|Mi|Gi|Ti|Pi)$/.exec(size.asString()) ?? [];
  return times(decimal(amount), UNIT_BYTES[unit] ?? 0n);
}

/** No quantity needs more; a longer text is refused before any pattern reads it. */
const QUANTITY_TEXT_LIMIT = 64;

/** `50m`, `0.5` or `2` from the command line. */
export function parseCpu(text: string): Cpu | undefined {
  return text.length <= QUANTITY_TEXT_LIMIT && CPU_AMOUNT.test(text) && inRange(millicores(cpu(text)), KUBERNETES_MAX) ? cpu(text) : undefined;
}

/**
 * `64Mi` or `1Gi` from the command line. A Size holds a JavaScript number, so an amount that a
 * number cannot hold exactly (more than 15 significant digits) is refused, not rounded.
 */
export function parseSize(text: string): Size | undefined {
  const match = text.length <= QUANTITY_TEXT_LIMIT ? SIZE_TEXT.exec(text) : null;
  if (!match || match[1].replace(/^0+|\.|0+$/g, '').length > 15) {
    return undefined;
  }
  const size = SIZE_UNITS[match[2] as keyof typeof SIZE_UNITS](Number(match[1]));
  return inRange(bytes(size), KUBERNETES_MAX) ? size : undefined;
}

/** A positive `Cpu`, such as `Cpu.millis(50)`. */
export const cpuValue = withDataForm(
  v.custom<Cpu>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Cpu).amount === 'string' && parseCpu((value as Cpu).amount) !== undefined,
    'a Cpu of cdk8s-plus-27 above 0, such as Cpu.millis(50) or Cpu.units(1)',
  ),
  {
    // As in a Kubernetes manifest: `cpu: 0.5` or `cpu: 500m`.
    read: (data) => (typeof data === 'string' ? parseCpu(data) : typeof data === 'number' && Number.isFinite(data) ? parseCpu(String(data)) : undefined),
    write: (value) => value.amount,
    allowed: CPU_TEXT_ALLOWED,
    jsonSchema: {
      anyOf: [
        { type: 'string', pattern: CPU_AMOUNT.source },
        { type: 'number', exclusiveMinimum: 0 },
      ],
    },
  },
);

/** A positive cdk8s `Size`, such as `Size.mebibytes(64)`, of at most 8 EiB. */
export const sizeValue = withDataForm(
  v.custom<Size>((value) => {
    if (typeof value !== 'object' || value === null || typeof (value as Size).asString !== 'function') {
      return false;
    }
    return inRange(bytes(value as Size), KUBERNETES_MAX);
  }, 'a cdk8s Size above 0 and at most 8 EiB, such as Size.mebibytes(64) or Size.gibibytes(1)'),
  {
    read: (data) => (typeof data === 'string' ? parseSize(data) : undefined),
    write: (value) => value.asString(),
    allowed: SIZE_TEXT_ALLOWED,
    jsonSchema: { type: 'string', pattern: SIZE_TEXT.source },
  },
);

/** A request and a limit; `null` for either says none, even where a default would set one. */
export interface RequestAndLimit<T> {
  readonly request?: T | null;
  readonly limit?: T | null;
}

/**
 * Requests and limits, as a cdk8s-plus container takes them (a cdk8s-plus `ContainerResources` is
 * one), and `null` wherever none is wanted: `{ cpu: { limit: null } }` sets no CPU limit, which
 * many platform teams choose (a CPU limit throttles), and `cpu: null` no CPU request or limit.
 */
export interface Resources {
  readonly cpu?: RequestAndLimit<Cpu> | null;
  readonly memory?: RequestAndLimit<Size> | null;
  readonly ephemeralStorage?: RequestAndLimit<Size> | null;
}

const requestAndLimit = <T>(item: v.GenericSchema<T>, what: string) =>
  v.nullable(v.strictObject({ request: v.optional(v.nullable(item)), limit: v.optional(v.nullable(item)) }, `an object with a ${what} request and limit, either null for none`));

/** {@link Resources}, checked. */
export const containerResources: v.GenericSchema<Resources> = v.strictObject(
  {
    cpu: v.optional(requestAndLimit(cpuValue, 'Cpu')),
    memory: v.optional(requestAndLimit(sizeValue, 'Size')),
    ephemeralStorage: v.optional(requestAndLimit(sizeValue, 'Size')),
  },
  'an object with cpu, memory and ephemeralStorage, each { request, limit } or null for none',
);

/** Resources, or `null` for no request and no limit at all. */
export const containerResourcesOrNone = v.nullable(containerResources);

/**
 * A limit below its request is refused. The value blamed is the one the caller set: the limit when
 * given, else the request that went over the default limit.
 */
export function limitsNotBelowRequests(resources: Resources | null, given: Resources | null): Problem | undefined {
  if (resources === null) {
    return undefined;
  }
  const sides = [
    ['cpu', millicores, (c: Cpu) => c.amount],
    ['memory', bytes, (s: Size) => s.asString()],
    ['ephemeralStorage', bytes, (s: Size) => s.asString()],
  ] as const;
  for (const [resource, measure, show] of sides) {
    // biome-ignore lint/suspicious/noExplicitAny: Cpu or Size, each asked for its own text below
    const { request, limit } = (resources[resource] ?? {}) as { request?: any; limit?: any };
    if (request == null || limit == null || compare(measure(limit), measure(request)) >= 0) {
      continue;
    }
    const limitGiven = (given?.[resource] as { limit?: unknown } | undefined)?.limit !== undefined;
    const at: PropPath = [resource, limitGiven ? 'limit' : 'request'];
    return limitGiven
      ? { at, value: show(limit), allowed: `at least the request, ${show(request)}` }
      : { at, value: show(request), allowed: `at most the limit, ${show(limit)} (raise the limit too)` };
  }
  return undefined;
}

/** The Kubernetes form of container resources. */
export function resourceRequirements(resources: Resources | null | undefined): ResourceRequirements | undefined {
  if (resources == null) {
    return undefined;
  }
  const side = (pick: 'request' | 'limit') => {
    const quantities: Record<string, string> = {};
    if (resources.cpu?.[pick]) quantities.cpu = resources.cpu[pick].amount;
    if (resources.memory?.[pick]) quantities.memory = resources.memory[pick].asString();
    if (resources.ephemeralStorage?.[pick]) quantities['ephemeral-storage'] = resources.ephemeralStorage[pick].asString();
    return Object.keys(quantities).length > 0 ? quantities : undefined;
  };
  return { requests: side('request'), limits: side('limit') };
}
