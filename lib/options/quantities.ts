import { Size, SizeRoundingBehavior } from 'cdk8s';
import type { ContainerResources, Cpu } from 'cdk8s-plus-27';
import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import * as v from 'valibot';
import { PropPath } from './errors';
import { Problem } from './option';

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

export const CPU_TEXT_ALLOWED = 'a CPU quantity such as 50m, 0.5 or 2 (cores, or thousandths of a core with m), above 0';
export const SIZE_TEXT_ALLOWED = 'a size such as 64Mi or 1Gi: a number and one of Ki, Mi, Gi, Ti, Pi, above 0';

/** `50m`, `0.5` or `2` from the command line. */
export function parseCpu(text: string): Cpu | undefined {
  return CPU_AMOUNT.test(text) && millicores(text) > 0 ? cpu(text) : undefined;
}

/** `64Mi` or `1Gi` from the command line. */
export function parseSize(text: string): Size | undefined {
  const match = SIZE_TEXT.exec(text);
  const size = match ? SIZE_UNITS[match[2] as keyof typeof SIZE_UNITS](Number(match[1])) : undefined;
  return size && kibibytes(size) > 0 ? size : undefined;
}

/** A CPU amount in thousandths of a core. */
export function millicores(value: Cpu): number;
export function millicores(text: string): number;
export function millicores(value: Cpu | string): number {
  const amount = typeof value === 'string' ? value : value.amount;
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
}

export function kibibytes(size: Size): number {
  return size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
}

/** A positive `Cpu`, such as `Cpu.millis(50)`. */
export const cpuValue = v.custom<Cpu>(
  (value) =>
    typeof value === 'object' && value !== null && typeof (value as Cpu).amount === 'string' &&
    CPU_AMOUNT.test((value as Cpu).amount) && millicores(value as Cpu) > 0,
  'a Cpu of cdk8s-plus-27 above 0, such as Cpu.millis(50) or Cpu.units(1)',
);

/** A positive cdk8s `Size`, such as `Size.mebibytes(64)`. */
export const sizeValue = v.custom<Size>(
  (value) => {
    if (typeof value !== 'object' || value === null || typeof (value as Size).toKibibytes !== 'function') {
      return false;
    }
    const amount = kibibytes(value as Size);
    return Number.isFinite(amount) && amount > 0;
  },
  'a cdk8s Size above 0, such as Size.mebibytes(64) or Size.gibibytes(1)',
);

const requestAndLimit = <T>(item: v.GenericSchema<T>, what: string) =>
  v.strictObject({ request: v.optional(item), limit: v.optional(item) }, `an object with a ${what} request and limit`);

/** Requests and limits, as a cdk8s-plus container takes them. */
export const containerResources: v.GenericSchema<ContainerResources> = v.strictObject(
  {
    cpu: v.optional(requestAndLimit(cpuValue, 'Cpu')),
    memory: v.optional(requestAndLimit(sizeValue, 'Size')),
    ephemeralStorage: v.optional(requestAndLimit(sizeValue, 'Size')),
  },
  'an object with cpu, memory and ephemeralStorage, each { request, limit }',
);

/**
 * A limit below its request is refused. The value blamed is the one the caller set: the limit when
 * given, else the request that went over the default limit.
 */
export function limitsNotBelowRequests(resources: ContainerResources, given: ContainerResources): Problem | undefined {
  const sides = [
    ['cpu', (c: Cpu) => millicores(c), (c: Cpu) => c.amount],
    ['memory', kibibytes, (s: Size) => s.asString()],
    ['ephemeralStorage', kibibytes, (s: Size) => s.asString()],
  ] as const;
  for (const [resource, measure, show] of sides) {
    const { request, limit } = (resources[resource] ?? {}) as { request?: any; limit?: any };
    if (request === undefined || limit === undefined || measure(limit) >= measure(request)) {
      continue;
    }
    const limitGiven = (given[resource] as { limit?: unknown } | undefined)?.limit !== undefined;
    const at: PropPath = [resource, limitGiven ? 'limit' : 'request'];
    return limitGiven
      ? { at, value: show(limit), allowed: `at least the request, ${show(request)}` }
      : { at, value: show(request), allowed: `at most the limit, ${show(limit)} (raise the limit too)` };
  }
  return undefined;
}

/** The Kubernetes form of container resources. */
export function resourceRequirements(resources: ContainerResources | undefined): ResourceRequirements | undefined {
  if (resources === undefined) {
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
