import { Construct } from 'constructs';
import * as v from 'valibot';
import { option, partOf, type PathMap, type Problem, type PropsOf, propsSchema, resolveProps, sameKeys } from '../options/option';
import * as rules from '../options/rules';
import { LAB_PERSISTENT_VOLUME_OPTIONS, LabPersistentVolume } from './lab-persistent-volume';
import { MailpitDatabase, type SqliteDatabase } from './mailpit/database';
import type { LabMaildirProps } from '../generated/props';

// The claim is where the Mailpit is: its namespace is not for the storage props to choose.
const { namespace: _claimNamespace, ...STORAGE_OPTIONS } = LAB_PERSISTENT_VOLUME_OPTIONS;
const labDefault = (key: keyof typeof STORAGE_OPTIONS) => String(STORAGE_OPTIONS[key].default);

/** The props of {@link LabMaildir}. */
export const LAB_MAILDIR_OPTIONS = {
  namespace: option({ value: rules.dnsLabel, help: 'namespace of the claim', defaultText: "the Chart's namespace" }),
  storage: option({
    value: propsSchema(STORAGE_OPTIONS, `an object of LabPersistentVolume props: ${Object.keys(STORAGE_OPTIONS).join(', ')}`),
    help: "the lab's hostPath PersistentVolume and claim (section 3); not with nfs",
    defaultText: `the lab's: ${labDefault('volumeName')} and ${labDefault('claimName')}, ${LAB_PERSISTENT_VOLUME_OPTIONS.size.default.asString()} at ${labDefault('hostPath')}`,
  }),
  nfs: option({
    value: v.strictObject({ server: rules.dnsSubdomain, path: rules.absolutePath }, 'an object { server, path }: the NFS server and its exported path'),
    help: 'mounts this NFS export at /maildir instead of a claim (section 2), with MP_DISABLE_WAL=true as Mailpit advises for NFS',
    defaultText: 'none: the claim',
  }),
};

/** An NFS export, as in the lab's section 2. */
export type NfsExport = NonNullable<LabMaildirProps['nfs']>;

/** Props of {@link LabMaildir}. */
export type LabMaildirTableProps = PropsOf<typeof LAB_MAILDIR_OPTIONS>;
export type { LabMaildirProps };

/** NFS replaces the claim, so the two never go together. */
export function nfsOrStorage(props: { readonly nfs?: unknown; readonly storage?: unknown }): Problem | undefined {
  return props.nfs !== undefined && props.storage !== undefined ? { at: ['nfs'], value: props.nfs, allowed: 'either nfs or storage, not both: NFS replaces the claim' } : undefined;
}

/** The volume of the lab's persistent stages: the hostPath claim, or the NFS export. */
export class LabMaildir extends Construct {
  /** The PersistentVolume and claim, unless NFS is used. */
  public readonly storage?: LabPersistentVolume;
  /**
   * Mailpit's database on this volume, as the lab writes it: named by the flag of the lab's command
   * (`./mailpit --db-file=/maildir/mailpit.db`), without its write-ahead log on NFS, as Mailpit advises.
   */
  public readonly database: SqliteDatabase;

  public constructor(scope: Construct, id: string, props: LabMaildirProps = {}) {
    super(scope, id);
    const p = resolveProps(LAB_MAILDIR_OPTIONS, props, { root: 'LabMaildirProps', refine: nfsOrStorage });
    if (p.nfs) {
      this.database = MailpitDatabase.sqlite({ nfs: { ...p.nfs } }, { setBy: 'flag', disableWal: true });
    } else {
      // The volume's props are this construct's storage, but for the namespace, which is its own.
      const map: PathMap = ([key, ...rest]) => (key === 'namespace' ? sameKeys(props)([key, ...rest]) : ['storage', key, ...rest]);
      this.storage = partOf({ root: 'LabMaildirProps' }, map, () => new LabPersistentVolume(this, 'Storage', { ...p.storage, namespace: p.namespace }));
      this.database = MailpitDatabase.sqlite(this.storage.volumeSource, { setBy: 'flag' });
    }
  }
}
