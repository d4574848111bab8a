import type { ApiObject, Size } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PersistentVolumeClaim } from '../../imports/core';
import { CORE_API_VERSION } from '../../imports/core';
import { kubeObject } from './kube';

/** What a claim for Mailpit's database needs. */
export interface DatabaseClaimOptions {
  readonly name: string;
  readonly size: Size;
  readonly namespace?: string;
  readonly storageClassName?: string;
  /** Binds the claim to this PersistentVolume by name. */
  readonly volumeName?: string;
  /** @default 'ReadWriteOnce': one SQLite file admits one writer, so one node is all it needs */
  readonly accessMode?: 'ReadWriteOnce' | 'ReadWriteOncePod' | 'ReadWriteMany';
}

/** A claim for the database. */
export function databaseClaim(scope: Construct, id: string, options: DatabaseClaimOptions): ApiObject {
  return kubeObject<PersistentVolumeClaim>(scope, id, {
    apiVersion: CORE_API_VERSION,
    kind: 'PersistentVolumeClaim',
    metadata: { name: options.name, namespace: options.namespace },
    spec: {
      accessModes: [options.accessMode ?? 'ReadWriteOnce'],
      storageClassName: options.storageClassName,
      resources: { requests: { storage: options.size.asString() } },
      volumeName: options.volumeName,
    },
  });
}
