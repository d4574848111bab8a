import type { Container, Volume, VolumeMount } from '../../../imports/core';
import type { PropPath } from '../../options/errors';
import type { Problem } from '../../options/option';
import { type Relation, relationProblem } from '../../options/relations';
import { isDnsLabel } from '../../options/rules';
import { ClaimPerPodDatabase, MailpitDatabase, RqliteDatabase, SqliteDatabase } from './database';
import { MAILPIT_SETTINGS } from './options';
import { MailpitWorkload, ReplicatedDeployment, SinglePodDeployment, StatefulSetWorkload, VariantsWorkload } from './workload';

// The rules between the props of a Mailpit: what the API server, Mailpit or an Ingress controller
// would refuse, and what would otherwise be silently dropped. Each blames the prop the caller set.

/** The resolved props the rules read. */
export interface RuleProps {
  readonly name: string;
  readonly database?: MailpitDatabase;
  readonly workload?: MailpitWorkload;
  readonly probes: boolean;
  readonly env?: Readonly<Record<string, string>>;
  readonly configMap: boolean;
  readonly metrics?: boolean | number;
  readonly pop3AuthSecret?: unknown;
  readonly pop3TlsSecret?: string;
  readonly smtpTlsSecret?: string;
  readonly smtpAuthSecret?: unknown;
  readonly sendApiAuthSecret?: unknown;
  readonly smtpRelayConfigSecret?: unknown;
  readonly smtpRequireTls?: boolean;
  readonly smtpRequireStartTls?: boolean;
  readonly smtpAuthAcceptAny?: boolean;
  readonly smtpAuthAllowInsecure?: boolean;
  readonly sendApiAuthAcceptAny?: boolean;
  readonly smtpRelayAll?: boolean;
  readonly smtpRelayMatching?: string;
  readonly webroot: string;
  readonly ingress: boolean;
  readonly ingressTls?: unknown;
  readonly ingressAnnotations?: unknown;
  readonly ingressClassName?: string;
  readonly ingressPathType?: string;
  readonly extraHosts?: readonly string[];
  readonly httpRoute?: { readonly hostnames?: readonly string[] };
  readonly smtpService?: { readonly port?: number; readonly nodePort?: number };
  readonly uiService?: { readonly nodePort?: number };
}

/** Mailpit's listeners besides metrics, by port: POP3 only with its users. */
export function listeners(p: Pick<RuleProps, 'pop3AuthSecret'>): { readonly port: number; readonly what: string }[] {
  return [{ port: 1025, what: 'SMTP' }, { port: 8025, what: 'the web UI' }, ...(p.pop3AuthSecret === undefined ? [] : [{ port: 1110, what: 'POP3' }])];
}

// ingress-nginx denies a Prefix or Exact path of other than letters, digits, '/', '_' and '-' (by
// default from controller-v1.12.0; '.' is admitted from v1.12.6 and v1.13.2, never '@'):
// kubernetes/ingress-nginx controller-v1.15.1, internal/ingress/inspector/rules.go, validPathType.
const NGINX_PREFIX_PATH = /^\/[A-Za-z0-9/_-]*$/;

/** Whether ingress-nginx admits `path` as a Prefix or Exact path. */
export function isStrictIngressPath(path: string): boolean {
  return NGINX_PREFIX_PATH.test(path);
}

/** The Ingress path's type: Prefix, unless the path holds what ingress-nginx denies in one. */
export function ingressPathTypeFor(path: string, given: IngressPathType | undefined): IngressPathType {
  return given ?? (isStrictIngressPath(path) ? 'Prefix' : 'ImplementationSpecific');
}

/** The path types of an Ingress. */
export type IngressPathType = 'Prefix' | 'Exact' | 'ImplementationSpecific';

/**
 * What each workload takes for a database. Several pods share mail only through rqlite: Mailpit
 * runs one process per SQLite file, and its temporary file, or an emptyDir, is each pod's own. A
 * StatefulSet gives each pod its own claim, and so its own mailbox, on purpose.
 */
