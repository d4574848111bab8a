import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { LimitRange, Namespace, ResourceQuota } from 'kubernetes-types/core/v1';
import type { PolicyRule, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import { clusterScoped, kubeObject } from '../building-blocks/kube';
import { resolveProps, ResolvedOf } from '../options/option';
import { STAGES } from '../stages';
import { DEFAULT_STAGE, StageName } from '../stages/names';
import { ClassStageProps, resolveStageProps, stagesTaking } from '../stages/options';
import { CLASSROOM_OPTIONS, ClassroomOptionProps } from './options';
import { checkStudentIds } from './students';

/** The label that marks every object of one student, cluster-scoped ones included. */
export const STUDENT_LABEL = 'cdk8s-mailpit/student';

/**
 * CPU and memory a container gets when its manifest says nothing, as the lab's do. Without it the
 * quota's CPU and memory fields would reject the lab's pods.
 */
export const DEFAULT_CONTAINER_RESOURCES = {
  defaultRequest: { cpu: '50m', memory: '64Mi' },
  default: { cpu: '500m', memory: '256Mi' },
} as const;

/** The stage of every student, and the props that stage takes from the teacher. */
export type ClassStage =
  | { [S in StageName]: { readonly stage: S; readonly stageProps?: ClassStageProps<S> } }[StageName]
  | { readonly stage?: undefined; readonly stageProps?: ClassStageProps<typeof DEFAULT_STAGE> };

/** Props of {@link Classroom}. */
export type ClassroomProps = Omit<ClassroomOptionProps, 'stage' | 'stageProps'> & ClassStage;

/** A class with every prop checked once and every default applied: what {@link Classroom} builds. */
export interface ResolvedClassroom extends Omit<ResolvedOf<typeof CLASSROOM_OPTIONS>, 'students'> {
  /** The ids, lowercased. */
  readonly students: readonly string[];
}

/**
 * Checks a class's props before anything is built: its own, every student id (once, here), and the
 * props of its stage, so that an error names the class's prop. Each student's stage resolves those
 * props again through the same code, when it is built.
 */
export function resolveClassroom(props: unknown, root = 'ClassroomProps'): ResolvedClassroom {
  const p = resolveProps(CLASSROOM_OPTIONS, props, { root });
  resolveStageProps(p.stage, p.stageProps, { root, at: ['stageProps'], inClass: true });
  return { ...p, students: checkStudentIds(p.students, p.namespacePrefix, p.domain, root) };
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
    const resolved = resolveClassroom(props);
    this.seats = resolved.students.map((student) => seat(this, resolved, student));
  }
}

function seat(scope: Construct, p: ResolvedClassroom, student: string): Seat {
  const namespace = `${p.namespacePrefix}${student}`;
  const host = `${student}.${p.domain}`;
  const seat = new Construct(scope, student);
  // The namespace, its quota and its container defaults exist before anything is put in it: the
  // quota admits the lab's pods only once the defaults are there.
  const setup = new Construct(seat, 'Namespace');
  clusterScoped(
    kubeObject<Namespace>(setup, 'Namespace', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': STAGES[p.stage].podSecurity } },
    }),
  );
  kubeObject<ResourceQuota>(setup, 'Quota', {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: { name: 'student-quota', namespace },
    spec: { hard: { ...p.quota } },
  });
  kubeObject<LimitRange>(setup, 'Defaults', {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: { name: 'student-defaults', namespace },
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { ...DEFAULT_CONTAINER_RESOURCES.defaultRequest },
          default: { ...DEFAULT_CONTAINER_RESOURCES.default },
        },
      ],
    },
  });
  if (p.rbac) {
    new StudentRole(seat, 'Rbac', { user: student, namespace }).node.addDependency(setup);
  }
  const storage = stagesTaking('storage').includes(p.stage)
    ? { storage: { volumeName: `pv-mailpit-${student}`, hostPath: `/tmp/pv-mailpit-${student}`, reserveForClaim: true } }
    : {};
  new STAGES[p.stage].construct(seat, 'Mailpit', { ...p.stageProps, ...storage, namespace, host }).node.addDependency(setup);
  for (const object of seat.node.findAll()) {
    if (ApiObject.isApiObject(object)) {
      object.metadata.addLabel(STUDENT_LABEL, student);
    }
  }
  return { id: student, namespace, host, scope: seat };
}

/**
 * What the lab's kubectl steps need, in one namespace: read pods, Services, claims, Ingresses and
 * Deployments; `exec`, `port-forward` and logs; apply Deployments, claims and Services; delete pods.
 * Nothing cluster-scoped, no Secrets, no RBAC.
 */
export const STUDENT_RULES: readonly PolicyRule[] = [
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
    const role = kubeObject<Role>(this, 'Role', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      rules: STUDENT_RULES.map((rule) => ({ ...rule })),
    });
    const binding = kubeObject<RoleBinding>(this, 'Binding', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: props.user }],
    });
    binding.addDependency(role);
  }
}
