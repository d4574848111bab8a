import { Construct } from 'constructs';
import * as k8s from '../imports/k8s';
import {
  dnsLabel,
  dnsSubdomain,
  imageReference,
  ingressHost,
  InvalidOptionError,
  serviceName,
  validate,
  validateOptional,
} from './validation';

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

/** A volume source for `/maildir`: a `k8s.Volume` without its name, which is always `maildir`. */
export type MaildirVolumeSource = Omit<k8s.Volume, 'name'>;

/** A key in an existing Secret. */
export interface SecretKeySelector {
  /** The Secret's name, in the same namespace as Mailpit. */
  readonly name: string;
  /** The key inside the Secret. */
  readonly key: string;
}

/** The props every stage accepts: they change names and images, never the stage's shape. */
export interface MailpitCommonProps {
  /**
   * Namespace of every namespaced object, so that one Chart can hold several Mailpits.
   * @default - the Chart's namespace
   */
  readonly namespace?: string;

  /**
   * Name of the Deployment, Service and Ingress, and value of their `app` label.
   * @default 'mailpit'
   */
  readonly name?: string;

  /**
   * Container image for Mailpit (and for init containers that use its busybox).
   * @default 'axllent/mailpit'
   */
  readonly image?: string;

  /**
   * Pull policy of every container.
   * @default 'IfNotPresent'
   */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';

  /**
   * Host of the Ingress rule that routes `/` to the web UI.
   * @default 'mailpit.test'
   */
  readonly host?: string;

  /**
   * IngressClass of the Ingress.
   * @default - none: the cluster's default IngressClass (minikube's ingress addon marks `nginx` default)
   */
  readonly ingressClassName?: string;

  /**
   * Extra environment variables for Mailpit, such as `MP_MAX_MESSAGES`, in the order given.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
}

/** Props of the shared {@link Mailpit} construct, on which every stage is built. */
export interface MailpitProps extends MailpitCommonProps {
  /**
   * Replaces the image's entrypoint.
   * @default - the image's entrypoint, `/mailpit`
   */
  readonly command?: string[];

  /**
   * A volume mounted at `/maildir` to hold the database.
   * @default - none: the database lives in the container and dies with it
   */
  readonly maildir?: MaildirVolumeSource;

  /**
   * The Deployment strategy.
   * @default - 'Recreate' when `maildir` is set (one SQLite file admits one Mailpit process),
   *            otherwise none (the Kubernetes default, RollingUpdate)
   */
  readonly strategy?: 'Recreate' | 'RollingUpdate';

  /**
   * Security context of the Mailpit container.
   * @default - none
   */
  readonly securityContext?: k8s.SecurityContext;

  /**
   * Security context of the pod. Its user settings reach init containers too.
   * @default - none
   */
  readonly podSecurityContext?: k8s.PodSecurityContext;

  /**
   * Containers that run before Mailpit. They may mount `maildir` by name. One without an image
   * runs Mailpit's image with Mailpit's pull policy.
   * @default - none
   */
  readonly initContainers?: k8s.Container[];

  /**
   * Mounts an emptyDir at `/tmp`, where SQLite writes its temporary files.
   * @default - true when the container's root filesystem is read-only, otherwise false
   */
  readonly writableTmp?: boolean;

  /**
   * Adds startup, liveness (`/livez`) and readiness (`/readyz`) probes on the UI port.
   * @default false
   */
  readonly probes?: boolean;

  /**
   * Serves the UI and API under this path (`MP_WEBROOT`). Probes and the Ingress path follow it.
   * @default '/'
   */
  readonly webroot?: string;

  /**
   * CPU and memory requests and limits of the Mailpit container.
   * @default - none
   */
  readonly resources?: k8s.ResourceRequirements;

  /**
   * Basic auth for the web UI: an htpasswd file in an existing Secret, mounted read-only and
   * passed through `MP_UI_AUTH_FILE`.
   * @default - none: the UI is open
   */
  readonly uiAuthSecret?: SecretKeySelector;

  /**
   * Whether the pod gets a service account token. Mailpit never calls the Kubernetes API.
   * @default - none: the Kubernetes default (mounted)
   */
  readonly automountServiceAccountToken?: boolean;
}

/** Mailpit variables that hold user:password pairs inline. */
const INLINE_CREDENTIAL_VARIABLES = ['MP_UI_AUTH', 'MP_SMTP_AUTH', 'MP_POP3_AUTH', 'MP_SEND_API_AUTH'];
const UI_AUTH_VOLUME_NAME = 'ui-auth';
const UI_AUTH_DIR = '/etc/mailpit';
const UI_AUTH_FILE = 'ui-auth';
const TMP_VOLUME_NAME = 'tmp';

/**
 * Mailpit on Kubernetes: a single-replica Deployment, a Service for SMTP and the UI, and an
 * Ingress for the UI. Every stage of the lab is a set of props for this construct.
 */
export class Mailpit extends Construct {
  /** The `volumeMounts` entry that mounts the database volume, for init containers. */
  public static readonly maildirMount: k8s.VolumeMount = { name: MAILDIR_VOLUME_NAME, mountPath: MAILDIR_PATH };

  /** The name shared by the Deployment, the Service and the Ingress. */
  public readonly name: string;
  /** The labels of the pods, which the Service selects. */
  public readonly podLabels: { readonly [key: string]: string };
  public readonly service: k8s.KubeService;
  public readonly deployment: k8s.KubeDeployment;
  public readonly ingress: k8s.KubeIngress;

