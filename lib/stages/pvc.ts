import { Construct } from 'constructs';
import { Mailpit, MailpitCommonProps } from '../mailpit';
import { LabMaildir, LabMaildirProps, withMaildir } from './lab-maildir';

/** Props of {@link MailpitPvc}. */
export interface MailpitPvcProps extends MailpitCommonProps, LabMaildirProps {}

/**
 * Lab part 2, sections 3 to 5: the database moves to `/maildir`, a claim on a hostPath
 * PersistentVolume (or an NFS export), so that it survives the pod.
 */
export class MailpitPvc extends Construct {
  public readonly maildir: LabMaildir;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitPvcProps = {}) {
    super(scope, id);
    this.maildir = new LabMaildir(this, 'Maildir', props);
    this.mailpit = new Mailpit(this, 'Mailpit', withMaildir(props, this.maildir));
    this.mailpit.node.addDependency(this.maildir);
  }
}