function shapeRule(p: RuleProps): Problem | undefined {
  const database = p.database ?? MailpitDatabase.temporary();
  const workload = p.workload ?? MailpitWorkload.deployment();
  const shared = database instanceof RqliteDatabase;
  if (p.env?.MP_DISABLE_WAL !== undefined && (database instanceof SqliteDatabase || database instanceof ClaimPerPodDatabase) && database.options.disableWal) {
    return { at: ['env', 'MP_DISABLE_WAL'], value: p.env.MP_DISABLE_WAL, allowed: "set by the database's disableWal too: one of them would be dropped" };
  }
  if (workload instanceof SinglePodDeployment) {
    return database instanceof ClaimPerPodDatabase
      ? { at: ['workload'], value: 'MailpitWorkload.deployment()', allowed: 'MailpitWorkload.statefulSet(...) with a claim per pod: a Deployment has no claim templates' }
      : undefined;
  }
  if (workload instanceof ReplicatedDeployment) {
    return shared
      ? undefined
      : {
          at: ['workload', 'replicas'],
          value: workload.options.replicas,
          allowed: "one pod on this database: Mailpit runs one process per SQLite file, and its temporary file is each pod's own; run several on MailpitDatabase.rqlite(...)",
        };
  }
  if (workload instanceof VariantsWorkload) {
    return shared
      ? variantsRule(workload)
      : { at: ['workload'], value: `${workload.variants.length} variants`, allowed: 'variants only on MailpitDatabase.rqlite(...): each variant would keep its own SQLite file, and its own mail' };
  }
  const stateful = workload as StatefulSetWorkload;
  if (!shared && !(database instanceof ClaimPerPodDatabase)) {
    return {
      at: ['database'],
      value: database.kind,
      allowed: 'a database for a StatefulSet: MailpitDatabase.claimPerPod({ size }), each pod with its own, or MailpitDatabase.rqlite(...), which they share',
    };
  }
  if (stateful.options.startInOrder && !shared) {
    return { at: ['workload', 'startInOrder'], value: true, allowed: 'only on a shared database (rqlite): with a claim per pod, no pod applies a schema another uses' };
  }
  if (stateful.options.startInOrder && !p.probes) {
    return {
      at: ['workload', 'startInOrder'],
      value: true,
      allowed: 'only with probes: true: the next pod starts once this one is ready, which without a readiness probe is as soon as it runs, before Mailpit has applied its schema',
    };
  }
  return undefined;
}

/** Deployments side by side select only their own pods, and the Services select one of them. */
function variantsRule(workload: VariantsWorkload): Problem | undefined {
  const variants = workload.variants;
  const at = (...path: PropPath) => ['workload', 'variants', ...path];
  for (const [i, variant] of variants.entries()) {
    if (variant.labels.app !== undefined) {
      return { at: at(i, 'labels', 'app'), value: variant.labels.app, allowed: 'set by the name prop: the Service selects every variant by it' };
    }
    for (const other of variants.slice(0, i)) {
      if (other.id === variant.id) {
        return { at: at(i, 'id'), value: variant.id, allowed: 'an id no other variant has: it names the Deployment' };
      }
      if (!Object.entries(variant.labels).some(([key, value]) => other.labels[key] !== undefined && other.labels[key] !== value)) {
        return { at: at(i, 'labels'), value: JSON.stringify(variant.labels), allowed: `labels with a value that differs from variant ${other.id}'s: each Deployment must select only its own pods` };
      }
    }
  }
  const selector = workload.options.serviceSelector ?? {};
  if (!variants.some((variant) => Object.entries(selector).every(([key, value]) => variant.labels[key] === value))) {
    return {
      at: ['workload', 'serviceSelector'],
      value: JSON.stringify(selector),
      allowed: `labels of one of the variants (${variants.map((variant) => variant.id).join(', ')}): the Service would select no pod`,
    };
  }
  return undefined;
}

const TLS_NEEDED = 'needs smtpTlsSecret: Mailpit cannot require TLS without a certificate';
const INSECURE_WITH_TLS = 'not with a required TLS or STARTTLS';
const AUTH_NEEDS_TLS = 'SMTP authentication needs TLS: give smtpTlsSecret, or smtpAuthAllowInsecure: true (Mailpit would not start)';
const RELAY_NEEDS_CONFIG = 'needs smtpRelayConfigSecret: the relay server to send through';

/**
 * What Mailpit refuses at start of its TLS, authentication and relay settings (config/config.go,
 * VerifyConfig, v1.30.5), in the order checked: the first broken one is reported.
 */
