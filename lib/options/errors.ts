/** Where a value sits inside a props object: `['resources', 'cpu', 'limit']`, `['students', 3]`. */
export type PropPath = readonly (string | number)[];

/** Shown instead of a value that must never be printed, such as a password. */
export const HIDDEN = '<hidden>';

// What secret content looks like: a private key, an htpasswd entry (user:hash, with the hashes
// htpasswd writes: bcrypt, Apache MD5, SHA-1, SHA-256/512 crypt), credentials in a URL. A match
// starts only where a word starts, and each run stops at a character it excludes or, for a key,
// at its END line or the end of the text, where the next search resumes: each pattern is linear
// in the text.
const SECRET_CONTENT = [
  { what: 'a private key', pattern: /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY-----|$)/g, shown: HIDDEN },
  { what: 'an htpasswd entry', pattern: /(?<![^:\s"'\\])[^:\s"'\\]+:(?:\$2[aby]?\$[0-9]{2}\$|\$apr1\$|\{SHA\}|\$[56]\$)[^\s"]*/g, shown: HIDDEN },
  { what: 'credentials in a URL', pattern: /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,31}:\/\/)[^/\s:@]+:[^/\s@]+@/gi, shown: `$1${HIDDEN}@` },
] as const;

/** What kind of secret content a text holds, if any. */
export function secretContentIn(text: string): string | undefined {
  return SECRET_CONTENT.find(({ pattern }) => {
    pattern.lastIndex = 0;
    return pattern.test(text);
  })?.what;
}

/** The text with any secret content it holds replaced, so that no message ever shows a secret. */
export function redactSecrets(text: string): string {
  return SECRET_CONTENT.reduce((out, { pattern, shown }) => out.replace(pattern, shown), text);
}

/** Shown instead of a value whose meaning is unknown: a prop nobody declared may hold a secret. */
export class ValueKind {
  public constructor(public readonly value: unknown) {}

  public toString(): string {
    const value = this.value;
    const kind = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    return `(${kind})`;
  }
}

/**
 * A bad option or prop. The message is one line: the option, the value and what is allowed.
 * `path` locates the value inside the props object that was given, so that the command line can
 * name the flag that set it.
 */
export class InvalidOptionError extends Error {
  public readonly allowed: string;

  public constructor(
    /** The option as the reader knows it: `MailpitHardenedProps.runAsUser`, or `--run-as-user`. */
    public readonly option: string,
    public readonly value: unknown,
    /** What is allowed instead; a function when it names other props, see {@link withNames}. */
    allowed: string | ((name: Namer) => string),
    public readonly path: PropPath = [],
    /** How `allowed` names the props it mentions. */
    namer: Namer = (p) => formatPath(p),
  ) {
    const text = typeof allowed === 'string' ? allowed : allowed(namer);
    super(redactSecrets(`${option} ${showValue(value)} is invalid: ${text}`));
    this.name = 'InvalidOptionError';
    this.allowed = text;
    this.allowedWith = typeof allowed === 'string' ? () => allowed : allowed;
  }

  private readonly allowedWith: (name: Namer) => string;

  /**
   * The same error, with props named another way (the command line names them after its flags),
   * and the value shown as the reader wrote it.
   */
  public withNames(name: Namer, value: unknown = this.value): InvalidOptionError {
    return new InvalidOptionError(name(this.path), value, this.allowedWith, this.path, name);
  }

  /**
   * The same error, as the caller of an enclosing construct wrote it: every path (its own, and those
   * its message names) mapped into the caller's props, and named the caller's way.
   */
  public relocated(map: (path: PropPath) => PropPath, name: Namer): InvalidOptionError {
    const allowedWith = this.allowedWith;
    return new InvalidOptionError(name(map(this.path)), this.value, (n) => allowedWith((p) => n(map(p))), map(this.path), name);
  }
}

/** How props are called in messages: `MailpitHardenedProps.runAsUser`, `--run-as-user`, `--roster a.txt:3`. */
export type Namer = (path: PropPath) => string;

/** `resources.cpu.limit`, `students[3]`, `env["A B"]`. */
export function formatPath(path: PropPath): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number') {
        return `[${key}]`;
      }
      return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${oneLine(JSON.stringify(key))}]`;
    })
    .join('');
}

/** The option's name for a value at `path` under `root`: `MailpitHardenedProps.resources.cpu.limit`. */
export function optionName(root: string, path: PropPath): string {
  const rest = formatPath(path);
  return rest === '' ? root : rest.startsWith('[') ? `${root}${rest}` : `${root}.${rest}`;
}

/** A value on one line: JSON for plain data, the quantity for typed values. */
export function showValue(value: unknown): string {
  if (value === HIDDEN) {
    return `"${HIDDEN}"`;
  }
  if (value instanceof ValueKind) {
    return value.toString();
  }
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'bigint':
      return `${value}n`;
    case 'function':
    case 'symbol':
      return `a ${typeof value}`;
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : String(value);
  }
  const builtIn = builtInClassOf(value);
  if (builtIn) {
    return `(a ${builtIn})`; // JSON would show a Set or a Map as {}
  }
  try {
    return oneLine(JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : (typedValueText(v) ?? v))) ?? String(value));
  } catch {
    return 'an object that cannot be shown';
  }
}

/** The name of a JavaScript built-in class the value is an instance of, such as Set or Map. */
function builtInClassOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const name: unknown = Object.getPrototypeOf(value)?.constructor?.name;
  const builtIns = ['Set', 'Map', 'WeakSet', 'WeakMap', 'Date', 'RegExp', 'Number', 'String', 'Boolean', 'Promise', 'ArrayBuffer'];
  return typeof name === 'string' && (builtIns.includes(name) || ArrayBuffer.isView(value)) ? name : undefined;
}

/** The text of a cdk8s `Size`, which reads as its quantity. */
function typedValueText(value: unknown): string | undefined {
  const size = value as { asString?: () => string } | null;
  return typeof value === 'object' && typeof size?.asString === 'function' ? String(size.asString()) : undefined;
}

/** JSON escapes newlines, but not the Unicode line and paragraph separators. */
function oneLine(text: string): string {
  return text.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** ` (did you mean maxMessages?)` for a misspelt key, or nothing when no known key is near. */
export function didYouMean(key: string, known: readonly string[]): string {
  if (known.length === 0) {
    return '';
  }
  // Loaded on a misspelt prop only: every cdk8s app that imports the constructs pays for what loads.
  const { closest, distance } = require('fastest-levenshtein') as typeof import('fastest-levenshtein');
  const near = closest(key, [...known]);
  // Close means a slip of a few keys, or a different case: not any short word.
  const close = distance(key.toLowerCase(), near.toLowerCase()) <= Math.max(1, Math.min(3, Math.floor(near.length / 4)));
  return close ? ` (did you mean ${near}?)` : '';
}
