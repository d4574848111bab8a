import { type ApiObject, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import type { PersistentVolume } from '../../imports/core';
import { CORE_API_VERSION } from '../../imports/core';
import { InvalidOptionError, optionName, type PropPath } from '../options/errors';
import { option, type PropsOf, resolveProps } from '../options/option';
import { sizeValue } from '../options/quantities';
import * as rules from '../options/rules';
import { databaseClaim } from './database-claim';
import { clusterScoped, kubeObject } from './kube';
import type { MaildirVolumeSource } from './mailpit/database';
import type { LabPersistentVolumeProps } from '../generated/props';

/** The props of {@link LabPersistentVolume}. Every default is the lab's value. */
export const LAB_PERSISTENT_VOLUME_OPTIONS = {
  volumeName: option({
    value: rules.dnsSubdomain,
    default: 'pv-mailpit',
    help: 'name of the PersistentVolume; it is cluster-wide, so it must be unique in the cluster',
  }),
  claimName: option({ value: rules.dnsSubdomain, default: 'pvc-mailpit', help: 'name of the PersistentVolumeClaim' }),
  hostPath: option({ value: rules.absolutePath, default: '/tmp/pv-mailpit', help: 'directory on the node that backs the volume' }),
  size: option({ value: sizeValue, default: Size.mebibytes(10), help: 'capacity of the volume and request of the claim' }),
  storageClassName: option({
    value: rules.dnsSubdomain,
    default: 'manual',
    help: 'storage class of the volume and the claim; manual matches no provisioner, so the claim binds only this volume',
  }),
  namespace: option({
    value: rules.dnsLabel,
    help: 'namespace of the claim; the volume is cluster-scoped and never gets one',
    defaultText: "the Chart's namespace",
  }),
  reserveForClaim: option({
    value: rules.flag,
    default: false,
    help: "reserves the volume for this claim (spec.claimRef), so that no claim of another namespace binds it first; needs the claim's namespace",
  }),
};

/** Props of {@link LabPersistentVolume}. */
export type LabPersistentVolumeTableProps = PropsOf<typeof LAB_PERSISTENT_VOLUME_OPTIONS>;
export type { LabPersistentVolumeProps };

/**
 * The lab's statically provisioned storage: a hostPath PersistentVolume and a claim bound to it by
 * `volumeName`, both ReadWriteOnce.
 */
export class LabPersistentVolume extends Construct {
  public readonly persistentVolume: ApiObject;
  public readonly claim: ApiObject;
  /** The pod volume source that mounts the claim. */
  public readonly volumeSource: MaildirVolumeSource;

  public constructor(scope: Construct, id: string, props: LabPersistentVolumeProps = {}) {
    super(scope, id);
    const root = 'LabPersistentVolumeProps';
    const p = resolveProps(LAB_PERSISTENT_VOLUME_OPTIONS, props, { root });
    const claimNamespace = p.namespace ?? Chart.of(this).namespace;
    if (p.reserveForClaim && claimNamespace === undefined) {
      const name = (path: PropPath) => optionName(root, path);
      throw new InvalidOptionError(name(['reserveForClaim']), true, (n) => `needs the claim's namespace: set ${n(['namespace'])}, or place it in a Chart with one`, ['reserveForClaim'], name);
    }

    this.persistentVolume = hostPathVolume(this, 'PersistentVolume', {
      name: p.volumeName,
      hostPath: p.hostPath,
      size: p.size,
      storageClassName: p.storageClassName,
      claimRef: p.reserveForClaim ? { namespace: claimNamespace!, name: p.claimName } : undefined,
    });

    this.claim = databaseClaim(this, 'Claim', {
      name: p.claimName,
      namespace: p.namespace,
      storageClassName: p.storageClassName,
      size: p.size,
      volumeName: p.volumeName,
    });
    this.claim.addDependency(this.persistentVolume);

    this.volumeSource = { persistentVolumeClaim: { claimName: p.claimName } };
  }
}

/** What a lab hostPath PersistentVolume is made of. */
export interface HostPathVolumeOptions {
  readonly name: string;
  readonly hostPath: string;
  readonly size: Size;
  readonly storageClassName: string;
  /** The one claim that may bind it. */
  readonly claimRef?: { readonly namespace: string; readonly name: string };
}

/** A cluster-scoped hostPath PersistentVolume, ReadWriteOnce, as the lab writes it. */
export function hostPathVolume(scope: Construct, id: string, o: HostPathVolumeOptions): ApiObject {
  return clusterScoped(
    kubeObject<PersistentVolume>(scope, id, {
      apiVersion: CORE_API_VERSION,
      kind: 'PersistentVolume',
      metadata: { name: o.name },
      spec: {
        accessModes: ['ReadWriteOnce'],
        storageClassName: o.storageClassName,
        capacity: { storage: o.size.asString() },
        hostPath: { path: o.hostPath },
        claimRef: o.claimRef && { ...o.claimRef },
      },
    }),
  );
}