export const SETTING_RELATIONS: readonly Relation<keyof RuleProps>[] = [
  { prop: 'smtpRequireTls', needs: ['smtpTlsSecret'], allowed: TLS_NEEDED },
  { prop: 'smtpRequireStartTls', needs: ['smtpTlsSecret'], allowed: TLS_NEEDED },
  { prop: 'smtpRequireTls', notWith: 'smtpRequireStartTls', allowed: 'either smtpRequireTls or smtpRequireStartTls, not both' },
  { prop: 'smtpAuthAllowInsecure', notWith: 'smtpRequireTls', allowed: INSECURE_WITH_TLS },
  { prop: 'smtpAuthAllowInsecure', notWith: 'smtpRequireStartTls', allowed: INSECURE_WITH_TLS },
  { prop: 'smtpAuthAcceptAny', notWith: 'smtpAuthSecret', allowed: 'either smtpAuthSecret or smtpAuthAcceptAny, not both' },
  { prop: 'smtpAuthSecret', needs: ['smtpTlsSecret', 'smtpAuthAllowInsecure'], allowed: AUTH_NEEDS_TLS },
  { prop: 'smtpAuthAcceptAny', needs: ['smtpTlsSecret', 'smtpAuthAllowInsecure'], allowed: AUTH_NEEDS_TLS },
  { prop: 'pop3TlsSecret', needs: ['pop3AuthSecret'], allowed: 'needs pop3AuthSecret: POP3 runs only with its users' },
  { prop: 'sendApiAuthAcceptAny', notWith: 'sendApiAuthSecret', allowed: 'either sendApiAuthSecret or sendApiAuthAcceptAny, not both' },
  { prop: 'smtpRelayAll', needs: ['smtpRelayConfigSecret'], allowed: RELAY_NEEDS_CONFIG },
  { prop: 'smtpRelayMatching', needs: ['smtpRelayConfigSecret'], allowed: RELAY_NEEDS_CONFIG },
  { prop: 'smtpRelayMatching', notWith: 'smtpRelayAll', allowed: 'either smtpRelayAll or smtpRelayMatching, not both' },
];

/** A port serves one listener in a pod, and in a Service. */
function portsRule(p: RuleProps): Problem | undefined {
  if (typeof p.metrics === 'number') {
    const taken = listeners(p).find((listener) => listener.port === p.metrics);
    if (taken) {
      const ports = listeners(p)
        .map((l) => `${l.port} (${l.what})`)
        .join(', ');
      return { at: ['metrics'], value: p.metrics, allowed: `a port that no other listener of the pod uses, not ${ports}: ${taken.what} listens on ${taken.port}` };
    }
  }
  if (p.smtpService?.port === 1110 && p.pop3AuthSecret !== undefined) {
    return { at: ['smtpService', 'port'], value: 1110, allowed: 'a port other than 1110, where the SMTP Service also serves POP3' };
  }
  const smtpNodePort = p.smtpService?.nodePort;
  if (smtpNodePort !== undefined && p.uiService?.nodePort === smtpNodePort) {
    return { at: ['uiService', 'nodePort'], value: smtpNodePort, allowed: "a node port other than the SMTP Service's: a node port opens one port on every node, for one Service" };
  }
  return undefined;
}

/** What only an Ingress uses: refused without one, rather than dropped. */
export const INGRESS_ONLY = ['ingressTls', 'ingressAnnotations', 'ingressClassName', 'ingressPathType'] as const;

