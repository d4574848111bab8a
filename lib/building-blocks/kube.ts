import { ApiObject, type ApiObjectProps, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import { guardUniqueObjects } from './unique-objects';

/** A Kubernetes object as kubernetes-types declares it, with its apiVersion and kind. */
type Manifest<T> = T & { readonly apiVersion: string; readonly kind: string };

/**
 * A typed Kubernetes object in a chart. The literal is checked by kubernetes-types, so an unknown
 * field does not compile; cdk8s renders it as written, keys sorted, with no defaults added. This
 * keeps the 2.5 MB of cdk8s-plus-27's generated L1 classes out of the command line's start-up.
 */
export function kubeObject<T extends { apiVersion?: string; kind?: string }>(scope: Construct, id: string, manifest: Manifest<T>): ApiObject {
  const object = new ApiObject(scope, id, manifest as unknown as ApiObjectProps);
  guardUniqueObjects(object);
  return object;
}

/**
 * Keeps a cluster-scoped object (PersistentVolume, Namespace) out of any namespace: a Chart stamps
 * its namespace on every object it holds, and the API server rejects it on these.
 */
export function clusterScoped<T extends ApiObject>(object: T): T {
  if (object.metadata.namespace !== undefined) {
    object.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
  return object;
}
