import { type PropPath, secretContentIn } from './errors';
import { isPlainObject } from './plain-data';

// Secrets are referenced by name only: their content never enters the manifests. A prop that
// holds secret content (a private key, an htpasswd entry, credentials in a URL) is refused
// wherever it is, in env, annotations or any other text, and never shown.

/** Where a prop holds secret content, in a key or a value, and what it looks like. */
export function secretContent(value: unknown, path: PropPath = []): { path: PropPath; what: string } | undefined {
  if (typeof value === 'string') {
    const what = secretContentIn(value);
    return what === undefined ? undefined : { path, what };
  }
  const entries: Iterable<[string | number, unknown]> = Array.isArray(value) ? value.entries() : isPlainObject(value) ? Object.entries(value) : [];
  for (const [key, item] of entries) {
    const found = (typeof key === 'string' ? secretContent(key, path) : undefined) ?? secretContent(item, [...path, key]);
    if (found) {
      return found;
    }
  }
  return undefined;
}

/** What a prop holding secret content is told. */
export function secretContentRefusal(what: string): string {
  return `refused: it holds ${what}, which would be written in clear into the manifests; keep it in a Secret and give the Secret's name`;
}