/** What only an Ingress uses is refused without one, rather than dropped. */
function exposureRule(p: RuleProps): Problem | undefined {
  if (!p.ingress) {
    const unused = INGRESS_ONLY.find((key) => p[key] !== undefined);
    if (unused) {
      return { at: [unused], value: p[unused], allowed: 'not with ingress: false, as only the Ingress uses it' };
    }
    if (p.extraHosts !== undefined && (p.httpRoute === undefined || p.httpRoute.hostnames !== undefined)) {
      return { at: ['extraHosts'], value: p.extraHosts, allowed: 'only with an Ingress, or an HTTPRoute without hostnames of its own: nothing else serves them' };
    }
  }
  const path = ingressPath(p.webroot);
  // The IngressClass of ingress-nginx is nginx (minikube's addon too); without one, the cluster's
  // default may be it. Another controller, such as Traefik, takes such a Prefix path.
  const nginx = p.ingressClassName === undefined || p.ingressClassName.includes('nginx');
  if (p.ingress && nginx && (p.ingressPathType === 'Prefix' || p.ingressPathType === 'Exact') && !isStrictIngressPath(path)) {
    return {
      at: ['ingressPathType'],
      value: p.ingressPathType,
      allowed: `ImplementationSpecific, the default for this webroot: ingress-nginx (minikube's ingress addon) denies a ${p.ingressPathType} path such as ${path} holding other than letters, digits, '/', '_' and '-' (give ingressClassName to use another controller)`,
    };
  }
  return undefined;
}

