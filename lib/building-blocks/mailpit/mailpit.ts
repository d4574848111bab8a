import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import type { Deployment, StatefulSet } from '../../../imports/apps';
import { APPS_API_VERSION } from '../../../imports/apps';
import type { ConfigMap, Container, ContainerPort, EnvVar, PodSecurityContext, PodTemplateSpec, Probe, SecurityContext, Volume, VolumeMount } from '../../../imports/core';
import { CORE_API_VERSION } from '../../../imports/core';
import * as v from 'valibot';
import { option, PropsOf, resolveProps } from '../../options/option';
import { containerResourcesOrNone, limitsNotBelowRequests, resourceRequirements, sizeValue } from '../../options/quantities';
import * as rules from '../../options/rules';
import { EXPOSURE_OPTIONS, Exposure, httpRouteOf, ingressOf, mainService, MailpitPort, separateServiceOf } from './exposure';
import { kubeObject } from '../kube';
import { ingressPath, ingressPathTypeFor, mailpitRules, normalizeWebroot, podRule } from './rules';
import { claimTenant, databaseKey } from './tenants';
import { InvalidOptionError, optionName, PropPath } from '../../options/errors';
import { SECRET_OPTIONS, secretFiles } from './secrets';
import { envRule, mailpitOwners } from './settings';
import { POD_OPTIONS } from '../pod';

/** The name of the Mailpit container. The lab's `crictl --label io.kubernetes.container.name=mailpit` needs it. */
export const MAILPIT_CONTAINER_NAME = 'mailpit';

/** Mailpit's listening ports, as the image exposes them. */
export const MailpitPorts = {
  /** SMTP, the port the lab forwards with `kubectl port-forward service/mailpit 1025`. */
  smtp: 1025,
  /** Web UI and API, where `/livez` and `/readyz` also live. */
  http: 8025,
  /** POP3, served only when its authentication file is given. */
  pop3: 1110,
} as const;

/** Where the database volume is mounted, as in the lab. */
export const MAILDIR_PATH = '/maildir';

/** The name of the database volume in the pod, as in the lab. */
export const MAILDIR_VOLUME_NAME = 'maildir';

/** A volume source for `/maildir`: a Kubernetes volume without its name, which is always `maildir`. */
export type MaildirVolumeSource = Omit<Volume, 'name'>;


/** A Deployment beside others, as a canary or one slot of a blue-green pair. */
export interface Variant {
  /** Names the Deployment `<name>-<id>`. */
  readonly id: string;
  /** Labels of its pods besides app, which its Deployment selects, such as `track: canary`. */
  readonly labels: Readonly<Record<string, string>>;
  /** @default the image prop */
  readonly image?: string;
  /** @default 1 */
  readonly replicas?: number;
}

const variant = v.strictObject(
  {
    id: rules.dnsLabel,
    labels: v.pipe(rules.labels, v.check((labels) => Object.keys(labels).length > 0, 'at least one label, which tells its pods from the other variants\'')),
    image: v.optional(rules.imageReference),
    replicas: v.optional(rules.wholeNumber(0)),
  },
  'an object { id, labels, image, replicas }',
);

const kubernetes = rules.kubernetesObject;

