import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { PodDisruptionBudget } from '../../imports/policy';
import { POLICY_API_VERSION } from '../../imports/policy';
import { kubeObject } from '../building-blocks/kube';
import { Mailpit } from '../building-blocks/mailpit/mailpit';
import { MailpitNetworkPolicy } from '../building-blocks/network-policy';
import { Rqlite } from '../building-blocks/rqlite';
import { settingsOf, StageProps } from './options';
import { resolveStageProps } from './resolve';
import { commonMailpitProps, productionMailpitProps, rqliteDatabase, SETTINGS_OF_PROPS, stagePart, stampCommonMetadata } from './shared';

/** Props of {@link MailpitHA}. */
export type MailpitHAProps = StageProps<'ha'>;

/**
 * Beyond the lab: Mailpit on rqlite, so that more than one pod serves it. An rqlite StatefulSet (3
 * nodes by default) holds the mail; a Mailpit Deployment of 2 or more pods, with no volume of its
 * own, rolls pod by pod, and a PodDisruptionBudget keeps one serving through node drains. Every
 * pod passes Pod Security "restricted". The production settings of the hardened stage apply,
 * except the SQLite claim's.
 */
export class MailpitHA extends Construct {
  /** The database, unless rqlite.url names one. */
  public readonly rqlite?: Rqlite;
  public readonly mailpit: Mailpit;
  public readonly disruptionBudget: ApiObject;
  public readonly networkPolicy?: MailpitNetworkPolicy;

  public constructor(scope: Construct, id: string, props: MailpitHAProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitHAProps', given: props };
    const p = resolveStageProps('ha', props, caller);
    const database = rqliteDatabase(this, caller, p);
    this.rqlite = database.rqlite;
    this.mailpit = stagePart(caller, () =>
      new Mailpit(this, 'Mailpit', {
        ...commonMailpitProps(p),
        replicas: p.replicas,
        // Mailpit applies its schema without a lock: its pods start one at a time.
        startInOrder: true,
        settings: { ...settingsOf(p), MP_DATABASE: database.url },
        configMap: true,
        ...productionMailpitProps(p),
      }),
      SETTINGS_OF_PROPS,
    );
    this.disruptionBudget = kubeObject<PodDisruptionBudget>(this, 'DisruptionBudget', {
      apiVersion: POLICY_API_VERSION,
      kind: 'PodDisruptionBudget',
      metadata: { name: this.mailpit.name, namespace: p.namespace, labels: { ...this.mailpit.podLabels } },
      spec: { maxUnavailable: 1, selector: { matchLabels: { ...this.mailpit.podLabels } } },
    });
    // The database, then the policy that guards the pods, then Mailpit.
    if (this.rqlite) this.mailpit.node.addDependency(this.rqlite);
    if (p.networkPolicy) {
      this.networkPolicy = stagePart(caller, () => new MailpitNetworkPolicy(this, 'NetworkPolicy', this.mailpit, { smtpFrom: p.smtpFrom, uiFrom: p.uiFrom }));
      this.mailpit.node.addDependency(this.networkPolicy);
    }
    stampCommonMetadata(this, p.commonLabels, p.commonAnnotations);
  }
}
