import { type ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { hostPathVolume } from '../building-blocks/lab-persistent-volume';
import { MAILDIR_VOLUME_NAME, Mailpit, MailpitDatabase, MailpitWorkload } from '../building-blocks/mailpit';
import { resolveStageProps } from './resolve';
import { mailpitPropsOf, stagePart } from './shared';
import { MailpitStage } from './stage';
import type { MailpitStatefulSetProps } from '../generated/props';

export type { MailpitStatefulSetProps };

/** The storage class of the lab's hostPath volumes: no provisioner, so a claim binds only them. */
const MANUAL = 'manual';

/**
 * TD 9 (StatefulSet): Mailpit as the StatefulSet `mailpit`, governed by its headless Service, each
 * pod with its own claim `maildir-mailpit-<ordinal>` from a claim template, so that `mailpit-0`
 * keeps its name and its mail across deletion. Storage as in TD 7: hostPath PersistentVolumes of
 * class manual, one per ordinal; or a StorageClass that provisions them.
 */
export class MailpitStatefulSet extends MailpitStage {
  public readonly mailpit: Mailpit;
  /** The hostPath volumes, by ordinal; none with a StorageClass. */
  public readonly persistentVolumes: readonly ApiObject[];

  public constructor(scope: Construct, id: string, props: MailpitStatefulSetProps = {}) {
    super(scope, id);
    const caller = { root: 'MailpitStatefulSetProps', given: props };
    const p = resolveStageProps('statefulset', props, caller);
    const namespace = p.namespace ?? Chart.of(this).namespace;
    const count = p.storageClassName === undefined ? p.persistentVolumes : 0;
    // Names and paths unique in the cluster: the namespace is part of them when there is one, and
    // each volume is then reserved for the claim of its ordinal.
    const stem = namespace === undefined ? `pv-${p.name}` : `pv-${namespace}-${p.name}`;
    this.persistentVolumes = Array.from({ length: count }, (_, ordinal) =>
      hostPathVolume(this, `PersistentVolume${ordinal}`, {
        name: `${stem}-${ordinal}`,
        hostPath: `/tmp/${stem}-${ordinal}`,
        size: p.storageSize,
        storageClassName: MANUAL,
        claimRef: namespace === undefined ? undefined : { namespace, name: `${MAILDIR_VOLUME_NAME}-${p.name}-${ordinal}` },
      }),
    );
    this.mailpit = stagePart(
      caller,
      () =>
        new Mailpit(this, 'Mailpit', {
          ...mailpitPropsOf(p),
          database: MailpitDatabase.claimPerPod({ size: p.storageSize, storageClassName: p.storageClassName ?? MANUAL, setBy: 'flag' }),
          workload: MailpitWorkload.statefulSet({ replicas: p.replicas }),
        }),
      { 'database.size': ['storageSize'], 'database.storageClassName': ['storageClassName'], 'workload.replicas': ['replicas'] },
    );
    this.mailpit.node.addDependency(...this.persistentVolumes);
    this.adopt(this.mailpit);
  }
}