/** The props of {@link Mailpit}, each declared once: type and rules, default, help. */
export const MAILPIT_OPTIONS = {
  namespace: option({
    value: rules.dnsLabel,
    help: 'namespace of every namespaced object, so that one Chart can hold several Mailpits',
    defaultText: "the Chart's namespace",
  }),
  name: option({ value: rules.serviceName, default: 'mailpit', help: 'name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label' }),
  image: option({ value: rules.imageReference, default: 'axllent/mailpit', help: 'image of Mailpit, also used by init containers that name none' }),
  imagePullPolicy: option({ value: rules.imagePullPolicy, default: 'IfNotPresent', help: 'pull policy of every container' }),
  host: option({ value: rules.ingressHost, default: 'mailpit.test', help: 'host of the Ingress rule that serves the web UI' }),
  ingressClassName: option({
    value: rules.dnsSubdomain,
    help: 'IngressClass of the Ingress',
    defaultText: "the cluster's default IngressClass",
  }),
  env: option({
    value: v.record(rules.envName, v.string('a string value'), 'an object of environment variables: { NAME: "value" }'),
    help: 'extra environment variables for Mailpit, such as MP_MAX_MESSAGES, in the order given',
    refine: envRule(mailpitOwners()),
  }),
  command: option({ value: v.array(v.string('a string'), 'a list of strings'), help: "replaces the image's entrypoint", defaultText: 'the image entrypoint, /mailpit' }),
  maildir: option({
    value: kubernetes<MaildirVolumeSource>('volume source'),
    help: 'a volume mounted at /maildir to hold the database',
    defaultText: 'none: the database dies with the container',
  }),
  maildirSubPath: option({
    value: rules.relativePath,
    help: 'the folder of the maildir volume mounted at /maildir, so that one volume can hold other data too',
    defaultText: 'the whole volume',
  }),
  strategy: option({
    value: rules.oneOf(['Recreate', 'RollingUpdate']),
    help: 'the Deployment strategy',
    defaultText: 'Recreate with a maildir (one Mailpit process per SQLite file, by Mailpit\'s design), else the Kubernetes default',
  }),
  replicas: option({
    value: rules.wholeNumber(1),
    default: 1,
    help: 'pods of Mailpit; more than one needs the database outside the pod: MP_DATABASE set to an rqlite URL, and no maildir',
  }),
  variants: option({
    value: v.pipe(rules.listOf(variant, 'variants'), v.minLength(2, 'a list of at least two variants')),
    help: 'Deployments side by side, <name>-<id> each, with their own labels, image and replicas: a stable and a canary, or blue and green. They share the database, so MP_DATABASE must be an rqlite URL',
    defaultText: 'one Deployment, <name>',
  }),
  serviceSelector: option({
    value: rules.labels,
    help: 'with variants: the labels, besides app, that the Services select, such as slot: blue; the switch of a blue-green pair',
    defaultText: 'app only: every variant',
  }),
  maildirClaimTemplate: option({
    value: v.strictObject(
      { size: sizeValue, storageClassName: v.optional(rules.dnsSubdomain) },
      'an object { size, storageClassName }: the claim of each pod',
    ),
    help: 'a StatefulSet instead of a Deployment: each pod gets its own claim maildir-<name>-<ordinal> at /maildir, kept across deletion, and the main Service is headless and governs it',
    defaultText: 'a Deployment',
  }),
  startInOrder: option({
    value: rules.flag,
    default: false,
    help: "a StatefulSet that starts its pods one at a time, each once the one before is ready (probes: true), so that only one applies Mailpit's schema migrations to a shared database (Mailpit takes no lock); no claim of its own. A rollout to a version that never gets ready stops at its first pod: after kubectl rollout undo, delete that pod",
  }),
  revisionHistoryLimit: option({ value: rules.wholeNumber(0), help: 'how many old ReplicaSets the Deployment keeps for a rollback', defaultText: 'the Kubernetes default, 10' }),
  securityContext: option({ value: kubernetes<SecurityContext>('SecurityContext'), help: 'security context of the Mailpit container' }),
  podSecurityContext: option({ value: kubernetes<PodSecurityContext>('PodSecurityContext'), help: 'security context of the pod; its user settings reach init containers too' }),
  initContainers: option({
    value: v.array(kubernetes<Container>('Container'), 'a list of containers'),
    help: "containers that run before Mailpit; one without an image runs Mailpit's",
  }),
  writableTmp: option({
    value: rules.flag,
    help: 'an emptyDir at /tmp, where SQLite writes its temporary files',
    defaultText: 'on when the root filesystem is read-only',
  }),
  probes: option({ value: rules.flag, default: false, help: 'startup, liveness (/livez) and readiness (/readyz) probes on the UI port' }),
  webroot: option({ value: rules.webroot, default: '/', help: 'serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow' }),
  resources: option({
    value: containerResourcesOrNone,
    help: 'CPU, memory and ephemeral storage requests and limits of the Mailpit container',
    refine: limitsNotBelowRequests,
  }),
  ...SECRET_OPTIONS,
  metrics: option({
    value: v.union([rules.flag, rules.port], 'true for /metrics on the UI port, or a port number for a listener of its own'),
    help: 'Prometheus metrics (MP_ENABLE_PROMETHEUS): true serves /metrics on the UI port, behind UI auth when there is one; a port number serves them there, without auth. The pod gets the prometheus.io scrape annotations',
    defaultText: 'off',
  }),
  configMap: option({
    value: rules.flag,
    default: false,
    help: "Mailpit's settings in a ConfigMap <name>-config loaded with envFrom, instead of env entries",
  }),
  configChecksum: option({
    value: rules.flag,
    default: true,
    help: 'with configMap: a hash of the ConfigMap on the pod template, so that a change rolls the pod; without it a change waits for kubectl rollout restart',
  }),
  settings: option({
    value: v.record(rules.envName, v.string('a string value'), 'an object of Mailpit settings: { MP_NAME: "value" }'),
    help: "Mailpit's settings as variables, set by the stage from its typed props; checked as env is",
    refine: envRule(mailpitOwners()),
  }),
  ...EXPOSURE_OPTIONS,
  ...POD_OPTIONS,
  automountServiceAccountToken: option({
    value: rules.flag,
    help: 'whether the pod gets a service account token; Mailpit never calls the Kubernetes API',
    defaultText: 'the Kubernetes default (mounted)',
  }),
};

