// The apps API group: the workloads.
export type { Deployment, StatefulSet } from 'kubernetes-types/apps/v1';

/** The apiVersion of Deployments and StatefulSets. */
export const APPS_API_VERSION = 'apps/v1';
