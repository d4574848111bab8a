import type { KubeObject } from '../synth/render';
import { podShapeProblem } from './pod-shape';
import type { PodLike } from './pod-security';

// Which objects are workloads, and where each keeps the pod that the Pod Security check judges.

/** Where each kind of workload keeps its pod: the path to its pod template; a Pod is one. */
export const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** A workload whose pod cannot be evaluated: the field, relative to the workload, and what it must be. */
export class WorkloadShapeError extends Error {
  public constructor(
    public readonly field: string,
    public readonly allowed: string,
    /** The workload, once known: `file: Kind/name`. */
    public readonly subject?: string,
  ) {
    super(`${subject === undefined ? '' : `${subject}: `}${field} must be ${allowed}`);
    this.name = 'WorkloadShapeError';
  }
}

/** The pod of a workload object, with what the template says of itself; undefined for other kinds. */
export function podOf(object: KubeObject): PodLike | undefined {
  const path = Object.hasOwn(POD_PATHS, object.kind) ? POD_PATHS[object.kind] : undefined;
  if (path === undefined) {
    return undefined;
  }
  // biome-ignore lint/suspicious/noExplicitAny: a walk down a manifest read from a file
  const pod = path.length === 0 ? { metadata: object.metadata, spec: object.spec } : path.reduce<any>((node, key) => node?.[key], object);
  const problem = podShapeProblem(pod);
  if (problem) {
    const field = [...path, problem.field]
      .filter((part) => part !== '')
      .join('.')
      .replace(/\.\[/g, '[');
    throw new WorkloadShapeError(field || '(the pod)', problem.allowed);
  }
  return pod as PodLike;
}
