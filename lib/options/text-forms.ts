import type { Size } from 'cdk8s';
import type { Cpu } from 'cdk8s-plus-27';
import type { NetworkPolicyPeer } from '../../imports/networking';
import { CPU_TEXT_ALLOWED, parseCpu, parseSize, SIZE_TEXT_ALLOWED } from './quantities';

// Typed values read from the text typed after a flag: `--cpu-limit none`, `--pod-label a=b`. Each
// parser returns the value, which the option's rules then check, or throws FlagValueError saying
// what text it reads. The option tables hold these parsers, so they load with the constructs:
// they live here, not in lib/cli, which importing the package must never load.

/** Thrown by a flag's parser: the flag's text is not a value. */
export class FlagValueError extends Error {
  public constructor(public readonly allowed: string) {
    super(allowed);
    this.name = 'FlagValueError';
  }
}

/** A parser from `convert`, which returns undefined for text it cannot read. */
export function parser<T>(convert: (text: string) => T | undefined, allowed: string): (text: string) => T {
  return (text) => {
    const value = convert(text);
    if (value === undefined) {
      throw new FlagValueError(allowed);
    }
    return value;
  };
}

/** A whole number typed in a flag; the rule of its option then says which ones it takes. */
export const wholeNumberText = parser((text) => (/^-?[0-9]+$/.test(text) ? Number(text) : undefined), 'a whole number');

/** A port number, for a flag whose value is optional (`--metrics [port]`). */
export const portText = parser((text) => (/^[0-9]{1,5}$/.test(text) ? Number(text) : undefined), 'a port number');

/** `none` typed for a flag whose default is a quantity: no request or limit at all. */
export function noneOr<T>(parse: (text: string) => T): (text: string) => T | null {
  return (text) => (text === 'none' ? null : parse(text));
}

/** A CPU request or limit: `50m`, `0.5`, or `none`. */
export const cpuOrNoneText: (text: string) => Cpu | null = noneOr(parser(parseCpu, `${CPU_TEXT_ALLOWED}, or none`));

/** A size: `64Mi`, `1Gi`. */
export const sizeText: (text: string) => Size = parser(parseSize, SIZE_TEXT_ALLOWED);

/** A memory request or limit: `64Mi`, or `none`. */
export const sizeOrNoneText: (text: string) => Size | null = noneOr(parser(parseSize, `${SIZE_TEXT_ALLOWED}, or none`));

/** `a,b, c`: a list of ids, blanks dropped. */
export const commaList = (text: string) =>
  text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/** A repeatable flag: each adds one item to the list. */
export const repeatable = (text: string, previous: string[] = []) => [...previous, text];

/** `KEY=VALUE`, repeatable: each adds one entry to the object; `what` says what an entry is. */
export const keyValue =
  (what: string) =>
  (text: string, previous: Record<string, string> = {}) => {
    const at = text.indexOf('=');
    if (at <= 0) {
      throw new FlagValueError(`KEY=VALUE: ${what}`);
    }
    return { ...previous, [text.slice(0, at)]: text.slice(at + 1) };
  };

/** `NAME` or `NAME:KEY` of an existing Secret. */
export const secretKey = (defaultKey: string) => (text: string) => {
  const [name, key = defaultKey, ...rest] = text.split(':');
  if (name === '' || key === '' || rest.length > 0) {
    throw new FlagValueError(`NAME or NAME:KEY of an existing Secret (KEY defaults to ${defaultKey})`);
  }
  return { name, key };
};

/** A namespace whose pods a NetworkPolicy admits, repeatable. */
export const namespacePeer = (text: string, previous: NetworkPolicyPeer[] = []): NetworkPolicyPeer[] => [...previous, { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': text } } }];

/** `[NAMESPACE/]NAME[:SECTION]` of a Gateway, repeatable: an HTTPRoute's parentRefs. */
export const gatewayRef = (text: string, previous: { name: string; namespace?: string; sectionName?: string }[] = []) => {
  const match = /^(?:([^/:]+)\/)?([^/:]+)(?::([^/:]+))?$/.exec(text);
  if (!match) {
    throw new FlagValueError('[NAMESPACE/]NAME[:SECTION] of a Gateway');
  }
  const [, namespace, name, sectionName] = match;
  return [...previous, { name, ...(namespace ? { namespace } : {}), ...(sectionName ? { sectionName } : {}) }];
};
