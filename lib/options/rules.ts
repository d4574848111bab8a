import * as v from 'valibot';
import { withDataForm } from './data-forms';

// The rules a value must follow, each a schema whose message says what is allowed. They are
// shared by every table of options, so that a rule is written once.

/** A string that passes `test`; `allowed` is the message for any other value. */
export function text(allowed: string, test: (value: string) => boolean) {
  return v.pipe(v.string(allowed), v.check(test, allowed));
}

/** A string from a fixed list. */
export function oneOf<const T extends readonly string[]>(choices: T) {
  return v.picklist(choices, `one of ${choices.join(', ')}`);
}

export const flag = v.boolean('true or false');

// Kubernetes name rules (k8s.io/apimachinery/pkg/util/validation). Every pattern below either
// runs in time linear in its input, or reads only an input whose length was checked first.
const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export const isDnsLabel = (value: string) => value.length <= 63 && DNS1123_LABEL.test(value);
export const isDnsSubdomain = (value: string) => value.length <= 253 && value.split('.').every((label) => DNS1123_LABEL.test(label));

/** An RFC 1123 label: namespaces, most object names. */
export const dnsLabel = text("a DNS-1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit", isDnsLabel);

/** An RFC 1035 label: Service names, which must start with a letter. */
export const serviceName = text(
  "a DNS-1035 label: 1 to 63 lowercase letters, digits or '-', starting with a letter and ending with a letter or digit",
  (value) => value.length <= 63 && DNS1035_LABEL.test(value),
);

/** An RFC 1123 subdomain: claim, volume, Secret and class names. */
export const dnsSubdomain = text("a DNS-1123 subdomain: dot-separated lowercase labels of letters, digits or '-', 253 characters at most", isDnsSubdomain);

/** An Ingress host: a DNS subdomain, optionally `*.` prefixed, never an IP address. */
export const isIngressHost = (value: string) => {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  return !IPV4.test(name) && isDnsSubdomain(name);
};
export const ingressHost = text("a DNS host name such as mailpit.test: lowercase letters, digits, '-' and '.', 253 characters at most, not an IP address", isIngressHost);

/** A domain under which hosts are made, such as `lab.example.org`: no wildcard, never an IP address. */
export const domainName = text(
  "a DNS domain such as lab.example.org: lowercase letters, digits, '-' and '.', 253 characters at most, no wildcard, not an IP address",
  (value) => !IPV4.test(value) && isDnsSubdomain(value),
);

