import type { Size } from 'cdk8s';
import * as v from 'valibot';
import type { Volume, VolumeMount } from '../../../imports/core';
import { type Problem, problemOf } from '../../options/option';
import { sizeValue } from '../../options/quantities';
import * as rules from '../../options/rules';
import { Rqlite } from '../rqlite';

const isObject = (value: unknown): value is object => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Where the database volume is mounted, as in the lab. */
export const MAILDIR_PATH = '/maildir';

/** The name of the database volume in the pod, as in the lab. */
export const MAILDIR_VOLUME_NAME = 'maildir';

/** The mount of the database volume at /maildir, for Mailpit and for init containers. */
export const MAILDIR_MOUNT: Readonly<VolumeMount> = { name: MAILDIR_VOLUME_NAME, mountPath: MAILDIR_PATH };

/** The database file on the volume at /maildir. */
export const DATABASE_FILE = `${MAILDIR_PATH}/mailpit.db`;

/** A volume source for `/maildir`: a Kubernetes volume without its name, which is always `maildir`. */
export type MaildirVolumeSource = Omit<Volume, 'name'>;

/** How a Mailpit on SQLite is told where its file is, and how it writes it. */
export interface SqliteOptions {
  /**
   * The folder of the volume that holds the database, so that one volume can hold other data too.
   * @default the whole volume
   */
  readonly subPath?: string;
  /**
   * How Mailpit is told the file: the variable MP_DATABASE, or the flag of its command, as the lab
   * writes it (`./mailpit --db-file=/maildir/mailpit.db`).
   * @default 'env'
   */
  readonly setBy?: 'env' | 'flag';
  /**
   * SQLite's write-ahead log off (MP_DISABLE_WAL), as Mailpit advises on a network file system such as NFS.
   * @default false
   */
  readonly disableWal?: boolean;
}

/** The claim each pod of a StatefulSet gets for its own SQLite file. */
export interface ClaimPerPodOptions extends Omit<SqliteOptions, 'subPath'> {
  /** Size of each claim. */
  readonly size: Size;
  /**
   * StorageClass of each claim.
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: string;
}

/**
 * Where a Mailpit keeps its mail, as a typed value: its own temporary file, SQLite on a volume,
 * SQLite on a claim of each pod, or rqlite, which several Mailpits share.
 */
export abstract class MailpitDatabase {
  /** Mailpit's own temporary file in the container (Mailpit's default): the mail dies with the container. */
  public static temporary(): TemporaryDatabase {
    return new TemporaryDatabase();
  }

  /** SQLite in a file on this volume, mounted at /maildir: one Mailpit process per file, by Mailpit's design. */
  public static sqlite(volume: MaildirVolumeSource, options: SqliteOptions = {}): SqliteDatabase {
    return new SqliteDatabase(volume, options);
  }

  /** SQLite on an emptyDir at /maildir: the mail outlives the container, and dies with the pod. */
  public static emptyDir(options: Omit<SqliteOptions, 'subPath'> = {}): SqliteDatabase {
    return new SqliteDatabase({ emptyDir: {} }, options);
  }

  /** SQLite on a claim of each pod of a StatefulSet (`maildir-<name>-<ordinal>`): each pod has its own mail. */
  public static claimPerPod(options: ClaimPerPodOptions): ClaimPerPodDatabase {
    return new ClaimPerPodDatabase(options);
  }

  /**
   * rqlite, by the URL of its Service (with `disableClusterDiscovery=true`) or by its construct:
   * several Mailpits share it, each with a tenant of its own where they must not share mail.
   */
  public static rqlite(database: string | Rqlite): RqliteDatabase {
    return new RqliteDatabase(database);
  }

  /** What it is: which workloads it takes. */
  public abstract readonly kind: 'temporary' | 'sqlite' | 'claim-per-pod' | 'rqlite';

  /** What its fields hold that is wrong, at its path in the props. */
  public problem(): Problem | undefined {
    return undefined;
  }
}

/** Mailpit's own temporary file: see {@link MailpitDatabase.temporary}. */
export class TemporaryDatabase extends MailpitDatabase {
  public readonly kind = 'temporary';
}

const setBy = v.optional(rules.oneOf(['env', 'flag']));
const disableWal = v.optional(rules.flag);

/** The fields of an SQLite database, as its factory takes them. */
const SQLITE_FIELDS = v.strictObject(
  { volume: rules.kubernetesObject<MaildirVolumeSource>('volume source'), subPath: v.optional(rules.relativePath), setBy, disableWal },
  'MailpitDatabase.sqlite(volume, { subPath, setBy, disableWal })',
);

/** The fields of a claim per pod, as its factory takes them. */
const CLAIM_PER_POD_FIELDS = v.strictObject(
  { size: sizeValue, storageClassName: v.optional(rules.dnsSubdomain), setBy, disableWal },
  'MailpitDatabase.claimPerPod({ size, storageClassName, setBy, disableWal })',
);

/** SQLite on a volume: see {@link MailpitDatabase.sqlite}. */
export class SqliteDatabase extends MailpitDatabase {
  public readonly kind = 'sqlite';

