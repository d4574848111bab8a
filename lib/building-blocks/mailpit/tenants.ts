import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';

// Several Mailpits share one rqlite database through tenants: Mailpit prefixes each of its table
// and index names with the tenant. Two tenants whose names meet would share, or fail to create, a
// table. The names are computed here as Mailpit computes them (axllent/mailpit v1.30.5).

/**
 * The prefix of a tenant's names, as Mailpit makes it (config/utils.go, DBTenantID): whitespace
 * collapsed and trimmed, every character other than a letter, a digit or `_` made `_`, and `_`
 * appended unless it ends with one. No tenant, or a blank one, prefixes nothing.
 */
export function tenantPrefix(tenant: string | undefined): string {
  const normalized = (tenant ?? '').replace(/\s+/g, ' ').trim();
  if (normalized === '') {
    return '';
  }
  const prefix = normalized.replace(/[^a-zA-Z0-9_]/g, '_');
  return prefix.endsWith('_') ? prefix : `${prefix}_`;
}

/**
 * Why Mailpit could not create its tables with this tenant, if it could not: an SQL name cannot
 * start with a digit, and SQLite reserves the names that start with `sqlite_` ("object name
 * reserved for internal use"), in any case.
 */
export function tenantProblem(tenant: string): string | undefined {
  const prefix = tenantPrefix(tenant);
  if (/^[0-9]/.test(prefix)) {
    return 'a tenant that does not start with a digit: Mailpit prefixes its SQL table names with it, and an SQL name cannot start with one';
  }
  if (prefix.toLowerCase().startsWith('sqlite_')) {
    return "a tenant that does not start with sqlite (then '_' or another character than a letter or digit): Mailpit prefixes its table names with it, and SQLite reserves the names that start with sqlite_";
  }
  return undefined;
}

/**
 * Every table and index name Mailpit's schemas ever create, in the order of its migrations
 * (internal/storage/schemas/1.0.0.sql to 1.23.0.sql, and schemas.go's bookkeeping table `schemas`):
 * a database migrated from empty passes through all of them, the dropped ones included.
 */
export const MAILPIT_SCHEMA_NAMES: readonly string[] = [
  'schemas',
  'darwin_migrations',
  'mailbox',
  'mailboxtmp',
  'mailbox_data',
  'tags',
  'message_tags',
  'settings',
  'idx_sort',
  'idx_id',
  'idx_read',
  'idx_data_id',
  'idx_tags',
  'idx_created',
  'idx_message_id',
  'idx_subject',
  'idx_size',
  'idx_inline',
  'idx_attachments',
  'idx_tag_name',
  'idx_message_tag_id',
  'idx_message_tag_tagid',
  'idx_settings_key',
  'idx_message_tags_id',
  'idx_message_tags_tagid',
];

/**
 * The names a tenant's Mailpit creates in its database, lowercased: SQLite compares names without
 * case, and tables and indexes share one namespace. 1.21.8.sql also renames message_tags to
 * `_<prefix>message_tags_old` for a moment.
 */
export function tenantNames(tenant: string | undefined): string[] {
  const prefix = tenantPrefix(tenant);
  return [...MAILPIT_SCHEMA_NAMES.map((name) => `${prefix}${name}`), `_${prefix}message_tags_old`].map((name) => name.toLowerCase());
}

/** Where two tenants of one database meet: the index of the later one, the earlier one, and a name both would create. */
export interface TenantClash {
  readonly tenant: number;
  readonly with: number;
  readonly name: string;
}

/** The first two tenants of one database that would create a name in common, if any. */
export function tenantClash(tenants: readonly (string | undefined)[]): TenantClash | undefined {
  const owners = new Map<string, number>();
  for (const [i, tenant] of tenants.entries()) {
    const clash = claimNames(owners, tenant, i);
    if (clash) {
      return clash;
    }
  }
  return undefined;
}

/** Records the names of tenant `i`, or returns where they meet an earlier tenant's. */
function claimNames(owners: Map<string, number>, tenant: string | undefined, i: number): TenantClash | undefined {
  const names = tenantNames(tenant);
  const taken = names.find((name) => owners.has(name) && owners.get(name) !== i);
  if (taken !== undefined) {
    return { tenant: i, with: owners.get(taken)!, name: taken };
  }
  names.forEach((name) => owners.set(name, i));
  return undefined;
}

/**
 * The database an rqlite URL names, the same for every Mailpit that reaches it: a Service's short
 * name is resolved in the Mailpit's namespace, and `.svc.cluster.local` dropped. Undefined for a
 * SQLite file, which is each pod's own.
 */
export function databaseKey(url: string | undefined, namespace: string | undefined): string | undefined {
  const match = url === undefined ? null : /^(https?):\/\/([^/?#:]+)(?::([0-9]+))?/i.exec(url);
  if (!match) {
    return undefined;
  }
  const [, scheme, host, port] = match;
  const labels = host
    .toLowerCase()
    .replace(/\.svc(?:\.cluster\.local)?\.?$/, '')
    .split('.');
  const full = labels.length === 1 ? `${labels[0]}.${namespace ?? 'default'}` : labels.join('.');
  return `${scheme.toLowerCase()}://${full}:${port ?? (scheme.toLowerCase() === 'https' ? '443' : '80')}`;
}

/** A Mailpit of an app, on a shared database. */
export interface Tenant {
  readonly tenant?: string;
  /** Where the Mailpit is, for errors. */
  readonly path: string;
}

const databases = new WeakMap<Chart, Map<string, { owners: Map<string, number>; tenants: Tenant[] }>>();

/**
 * Takes a Mailpit's tenant in its database, for its whole Chart (the manifests of one cluster):
 * the tenant it clashes with, and the name they would share, when another Mailpit of the Chart
 * already has one that meets it.
 */
export function claimTenant(scope: IConstruct, database: string, tenant: Tenant): { other: Tenant; name: string } | undefined {
  const chart = Chart.of(scope);
  let byDatabase = databases.get(chart);
  if (!byDatabase) {
    byDatabase = new Map();
    databases.set(chart, byDatabase);
  }
  let entry = byDatabase.get(database);
  if (!entry) {
    entry = { owners: new Map(), tenants: [] };
    byDatabase.set(database, entry);
  }
  const clash = claimNames(entry.owners, tenant.tenant, entry.tenants.length);
  if (clash) {
    return { other: entry.tenants[clash.with], name: clash.name };
  }
  entry.tenants.push(tenant);
  return undefined;
}
