/**
 * Input checks shared by the construct props and the command line, so both report the same rule.
 * Each check returns `undefined` when the value is fine, or a short phrase saying what is allowed.
 */
export type Check<T> = (value: T) => string | undefined;

/** A bad option or prop. The message is one line: the option, the value and what is allowed. */
export class InvalidOptionError extends Error {
  public constructor(
    public readonly option: string,
    public readonly value: unknown,
    public readonly allowed: string,
  ) {
    super(`${option} ${JSON.stringify(value)} is invalid: ${allowed}`);
    this.name = 'InvalidOptionError';
  }
}

/** Returns `value` when `check` accepts it, and throws an {@link InvalidOptionError} otherwise. */
export function validate<T>(option: string, value: T, check: Check<T>): T {
  const allowed = check(value);
  if (allowed !== undefined) {
    throw new InvalidOptionError(option, value, allowed);
  }
  return value;
}

/** Like {@link validate}, for optional values: `undefined` passes through unchecked. */
export function validateOptional<T>(option: string, value: T | undefined, check: Check<T>): T | undefined {
  return value === undefined ? undefined : validate(option, value, check);
}

// Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation).
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** An RFC 1123 label: namespaces, most object names. */
export const dnsLabel: Check<string> = (value) =>
  value.length <= 63 && DNS1123_LABEL.test(value)
    ? undefined
    : "a DNS-1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

/** An RFC 1035 label: Service names, which must start with a letter. */
export const serviceName: Check<string> = (value) =>
  value.length <= 63 && DNS1035_LABEL.test(value)
    ? undefined
    : "a DNS-1035 label: 1 to 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit";

/** An RFC 1123 subdomain: PersistentVolume and claim names. */
export const dnsSubdomain: Check<string> = (value) =>
  value.length <= 253 && value.split('.').every((label) => DNS1123_LABEL.test(label))
    ? undefined
    : "a DNS-1123 subdomain: dot-separated lowercase labels of letters, digits or '-', 253 characters at most";

/** An Ingress host: a DNS subdomain with at least one dot allowed, optionally `*.` prefixed, never an IP. */
export const ingressHost: Check<string> = (value) => {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  return !IPV4.test(name) && dnsSubdomain(name) === undefined
    ? undefined
    : "a DNS host name such as mailpit.test: lowercase letters, digits, '-' and '.', 253 characters at most, not an IP address";
};

// The image reference grammar of github.com/distribution/reference, without the rarely used
// IPv6 registry form.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?` +
    `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*` +
    '(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?' +
    '(?:@sha256:[a-f0-9]{64})?$',
);

/** A container image reference such as `axllent/mailpit` or `docker.io/axllent/mailpit:v1.30.5`. */
export const imageReference: Check<string> = (value) =>
  value.length > 0 && IMAGE_REFERENCE.test(value)
    ? undefined
    : 'a non-empty image reference such as axllent/mailpit or axllent/mailpit:v1.30.5 (lowercase repository, optional :tag and @sha256:digest)';

/** An image reference pinned to a version tag or a digest, never `latest`. */
export const pinnedImageReference: Check<string> = (value) => {
  const tag = /:([^/:@]+)(?:@|$)/.exec(value)?.[1];
  return imageReference(value) === undefined && (value.includes('@sha256:') || (tag !== undefined && tag !== 'latest'))
    ? undefined
    : 'an image reference pinned to a version tag or digest, such as axllent/mailpit:v1.30.5 (not :latest, not untagged)';
};

// Kubernetes quantities in their plain decimal form with an optional SI or binary suffix.
const QUANTITY = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)(?:Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const QUANTITY_FACTORS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A positive Kubernetes quantity such as `10Mi`, `1Gi` or `250m`. */
export const quantity: Check<string> = (value) =>
  QUANTITY.test(value) && parseQuantity(value) > 0
    ? undefined
    : "a positive Kubernetes quantity such as 10Mi, 1Gi, 500m or 0.5 (suffixes Ki Mi Gi Ti Pi Ei m k M G T P E)";

/** A Kubernetes quantity that may be zero, as in a quota that forbids something. */
export const quantityOrZero: Check<string> = (value) =>
  QUANTITY.test(value) && parseQuantity(value) >= 0
    ? undefined
    : 'a Kubernetes quantity such as 0, 4, 2Gi or 500m (suffixes Ki Mi Gi Ti Pi Ei m k M G T P E)';

/** The numeric value of a quantity accepted by {@link quantity}. */
export function parseQuantity(value: string): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(value);
  if (!match || !(match[2] in QUANTITY_FACTORS)) {
    return Number.NaN;
  }
  return Number(match[1]) * QUANTITY_FACTORS[match[2]];
}

/** An absolute path, for hostPath volumes and mount points. */
export const absolutePath: Check<string> = (value) =>
  value.startsWith('/') && !value.split('/').includes('..')
    ? undefined
    : "an absolute path starting with '/' and without '..'";

/** A Linux user or group id that is not root. */
export const nonRootId: Check<number> = (value) =>
  Number.isInteger(value) && value >= 1 && value <= 2147483647
    ? undefined
    : 'a whole number from 1 to 2147483647 (0 is root and is not allowed here)';
