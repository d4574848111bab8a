import type { ApiObject } from 'cdk8s';
import { createHash } from 'node:crypto';
import type { ConfigMap, Probe } from '../../../imports/core';

// Parts of Mailpit's pod that depend on nothing but their arguments.

/**
 * Mailpit starts HTTP only after its database migrations, which can be slow on a large database,
 * so a startup probe with a long budget guards liveness until then.
 */
export function probes(webroot: string, scheme?: 'HTTPS'): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const get = (endpoint: string) => ({ path: `${webroot}${endpoint}`, port: 'http', scheme });
  return {
    startupProbe: { httpGet: get('livez'), periodSeconds: 2, failureThreshold: 150 },
    livenessProbe: { httpGet: get('livez'), periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { httpGet: get('readyz'), periodSeconds: 5, failureThreshold: 3 },
  };
}

/** The hash of a ConfigMap's data as it will be written, keys sorted. */
export function configChecksum(configMap: ApiObject): string {
  const data: Record<string, string> = (configMap.toJson() as ConfigMap).data ?? {};
  const sorted = Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((key) => [key, data[key]]),
  );
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

/** A list, or nothing for an empty one: Kubernetes writes no empty list back. */
export function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
