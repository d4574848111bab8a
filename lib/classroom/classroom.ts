import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { LimitRange, Namespace, ResourceQuota } from '../../imports/core';
import { CORE_API_VERSION } from '../../imports/core';
import type { PolicyRule, Role, RoleBinding } from '../../imports/rbac';
import { RBAC_API_VERSION } from '../../imports/rbac';
import { clusterScoped, kubeObject } from '../building-blocks/kube';
import { InvalidOptionError, optionName, type PropPath } from '../options/errors';
import { Rqlite } from '../building-blocks/rqlite';
import { tenantClash, tenantProblem } from '../building-blocks/mailpit/tenants';
import { partOf, type PathMap, type PropsNaming, resolveProps, type ResolvedOf, sameKeys } from '../options/option';
import { STAGES } from '../stages';
import { type DEFAULT_STAGE, RQLITE_STAGES, type StageName } from '../stages/names';
import { type ClassStageProps, STAGE_OPTIONS, type StageOption, stagesTaking } from '../stages/options';
import { resolveStageProps } from '../stages/resolve';
import { CLASSROOM_OPTIONS } from './options';
import { checkStudentIds } from './students';
import type { ClassroomBaseProps } from '../generated/props';

/** The label that marks every object of one student, cluster-scoped ones included. */
export const STUDENT_LABEL = 'cdk8s-mailpit/student';

/** The label that marks the objects every student shares: the class's rqlite database. */
export const SHARED_LABEL = 'cdk8s-mailpit/shared';

/** Whether a stage's Mailpits keep their mail in rqlite; a class then shares one cluster. */
function sharesRqlite(stage: StageName): boolean {
  return (RQLITE_STAGES as readonly StageName[]).includes(stage);
}

/** The namespace of a class's shared rqlite cluster. */
function sharedDatabaseNamespace(namespacePrefix: string): string {
  return `${namespacePrefix}rqlite`;
}

/**
 * A student's tenant in the shared database: the id, with '-' written '_'; and '_' before it
 * where Mailpit could not prefix its tables with the id (one that starts with a digit, or with
 * sqlite, which SQLite reserves).
 */
export function tenantOf(student: string): string {
  const tenant = student.replace(/-/g, '_');
  return tenantProblem(tenant) === undefined ? tenant : `_${tenant}`;
}

/**
 * CPU and memory a container gets when its manifest says nothing, as the lab's do. Without it the
 * quota's CPU and memory fields would reject the lab's pods.
 */
export const DEFAULT_CONTAINER_RESOURCES = {
  defaultRequest: { cpu: '50m', memory: '64Mi' },
  default: { cpu: '500m', memory: '256Mi' },
} as const;

/**
 * What a container without resources gets, for what the quota counts: a quota of limits.cpu
 * rejects a pod whose containers set no CPU limit, unless a LimitRange gives one; a field the
 * quota does not count gets no default. Undefined when the quota counts none of them.
 */
function containerDefaults(hard: Readonly<Record<string, string>>): { defaultRequest?: Record<string, string>; default?: Record<string, string> } | undefined {
  const pick = (side: 'requests' | 'limits', values: Readonly<Record<string, string>>) => {
    const picked = Object.fromEntries(Object.entries(values).filter(([resource]) => hard[`${side}.${resource}`] !== undefined));
    return Object.keys(picked).length > 0 ? picked : undefined;
  };
  const defaultRequest = pick('requests', DEFAULT_CONTAINER_RESOURCES.defaultRequest);
  const limit = pick('limits', DEFAULT_CONTAINER_RESOURCES.default);
  return defaultRequest || limit ? { defaultRequest, default: limit } : undefined;
}

/** The stage of every student, and the props that stage takes from the teacher. */
export type ClassStage =
  | { [S in StageName]: { readonly stage: S; readonly stageProps?: ClassStageProps<S> } }[StageName]
  | { readonly stage?: undefined; readonly stageProps?: ClassStageProps<typeof DEFAULT_STAGE> };

/** Props of {@link Classroom}. */
export type ClassroomProps = ClassroomBaseProps & ClassStage;
export type { ClassroomBaseProps };

/** A class with every prop checked once and every default applied: what {@link Classroom} builds. */
export interface ResolvedClassroom extends Omit<ResolvedOf<typeof CLASSROOM_OPTIONS>, 'students'> {
  /** The ids, lowercased. */
  readonly students: readonly string[];
  /** The stage props with every default applied, as the students' stages resolve them. */
  // biome-ignore lint/suspicious/noExplicitAny: the props of whichever stage the class runs
  readonly resolvedStageProps: Readonly<Record<string, any>>;
}

