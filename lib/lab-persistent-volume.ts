import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import { clusterScoped } from './cluster-scoped';
import { databaseClaim } from './database-claim';
import { MaildirVolumeSource } from './mailpit';
import { absolutePath, dnsSubdomain, InvalidOptionError, quantity, validate } from './validation';

/** Props of {@link LabPersistentVolume}. Every default is the lab's value. */
export interface LabPersistentVolumeProps {
  /**
   * Name of the PersistentVolume. It is cluster-wide, so it must be unique in the cluster.
   * @default 'pv-mailpit'
   */
  readonly volumeName?: string;

  /**
   * Name of the PersistentVolumeClaim.
   * @default 'pvc-mailpit'
   */
  readonly claimName?: string;

  /**
   * Directory on the node that backs the volume.
   * @default '/tmp/pv-mailpit'
   */
  readonly hostPath?: string;

  /**
   * Capacity of the volume and request of the claim.
   * @default '10Mi'
   */
  readonly size?: string;

  /**
   * Storage class name shared by the volume and the claim. `manual` matches no provisioner, so the
   * claim can only bind to this volume.
   * @default 'manual'
   */
  readonly storageClassName?: string;

  /**
   * Namespace of the claim. The volume itself is cluster-scoped and never gets one.
   * @default - the Chart's namespace
   */
  readonly namespace?: string;

  /**
   * Reserves the volume for this claim (`spec.claimRef`), so that no claim in another namespace can
   * bind it first. Needs the claim's namespace, from `namespace` or the Chart.
   * @default false
   */
  readonly reserveForClaim?: boolean;
}

/**
 * The lab's statically provisioned storage: a hostPath PersistentVolume and a claim bound to it by
 * `volumeName`, both ReadWriteOnce.
 */
export class LabPersistentVolume extends Construct {
  public readonly persistentVolume: k8s.KubePersistentVolume;
  public readonly claim: k8s.KubePersistentVolumeClaim;
  /** The pod volume source that mounts the claim. */
  public readonly volumeSource: MaildirVolumeSource;

  public constructor(scope: Construct, id: string, props: LabPersistentVolumeProps = {}) {
    super(scope, id);
    const volumeName = validate('LabPersistentVolumeProps.volumeName', props.volumeName ?? 'pv-mailpit', dnsSubdomain);
    const claimName = validate('LabPersistentVolumeProps.claimName', props.claimName ?? 'pvc-mailpit', dnsSubdomain);
    const hostPath = validate('LabPersistentVolumeProps.hostPath', props.hostPath ?? '/tmp/pv-mailpit', absolutePath);
    const size = validate('LabPersistentVolumeProps.size', props.size ?? '10Mi', quantity);
    const storageClassName = validate(
      'LabPersistentVolumeProps.storageClassName',
      props.storageClassName ?? 'manual',
      dnsSubdomain,
    );

    this.persistentVolume = clusterScoped(new k8s.KubePersistentVolume(this, 'PersistentVolume', {
      metadata: { name: volumeName },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName,
        capacity: { storage: k8s.Quantity.fromString(size) },
        hostPath: { path: hostPath },
        claimRef: props.reserveForClaim ? { namespace: claimNamespace(this, props), name: claimName } : undefined,
      },
    }));

    this.claim = databaseClaim(this, 'Claim', { name: claimName, namespace: props.namespace, storageClassName, size, volumeName });
    this.claim.addDependency(this.persistentVolume);

    this.volumeSource = { persistentVolumeClaim: { claimName } };
  }
}

function claimNamespace(scope: Construct, props: LabPersistentVolumeProps): string {
  const namespace = props.namespace ?? Chart.of(scope).namespace;
  if (namespace === undefined) {
    throw new InvalidOptionError('LabPersistentVolumeProps.reserveForClaim', true, "needs the claim's namespace: set namespace, or place it in a Chart with one");
  }
  return namespace;
}
