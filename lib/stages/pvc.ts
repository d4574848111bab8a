import type { Construct } from 'constructs';
import type { LabMaildir } from '../building-blocks/lab-maildir';
import type { Mailpit } from '../building-blocks/mailpit/mailpit';
import { resolveStageProps } from './resolve';
import { mailpitOnLabMaildir } from './shared';
import { MailpitStage } from './stage';
import type { MailpitPvcProps } from '../generated/props';

export type { MailpitPvcProps };

/**
 * Lab part 2, sections 3 to 5: the database moves to `/maildir`, a claim on a hostPath
 * PersistentVolume (or an NFS export), so that it survives the pod.
 */
export class MailpitPvc extends MailpitStage {
  public readonly maildir: LabMaildir;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitPvcProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitPvcProps', given: props };
    const p = resolveStageProps('pvc', props, caller);
    ({ maildir: this.maildir, mailpit: this.mailpit } = mailpitOnLabMaildir(this, caller, p));
    this.adopt(this.mailpit);
  }
}
