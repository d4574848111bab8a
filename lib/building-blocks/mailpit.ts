import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { Container, EnvVar, PodSecurityContext, Probe, SecurityContext, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Service } from 'kubernetes-types/core/v1';
import type { Ingress } from 'kubernetes-types/networking/v1';
import * as v from 'valibot';
import { HIDDEN } from '../options/errors';
import { option, Problem, PropsOf, resolveProps } from '../options/option';
import { containerResources, limitsNotBelowRequests, resourceRequirements } from '../options/quantities';
import * as rules from '../options/rules';
import { kubeObject } from './kube';

/** The name of the Mailpit container. The lab's `crictl --label io.kubernetes.container.name=mailpit` needs it. */
export const MAILPIT_CONTAINER_NAME = 'mailpit';

/** Mailpit's listening ports, as the image exposes them. */
export const MailpitPorts = {
  /** SMTP, the port the lab forwards with `kubectl port-forward service/mailpit 1025`. */
  smtp: 1025,
  /** Web UI and API, where `/livez` and `/readyz` also live. */
  http: 8025,
} as const;

/** Where the database volume is mounted, as in the lab. */
export const MAILDIR_PATH = '/maildir';

/** The name of the database volume in the pod, as in the lab. */
export const MAILDIR_VOLUME_NAME = 'maildir';

/** A volume source for `/maildir`: a Kubernetes volume without its name, which is always `maildir`. */
export type MaildirVolumeSource = Omit<Volume, 'name'>;

/** Mailpit variables that hold user:password pairs inline: they would put credentials into the manifests. */
const INLINE_CREDENTIAL_VARIABLES = ['MP_UI_AUTH', 'MP_SMTP_AUTH', 'MP_POP3_AUTH', 'MP_SEND_API_AUTH'];

/** Variables that a prop sets, by the prop: given in env too, they would be duplicated or replaced. */
export const VARIABLES_OF_PROPS: Readonly<Record<string, string>> = { MP_WEBROOT: 'webroot', MP_UI_AUTH_FILE: 'uiAuthSecret' };

/**
 * The rule of `env`: no inline credentials, and none of the variables that something else sets,
 * given as `{ variable: what sets it }`.
 */
export function envRule(setElsewhere: Readonly<Record<string, string>>) {
  return (env: Readonly<Record<string, string>>): Problem | undefined => {
    const credential = INLINE_CREDENTIAL_VARIABLES.find((variable) => env[variable] !== undefined);
    if (credential !== undefined) {
      return {
        at: [credential],
        value: HIDDEN,
        allowed: 'refused, it would write credentials in clear into the manifests: put an htpasswd file in a Secret and use uiAuthSecret',
      };
    }
    const taken = Object.keys(setElsewhere).find((variable) => env[variable] !== undefined);
    return taken === undefined ? undefined : { at: [taken], value: env[taken], allowed: `set by ${setElsewhere[taken]}; use that instead` };
  };
}

const kubernetes = rules.kubernetesObject;

/** The props of {@link Mailpit}, each declared once: type and rules, default, help. */
export const MAILPIT_OPTIONS = {
  namespace: option({
    value: rules.dnsLabel,
    help: 'namespace of every namespaced object, so that one Chart can hold several Mailpits',
    defaultText: "the Chart's namespace",
  }),
  name: option({ value: rules.serviceName, default: 'mailpit', help: 'name of the Deployment, Service and Ingress, and value of their app label' }),
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
    refine: envRule(Object.fromEntries(Object.entries(VARIABLES_OF_PROPS).map(([variable, prop]) => [variable, `the prop ${prop}`]))),
  }),
  command: option({ value: v.array(v.string('a string'), 'a list of strings'), help: "replaces the image's entrypoint", defaultText: 'the image entrypoint, /mailpit' }),
  maildir: option({
    value: kubernetes<MaildirVolumeSource>('volume source'),
    help: 'a volume mounted at /maildir to hold the database',
    defaultText: 'none: the database dies with the container',
  }),
  strategy: option({
    value: rules.oneOf(['Recreate', 'RollingUpdate']),
    help: 'the Deployment strategy',
    defaultText: 'Recreate with a maildir (one SQLite file admits one process), else the Kubernetes default',
  }),
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
  webroot: option({ value: rules.urlPath, default: '/', help: 'serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow' }),
  resources: option({
    value: containerResources,
    help: 'CPU, memory and ephemeral storage requests and limits of the Mailpit container',
    refine: limitsNotBelowRequests,
  }),
  uiAuthSecret: option({
    value: rules.secretKeySelector,
    help: 'basic auth for the web UI: an htpasswd file in an existing Secret, passed through MP_UI_AUTH_FILE',
    defaultText: 'none: the UI is open',
  }),
  automountServiceAccountToken: option({
    value: rules.flag,
    help: 'whether the pod gets a service account token; Mailpit never calls the Kubernetes API',
    defaultText: 'the Kubernetes default (mounted)',
  }),
};

/** Props of the shared {@link Mailpit} construct, on which every stage is built. */
export type MailpitProps = PropsOf<typeof MAILPIT_OPTIONS>;

const UI_AUTH_VOLUME_NAME = 'ui-auth';
const UI_AUTH_DIR = '/etc/mailpit';
const UI_AUTH_FILE = 'ui-auth';
const TMP_VOLUME_NAME = 'tmp';

