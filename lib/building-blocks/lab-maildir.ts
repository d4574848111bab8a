import { Construct } from 'constructs';
import * as v from 'valibot';
import { option, partOf, PathMap, Problem, PropsOf, propsSchema, resolveProps, sameKeys } from '../options/option';
import * as rules from '../options/rules';
import { LAB_PERSISTENT_VOLUME_OPTIONS, LabPersistentVolume } from './lab-persistent-volume';
import { MAILDIR_PATH, MailpitProps } from './mailpit/mailpit';

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
    value: v.strictObject(
      { server: rules.dnsSubdomain, path: rules.absolutePath },
      'an object { server, path }: the NFS server and its exported path',
    ),
    help: 'mounts this NFS export at /maildir instead of a claim (section 2), with MP_DISABLE_WAL=true as Mailpit advises for NFS',
    defaultText: 'none: the claim',
  }),
};

/** An NFS export, as in the lab's section 2. */
export type NfsExport = NonNullable<LabMaildirProps['nfs']>;

/** Props of {@link LabMaildir}. */
export type LabMaildirProps = PropsOf<typeof LAB_MAILDIR_OPTIONS>;

/** NFS replaces the claim, so the two never go together. */
export function nfsOrStorage(props: { readonly nfs?: unknown; readonly storage?: unknown }): Problem | undefined {
  return props.nfs !== undefined && props.storage !== undefined
    ? { at: ['nfs'], value: props.nfs, allowed: 'either nfs or storage, not both: NFS replaces the claim' }
    : undefined;
}

/** The lab's `command` (section 4c): the database lives on the volume. */
export const LAB_DATABASE_COMMAND: readonly string[] = ['./mailpit', `--db-file=${MAILDIR_PATH}/mailpit.db`];

/** The volume of the lab's persistent stages: the hostPath claim, or the NFS export. */
export class LabMaildir extends Construct {
  /** The PersistentVolume and claim, unless NFS is used. */
  public readonly storage?: LabPersistentVolume;
  /** What a {@link Mailpit} needs to keep its database on this volume. */
  public readonly mailpitProps: Pick<MailpitProps, 'maildir' | 'command' | 'env'>;

  public constructor(scope: Construct, id: string, props: LabMaildirProps = {}) {
    super(scope, id);
    const p = resolveProps(LAB_MAILDIR_OPTIONS, props, { root: 'LabMaildirProps', refine: nfsOrStorage });
    const command = [...LAB_DATABASE_COMMAND];
    if (p.nfs) {
      this.mailpitProps = { maildir: { nfs: { ...p.nfs } }, command, env: { MP_DISABLE_WAL: 'true' } };
    } else {
      // The volume's props are this construct's storage, but for the namespace, which is its own.
      const map: PathMap = ([key, ...rest]) => (key === 'namespace' ? sameKeys(props)([key, ...rest]) : ['storage', key, ...rest]);
      this.storage = partOf({ root: 'LabMaildirProps' }, map, () => new LabPersistentVolume(this, 'Storage', { ...p.storage, namespace: p.namespace }));
      this.mailpitProps = { maildir: this.storage.volumeSource, command };
    }
  }
}