  public constructor(
    public readonly volume: MaildirVolumeSource,
    public readonly options: SqliteOptions,
  ) {
    super();
  }

  public problem(): Problem | undefined {
    const sources = isObject(this.volume) ? Object.keys(this.volume) : [];
    if (sources.length > 1 || sources.includes('name')) {
      // The API server takes a volume of exactly one source; its name is always maildir.
      return { at: ['volume'], value: sources.join(', '), allowed: 'a volume source of one kind, such as { persistentVolumeClaim: { claimName } }, without a name' };
    }
    return problemOf(SQLITE_FIELDS, { volume: this.volume, ...this.options });
  }
}

/** SQLite on a claim of each pod: see {@link MailpitDatabase.claimPerPod}. */
export class ClaimPerPodDatabase extends MailpitDatabase {
  public readonly kind = 'claim-per-pod';

  public constructor(public readonly options: ClaimPerPodOptions) {
    super();
  }

  public problem(): Problem | undefined {
    return problemOf(CLAIM_PER_POD_FIELDS, this.options);
  }
}

/** rqlite: see {@link MailpitDatabase.rqlite}. */
export class RqliteDatabase extends MailpitDatabase {
  public readonly kind = 'rqlite';

  public constructor(public readonly database: string | Rqlite) {
    super();
  }

  /** MP_DATABASE for a Mailpit in `namespace`: the URL given, or the cluster's Service by its name. */
  public urlFrom(namespace: string | undefined): string {
    return typeof this.database === 'string' ? this.database : this.database.databaseUrl(namespace);
  }

  public problem(): Problem | undefined {
    if (this.database instanceof Rqlite) {
      return undefined;
    }
    return typeof this.database === 'string' && isRqliteUrl(this.database) ? undefined : { at: ['url'], value: this.database, allowed: `${RQLITE_URL_ALLOWED}, or an Rqlite construct` };
  }
}

/**
 * Mailpit's documentation asks for disableClusterDiscovery=true on Kubernetes: its client then
 * reaches rqlite through the Service alone, never the nodes it would discover.
 */
export const RQLITE_URL_ALLOWED = 'an http:// or https:// URL of an rqlite cluster with disableClusterDiscovery=true, such as http://rqlite.db.svc:4001?disableClusterDiscovery=true';

/** Whether a URL names an rqlite cluster as Mailpit must reach it on Kubernetes. */
export function isRqliteUrl(value: string): boolean {
  return value.length <= 2048 && /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?\?(?:[^\s#]*&)?disableClusterDiscovery=true(?:&[^\s#]*)?$/.test(value);
}

/** What a database gives the Mailpit pod: its volume and mount, its settings, its command. */
export interface DatabaseInPod {
  readonly volume?: Volume;
  /** The mount at /maildir; with a claim per pod, of the claim template's volume. */
  readonly mount?: VolumeMount;
  readonly variables: Readonly<Record<string, string>>;
  /** The command that names the file, when the flag sets it. */
  readonly command?: readonly string[];
}

/** The lab's command (TD 7, section 4c): the database file named by a flag. */
export const LAB_DATABASE_COMMAND: readonly string[] = ['./mailpit', `--db-file=${DATABASE_FILE}`];

/** How a database reaches the pod of a Mailpit in `namespace`. */
export function databaseInPod(database: MailpitDatabase, namespace: string | undefined): DatabaseInPod {
  if (database instanceof RqliteDatabase) {
    return { variables: { MP_DATABASE: database.urlFrom(namespace) } };
  }
  if (database instanceof SqliteDatabase || database instanceof ClaimPerPodDatabase) {
    const options: SqliteOptions = database.options;
    const mount: VolumeMount = { ...MAILDIR_MOUNT, ...(options.subPath === undefined ? {} : { subPath: options.subPath }) };
    const flag = options.setBy === 'flag';
    return {
      volume: database instanceof SqliteDatabase ? { name: MAILDIR_VOLUME_NAME, ...database.volume } : undefined,
      mount,
      variables: { ...(flag ? {} : { MP_DATABASE: DATABASE_FILE }), ...(options.disableWal ? { MP_DISABLE_WAL: 'true' } : {}) },
      command: flag ? LAB_DATABASE_COMMAND : undefined,
    };
  }
  return { variables: {} };
}
