import { type ApiObject, Chart, Lazy } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { Deployment, StatefulSet } from '../../../imports/apps';
import { APPS_API_VERSION } from '../../../imports/apps';
import type { ConfigMap, Container, ContainerPort, EnvVar, PodTemplateSpec, Volume, VolumeMount } from '../../../imports/core';
import { CORE_API_VERSION } from '../../../imports/core';
import { InvalidOptionError, optionName, type PropPath } from '../../options/errors';
import { resolveProps } from '../../options/option';
import { resourceRequirements } from '../../options/quantities';
import { nameOf } from '../../options/rules';
import { kubeObject } from '../kube';
import { ClaimPerPodDatabase, databaseInPod, MAILDIR_MOUNT, MAILDIR_VOLUME_NAME, MailpitDatabase, RqliteDatabase, SqliteDatabase, type TemporaryDatabase } from './database';
import { type Exposure, httpRouteOf, ingressOf, mainService, type MailpitPort, separateServiceOf } from './exposure';
import type { MailpitBaseProps } from '../../generated/props';
import { MAILPIT_OPTIONS, settingsOf } from './options';
import { configChecksum, nonEmpty, probes } from './pod-template';
import { type ContainerPorts, MailpitPods, podSelectorConfig } from './pods';
import { ingressPath, ingressPathTypeFor, mailpitRules, normalizeWebroot, podRule } from './rules';
import { secretFiles } from './secrets';
import { claimTenant, databaseKey } from './tenants';
import { MailpitWorkload, ReplicatedDeployment, SinglePodDeployment, StatefulSetWorkload, type Variant, VariantsWorkload } from './workload';

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

const TMP_VOLUME_NAME = 'tmp';

export type { MailpitBaseProps };

/** A Mailpit with a database of its own: one pod, in a Deployment. */
export interface MailpitOwnDatabaseProps extends MailpitBaseProps {
  /**
   * Where Mailpit keeps its mail.
   * @default MailpitDatabase.temporary(): Mailpit's own file in the container, which dies with it
   */
  readonly database?: TemporaryDatabase | SqliteDatabase;
  /**
   * How Mailpit runs: one pod, as one Mailpit process per SQLite file.
   * @default MailpitWorkload.deployment()
   */
  readonly workload?: SinglePodDeployment;
}

/** A Mailpit whose pods each have a claim of their own, in a StatefulSet. */
export interface MailpitClaimPerPodProps extends MailpitBaseProps {
  /** A claim per pod: each pod has its own mail. */
  readonly database: ClaimPerPodDatabase;
  /** A StatefulSet, whose claim templates give each pod its claim. */
  readonly workload: StatefulSetWorkload;
}

/** Mailpits that share one rqlite database: several pods, variants, or a StatefulSet. */
export interface MailpitSharedDatabaseProps extends MailpitBaseProps {
  /** rqlite, which several Mailpits share. */
  readonly database: RqliteDatabase;
  /**
   * How the Mailpits run.
   * @default MailpitWorkload.deployment()
   */
  readonly workload?: MailpitWorkload;
}

/**
 * Props of {@link Mailpit}: its database and its workload go together, so that two pods on one
 * SQLite file do not compile; every other prop is the same whatever they are.
 */
export type MailpitProps = MailpitOwnDatabaseProps | MailpitClaimPerPodProps | MailpitSharedDatabaseProps;

/**
 * Mailpit on Kubernetes: its workload (a Deployment, Deployments side by side, or a StatefulSet),
 * a Service for SMTP and the UI, and an Ingress for the UI; with the props, its settings in a
 * ConfigMap, files from Secrets, a separate SMTP Service and an HTTPRoute. Every stage is a set of
 * props for this construct.
 *
 * It selects its pods as cdk8s-plus does: `kplus.Service.select(mailpit)`, and as a network peer,
 * `deployment.connections.allowTo(mailpit)`, which admits Mailpit's own ports; `variant(id)` is
 * the pods of one variant. Its default child is its (first) workload, so that `ApiObject.of(mailpit)`
 * is that Deployment or StatefulSet, for JSON patches.
 */
export class Mailpit extends Construct implements kplus.IPodSelector, kplus.INetworkPolicyPeer {
  /** The `volumeMounts` entry that mounts the database volume, for init containers. */
  public static readonly maildirMount: VolumeMount = MAILDIR_MOUNT;

