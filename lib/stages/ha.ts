import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PodDisruptionBudget } from '../../imports/policy';
import { POLICY_API_VERSION } from '../../imports/policy';
import { kubeObject } from '../building-blocks/kube';
import { Mailpit, MailpitWorkload } from '../building-blocks/mailpit';
import { MailpitNetworkPolicy } from '../building-blocks/network-policy';
import type { Rqlite } from '../building-blocks/rqlite';
import { resolveStageProps } from './resolve';
import { RQLITE_URL_OF_STAGE, mailpitPropsOf, productionMailpitProps, rqliteDatabase, stagePart, stampCommonMetadata } from './shared';
import { MailpitStage } from './stage';
import type { MailpitHAProps } from '../generated/props';

export type { MailpitHAProps };

/**
 * Beyond the lab: Mailpit on rqlite, so that more than one pod serves it. An rqlite StatefulSet (3
 * nodes by default) holds the mail; a Mailpit Deployment of 2 or more pods, with no volume of its
 * own, rolls pod by pod, and a PodDisruptionBudget keeps one serving through node drains. Every
 * pod passes Pod Security "restricted". The production settings of the hardened stage apply,
 * except the SQLite claim's.
 */
export class MailpitHA extends MailpitStage {
  /** The database, unless rqlite.url names one. */
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;
  public readonly disruptionBudget: ApiObject;
  public readonly networkPolicy?: MailpitNetworkPolicy;

  public constructor(scope: Construct, id: string, props: MailpitHAProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitHAProps', given: props };
    const p = resolveStageProps('ha', props, caller);
    const { rqlite, database } = rqliteDatabase(this, caller, p);
    this.rqlite = rqlite;
    this.mailpit = stagePart(
      caller,
      () =>
        new Mailpit(this, 'Mailpit', {
          ...mailpitPropsOf(p),
          ...productionMailpitProps(p),
          database,
          // Mailpit applies its schema without a lock: its pods start one at a time.
          workload: MailpitWorkload.statefulSet({ replicas: p.replicas, startInOrder: true }),
        }),
      { ...RQLITE_URL_OF_STAGE, 'workload.replicas': ['replicas'] },
    );
    this.disruptionBudget = kubeObject<PodDisruptionBudget>(this, 'DisruptionBudget', {
      apiVersion: POLICY_API_VERSION,
      kind: 'PodDisruptionBudget',
      metadata: { name: this.mailpit.name, namespace: p.namespace, labels: { ...this.mailpit.podLabels } },
      spec: { maxUnavailable: 1, selector: { matchLabels: { ...this.mailpit.podLabels } } },
    });
    // The database (Mailpit depends on it), then the policy that guards the pods, then Mailpit.
    if (p.networkPolicy) {
      this.networkPolicy = stagePart(caller, () => new MailpitNetworkPolicy(this, 'NetworkPolicy', this.mailpit, { smtpFrom: p.smtpFrom, uiFrom: p.uiFrom }));
      this.mailpit.node.addDependency(this.networkPolicy);
    }
    stampCommonMetadata(this, p.commonLabels, p.commonAnnotations);
    this.adopt(this.mailpit);
  }
}