/** Props of the shared {@link Mailpit} construct, on which every stage is built. */
export type MailpitProps = PropsOf<typeof MAILPIT_OPTIONS>;

const TMP_VOLUME_NAME = 'tmp';

/**
 * Mailpit on Kubernetes: a single-replica Deployment, a Service for SMTP and the UI, and an
 * Ingress for the UI; with the props, its settings in a ConfigMap, files from Secrets, a separate
 * SMTP Service and an HTTPRoute. Every stage is a set of props for this construct.
 */
export class Mailpit extends Construct {
  /** The `volumeMounts` entry that mounts the database volume, for init containers. */
  public static readonly maildirMount: VolumeMount = { name: MAILDIR_VOLUME_NAME, mountPath: MAILDIR_PATH };

  /** The name shared by the Deployment, the Service and the Ingress. */
  public readonly name: string;
  /** The namespace of its objects: the namespace prop, else the Chart's; undefined when neither sets one. */
  public readonly namespace?: string;
  /** The labels of the pods, which the Service selects. */
  public readonly podLabels: { readonly [key: string]: string };
  /** The container ports, by name: smtp, http, and pop3 and metrics when they are on. */
  public readonly ports: readonly MailpitPort[];
  public readonly service: ApiObject;
  /** The Deployment, the StatefulSet with maildirClaimTemplate or startInOrder, or the first variant's Deployment. */
  public readonly workload: ApiObject;
  /** Every Deployment or StatefulSet: one, or one per variant. */
  public readonly workloads: readonly ApiObject[];
  public readonly ingress?: ApiObject;
  public readonly smtpService?: ApiObject;
  public readonly uiService?: ApiObject;
  public readonly httpRoute?: ApiObject;
  public readonly configMap?: ApiObject;

