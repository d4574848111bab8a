import { Construct } from 'constructs';
import { LabMaildir } from '../building-blocks/lab-maildir';
import { Mailpit } from '../building-blocks/mailpit';
import { commonMailpitProps, withMaildir } from './mailpit-props';
import { resolveStageProps, StageProps } from './options';

/** Props of {@link MailpitPvc}. */
export type MailpitPvcProps = StageProps<'pvc'>;

/**
 * Lab part 2, sections 3 to 5: the database moves to `/maildir`, a claim on a hostPath
 * PersistentVolume (or an NFS export), so that it survives the pod.
 */
export class MailpitPvc extends Construct {
  public readonly maildir: LabMaildir;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitPvcProps = {}) {
    super(scope, id);
    const p = resolveStageProps('pvc', props, { root: 'MailpitPvcProps' });
    this.maildir = new LabMaildir(this, 'Maildir', { namespace: p.namespace, storage: p.storage, nfs: p.nfs });
    this.mailpit = new Mailpit(this, 'Mailpit', withMaildir(commonMailpitProps(p), this.maildir));
    this.mailpit.node.addDependency(this.maildir);
  }
}
