import * as v from 'valibot';
import { type Problem, problemOf } from '../../options/option';
import * as rules from '../../options/rules';

const strategy = v.optional(rules.oneOf(['Recreate', 'RollingUpdate']));

const VARIANT = v.strictObject(
  {
    id: rules.dnsLabel,
    labels: v.pipe(
      rules.labels,
      v.check((labels) => Object.keys(labels).length > 0, "at least one label, which tells its pods from the other variants'"),
    ),
    image: v.optional(rules.imageReference),
    replicas: v.optional(rules.wholeNumber(0)),
  },
  'an object { id, labels, image, replicas }',
);

/** The fields of each workload, as its factory takes them. */
const FIELDS = {
  'single-pod': v.strictObject({ replicas: v.optional(v.literal(1, '1')), strategy }, 'MailpitWorkload.deployment({ replicas, strategy })'),
  replicated: v.strictObject({ replicas: rules.wholeNumber(1), strategy }, 'MailpitWorkload.deployment({ replicas, strategy })'),
  variants: v.strictObject(
    { variants: v.pipe(rules.listOf(VARIANT, 'variants'), v.minLength(2, 'a list of at least two variants')), serviceSelector: v.optional(rules.labels) },
    'MailpitWorkload.variants(variants, { serviceSelector })',
  ),
  'stateful-set': v.strictObject({ replicas: v.optional(rules.wholeNumber(1)), startInOrder: v.optional(rules.flag) }, 'MailpitWorkload.statefulSet({ replicas, startInOrder })'),
};

/** A Deployment beside others, as a canary or one slot of a blue-green pair. */
export interface Variant {
  /** Names the Deployment `<name>-<id>`. */
  readonly id: string;
  /** Labels of its pods besides app, which its Deployment selects, such as `track: canary`. */
  readonly labels: Readonly<Record<string, string>>;
  /**
   * Its image.
   * @default the image prop
   */
  readonly image?: string;
  /**
   * Its pods.
   * @default 1
   */
  readonly replicas?: number;
}

/** The Deployment strategies: Recreate stops the old pod before the new one starts. */
export type DeploymentStrategy = 'Recreate' | 'RollingUpdate';

/** One Deployment of one pod. */
export interface SinglePodOptions {
  /**
   * One pod: a Deployment of several needs a database they share (rqlite).
   * @default 1
   */
  readonly replicas?: 1;
  /**
   * The Deployment strategy.
   * @default Recreate on a volume (one Mailpit process per SQLite file), else the Kubernetes default
   */
  readonly strategy?: DeploymentStrategy;
}

/** One Deployment of several pods, on a database they share. */
export interface ReplicatedOptions {
  /** Pods of the Deployment. */
  readonly replicas: number;
  /**
   * The Deployment strategy.
   * @default the Kubernetes default, RollingUpdate
   */
  readonly strategy?: DeploymentStrategy;
}

/** A StatefulSet: a claim per pod, or pods on a shared database started one at a time. */
export interface StatefulSetOptions {
  /**
   * Pods of the StatefulSet.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Its pods start one at a time, each once the one before is ready (`OrderedReady`, with the
   * probes on), so that only one applies Mailpit's schema to a shared database; no claim of its own.
   * A rollout to a version that never gets ready stops at its first pod: after
   * `kubectl rollout undo`, delete that pod.
   * @default false
   */
  readonly startInOrder?: boolean;
}

/** Deployments side by side. */
export interface VariantsOptions {
  /**
   * The labels, besides app, that the Services select, such as `slot: blue`: the switch of a
   * blue-green pair.
   * @default app only: every variant
   */
  readonly serviceSelector?: Readonly<Record<string, string>>;
}

/**
 * How a Mailpit runs, as a typed value: one Deployment, several pods of one, Deployments side by
 * side (a canary, a blue-green pair), or a StatefulSet.
 */
export abstract class MailpitWorkload {
  /** One Deployment; of several pods, on a database they share. */
  public static deployment(options?: SinglePodOptions): SinglePodDeployment;
  public static deployment(options: ReplicatedOptions): ReplicatedDeployment;
  public static deployment(options: SinglePodOptions | ReplicatedOptions = {}): SinglePodDeployment | ReplicatedDeployment {
    return options.replicas === undefined || options.replicas === 1 ? new SinglePodDeployment(options as SinglePodOptions) : new ReplicatedDeployment(options as ReplicatedOptions);
  }

  /** Deployments side by side, `<name>-<id>` each, on a database they share: a stable and a canary, or blue and green. */
  public static variants(variants: readonly Variant[], options: VariantsOptions = {}): VariantsWorkload {
    return new VariantsWorkload(variants, options);
  }

  /** A StatefulSet: each pod with a claim of its own, or on a shared database, started in order. */
  public static statefulSet(options: StatefulSetOptions = {}): StatefulSetWorkload {
    return new StatefulSetWorkload(options);
  }

  /** What it is: which databases it takes. */
  public abstract readonly kind: 'single-pod' | 'replicated' | 'variants' | 'stateful-set';

  /** What its fields hold that is wrong, at its path in the props. */
  public problem(): Problem | undefined {
    return problemOf(FIELDS[this.kind], this.fields());
  }

  /** Its fields, as its factory took them. */
  protected abstract fields(): object;
}

/** One Deployment of one pod: see {@link MailpitWorkload.deployment}. */
export class SinglePodDeployment extends MailpitWorkload {
  public readonly kind = 'single-pod';

  public constructor(public readonly options: SinglePodOptions) {
    super();
  }

  protected fields(): object {
    return this.options;
  }
}

/** One Deployment of several pods: see {@link MailpitWorkload.deployment}. */
export class ReplicatedDeployment extends MailpitWorkload {
  public readonly kind = 'replicated';

  public constructor(public readonly options: ReplicatedOptions) {
    super();
  }

  protected fields(): object {
    return this.options;
  }
}

/** Deployments side by side: see {@link MailpitWorkload.variants}. */
export class VariantsWorkload extends MailpitWorkload {
  public readonly kind = 'variants';

  public constructor(
    public readonly variants: readonly Variant[],
    public readonly options: VariantsOptions,
  ) {
    super();
  }

  protected fields(): object {
    return { variants: this.variants, ...this.options };
  }
}

/** A StatefulSet: see {@link MailpitWorkload.statefulSet}. */
export class StatefulSetWorkload extends MailpitWorkload {
  public readonly kind = 'stateful-set';

  public constructor(public readonly options: StatefulSetOptions) {
    super();
  }

  protected fields(): object {
    return this.options;
  }
}
