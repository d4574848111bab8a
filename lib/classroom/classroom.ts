import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { clusterScoped } from '../cluster-scoped';
import { DEFAULT_STAGE, StageName, StageProps, STAGES } from '../stages';
import { Check, ingressHost, quantityOrZero, validate } from '../validation';
import { checkStudentIds } from './student-ids';

/** The namespace of a student is this prefix and their id, unless told otherwise. */
export const DEFAULT_NAMESPACE_PREFIX = 'mailpit-';
/** The Ingress host of a student is their id under this domain, unless told otherwise. */
export const DEFAULT_DOMAIN = 'mailpit.test';

/** The label that marks every object of one student, cluster-scoped ones included. */
export const STUDENT_LABEL = 'cdk8s-mailpit/student';

/**
 * What one student's namespace may hold. Enough for every stage, including a rolling update of
 * `baseline` and the `init-pv` of `pvc-secure`, and far from a shared lab cluster's size.
 */
export const DEFAULT_STUDENT_QUOTA: Readonly<Record<string, string>> = {
  pods: '4',
  'requests.cpu': '1',
  'requests.memory': '1Gi',
  'limits.cpu': '2',
  'limits.memory': '2Gi',
  persistentvolumeclaims: '2',
  'requests.storage': '2Gi',
  services: '4',
  'services.nodeports': '0',
  'services.loadbalancers': '0',
};

/**
 * CPU and memory a container gets when its manifest says nothing, as the lab's do. Without it the
 * quota's CPU and memory fields would reject the lab's pods.
 */
export const DEFAULT_CONTAINER_RESOURCES = {
  defaultRequest: { cpu: '50m', memory: '64Mi' },
  default: { cpu: '500m', memory: '256Mi' },
} as const;

/** The quota fields a classroom may set. */
export const STUDENT_QUOTA_FIELDS: readonly string[] = [
  ...Object.keys(DEFAULT_STUDENT_QUOTA),
  'configmaps',
  'secrets',
  'count/ingresses.networking.k8s.io',
  'count/deployments.apps',
];

/** A `field=value` quota entry: a field we know, and a quantity. */
export const quotaEntry: Check<string> = (entry) => {
  const [, field, value] = /^([^=]*)=(.*)$/.exec(entry) ?? [];
  if (field === undefined || !STUDENT_QUOTA_FIELDS.includes(field)) {
    return `FIELD=VALUE with FIELD one of ${STUDENT_QUOTA_FIELDS.join(', ')}`;
  }
  return quantityOrZero(value) === undefined ? undefined : `${field}=VALUE with VALUE a Kubernetes quantity such as 0, 4, 2Gi or 500m`;
};

/** Props of {@link Classroom}. */
export interface ClassroomProps {
  /** Student ids, each a DNS label. They are lowercased, and must differ without case. */
  readonly students: readonly string[];

  /**
   * The stage every student gets.
   * @default 'pvc-secure'
   */
  readonly stage?: StageName;

  /**
   * Props of every student's stage. Host, namespace and storage names are set per student.
   * @default - the stage's defaults
   */
  readonly stageProps?: Omit<StageProps, 'host' | 'namespace' | 'storage'>;

  /**
   * Each student's namespace is this prefix followed by the id.
   * @default 'mailpit-'
   */
  readonly namespacePrefix?: string;

  /**
   * Each student's Ingress host is `<id>.<domain>`.
   * @default 'mailpit.test'
   */
  readonly domain?: string;

  /**
   * ResourceQuota fields of each namespace, each replacing its default.
   * @default DEFAULT_STUDENT_QUOTA
   */
  readonly quota?: Readonly<Record<string, string>>;

  /**
   * Gives user `<id>` a Role in their own namespace with what the lab's kubectl steps need.
   * @default false
   */
  readonly rbac?: boolean;
}

/** One student's part of a {@link Classroom}. */
export interface Seat {
  readonly id: string;
  readonly namespace: string;
  readonly host: string;
  readonly scope: Construct;
}

/**
 * One Mailpit per student on a shared cluster: a Namespace each, with a quota, the chosen stage
 * inside it, cluster-scoped names made unique, and optionally a Role for the student.
 *
 * Every object lives in the enclosing Chart with an explicit namespace, so that cdk8s resolves the
 * whole class in one pass: one Chart per student in one App costs time quadratic in the class size.
 */
