// What a Pod Security check is, as the official policy (kubernetes/pod-security-admission,
// policy/) models it: a control of one level, with an implementation per Kubernetes version from
// which its rule applies, and the checks of the lower level that it replaces.

/** A pod, or a pod template with its metadata: every field may be missing or of any type. */
export interface PodLike {
  readonly metadata?: unknown;
  readonly spec?: unknown;
}

/** One field that fails a control. */
export interface Finding {
  /** The container at fault, or undefined for a pod-level field. */
  readonly container?: string;
  /** The offending field, relative to the pod spec or the container. */
  readonly field: string;
  /** What the field holds, and what the control wants. */
  readonly detail: string;
}

/** The rule of a check from one Kubernetes version on. */
export interface VersionedRule {
  /** The minor version from which this rule applies, until the next one's. */
  readonly since: number;
  readonly evaluate: (pod: PodView) => Finding[];
}

export interface Check {
  /** The check's id in the official policy, such as `capabilities_restricted`. */
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  /** The control's name on the Pod Security Standards page. */
  readonly control: string;
  /** Ordered by `since`; before the first, the check does not exist. */
  readonly rules: readonly VersionedRule[];
  /** Lower-level checks this one replaces in an evaluation at its level, from a version on. */
  readonly overrides?: { readonly since: number; readonly ids: readonly string[] };
}

/** A container of any kind, read defensively. */
export interface ContainerView {
  readonly name: string;
  /** containers, initContainers or ephemeralContainers. */
  readonly kind: string;
  readonly securityContext: Record<string, unknown>;
  readonly raw: Record<string, unknown>;
}

/**
 * A pod read without trusting its shape: a field of the wrong type reads as absent, so that a
 * check never throws; the report states malformed shapes on its own (pod-shape.ts).
 */
export class PodView {
  public readonly spec: Record<string, unknown>;
  public readonly annotations: Record<string, unknown>;
  public readonly securityContext: Record<string, unknown>;
  public readonly containers: readonly ContainerView[];

  public constructor(pod: PodLike) {
    this.spec = record(pod.spec);
    this.annotations = record(record(pod.metadata).annotations);
    this.securityContext = record(this.spec.securityContext);
    this.containers = (['initContainers', 'containers', 'ephemeralContainers'] as const).flatMap((kind) =>
      list(this.spec[kind]).map((raw) => {
        const container = record(raw);
        return { name: typeof container.name === 'string' ? container.name : '', kind, securityContext: record(container.securityContext), raw: container };
      }),
    );
  }

  /** Whether the pod declares itself a Windows pod (spec.os.name). */
  public get windows(): boolean {
    return record(this.spec.os).name === 'windows';
  }

  /** Whether the pod runs in a user namespace (spec.hostUsers: false). */
  public get userNamespace(): boolean {
    return this.spec.hostUsers === false;
  }
}

/** An object, or an empty one for anything else. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** A list, or an empty one for anything else. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value at a dotted path, through objects only. */
export function at(object: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => record(node)[key], object);
}

/** How a value reads in a detail: a scalar as written, at most 100 characters; a collection by its kind. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) {
    return 'unset';
  }
  if (typeof value === 'object' && !(Array.isArray(value) && value.every((item) => typeof item !== 'object' || item === null))) {
    return Array.isArray(value) ? 'a list' : 'an object';
  }
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}