  public constructor(scope: Construct, id: string, props: MailpitProps = {}) {
    super(scope, id);
    const p = resolveProps(MAILPIT_OPTIONS, props, { root: 'MailpitProps', refine: mailpitRules });
    this.name = p.name;
    this.namespace = p.namespace ?? Chart.of(this).namespace;
    const webroot = normalizeWebroot(p.webroot);
    const writableTmp = p.writableTmp ?? p.securityContext?.readOnlyRootFilesystem === true;
    const strategy = p.strategy ?? (p.maildir ? 'Recreate' : undefined);
    const https = p.uiTlsSecret !== undefined;
    const metrics = p.metrics === false ? undefined : p.metrics;

    this.podLabels = { app: this.name };
    const metadata = { name: this.name, namespace: p.namespace, labels: this.podLabels };

    const volumes: Volume[] = [];
    const volumeMounts: VolumeMount[] = [];
    if (p.maildir) {
      volumes.push({ name: MAILDIR_VOLUME_NAME, ...p.maildir });
    }
    if (p.maildir || p.maildirClaimTemplate) {
      // A claim template is not a pod volume: the StatefulSet adds one volume per pod under this name.
      volumeMounts.push(p.maildirSubPath === undefined ? Mailpit.maildirMount : { ...Mailpit.maildirMount, subPath: p.maildirSubPath });
    }
    if (writableTmp) {
      volumes.push({ name: TMP_VOLUME_NAME, emptyDir: {} });
      volumeMounts.push({ name: TMP_VOLUME_NAME, mountPath: '/tmp' });
    }
    const secrets = secretFiles(p);
    if (secrets.volume && secrets.mount) {
      volumes.push(secrets.volume);
      volumeMounts.push(secrets.mount);
    }
    const made = { volumes: [...volumes.map((volume) => volume.name), ...(p.maildirClaimTemplate ? [MAILDIR_VOLUME_NAME] : [])], mounts: volumeMounts };
    const pod = podRule(p, made, MAILPIT_CONTAINER_NAME);
    if (pod) {
      const name = (path: PropPath) => optionName('MailpitProps', path);
      throw new InvalidOptionError(name(pod.at), pod.value, pod.allowed, pod.at, name);
    }
    volumes.push(...(p.extraVolumes ?? []));
    volumeMounts.push(...(p.extraVolumeMounts ?? []));

    const ports: MailpitPort[] = [
      { name: 'smtp', port: MailpitPorts.smtp, appProtocol: 'tcp' },
      { name: 'http', port: MailpitPorts.http, appProtocol: https ? 'https' : 'http' },
    ];
    if (p.pop3AuthSecret) {
      ports.push({ name: 'pop3', port: MailpitPorts.pop3, appProtocol: 'tcp' });
    }
    if (typeof metrics === 'number') {
      ports.push({ name: 'metrics', port: metrics, appProtocol: 'http' });
    }
    this.ports = ports;

    // User env first, in its order, then what the props set: as before there were props for it.
    const variables: Record<string, string> = { ...p.env, ...p.settings };
    if (webroot !== '/') {
      variables.MP_WEBROOT = webroot;
    }
    Object.assign(variables, secrets.variables);
    const podAnnotations: Record<string, string> = { ...p.podAnnotations };
    if (metrics !== undefined) {
      // true, false or an address net.ResolveTCPAddr takes (axllent/mailpit v1.30.5, config/config.go, VerifyConfig).
      variables.MP_ENABLE_PROMETHEUS = metrics === true ? 'true' : `0.0.0.0:${metrics}`;
      Object.assign(podAnnotations, {
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(metrics === true ? MailpitPorts.http : metrics),
        'prometheus.io/path': metrics === true ? `${webroot}metrics` : '/metrics',
        ...(metrics === true && https ? { 'prometheus.io/scheme': 'https' } : {}),
      });
    }

    let env: EnvVar[] | undefined = Object.entries(variables).map(([name, value]) => ({ name, value }));
    const envFrom: NonNullable<Container['envFrom']> = [];
    if (p.configMap) {
      const data = Object.fromEntries(Object.entries(variables).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      this.configMap = kubeObject<ConfigMap>(this, 'ConfigMap', {
        apiVersion: CORE_API_VERSION,
        kind: 'ConfigMap',
        metadata: { name: `${this.name}-config`, namespace: p.namespace, labels: this.podLabels },
        data,
      });
      envFrom.push({ configMapRef: { name: `${this.name}-config` } });
      // Mailpit reads its settings at start: a changed ConfigMap must roll the pod. The hash is taken
      // when the manifests are written, so that a patch of the ConfigMap rolls the pod too.
      const configMap = this.configMap;
      if (p.configChecksum) podAnnotations['checksum/config'] = Lazy.any({ produce: () => configChecksum(configMap) }) as unknown as string;
      env = [];
    }
    envFrom.push(...(p.envFrom?.configMaps ?? []).map((name) => ({ configMapRef: { name } })));
    envFrom.push(...(p.envFrom?.secrets ?? []).map((name) => ({ secretRef: { name } })));

    const initContainers = (p.initContainers ?? []).map((container) =>
      container.image === undefined ? { ...container, image: p.image, imagePullPolicy: p.imagePullPolicy } : container,
    );

    const mailpit: Container = {
      name: MAILPIT_CONTAINER_NAME,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command,
      env: nonEmpty(env),
      envFrom: nonEmpty(envFrom),
      ports: ports.map((port): ContainerPort => ({ name: port.name, containerPort: port.port })),
      volumeMounts: nonEmpty(volumeMounts),
      securityContext: p.securityContext,
      resources: resourceRequirements(p.resources),
      ...(p.probes ? probes(webroot, https ? 'HTTPS' : undefined) : {}),
    };

    const exposure: Exposure = {
      name: this.name,
      namespace: p.namespace,
      labels: this.podLabels,
      selector: p.serviceSelector && { ...this.podLabels, ...p.serviceSelector },
      headless: p.maildirClaimTemplate !== undefined,
      ports,
      hosts: [p.host, ...(p.extraHosts ?? [])],
      path: ingressPath(webroot),
      serviceAnnotations: p.serviceAnnotations,
      appProtocol: p.appProtocol,
      smtpService: p.smtpService,
      uiService: p.uiService,
      ingress: p.ingress,
      ingressClassName: p.ingressClassName,
      ingressTls: p.ingressTls,
      ingressAnnotations: p.ingressAnnotations,
      ingressPathType: ingressPathTypeFor(ingressPath(webroot), p.ingressPathType),
      httpRoute: p.httpRoute,
    };
    this.service = mainService(this, exposure);
    this.smtpService = separateServiceOf(this, exposure, 'smtpService');
    this.uiService = separateServiceOf(this, exposure, 'uiService');

    const template = (labels: Record<string, string>, image: string): PodTemplateSpec => ({
      metadata: {
        labels: { ...p.podLabels, ...labels },
        annotations: Object.keys(podAnnotations).length > 0 ? podAnnotations : undefined,
      },
      spec: {
        automountServiceAccountToken: p.automountServiceAccountToken,
        serviceAccountName: p.serviceAccountName,
        securityContext: p.podSecurityContext,
        imagePullSecrets: p.imagePullSecrets?.map((name) => ({ name })),
        nodeSelector: p.nodeSelector && { ...p.nodeSelector },
        tolerations: p.tolerations && [...p.tolerations],
        affinity: p.affinity,
        topologySpreadConstraints: p.topologySpreadConstraints && [...p.topologySpreadConstraints],
        priorityClassName: p.priorityClassName,
        terminationGracePeriodSeconds: p.terminationGracePeriodSeconds,
        enableServiceLinks: p.enableServiceLinks,
        initContainers: nonEmpty(initContainers),
        containers: [image === p.image ? mailpit : { ...mailpit, image }],
        volumes: nonEmpty(volumes),
      },
    });

    const claim = p.maildirClaimTemplate;
    if (claim || p.startInOrder) {
      this.workloads = [
        kubeObject<StatefulSet>(this, 'StatefulSet', {
          apiVersion: APPS_API_VERSION,
          kind: 'StatefulSet',
          metadata,
          spec: {
            serviceName: this.name,
            replicas: p.replicas,
            revisionHistoryLimit: p.revisionHistoryLimit,
            // One pod at a time, each once the one before is ready: only one applies the schema.
            podManagementPolicy: p.startInOrder ? 'OrderedReady' : undefined,
            selector: { matchLabels: this.podLabels },
            template: template(this.podLabels, p.image),
            volumeClaimTemplates: claim && [
              {
                metadata: { name: MAILDIR_VOLUME_NAME },
                spec: { accessModes: ['ReadWriteOnce'], storageClassName: claim.storageClassName, resources: { requests: { storage: claim.size.asString() } } },
              },
            ],
          },
        }),
      ];
    } else {
      const variants: readonly Variant[] = p.variants ?? [{ id: '', labels: {}, replicas: p.replicas }];
      this.workloads = variants.map((variant) => {
        const labels = { ...this.podLabels, ...variant.labels };
        return kubeObject<Deployment>(this, variant.id === '' ? 'Deployment' : `Deployment-${variant.id}`, {
          apiVersion: APPS_API_VERSION,
          kind: 'Deployment',
          metadata: { name: variant.id === '' ? this.name : `${this.name}-${variant.id}`, namespace: p.namespace, labels: { ...labels } },
          spec: {
            replicas: variant.replicas ?? 1,
            revisionHistoryLimit: p.revisionHistoryLimit,
            selector: { matchLabels: labels },
            strategy: strategy ? { type: strategy } : undefined,
            template: template(labels, variant.image ?? p.image),
          },
        });
      });
    }
    this.workload = this.workloads[0];
    for (const workload of this.workloads) {
      if (this.configMap) {
        workload.addDependency(this.configMap);
      }
    }

    this.ingress = ingressOf(this, exposure);
    this.httpRoute = httpRouteOf(this, exposure, MailpitPorts.http);
    // Last, once nothing else can fail: the app keeps the tenant of each Mailpit it holds.
    this.claimTenant(p);
  }
  /** Takes its tenant in a database it shares with other Mailpits of the app: two whose table names meet are refused. */
  private claimTenant(p: { settings?: Readonly<Record<string, string>>; env?: Readonly<Record<string, string>> }): void {
    const database = variableAt(p, 'MP_DATABASE');
    const key = databaseKey(database?.value, this.namespace);
    if (database === undefined || key === undefined) {
      return;
    }
    const tenant = variableAt(p, 'MP_TENANT_ID');
    const clash = claimTenant(this, key, { tenant: tenant?.value, path: this.node.path });
    if (clash) {
      const at = tenant?.at ?? database.at;
      const other = clash.other.tenant === undefined ? 'no tenant' : `tenant ${JSON.stringify(clash.other.tenant)}`;
      const name = (path: PropPath) => optionName('MailpitProps', path);
      throw new InvalidOptionError(
        name(at),
        tenant?.value ?? database.value,
        `a tenant whose table and index names meet no other Mailpit's in the database ${key}: ${clash.other.path} (${other}) creates ${clash.name} too (Mailpit prefixes its names with the tenant, '_' for any other character than a letter or digit, and SQLite compares them without case)`,
        at,
        name,
      );
    }
  }
}

/**
 * Mailpit starts HTTP only after its database migrations, which can be slow on a large database,
 * so a startup probe with a long budget guards liveness until then.
 */
function probes(webroot: string, scheme?: 'HTTPS'): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const get = (endpoint: string) => ({ path: `${webroot}${endpoint}`, port: 'http', scheme });
  return {
    startupProbe: { httpGet: get('livez'), periodSeconds: 2, failureThreshold: 150 },
    livenessProbe: { httpGet: get('livez'), periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { httpGet: get('readyz'), periodSeconds: 5, failureThreshold: 3 },
  };
}

/** Where a variable of Mailpit's is set: its settings, else env. */
function variableAt(p: { settings?: Readonly<Record<string, string>>; env?: Readonly<Record<string, string>> }, name: string): { at: PropPath; value: string } | undefined {
  const value = p.settings?.[name] ?? p.env?.[name];
  return value === undefined ? undefined : { at: [p.settings?.[name] !== undefined ? 'settings' : 'env', name], value };
}

/** The hash of a ConfigMap's data as it will be written, keys sorted. */
function configChecksum(configMap: ApiObject): string {
  const data: Record<string, string> = (configMap.toJson() as ConfigMap).data ?? {};
  const sorted = Object.fromEntries(Object.keys(data).sort().map((key) => [key, data[key]]));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
