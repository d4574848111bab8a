import type { Construct } from 'constructs';
import { Mailpit, MailpitWorkload } from '../building-blocks/mailpit';
import { resolveStageProps } from './resolve';
import { mailpitPropsOf, stagePart } from './shared';
import { MailpitStage } from './stage';
import type { MailpitConfigProps } from '../generated/props';

export type { MailpitConfigProps };

/**
 * TD 8 (ConfigMap and Secret): Mailpit's settings in the ConfigMap `mailpit-config`, loaded with
 * `envFrom`, and the UI's htpasswd file from the Secret `mailpit-auth`, which the student creates
 * and the manifests only name. A changed ConfigMap waits for `kubectl rollout restart`, unless
 * `configChecksum` puts its hash on the pod template.
 */
export class MailpitConfig extends MailpitStage {
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitConfigProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitConfigProps', given: props };
    const p = resolveStageProps('config', props, caller);
    this.mailpit = stagePart(
      caller,
      () =>
        new Mailpit(this, 'Mailpit', {
          ...mailpitPropsOf(p),
          // As every lab stage: a later stage's `kubectl apply` must not meet a server-defaulted rollingUpdate.
          workload: MailpitWorkload.deployment({ strategy: 'Recreate' }),
          configMap: true,
        }),
    );
    this.adopt(this.mailpit);
  }
}
