import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { databaseClaim } from '../building-blocks/database-claim';
import { Mailpit, MailpitDatabase, MailpitWorkload } from '../building-blocks/mailpit';
import { MailpitNetworkPolicy } from '../building-blocks/network-policy';
import { resolveStageProps } from './resolve';
import { mailpitPropsOf, productionMailpitProps, stagePart, stampCommonMetadata } from './shared';
import { MailpitStage } from './stage';
import type { MailpitHardenedProps } from '../generated/props';

export type { MailpitHardenedProps };

/**
 * Beyond the lab: a Mailpit that passes Pod Security "restricted", with every setting a platform
 * engineer needs. No root init container: the claim comes from a StorageClass, and `fsGroup`
 * gives it to Mailpit's group. Settings go into a ConfigMap; Secrets are referenced by name only.
 */
export class MailpitHardened extends MailpitStage {
  /** The database claim, unless an existing one is used or there is no persistence. */
  public readonly claim?: ApiObject;
  public readonly mailpit: Mailpit;
  public readonly networkPolicy?: MailpitNetworkPolicy;

  public constructor(scope: Construct, id: string, props: MailpitHardenedProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitHardenedProps', given: props };
    const p = resolveStageProps('hardened', props, caller);
    const claimName = p.existingClaim ?? p.claimName;
    if (p.persistence && p.existingClaim === undefined) {
      this.claim = databaseClaim(this, 'Claim', {
        name: p.claimName,
        namespace: p.namespace,
        storageClassName: p.storageClassName,
        size: p.storageSize,
        accessMode: p.storageAccessMode,
      });
    }

    // Without persistence the database lives, and dies, with the pod, as the chart's default.
    const volume = p.persistence ? { persistentVolumeClaim: { claimName } } : { emptyDir: {} };
    this.mailpit = stagePart(
      caller,
      () =>
        new Mailpit(this, 'Mailpit', {
          ...mailpitPropsOf(p),
          ...productionMailpitProps(p),
          database: MailpitDatabase.sqlite(volume, { subPath: p.storageSubPath }),
          workload: MailpitWorkload.deployment({ strategy: 'Recreate' }),
        }),
      { 'database.subPath': ['storageSubPath'] },
    );

    // Storage, then the policy that guards the pod, then Mailpit: one kubectl apply admits them in
    // this order, and the pod never runs unguarded.
    if (this.claim) {
      this.mailpit.node.addDependency(this.claim);
    }
    if (p.networkPolicy) {
      this.networkPolicy = stagePart(caller, () => new MailpitNetworkPolicy(this, 'NetworkPolicy', this.mailpit, { smtpFrom: p.smtpFrom, uiFrom: p.uiFrom }));
      this.mailpit.node.addDependency(this.networkPolicy);
    }
    // Every object's own labels and annotations win over the common ones.
    stampCommonMetadata(this, p.commonLabels, p.commonAnnotations);
    this.adopt(this.mailpit);
  }
}
