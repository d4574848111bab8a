import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';

/** What a claim for Mailpit's database needs. */
export interface DatabaseClaimOptions {
  readonly name: string;
  readonly size: string;
  readonly namespace?: string;
  readonly storageClassName?: string;
  /** Binds the claim to this PersistentVolume by name. */
  readonly volumeName?: string;
}

/** A ReadWriteOnce claim: one SQLite file admits one writer, so one node is all it needs. */
export function databaseClaim(scope: Construct, id: string, options: DatabaseClaimOptions): k8s.KubePersistentVolumeClaim {
  return new k8s.KubePersistentVolumeClaim(scope, id, {
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      accessModes: ['ReadWriteOnce'],
      storageClassName: options.storageClassName,
      resources: { requests: { storage: k8s.Quantity.fromString(options.size) } },
      volumeName: options.volumeName,
    },
  });
}