/**
 * Mailpit on Kubernetes: a single-replica Deployment, a Service for SMTP and the UI, and an
 * Ingress for the UI. Every stage is a set of props for this construct.
 */
export class Mailpit extends Construct {
  /** The `volumeMounts` entry that mounts the database volume, for init containers. */
  public static readonly maildirMount: VolumeMount = { name: MAILDIR_VOLUME_NAME, mountPath: MAILDIR_PATH };

  /** The name shared by the Deployment, the Service and the Ingress. */
  public readonly name: string;
  /** The namespace of its objects, when one is set. */
  public readonly namespace?: string;
  /** The labels of the pods, which the Service selects. */
  public readonly podLabels: { readonly [key: string]: string };
  public readonly service: ApiObject;
  public readonly deployment: ApiObject;
  public readonly ingress: ApiObject;

  public constructor(scope: Construct, id: string, props: MailpitProps = {}) {
    super(scope, id);
    const p = resolveProps(MAILPIT_OPTIONS, props, { root: 'MailpitProps' });
    this.name = p.name;
    this.namespace = p.namespace;
    const webroot = normalizeWebroot(p.webroot);
    const writableTmp = p.writableTmp ?? p.securityContext?.readOnlyRootFilesystem === true;
    const strategy = p.strategy ?? (p.maildir ? 'Recreate' : undefined);

    this.podLabels = { app: this.name };
    const metadata = { name: this.name, namespace: p.namespace, labels: this.podLabels };

    const volumes: Volume[] = [];
    const volumeMounts: VolumeMount[] = [];
    if (p.maildir) {
      volumes.push({ name: MAILDIR_VOLUME_NAME, ...p.maildir });
      volumeMounts.push(Mailpit.maildirMount);
    }
    if (writableTmp) {
      volumes.push({ name: TMP_VOLUME_NAME, emptyDir: {} });
      volumeMounts.push({ name: TMP_VOLUME_NAME, mountPath: '/tmp' });
    }

    const env: EnvVar[] = Object.entries(p.env ?? {}).map(([name, value]) => ({ name, value }));
    if (webroot !== '/') {
      env.push({ name: 'MP_WEBROOT', value: webroot });
    }
    if (p.uiAuthSecret) {
      volumes.push({
        name: UI_AUTH_VOLUME_NAME,
        secret: { secretName: p.uiAuthSecret.name, items: [{ key: p.uiAuthSecret.key, path: UI_AUTH_FILE }] },
      });
      volumeMounts.push({ name: UI_AUTH_VOLUME_NAME, mountPath: UI_AUTH_DIR, readOnly: true });
      env.push({ name: 'MP_UI_AUTH_FILE', value: `${UI_AUTH_DIR}/${UI_AUTH_FILE}` });
    }

    const initContainers = (p.initContainers ?? []).map((container) =>
      container.image === undefined ? { ...container, image: p.image, imagePullPolicy: p.imagePullPolicy } : container,
    );

    const mailpit: Container = {
      name: MAILPIT_CONTAINER_NAME,
      image: p.image,
      imagePullPolicy: p.imagePullPolicy,
      command: p.command,
      env: nonEmpty(env),
      ports: [
        { name: 'smtp', containerPort: MailpitPorts.smtp },
        { name: 'http', containerPort: MailpitPorts.http },
      ],
      volumeMounts: nonEmpty(volumeMounts),
      securityContext: p.securityContext,
      resources: resourceRequirements(p.resources),
      ...(p.probes ? probes(webroot) : {}),
    };

    this.service = kubeObject<Service>(this, 'Service', {
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: {
        selector: this.podLabels,
        ports: [
          { name: 'smtp', port: MailpitPorts.smtp, targetPort: 'smtp' },
          { name: 'http', port: MailpitPorts.http, targetPort: 'http' },
        ],
      },
    });

    this.deployment = kubeObject<Deployment>(this, 'Deployment', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: this.podLabels },
        strategy: strategy ? { type: strategy } : undefined,
        template: {
          metadata: { labels: this.podLabels },
          spec: {
            automountServiceAccountToken: p.automountServiceAccountToken,
            securityContext: p.podSecurityContext,
            initContainers: nonEmpty(initContainers),
            containers: [mailpit],
            volumes: nonEmpty(volumes),
          },
        },
      },
    });

    this.ingress = kubeObject<Ingress>(this, 'Ingress', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata,
      spec: {
        ingressClassName: p.ingressClassName,
        rules: [
          {
            host: p.host,
            http: {
              paths: [
                {
                  path: webroot === '/' ? '/' : webroot.slice(0, -1),
                  pathType: 'Prefix',
                  backend: { service: { name: this.name, port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}

/** `mail`, `/mail` and `/mail/` all mean the webroot `/mail/`, the form Mailpit serves under. */
function normalizeWebroot(webroot: string): string {
  const trimmed = webroot.replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Mailpit starts HTTP only after its database migrations, which can be slow on a large database,
 * so a startup probe with a long budget guards liveness until then.
 */
function probes(webroot: string): { startupProbe: Probe; livenessProbe: Probe; readinessProbe: Probe } {
  const get = (endpoint: string) => ({ path: `${webroot}${endpoint}`, port: 'http' });
  return {
    startupProbe: { httpGet: get('livez'), periodSeconds: 2, failureThreshold: 150 },
    livenessProbe: { httpGet: get('livez'), periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { httpGet: get('readyz'), periodSeconds: 5, failureThreshold: 3 },
  };
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
