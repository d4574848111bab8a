import { Problem } from '../options/option';

/** The props of a stage on rqlite that describe its own cluster (in a class, the shared one). */
export const RQLITE_CLUSTER_PROPS = ['rqliteNodes', 'storageClassName', 'storageSize'] as const;

/**
 * An own rqlite cluster's props are refused with rqliteUrl, which replaces it; without it, the
 * cluster is named `<name>-rqlite`, a StatefulSet, whose name may not pass 52 characters.
 */
export function rqliteUrlRule(p: Record<string, any>, given: Record<string, unknown>): Problem | undefined {
  if (p.rqliteUrl === undefined) {
    const longest = 52 - '-rqlite'.length;
    return p.name.length > longest
      ? { at: ['name'], value: p.name, allowed: `at most ${longest} characters with an rqlite cluster of its own: the cluster's StatefulSet, ${p.name}-rqlite, may not pass 52 (its pods' controller-revision-hash label would pass 63)` }
      : undefined;
  }
  const own = RQLITE_CLUSTER_PROPS.find((key) => given[key] !== undefined);
  return own === undefined ? undefined : { at: [own], value: p[own], allowed: 'not with rqliteUrl: the Mailpits use that cluster, and make none of their own' };
}