  public constructor(scope: Construct, id: string, props: MailpitProps = {}) {
    super(scope, id);
    this.name = validate('MailpitProps.name', props.name ?? 'mailpit', serviceName);
    const image = validate('MailpitProps.image', props.image ?? 'axllent/mailpit', imageReference);
    const host = validate('MailpitProps.host', props.host ?? 'mailpit.test', ingressHost);
    validateOptional('MailpitProps.namespace', props.namespace, dnsLabel);
    validateOptional('MailpitProps.ingressClassName', props.ingressClassName, dnsSubdomain);
    const webroot = normalizeWebroot(props.webroot ?? '/');
    const readOnlyRoot = props.securityContext?.readOnlyRootFilesystem === true;
    const writableTmp = props.writableTmp ?? readOnlyRoot;
    const strategy = props.strategy ?? (props.maildir ? 'Recreate' : undefined);

    this.podLabels = { app: this.name };
    const metadata = { name: this.name, namespace: props.namespace, labels: this.podLabels };

    const volumes: k8s.Volume[] = [];
    const volumeMounts: k8s.VolumeMount[] = [];
    if (props.maildir) {
      volumes.push({ name: MAILDIR_VOLUME_NAME, ...props.maildir });
      volumeMounts.push(Mailpit.maildirMount);
    }
    if (writableTmp) {
      volumes.push({ name: TMP_VOLUME_NAME, emptyDir: {} });
      volumeMounts.push({ name: TMP_VOLUME_NAME, mountPath: '/tmp' });
    }

    for (const name of INLINE_CREDENTIAL_VARIABLES) {
      if (props.env?.[name] !== undefined) {
        throw new InvalidOptionError(
          `MailpitProps.env.${name}`,
          '<hidden>',
          'refused, it would write credentials in clear into the manifests: put an htpasswd file in a Secret and use uiAuthSecret',
        );
      }
    }
    const env: k8s.EnvVar[] = Object.entries(props.env ?? {}).map(([name, value]) => ({ name, value }));
    if (webroot !== '/') {
      env.push({ name: 'MP_WEBROOT', value: webroot });
    }
    if (props.uiAuthSecret) {
      validate('MailpitProps.uiAuthSecret.name', props.uiAuthSecret.name, dnsSubdomain);
      validate('MailpitProps.uiAuthSecret.key', props.uiAuthSecret.key, (key) =>
        /^[-._a-zA-Z0-9]+$/.test(key) ? undefined : "a Secret key: letters, digits, '-', '_' and '.'",
      );
      volumes.push({
        name: UI_AUTH_VOLUME_NAME,
        secret: {
          secretName: props.uiAuthSecret.name,
          items: [{ key: props.uiAuthSecret.key, path: UI_AUTH_FILE }],
        },
      });
      volumeMounts.push({ name: UI_AUTH_VOLUME_NAME, mountPath: UI_AUTH_DIR, readOnly: true });
      env.push({ name: 'MP_UI_AUTH_FILE', value: `${UI_AUTH_DIR}/${UI_AUTH_FILE}` });
    }

    const imagePullPolicy = props.imagePullPolicy ?? 'IfNotPresent';
    const initContainers = (props.initContainers ?? []).map((container) =>
      container.image === undefined ? { ...container, image, imagePullPolicy } : container,
    );

    const mailpit: k8s.Container = {
      name: MAILPIT_CONTAINER_NAME,
      image,
      imagePullPolicy,
      command: props.command,
      env: nonEmpty(env),
      ports: [
        { name: 'smtp', containerPort: MailpitPorts.smtp },
        { name: 'http', containerPort: MailpitPorts.http },
      ],
      volumeMounts: nonEmpty(volumeMounts),
      securityContext: props.securityContext,
      resources: props.resources,
      ...(props.probes ? probes(webroot) : {}),
    };

    this.service = new k8s.KubeService(this, 'Service', {
      metadata,
      spec: {
        selector: this.podLabels,
        ports: [
          { name: 'smtp', port: MailpitPorts.smtp, targetPort: k8s.IntOrString.fromString('smtp') },
          { name: 'http', port: MailpitPorts.http, targetPort: k8s.IntOrString.fromString('http') },
        ],
      },
    });

    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata,
      spec: {
        replicas: 1,
        selector: { matchLabels: this.podLabels },
        strategy: strategy ? { type: strategy } : undefined,
        template: {
          metadata: { labels: this.podLabels },
          spec: {
            automountServiceAccountToken: props.automountServiceAccountToken,
            securityContext: props.podSecurityContext,
            initContainers: nonEmpty(initContainers),
            containers: [mailpit],
            volumes: nonEmpty(volumes),
          },
        },
      },
    });

    this.ingress = new k8s.KubeIngress(this, 'Ingress', {
      metadata,
      spec: {
        ingressClassName: props.ingressClassName,
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: webroot === '/' ? '/' : webroot.slice(0, -1),
                  pathType: 'Prefix',
                  backend: { service: { name: this.service.name, port: { name: 'http' } } },
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
  validate('MailpitProps.webroot', webroot, (value) =>
    /^\/?([A-Za-z0-9._~-]+\/?)*$/.test(value)
      ? undefined
      : "a URL path such as /mail/: letters, digits, '.', '_', '~', '-' and '/' only",
  );
  const trimmed = webroot.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/**
 * Mailpit starts HTTP only after its database migrations, which can be slow on a large database,
 * so a startup probe with a long budget guards liveness until then.
 */
function probes(webroot: string): Pick<k8s.Container, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> {
  const get = (endpoint: string): k8s.HttpGetAction => ({
    path: `${webroot}${endpoint}`,
    port: k8s.IntOrString.fromString('http'),
  });
  return {
    startupProbe: { httpGet: get('livez'), periodSeconds: 2, failureThreshold: 150 },
    livenessProbe: { httpGet: get('livez'), periodSeconds: 10, failureThreshold: 3 },
    readinessProbe: { httpGet: get('readyz'), periodSeconds: 5, failureThreshold: 3 },
  };
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
