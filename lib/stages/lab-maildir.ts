import { Construct } from 'constructs';
import { LabPersistentVolume, LabPersistentVolumeProps } from '../lab-persistent-volume';
import { MAILDIR_PATH, MaildirVolumeSource, MailpitCommonProps, MailpitProps } from '../mailpit';
import { absolutePath, dnsSubdomain, InvalidOptionError, validate } from '../validation';

/** An NFS export, as in the lab's section 2. */
export interface NfsExport {
  /** Host name or IP address of the NFS server. */
  readonly server: string;
  /** Exported path on the server. */
  readonly path: string;
}

/** Where the lab stages keep `/maildir`. */
export interface LabMaildirProps {
  /**
   * Namespace of the claim.
   * @default - the Chart's namespace
   */
  readonly namespace?: string;

  /**
   * The lab's hostPath PersistentVolume and claim (section 3). Not allowed together with `nfs`.
   * @default - the lab's values: `pv-mailpit` and `pvc-mailpit`, 10Mi at `/tmp/pv-mailpit`
   */
  readonly storage?: LabPersistentVolumeProps;

  /**
   * Mounts this NFS export at `/maildir` instead of a claim (section 2). Mailpit's docs advise
   * `MP_DISABLE_WAL=true` on NFS, so that variable is set too.
   * @default - none: the claim
   */
  readonly nfs?: NfsExport;
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
    const command = [...LAB_DATABASE_COMMAND];
    if (props.nfs) {
      if (props.storage) {
        throw new InvalidOptionError('nfs', props.nfs, 'either nfs or storage, not both: NFS replaces the claim');
      }
      const nfs = {
        server: validate('nfs.server', props.nfs.server, dnsSubdomain),
        path: validate('nfs.path', props.nfs.path, absolutePath),
      };
      this.mailpitProps = { maildir: { nfs }, command, env: { MP_DISABLE_WAL: 'true' } };
    } else {
      this.storage = new LabPersistentVolume(this, 'Storage', { namespace: props.namespace, ...props.storage });
      const maildir: MaildirVolumeSource = this.storage.volumeSource;
      this.mailpitProps = { maildir, command };
    }
  }
}

/** A stage's props with the volume, command and environment that put the database on `maildir`. */
export function withMaildir<P extends MailpitCommonProps>(props: P, maildir: LabMaildir): P & LabMaildir['mailpitProps'] {
  const { env, ...volume } = maildir.mailpitProps;
  return { ...props, ...volume, env: { ...props.env, ...env } };
}