/**
 * Checks a class's props before anything is built: its own, every student id (once, here), and the
 * props of its stage, so that an error names the class's prop. Each student's stage resolves those
 * props again through the same code, when it is built.
 */
export function resolveClassroom(props: unknown, root = 'ClassroomProps'): ResolvedClassroom {
  const p = resolveProps(CLASSROOM_OPTIONS, props, { root });
  // biome-ignore lint/suspicious/noExplicitAny: the props of whichever stage the class runs
  const resolvedStageProps = resolveStageProps(p.stage, p.stageProps, { root, at: ['stageProps'], inClass: true }) as Record<string, any>;
  const shared = sharesRqlite(p.stage);
  const teacherUrl = (p.stageProps?.rqlite as { url?: unknown } | undefined)?.url;
  if (shared && teacherUrl !== undefined) {
    const at: PropPath = ['stageProps', 'rqlite', 'url'];
    throw new InvalidOptionError(optionName(root, at), teacherUrl, "set by the class: its Mailpits share one rqlite cluster, sized by stageProps.rqlite, each student's under their own tenantId", at);
  }
  const students = checkStudentIds(p.students, p.namespacePrefix, p.domain, root, shared ? sharedDatabaseNamespace(p.namespacePrefix) : undefined);
  const clash = shared ? tenantClash(students.map(tenantOf)) : undefined;
  if (clash) {
    const at: PropPath = ['students', clash.tenant];
    const name = (path: PropPath) => optionName(root, path);
    throw new InvalidOptionError(
      name(at),
      p.students[clash.tenant],
      (n) =>
        `an id whose tenant shares no table or index name with another student's: its ${clash.name} would also be ${JSON.stringify(students[clash.with])}'s, of ${n(['students', clash.with])}, in the shared rqlite database (Mailpit prefixes its names with the tenant, and SQLite compares them without case)`,
      at,
      name,
    );
  }
  return { ...p, students, resolvedStageProps };
}

/** How a class's errors name its props. */
const CLASS: PropsNaming = { root: 'ClassroomProps' };

/** The stage props that a seat sets for its student, not the teacher. */
const SET_PER_STUDENT: ReadonlySet<string> = new Set(Object.entries(STAGE_OPTIONS as Record<string, StageOption>).flatMap(([key, spec]) => (spec.inClass ? [key] : [])));

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
  /** On rqlite: the one cluster the class shares, in a namespace of its own; each student is a tenant. */
  public readonly database?: Rqlite;

  public constructor(scope: Construct, id: string, props: ClassroomProps) {
    super(scope, id);
    const resolved = resolveClassroom(props);
    if (sharesRqlite(resolved.stage)) {
      this.database = sharedDatabase(this, resolved);
    }
    this.seats = resolved.students.map((_, index) => seat(this, resolved, index, this.database));
  }
}

/**
 * One rqlite cluster for the whole class, sized by the teacher's rqlite props: one cluster per
 * student would multiply its pods, claims and memory by the class size.
 */
function sharedDatabase(scope: Construct, p: ResolvedClassroom): Rqlite {
  const namespace = sharedDatabaseNamespace(p.namespacePrefix);
  const shared = new Construct(scope, 'shared-rqlite');
  const setup = clusterScoped(
    kubeObject<Namespace>(shared, 'Namespace', {
      apiVersion: CORE_API_VERSION,
      kind: 'Namespace',
      metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } },
    }),
  );
  const s = p.resolvedStageProps;
  const { url: _, ...cluster } = s.rqlite as Readonly<Record<string, unknown>>;
  const rqlite = partOf(
    CLASS,
    (path) => ['stageProps', 'rqlite', ...path],
    () => new Rqlite(shared, 'Rqlite', { ...cluster, namespace }),
  );
  rqlite.node.addDependency(setup);
  for (const object of shared.node.findAll()) {
    if (ApiObject.isApiObject(object)) {
      object.metadata.addLabel(SHARED_LABEL, 'rqlite');
    }
  }
  return rqlite;
}

