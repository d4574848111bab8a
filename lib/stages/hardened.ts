import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { databaseClaim } from '../building-blocks/database-claim';
import { MAILDIR_PATH, Mailpit } from '../building-blocks/mailpit/mailpit';
import { MailpitNetworkPolicy } from '../building-blocks/network-policy';
import { settingsOf, StageProps } from './options';
import { resolveStageProps } from './resolve';
import { commonMailpitProps, productionMailpitProps, stagePart, stampCommonMetadata } from './shared';

/** Props of {@link MailpitHardened}. */
export type MailpitHardenedProps = StageProps<'hardened'>;

/**
 * Beyond the lab: a Mailpit that passes Pod Security "restricted", with every setting a platform
 * engineer needs. No root init container: the claim comes from a StorageClass, and `fsGroup`
 * gives it to Mailpit's group. Settings go into a ConfigMap; Secrets are referenced by name only.
 */
export class MailpitHardened extends Construct {
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

    const common = commonMailpitProps(p);
    this.mailpit = stagePart(
      caller,
      () =>
        new Mailpit(this, 'Mailpit', {
          ...common,
          env: { ...common.env, MP_DATABASE: `${MAILDIR_PATH}/mailpit.db` },
          settings: settingsOf(p),
          configMap: true,
          // Without persistence the database lives, and dies, with the pod, as the chart's default.
          maildir: p.persistence ? { persistentVolumeClaim: { claimName } } : { emptyDir: {} },
          maildirSubPath: p.storageSubPath,
          strategy: 'Recreate',
          ...productionMailpitProps(p),
        }),
      { maildirSubPath: ['storageSubPath'] },
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
  }
}
