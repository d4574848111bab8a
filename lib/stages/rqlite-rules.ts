import { Problem } from '../options/option';

/** The props of a stage on rqlite that describe its own cluster (in a class, the shared one). */
export const RQLITE_CLUSTER_PROPS = ['rqliteNodes', 'storageClassName', 'storageSize'] as const;

/** An own rqlite cluster's props are refused with rqliteUrl, which replaces it. */
export function rqliteUrlRule(p: Record<string, any>, given: Record<string, unknown>): Problem | undefined {
  if (p.rqliteUrl === undefined) {
    return undefined;
  }
  const own = RQLITE_CLUSTER_PROPS.find((key) => given[key] !== undefined);
  return own === undefined ? undefined : { at: [own], value: p[own], allowed: 'not with rqliteUrl: the Mailpits use that cluster, and make none of their own' };
}
