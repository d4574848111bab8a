import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { databaseClaim } from '../building-blocks/database-claim';
import { MAILDIR_PATH, Mailpit } from '../building-blocks/mailpit';
import { MailpitNetworkPolicy } from '../building-blocks/network-policy';
import { commonMailpitProps } from './shared';
import { resolveStageProps, StageProps } from './options';

/** Props of {@link MailpitHardened}. */
export type MailpitHardenedProps = StageProps<'hardened'>;

/**
 * Beyond the lab: a Mailpit that passes Pod Security "restricted". No root init container: the
 * claim comes from a StorageClass, and `fsGroup` gives it to Mailpit's group.
 */
export class MailpitHardened extends Construct {
  public readonly claim: ApiObject;
  public readonly mailpit: Mailpit;
  public readonly networkPolicy?: MailpitNetworkPolicy;

  public constructor(scope: Construct, id: string, props: MailpitHardenedProps = {}) {
    super(scope, id);
    const p = resolveStageProps('hardened', props, { root: 'MailpitHardenedProps' });
    this.claim = databaseClaim(this, 'Claim', {
      name: p.claimName,
      namespace: p.namespace,
      storageClassName: p.storageClassName,
      size: p.storageSize,
    });

    const common = commonMailpitProps(p);
    this.mailpit = new Mailpit(this, 'Mailpit', {
      ...common,
      env: { ...common.env, MP_DATABASE: `${MAILDIR_PATH}/mailpit.db` },
      maildir: { persistentVolumeClaim: { claimName: p.claimName } },
      strategy: 'Recreate',
      automountServiceAccountToken: false,
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser: p.runAsUser,
        runAsGroup: p.runAsGroup,
        fsGroup: p.runAsGroup,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      },
      writableTmp: true,
      probes: true,
      webroot: p.webroot,
      resources: p.resources,
      uiAuthSecret: p.uiAuthSecret,
    });

    // Storage, then the policy that guards the pod, then Mailpit: one kubectl apply admits them in
    // this order, and the pod never runs unguarded.
    this.mailpit.node.addDependency(this.claim);
    if (p.networkPolicy) {
      this.networkPolicy = new MailpitNetworkPolicy(this, 'NetworkPolicy', this.mailpit);
      this.mailpit.node.addDependency(this.networkPolicy);
    }
  }
}