export class Classroom extends Construct {
  public readonly seats: readonly Seat[];

  public constructor(scope: Construct, id: string, props: ClassroomProps) {
    super(scope, id);
    const stage = props.stage ?? DEFAULT_STAGE;
    const prefix = props.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX;
    const domain = validate('ClassroomProps.domain', props.domain ?? DEFAULT_DOMAIN, ingressHost);
    if (prefix !== '') {
      validate('ClassroomProps.namespacePrefix', prefix, (value) =>
        /^[a-z0-9]([-a-z0-9]*)?$/.test(value) ? undefined : "the start of a DNS-1123 label: lowercase letters, digits and '-', starting with a letter or digit",
      );
    }
    const quota = { ...DEFAULT_STUDENT_QUOTA, ...props.quota };
    for (const [field, value] of Object.entries(quota)) {
      validate('ClassroomProps.quota', `${field}=${value}`, quotaEntry);
    }
    const ids = checkStudentIds(
      props.students.map((student, index) => ({ id: student, where: `ClassroomProps.students[${index}]` })),
      prefix,
      domain,
      { option: 'ClassroomProps.students', value: props.students },
    );
    const accepts: readonly string[] = STAGES[stage].accepts;

    this.seats = ids.map((student) => {
      const namespace = `${prefix}${student}`; // a DNS label: checkStudentIds checked prefix and id
      const host = `${student}.${domain}`;
      const seat = new Construct(this, student);
      // The namespace, its quota and its container defaults exist before anything is put in it:
      // the quota admits the lab's pods only once the defaults are there.
      const setup = new Construct(seat, 'Namespace');
      clusterScoped(
        new k8s.KubeNamespace(setup, 'Namespace', {
          metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': STAGES[stage].podSecurity } },
        }),
      );
      new k8s.KubeResourceQuota(setup, 'Quota', {
        metadata: { name: 'student-quota', namespace },
        spec: { hard: quantities(quota) },
      });
      new k8s.KubeLimitRange(setup, 'Defaults', {
        metadata: { name: 'student-defaults', namespace },
        spec: {
          limits: [
            {
              type: 'Container',
              defaultRequest: quantities(DEFAULT_CONTAINER_RESOURCES.defaultRequest),
              default: quantities(DEFAULT_CONTAINER_RESOURCES.default),
            },
          ],
        },
      });
      if (props.rbac) {
        new StudentRole(seat, 'Rbac', { user: student, namespace }).node.addDependency(setup);
      }
      const storage = accepts.includes('storage')
        ? { storage: { volumeName: `pv-mailpit-${student}`, hostPath: `/tmp/pv-mailpit-${student}`, reserveForClaim: true } }
        : {};
      new STAGES[stage].construct(seat, 'Mailpit', { ...props.stageProps, ...storage, namespace, host }).node.addDependency(setup);
      for (const object of seat.node.findAll()) {
        if (ApiObject.isApiObject(object)) {
          object.metadata.addLabel(STUDENT_LABEL, student);
        }
      }
      return { id: student, namespace, host, scope: seat };
    });
  }
}

function quantities(values: Readonly<Record<string, string>>): Record<string, k8s.Quantity> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, k8s.Quantity.fromString(value)]));
}

/**
 * What the lab's kubectl steps need, in one namespace: read pods, Services, claims, Ingresses and
 * Deployments; `exec`, `port-forward` and logs; apply Deployments, claims and Services; delete pods.
 * Nothing cluster-scoped, no Secrets, no RBAC.
 */
export const STUDENT_RULES: readonly k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'persistentvolumeclaims', 'events', 'resourcequotas'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['pods/exec', 'pods/portforward', 'pods/attach'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['services', 'persistentvolumeclaims'], verbs: ['create', 'update', 'patch', 'delete'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update', 'patch', 'delete'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
];

/** A Role with {@link STUDENT_RULES}, bound to one user in one namespace. */
class StudentRole extends Construct {
  public constructor(scope: Construct, id: string, props: { user: string; namespace: string }) {
    super(scope, id);
    const role = new k8s.KubeRole(this, 'Role', {
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      rules: [...STUDENT_RULES],
    });
    const binding = new k8s.KubeRoleBinding(this, 'Binding', {
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: props.user }],
    });
    binding.addDependency(role);
  }
}