function seat(scope: Construct, p: ResolvedClassroom, index: number, database?: Rqlite): Seat {
  const student = p.students[index];
  const namespace = `${p.namespacePrefix}${student}`;
  const host = `${student}.${p.domain}`;
  const seat = new Construct(scope, student);
  // The namespace, its quota and its container defaults exist before anything is put in it: the
  // quota admits the lab's pods only once the defaults are there.
  const setup = new Construct(seat, 'Namespace');
  clusterScoped(
    kubeObject<Namespace>(setup, 'Namespace', {
      apiVersion: CORE_API_VERSION,
      kind: 'Namespace',
      metadata: { name: namespace, labels: { 'pod-security.kubernetes.io/enforce': STAGES[p.stage].podSecurity } },
    }),
  );
  const hard = Object.fromEntries(Object.entries(p.quota).filter((entry): entry is [string, string] => entry[1] !== null));
  kubeObject<ResourceQuota>(setup, 'Quota', {
    apiVersion: CORE_API_VERSION,
    kind: 'ResourceQuota',
    metadata: { name: 'student-quota', namespace },
    spec: { hard },
  });
  const defaults = containerDefaults(hard);
  if (defaults) {
    kubeObject<LimitRange>(setup, 'Defaults', {
      apiVersion: CORE_API_VERSION,
      kind: 'LimitRange',
      metadata: { name: 'student-defaults', namespace },
      spec: { limits: [{ type: 'Container', ...defaults }] },
    });
  }
  if (p.rbac) {
    new StudentRole(seat, 'Rbac', { user: student, namespace }).node.addDependency(setup);
  }
  const storage = stagesTaking('storage').includes(p.stage) ? { storage: { volumeName: `pv-mailpit-${student}`, hostPath: `/tmp/pv-mailpit-${student}`, reserveForClaim: true } } : {};
  const stageProps: Record<string, unknown> = { ...p.stageProps, ...storage, namespace, host };
  if (database) {
    // The teacher's rqlite sized the shared cluster; each student's Mailpits reach it by its URL.
    Object.assign(stageProps, { rqlite: { url: database.databaseUrl(namespace) }, tenantId: tenantOf(student) });
  }
  // A stage's error names the teacher's prop, or the student whose seat sets it.
  const teacher = sameKeys(p.stageProps);
  const map: PathMap = (path) => {
    if (SET_PER_STUDENT.has(path[0] as string)) {
      return ['students', index];
    }
    const at = teacher(path);
    return at && ['stageProps', ...at];
  };
  partOf(CLASS, map, () => new STAGES[p.stage].construct(seat, 'Mailpit', stageProps)).node.addDependency(setup);
  for (const object of seat.node.findAll()) {
    if (ApiObject.isApiObject(object)) {
      object.metadata.addLabel(STUDENT_LABEL, student);
    }
  }
  return { id: student, namespace, host, scope: seat };
}

/**
 * What the kubectl steps of TD 7 to TD 10 need, in one namespace: read pods, Services and their
 * endpoints (`kubectl describe service`), claims, ConfigMaps, Ingresses and workloads; `exec`,
 * `port-forward` and logs; apply Deployments, StatefulSets, claims, ConfigMaps and Services,
 * restart and scale them; delete pods; create the Secret of TD 8, whose content they may replace
 * but never read back through the API. Nothing cluster-scoped, no RBAC.
 */
export const STUDENT_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'pods/log', 'services', 'persistentvolumeclaims', 'configmaps', 'events', 'resourcequotas'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods'], verbs: ['delete', 'deletecollection'] },
  { apiGroups: [''], resources: ['pods/exec', 'pods/portforward', 'pods/attach'], verbs: ['create', 'get'] },
  { apiGroups: [''], resources: ['services', 'persistentvolumeclaims', 'configmaps'], verbs: ['create', 'update', 'patch', 'delete'] },
  { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'delete'] },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'controllerrevisions', 'deployments/scale', 'statefulsets/scale'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'deployments/scale', 'statefulsets/scale'], verbs: ['create', 'update', 'patch', 'delete'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
  { apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
];

/** A Role with {@link STUDENT_RULES}, bound to one user in one namespace. */
class StudentRole extends Construct {
  public constructor(scope: Construct, id: string, props: { user: string; namespace: string }) {
    super(scope, id);
    const role = kubeObject<Role>(this, 'Role', {
      apiVersion: RBAC_API_VERSION,
      kind: 'Role',
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      rules: STUDENT_RULES.map((rule) => ({ ...rule })),
    });
    const binding = kubeObject<RoleBinding>(this, 'Binding', {
      apiVersion: RBAC_API_VERSION,
      kind: 'RoleBinding',
      metadata: { name: 'mailpit-student', namespace: props.namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: props.user }],
    });
    binding.addDependency(role);
  }
}