  /** The name shared by the workload, the Service and the Ingress. */
  public readonly name: string;
  /** The namespace of its objects: the namespace prop, else the Chart's; undefined when neither sets one. */
  public readonly namespace?: string;
  /** The labels of the pods, which the Service selects. */
  public readonly podLabels: { readonly [key: string]: string };
  /** The container ports, by name: smtp, http, and pop3 and metrics when they are on. */
  public readonly ports: readonly MailpitPort[];
  public readonly service: ApiObject;
  /** The Deployment or StatefulSet, or the first variant's Deployment. */
  public readonly workload: ApiObject;
  /** Every Deployment or StatefulSet: one, or one per variant. */
  public readonly workloads: readonly ApiObject[];
  public readonly ingress?: ApiObject;
  public readonly smtpService?: ApiObject;
  public readonly uiService?: ApiObject;
  public readonly httpRoute?: ApiObject;
  public readonly configMap?: ApiObject;
  /** Its variants, when it runs Deployments side by side. */
  private readonly variants: readonly Variant[];

  public constructor(scope: Construct, id: string, props: MailpitProps = {}) {
    super(scope, id);
    const p = resolveProps(MAILPIT_OPTIONS, props, { root: 'MailpitProps', refine: mailpitRules });
    this.name = p.name;
    this.namespace = p.namespace ?? Chart.of(this).namespace;
    const database: MailpitDatabase = p.database ?? MailpitDatabase.temporary();
    const workload: MailpitWorkload = p.workload ?? MailpitWorkload.deployment();
    const inPod = databaseInPod(database, this.namespace);
    const webroot = normalizeWebroot(p.webroot);
    const writableTmp = p.writableTmp ?? p.securityContext?.readOnlyRootFilesystem === true;
    const https = p.uiTlsSecret !== undefined;
    const metrics = p.metrics === false ? undefined : p.metrics;
    if (database instanceof RqliteDatabase && typeof database.database !== 'string') {
      this.node.addDependency(database.database);
    }

    this.podLabels = { app: this.name };
    const metadata = { name: this.name, namespace: p.namespace, labels: this.podLabels };

    const volumes: Volume[] = [];
    const volumeMounts: VolumeMount[] = [];
    if (inPod.volume) {
      volumes.push(inPod.volume);
    }
    if (inPod.mount) {
      // A claim template is not a pod volume: the StatefulSet adds one volume per pod under this name.
      volumeMounts.push(inPod.mount);
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
    const claimPerPod = database instanceof ClaimPerPodDatabase ? database : undefined;
    const made = { volumes: [...volumes.map((volume) => volume.name), ...(claimPerPod ? [MAILDIR_VOLUME_NAME] : [])], mounts: volumeMounts };
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

    // The user's env first, in its order, then what the props set.
    const variables: Record<string, string> = { ...p.env, ...settingsOf(p), ...inPod.variables };
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
    envFrom.push(...(p.envFrom?.configMaps ?? []).map((configMap) => ({ configMapRef: { name: nameOf(configMap) } })));
    envFrom.push(...(p.envFrom?.secrets ?? []).map((secret) => ({ secretRef: { name: nameOf(secret) } })));

    const initContainers = (p.initContainers ?? []).map((container) => (container.image === undefined ? { ...container, image: p.image, imagePullPolicy: p.imagePullPolicy } : container));

    const mailpit: Container = {
      name: MAILPIT_CONTAINER_NAME,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command ?? (inPod.command && [...inPod.command]),
      env: nonEmpty(env),
      envFrom: nonEmpty(envFrom),
      ports: ports.map((port): ContainerPort => ({ name: port.name, containerPort: port.port })),
      volumeMounts: nonEmpty(volumeMounts),
      securityContext: p.securityContext,
      resources: resourceRequirements(p.resources),
      ...(p.probes ? probes(webroot, https ? 'HTTPS' : undefined) : {}),
    };

    const variantsOf = workload instanceof VariantsWorkload ? workload : undefined;
    this.variants = variantsOf?.variants ?? [];
    const serviceSelector = variantsOf?.options.serviceSelector;
    const exposure: Exposure = {
      name: this.name,
      namespace: p.namespace,
      labels: this.podLabels,
      selector: serviceSelector && { ...this.podLabels, ...serviceSelector },
      headless: claimPerPod !== undefined,
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
        serviceAccountName: p.serviceAccountName && nameOf(p.serviceAccountName),
        securityContext: p.podSecurityContext,
        imagePullSecrets: p.imagePullSecrets?.map((secret) => ({ name: nameOf(secret) })),
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

    if (workload instanceof StatefulSetWorkload) {
      this.workloads = [
        kubeObject<StatefulSet>(this, 'StatefulSet', {
          apiVersion: APPS_API_VERSION,
          kind: 'StatefulSet',
          metadata,
          spec: {
            serviceName: this.name,
            replicas: workload.options.replicas ?? 1,
            revisionHistoryLimit: p.revisionHistoryLimit,
            // One pod at a time, each once the one before is ready: only one applies the schema.
            podManagementPolicy: workload.options.startInOrder ? 'OrderedReady' : undefined,
            selector: { matchLabels: this.podLabels },
            template: template(this.podLabels, p.image),
            volumeClaimTemplates: claimPerPod && [
              {
                metadata: { name: MAILDIR_VOLUME_NAME },
                spec: {
                  accessModes: ['ReadWriteOnce'],
                  storageClassName: claimPerPod.options.storageClassName,
                  resources: { requests: { storage: claimPerPod.options.size.asString() } },
                },
              },
            ],
          },
        }),
      ];
    } else {
      const single = workload instanceof SinglePodDeployment || workload instanceof ReplicatedDeployment ? workload : undefined;
      // One Mailpit process per SQLite file: on a volume, the old pod stops before the new one starts.
      const strategy = single?.options.strategy ?? (database instanceof SqliteDatabase ? 'Recreate' : undefined);
      const variants: readonly Variant[] = variantsOf?.variants ?? [{ id: '', labels: {}, replicas: single?.options.replicas ?? 1 }];
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
    this.node.defaultChild = this.workload;
    for (const each of this.workloads) {
      if (this.configMap) {
        each.addDependency(this.configMap);
      }
    }

    this.ingress = ingressOf(this, exposure);
    this.httpRoute = httpRouteOf(this, exposure, MailpitPorts.http);
    // Last, once nothing else can fail: the Chart keeps the tenant of each Mailpit it holds.
    this.claimTenant(database, p.tenantId);
  }

  /** Its pods, as cdk8s-plus selects pods: by the app label, every variant's, in its namespace when it has one. */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    return podSelectorConfig(this.podLabels, this.namespace);
  }

  /** Its pods as a peer of a NetworkPolicy. */
  public toNetworkPolicyPeerConfig(): kplus.NetworkPolicyPeerConfig {
    return { podSelector: this.toPodSelectorConfig() };
  }

  /** Itself: a peer whose pods cdk8s-plus may isolate, with a policy in Mailpit's namespace. */
  public toPodSelector(): kplus.IPodSelector {
    return this;
  }

  /** The Mailpit container and its ports, which `connections.allowTo(mailpit)` of cdk8s-plus admits. */
  public get containers(): readonly ContainerPorts[] {
    return [{ name: MAILPIT_CONTAINER_NAME, ports: this.ports.map((port) => ({ name: port.name, number: port.port })) }];
  }

  /**
   * The pods of one variant, such as the canary, as a pod selector and network peer of cdk8s-plus.
   * @param id the id of a variant of MailpitWorkload.variants
   */
  public variant(id: string): MailpitPods {
    const variant = this.variants.find((each) => each.id === id);
    if (variant === undefined) {
      const ids = this.variants.map((each) => each.id);
      throw new InvalidOptionError('Mailpit.variant', id, ids.length > 0 ? `the id of a variant: ${ids.join(', ')}` : 'none: this Mailpit runs no variants', ['variant']);
    }
    // One construct per variant, made when first asked for.
    const child = `Pods-${id}`;
    return (this.node.tryFindChild(child) as MailpitPods | undefined) ?? new MailpitPods(this, child, { ...this.podLabels, ...variant.labels }, this.namespace, this.containers);
  }

  /** Takes its tenant in a database it shares with other Mailpits of the Chart: two whose table names meet are refused. */
  private claimTenant(database: MailpitDatabase, tenant: string | undefined): void {
    const url = database instanceof RqliteDatabase ? database.urlFrom(this.namespace) : undefined;
    const key = databaseKey(url, this.namespace);
    if (key === undefined) {
      return;
    }
    const clash = claimTenant(this, key, { tenant, path: this.node.path });
    if (clash) {
      const at: PropPath = tenant !== undefined ? ['tenantId'] : ['database', 'url'];
      const other = clash.other.tenant === undefined ? 'no tenant' : `tenant ${JSON.stringify(clash.other.tenant)}`;
      const name = (path: PropPath) => optionName('MailpitProps', path);
      throw new InvalidOptionError(
        name(at),
        tenant ?? url,
        `a tenant whose table and index names meet no other Mailpit's in the database ${key}: ${clash.other.path} (${other}) creates ${clash.name} too (Mailpit prefixes its names with the tenant, '_' for any other character than a letter or digit, and SQLite compares them without case)`,
        at,
        name,
      );
    }
  }
}
