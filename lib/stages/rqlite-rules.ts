import { Problem } from '../options/option';

/** An own rqlite cluster's props are refused with rqliteUrl, which replaces it. */
export function rqliteUrlRule(p: Record<string, any>, given: Record<string, unknown>): Problem | undefined {
  if (p.rqliteUrl === undefined) {
    return undefined;
  }
  const own = ['rqliteNodes', 'storageClassName', 'storageSize'].find((key) => given[key] !== undefined);
  return own === undefined ? undefined : { at: [own], value: p[own], allowed: 'not with rqliteUrl: the Mailpits use that cluster, and make none of their own' };
}
