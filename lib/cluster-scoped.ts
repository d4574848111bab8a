import { ApiObject, JsonPatch } from 'cdk8s';

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
