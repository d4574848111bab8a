import { Construct } from 'constructs';
import { Mailpit, MAILDIR_PATH } from '../mailpit';
import { nonRootId, validate } from '../validation';
import { LabMaildir, withMaildir } from './lab-maildir';
import { MailpitPvcProps } from './pvc';

/** Props of {@link MailpitPvcSecure}. */
export interface MailpitPvcSecureProps extends MailpitPvcProps {
  /**
   * User id of the Mailpit container, and owner that `init-pv` gives to `/maildir`.
   * @default 1000
   */
  readonly runAsUser?: number;
}

/**
 * Lab part 2, sections 6 and 7: Mailpit as a non-root user on a read-only root filesystem, with
 * the root init container `init-pv` that hands `/maildir` to that user first.
 */
export class MailpitPvcSecure extends Construct {
  public readonly maildir: LabMaildir;
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitPvcSecureProps = {}) {
    super(scope, id);
    const runAsUser = validate('MailpitPvcSecureProps.runAsUser', props.runAsUser ?? 1000, nonRootId);
    this.maildir = new LabMaildir(this, 'Maildir', props);
    this.mailpit = new Mailpit(this, 'Mailpit', {
      ...withMaildir(props, this.maildir),
      securityContext: { runAsUser, runAsNonRoot: true, readOnlyRootFilesystem: true },
      // fsGroup never changes the owner of a hostPath volume, hence the lab's root chown.
      initContainers: [
        {
          name: 'init-pv',
          volumeMounts: [Mailpit.maildirMount],
          command: ['chown', '-R', String(runAsUser), MAILDIR_PATH],
        },
      ],
    });
    this.mailpit.node.addDependency(this.maildir);
  }
}
