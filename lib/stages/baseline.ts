import type { Construct } from 'constructs';
import { Mailpit, MailpitWorkload } from '../building-blocks/mailpit';
import { resolveStageProps } from './resolve';
import { mailpitPropsOf, stagePart } from './shared';
import { MailpitStage } from './stage';
import type { MailpitBaselineProps } from '../generated/props';

export type { MailpitBaselineProps };

/**
 * Lab part 1 (crash handling): Mailpit with its database inside the container, so that killing
 * the process shows a new container, and the loss of everything written in it.
 */
export class MailpitBaseline extends MailpitStage {
  public readonly mailpit: Mailpit;

  public constructor(scope: Construct, id: string, props: MailpitBaselineProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitBaselineProps', given: props };
    const p = resolveStageProps('baseline', props, caller);
    // Recreate here too, although there is no volume: a Deployment first applied with the default
    // RollingUpdate keeps its server-defaulted rollingUpdate block, and the API server then refuses
    // `kubectl apply` of the next stage's Recreate strategy.
    this.mailpit = stagePart(caller, () => new Mailpit(this, 'Mailpit', { ...mailpitPropsOf(p), workload: MailpitWorkload.deployment({ strategy: 'Recreate' }) }));
    this.adopt(this.mailpit);
  }
}