/** `mail`, `/mail` and `/mail/` all mean the webroot `/mail/`, the form Mailpit serves under. */
export function normalizeWebroot(webroot: string): string {
  const trimmed = webroot.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The Ingress and HTTPRoute path of a webroot: `/`, or `/mail` for `/mail/`. */
export function ingressPath(webroot: string): string {
  const normalized = normalizeWebroot(webroot);
  return normalized === '/' ? '/' : normalized.slice(0, -1);
}

/**
 * Names made from the name prop must stay names: a Service name of at most 63 characters, and a
 * StatefulSet name of at most 52, as its pods carry a `controller-revision-hash` label of its name
 * and 11 more characters, which may not pass 63 (kubernetes/kubernetes#64023).
 */
function namesRule(p: RuleProps): Problem | undefined {
  const statefulSet = p.workload instanceof StatefulSetWorkload;
  const longest = statefulSet ? 52 : p.smtpService !== undefined || p.uiService !== undefined ? 58 : 63;
  if (p.name.length <= longest) {
    return undefined;
  }
  const why =
    longest === 52
      ? 'a StatefulSet of a longer name never starts its pods: their controller-revision-hash label would pass 63 characters'
      : `its separate Service ${p.name}-${p.smtpService !== undefined ? 'smtp' : 'http'} would pass 63 characters`;
  return { at: ['name'], value: p.name, allowed: `at most ${longest} characters here: ${why}` };
}

/** A typed setting and its variable in env would write one variable twice. */
function settingTwiceRule(p: RuleProps): Problem | undefined {
  const props = p as unknown as Readonly<Record<string, unknown>>;
  for (const [key, spec] of Object.entries(MAILPIT_SETTINGS as Record<string, { readonly variable?: string }>)) {
    const variable = spec.variable!;
    if (props[key] !== undefined && p.env?.[variable] !== undefined) {
      return { at: ['env', variable], value: p.env[variable], allowed: `set by the prop ${key} too: give it once` };
    }
  }
  return undefined;
}

/** Every rule between the props of a Mailpit, the first problem found. */
export function mailpitRules(p: RuleProps, given: Record<string, unknown>): Problem | undefined {
  return (
    shapeRule(p) ??
    settingTwiceRule(p) ??
    relationProblem(SETTING_RELATIONS, p) ??
    (given.configChecksum !== undefined && !p.configMap ? { at: ['configChecksum'], value: given.configChecksum, allowed: 'only with configMap: true' } : undefined) ??
    portsRule(p) ??
    exposureRule(p) ??
    namesRule(p)
  );
}

/** What the construct itself puts in the pod, which the raw Kubernetes props must not meet. */
export interface MadePod {
  /** The volumes it makes, and the claim templates that become volumes of each pod. */
  readonly volumes: readonly string[];
  /** The mounts it gives the Mailpit container. */
  readonly mounts: readonly VolumeMount[];
}

type RawPodProps = Pick<MailpitRawProps, 'extraVolumes' | 'extraVolumeMounts' | 'initContainers'>;

/** The raw Kubernetes props of a Mailpit, handed to the pod as given. */
export interface MailpitRawProps {
  readonly extraVolumes?: readonly Volume[];
  readonly extraVolumeMounts?: readonly VolumeMount[];
  readonly initContainers?: readonly Container[];
}

// The pod's names, as the API server checks them (k8s.io/kubernetes v1.34, pkg/apis/core/validation/validation.go:
// validateVolumes, validateContainers, ValidateVolumeMounts): DNS-1123 labels, each once.
const isLabel = (name: unknown): name is string => typeof name === 'string' && isDnsLabel(name);
const LABEL = "a DNS-1123 label: 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";

/** The volume sources a Volume may name, one at a time. */
const sourcesOf = (volume: Volume) => Object.keys(volume).filter((key) => key !== 'name');

/** Mounts in one container: each of a volume of the pod, each on a path of its own. */
function mountsProblem(mounts: readonly VolumeMount[], at: PropPath, volumes: ReadonlySet<string>, taken: readonly VolumeMount[]): Problem | undefined {
  const paths = new Set(taken.map((mount) => mount.mountPath));
  for (const [i, mount] of mounts.entries()) {
    if (!volumes.has(mount.name)) {
      return { at: [...at, i, 'name'], value: mount.name, allowed: `the name of a volume of the pod: ${[...volumes].join(', ') || 'it has none'}` };
    }
    if (typeof mount.mountPath !== 'string' || mount.mountPath === '' || paths.has(mount.mountPath)) {
      return { at: [...at, i, 'mountPath'], value: mount.mountPath, allowed: `a path that no other mount of the container uses${paths.size > 0 ? `, not ${[...paths].join(', ')}` : ''}` };
    }
    paths.add(mount.mountPath);
    if (mount.subPath !== undefined && (mount.subPath.startsWith('/') || mount.subPath.split('/').includes('..'))) {
      return { at: [...at, i, 'subPath'], value: mount.subPath, allowed: "a relative path inside the volume, without a '..' segment" };
    }
  }
  return undefined;
}

/**
 * The raw Kubernetes props of the pod checked as the API server checks the whole pod: volume and
 * container names valid and each once, one source per volume, each mount of a volume that exists
 * and on a path of its own. What the construct makes (maildir, tmp, the Secrets' volume, the
 * container mailpit, /maildir, /tmp, /etc/mailpit) is taken.
 */
export function podRule(p: RawPodProps, made: MadePod, mailpitContainer: string): Problem | undefined {
  const volumes = new Set(made.volumes);
  for (const [i, volume] of (p.extraVolumes ?? []).entries()) {
    if (!isLabel(volume.name)) {
      return { at: ['extraVolumes', i, 'name'], value: volume.name, allowed: `a volume name, ${LABEL}` };
    }
    if (volumes.has(volume.name)) {
      return { at: ['extraVolumes', i, 'name'], value: volume.name, allowed: `a name that no other volume of the pod has, not ${[...volumes].join(', ')}` };
    }
    if (sourcesOf(volume).length > 1) {
      return { at: ['extraVolumes', i], value: sourcesOf(volume).join(', '), allowed: 'a Volume of one source, such as configMap or emptyDir' };
    }
    volumes.add(volume.name);
  }
  const mounts = mountsProblem(p.extraVolumeMounts ?? [], ['extraVolumeMounts'], volumes, made.mounts);
  if (mounts) {
    return mounts;
  }
  const containers = new Set([mailpitContainer]);
  for (const [i, container] of (p.initContainers ?? []).entries()) {
    if (!isLabel(container.name)) {
      return { at: ['initContainers', i, 'name'], value: container.name, allowed: `a container name, ${LABEL}` };
    }
    if (containers.has(container.name)) {
      return { at: ['initContainers', i, 'name'], value: container.name, allowed: `a name that no other container of the pod has, not ${[...containers].join(', ')}` };
    }
    containers.add(container.name);
    const own = mountsProblem(container.volumeMounts ?? [], ['initContainers', i, 'volumeMounts'], volumes, []);
    if (own) {
      return own;
    }
  }
  // An extra volume that nothing mounts would be dropped in all but name.
  const mounted = new Set([...(p.extraVolumeMounts ?? []), ...(p.initContainers ?? []).flatMap((c) => c.volumeMounts ?? [])].map((mount) => mount.name));
  const unused = (p.extraVolumes ?? []).findIndex((volume) => !mounted.has(volume.name));
  return unused < 0 ? undefined : { at: ['extraVolumes', unused], value: p.extraVolumes![unused].name, allowed: 'a volume that extraVolumeMounts or an init container mounts: nothing mounts it' };
}
