import type { Construct } from 'constructs';
import type { LabMaildir } from '../building-blocks/lab-maildir';
import { MAILDIR_PATH, Mailpit } from '../building-blocks/mailpit';
import { resolveStageProps } from './resolve';
import { mailpitOnLabMaildir } from './shared';
import { MailpitStage } from './stage';
import type { MailpitPvcSecureProps } from '../generated/props';

export type { MailpitPvcSecureProps };

/**
 * Lab part 2, sections 6 and 7: Mailpit as a non-root user on a read-only root filesystem, with
 * the root init container `init-pv` that hands `/maildir` to that user first.
 */
export class MailpitPvcSecure extends MailpitStage {
  public readonly maildir: LabMaildir;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitPvcSecureProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitPvcSecureProps', given: props };
    const p = resolveStageProps('pvc-secure', props, caller);
    ({ maildir: this.maildir, mailpit: this.mailpit } = mailpitOnLabMaildir(this, caller, p, {
      securityContext: { runAsUser: p.runAsUser, runAsNonRoot: true, readOnlyRootFilesystem: true },
      // fsGroup never changes the owner of a hostPath volume, hence the lab's root chown.
      initContainers: [
        {
          name: 'init-pv',
          volumeMounts: [Mailpit.maildirMount],
          command: ['chown', '-R', String(p.runAsUser), MAILDIR_PATH],
        },
      ],
    }));
    this.adopt(this.mailpit);
  }
}