// The image reference grammar of github.com/distribution/reference, without the rarely used IPv6
// registry form. Separators are required between repetitions, so matching is linear.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const IMAGE_REFERENCE = new RegExp(
  `^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::[0-9]+)?/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);
const isImageReference = (value: string) => value.length > 0 && value.length <= 4096 && IMAGE_REFERENCE.test(value);

/** A container image reference such as `axllent/mailpit` or `docker.io/axllent/mailpit:v1.30.5`. */
export const imageReference = text('a non-empty image reference such as axllent/mailpit or axllent/mailpit:v1.30.5 (lowercase repository, optional :tag and @sha256:digest)', isImageReference);

/** An image reference pinned to a version tag or a digest, never `latest`. */
export const pinnedImageReference = text('an image reference pinned to a version tag or digest, such as axllent/mailpit:v1.30.5 (not :latest, not untagged)', (value) => {
  const tag = /:([^/:@]+)(?:@|$)/.exec(value)?.[1];
  return isImageReference(value) && (value.includes('@sha256:') || (tag !== undefined && tag !== 'latest'));
});

export const imagePullPolicy = oneOf(['Always', 'IfNotPresent', 'Never']);

/** An absolute path, for hostPath volumes and NFS exports. */
export const absolutePath = text(
  "an absolute path starting with '/', without '..', 4,096 characters at most",
  (value) => value.length <= 4096 && value.startsWith('/') && !value.split('/').includes('..') && !value.includes('\0'),
);

/** A path inside a volume, as a mount's subPath: relative, and never climbing out with `..`. */
export const relativePath = text(
  "a relative path inside the volume such as mailpit/, without a leading '/' or a '..' segment, 4,096 characters at most",
  (value) => value.length > 0 && value.length <= 4096 && !value.startsWith('/') && !value.split('/').includes('..') && !value.includes('\0'),
);

/**
 * Mailpit's webroot, such as `/mail/`: the characters Mailpit accepts (axllent/mailpit v1.30.5,
 * config/config.go: `0-9 a-z A-Z / - _ . @`), without `.` or `..` segments, which a browser resolves away.
 */
export const webroot = text(
  "a URL path such as /mail/: letters, digits, '.', '@', '_', '-' and '/' only (as Mailpit accepts), no '.' or '..' segment, 1,024 characters at most",
  (value) => value.length <= 1024 && /^\/?(?:[A-Za-z0-9._@-]+(?:\/[A-Za-z0-9._@-]+)*)?\/?$/.test(value) && value.split('/').every((segment) => segment !== '.' && segment !== '..'),
);

/** A Linux user or group id that is not root. */
export const nonRootId = wholeNumberFrom(1, 'a whole number from 1 to 2147483647 (0 is root and is not allowed here)');

/** A key inside a Secret or ConfigMap. */
export const dataKey = text(
  "a Secret key: letters, digits, '-', '_' and '.', 253 characters at most",
  (value) => value.length <= 253 && /^[-._a-zA-Z0-9]+$/.test(value) && value !== '.' && value !== '..',
);

/** An environment variable name, as the API server accepts it. */
export const envName = text("an environment variable name: letters, digits, '_', '-' and '.', not starting with a digit", (value) => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(value));

/**
 * An object of the cluster as cdk8s-plus hands one round: an `ISecret`, an `IConfigMap`, an
 * `IServiceAccount`, or any cdk8s `ApiObject`. Only its name is written.
 */
export interface KubeReference {
  readonly name: string;
  readonly kind: string;
}

/** The name that a reference gives: the text itself, or the object's name. */
export function nameOf(reference: string | KubeReference): string {
  return typeof reference === 'string' ? reference : reference.name;
}

const DNS_SUBDOMAIN_TEXT = "a DNS-1123 subdomain: dot-separated lowercase labels of letters, digits or '-', 253 characters at most";

/**
 * An existing object of one kind, by name or as a cdk8s-plus object (`Secret.fromSecretName(...)`,
 * a `kplus.Secret`, an `ApiObject`); in a values file and on the command line, its name.
 */
export function reference(kind: 'Secret' | 'ConfigMap' | 'ServiceAccount') {
  const isObject = (value: unknown): value is KubeReference =>
    typeof value === 'object' && value !== null && (value as KubeReference).kind === kind && typeof (value as KubeReference).name === 'string' && isDnsSubdomain((value as KubeReference).name);
  // One schema, not a union, so that its JSON Schema is its data form's alone.
  const schema = v.custom<string | KubeReference>(
    (value) => (typeof value === 'string' && isDnsSubdomain(value)) || isObject(value),
    `the name of a ${kind} (${DNS_SUBDOMAIN_TEXT}), or a cdk8s-plus I${kind} or ApiObject of kind ${kind}`,
  );
  return withDataForm(schema, {
    read: (data) => (typeof data === 'string' && isDnsSubdomain(data) ? data : undefined),
    write: nameOf,
    allowed: DNS_SUBDOMAIN_TEXT,
    jsonSchema: { type: 'string', description: DNS_SUBDOMAIN_TEXT },
  });
}

/** A key in an existing Secret. */
export const secretKeySelector = v.strictObject(
  { name: reference('Secret'), key: dataKey },
  'an object { name, key } naming an existing Secret (or giving a cdk8s-plus ISecret as name) and a key in it',
);

/** Where a value is not JSON data, and why: a path into it, or undefined when it is. */
function notJson(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown } | undefined {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') {
    return undefined;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : { path, value };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = notJson(value[i], [...path, i]);
      if (bad) return bad;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return { path, value };
    }
    for (const [key, item] of Object.entries(value)) {
      const bad = notJson(item, [...path, key]);
      if (bad) return bad;
    }
    return undefined;
  }
  return { path, value };
}

/**
 * A Kubernetes object of a type that kubernetes-types declares (a SecurityContext, a Container):
 * TypeScript checks its fields; at run time it must be an object of JSON data, written as given.
 */
export function kubernetesObject<T>(what: string) {
  const allowed = `a Kubernetes ${what} object of JSON data: strings, finite numbers, booleans, lists and objects`;
  const schema = v.pipe(
    v.custom<T>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), allowed),
    v.rawCheck(({ dataset, addIssue }) => {
      const bad = dataset.typed ? notJson(dataset.value) : undefined;
      if (bad) {
        addIssue({
          message: allowed,
          input: bad.value,
          path: bad.path.map((key) => ({ type: 'object', origin: 'value', input: dataset.value, key, value: bad.value })) as never,
        });
      }
    }),
  );
  // In a values file it is written as in a manifest; its JSON Schema is the Kubernetes type's.
  return withDataForm(schema, { read: (data) => data as T, write: (value) => value, allowed, jsonSchema: { type: 'object', description: `a Kubernetes ${what}` } });
}

// Labels and annotations (k8s.io/apimachinery/pkg/util/validation: IsQualifiedName, IsValidLabelValue).
const QUALIFIED_NAME = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const isQualifiedName = (value: string) => {
  const slash = value.indexOf('/');
  const [prefix, name] = slash === -1 ? [undefined, value] : [value.slice(0, slash), value.slice(slash + 1)];
  return (prefix === undefined || (prefix !== '' && isDnsSubdomain(prefix))) && name.length <= 63 && QUALIFIED_NAME.test(name);
};
const qualifiedName = text("a label or annotation key: an optional DNS prefix and '/', then 1 to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", isQualifiedName);

/** Annotations: qualified keys, any text. */
export const annotations = v.record(qualifiedName, v.string('a string value'), 'an object of annotations: { "key": "value" }');

/** Labels: qualified keys, values of at most 63 letters, digits, '-', '_' or '.'. */
export const labels = v.record(
  qualifiedName,
  text("a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", (value) => value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value))),
  'an object of labels: { "key": "value" }',
);

const IPV4_ADDRESS = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const isIpv6 = (value: string) => value.length <= 45 && /^[0-9a-fA-F:.]+$/.test(value) && value.includes(':') && (value.match(/::/g) ?? []).length <= 1;
const isIp = (value: string) => IPV4_ADDRESS.test(value) || isIpv6(value);

/** An IPv4 or IPv6 address. */
export const ipAddress = text('an IPv4 or IPv6 address such as 203.0.113.10', isIp);

/** An IPv4 or IPv6 network in CIDR notation. */
export const cidr = text('an IPv4 or IPv6 network in CIDR notation, such as 10.0.0.0/8', (value) => {
  const [address = '', bits = '', ...rest] = value.split('/');
  const max = address.includes(':') ? 128 : 32;
  return rest.length === 0 && isIp(address) && /^\d{1,3}$/.test(bits) && Number(bits) <= max;
});

/** A whole number from `min` to `max`; the actions used here also make its JSON Schema. */
export function wholeNumberFrom(min: number, allowed: string, max = 2147483647) {
  return v.pipe(v.number(allowed), v.integer(allowed), v.minValue(min, allowed), v.maxValue(max, allowed));
}

/** A TCP port number. */
export const port = wholeNumberFrom(1, 'a port number from 1 to 65535', 65535);

/** A whole number from `min`, at most 2^31 - 1 as Kubernetes stores them. */
export const wholeNumber = (min: number) => wholeNumberFrom(min, `a whole number from ${min} to 2147483647`);

/** A list of values that each follow `item`. */
export const listOf = <T extends v.GenericSchema>(item: T, what: string) => v.array(item, `a list of ${what}`);
