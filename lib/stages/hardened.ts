import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { databaseClaim } from '../database-claim';
import { MAILDIR_PATH, Mailpit, MailpitCommonProps, SecretKeySelector } from '../mailpit';
import { MailpitNetworkPolicy } from '../network-policy';
import {
  dnsSubdomain,
  InvalidOptionError,
  nonRootId,
  parseQuantity,
  pinnedImageReference,
  quantity,
  validate,
  validateOptional,
} from '../validation';

/** The Mailpit release the hardened stage runs unless told otherwise. */
export const MAILPIT_RELEASE_IMAGE = 'axllent/mailpit:v1.30.5';

/** CPU and memory for one side (requests or limits), as Kubernetes quantities. */
export interface ComputeQuantities {
  readonly cpu?: string;
  readonly memory?: string;
}

/** Requests and limits of the Mailpit container. Each field given replaces its default. */
export interface MailpitResources {
  /** @default { cpu: '50m', memory: '64Mi' } */
  readonly requests?: ComputeQuantities;
  /** @default { cpu: '500m', memory: '256Mi' } */
  readonly limits?: ComputeQuantities;
}

/** Props of {@link MailpitHardened}. */
export interface MailpitHardenedProps extends MailpitCommonProps {
  /**
   * A version-pinned image: a tag other than `latest`, or a digest.
   * @default 'axllent/mailpit:v1.30.5'
   */
  readonly image?: string;

  /**
   * User id of the pod. Never 0.
   * @default 1000
   */
  readonly runAsUser?: number;

  /**
   * Group id of the pod, and its `fsGroup`, which gives the volume to that group. Never 0.
   * @default 1000
   */
  readonly runAsGroup?: number;

  /**
   * StorageClass of the database claim. Any name is passed through: the cluster knows its classes.
   * @default - none: the cluster's default StorageClass
   */
  readonly storageClassName?: string;

  /**
   * Size requested by the database claim.
   * @default '1Gi'
   */
  readonly storageSize?: string;

  /**
   * Name of the database claim.
   * @default 'pvc-mailpit'
   */
  readonly claimName?: string;

  /**
   * CPU and memory requests and limits. Limits below requests are refused.
   * @default - requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory
   */
  readonly resources?: MailpitResources;

  /**
   * Basic auth for the web UI, from an htpasswd file in an existing Secret.
   * @default - none: the UI is open
   */
  readonly uiAuthSecret?: SecretKeySelector;

  /**
   * Never accepted: a password in props would be written in clear into the manifests. Put an
   * htpasswd file in a Secret and pass `uiAuthSecret` instead.
   * @default - none
   */
  readonly uiAuthPassword?: never;

  /**
   * Adds a NetworkPolicy that admits only SMTP and web UI traffic to the pod.
   * @default false
   */
  readonly networkPolicy?: boolean;

  /**
   * Path under which the UI and API are served (`MP_WEBROOT`); the probes follow it.
   * @default '/'
   */
  readonly webroot?: string;
}

const DEFAULT_RESOURCES = {
  requests: { cpu: '50m', memory: '64Mi' },
  limits: { cpu: '500m', memory: '256Mi' },
} as const;

/** How to create the Secret that `uiAuthSecret` reads. */
export const UI_AUTH_SECRET_HOWTO =
  'create a Secret with an htpasswd file (kubectl create secret generic mailpit-ui-auth --from-file=htpasswd=./htpasswd, ' +
  'the file made with `htpasswd -cB htpasswd USER`) and pass uiAuthSecret {name: "mailpit-ui-auth", key: "htpasswd"} ' +
  '(CLI: --ui-auth-secret mailpit-ui-auth:htpasswd)';

/**
 * Beyond the lab: a Mailpit that passes Pod Security "restricted". No root init container: the
 * claim comes from a StorageClass, and `fsGroup` gives it to Mailpit's group.
 */
export class MailpitHardened extends Construct {
  public readonly claim: k8s.KubePersistentVolumeClaim;
  public readonly mailpit: Mailpit;
  public readonly networkPolicy?: MailpitNetworkPolicy;

  public constructor(scope: Construct, id: string, props: MailpitHardenedProps = {}) {
    super(scope, id);
    if ((props as { uiAuthPassword?: unknown }).uiAuthPassword !== undefined) {
      throw new InvalidOptionError('MailpitHardenedProps.uiAuthPassword', '<hidden>', `refused, a password must never be written into manifests: ${UI_AUTH_SECRET_HOWTO}`);
    }
    const image = validate('MailpitHardenedProps.image', props.image ?? MAILPIT_RELEASE_IMAGE, pinnedImageReference);
    const runAsUser = validate('MailpitHardenedProps.runAsUser', props.runAsUser ?? 1000, nonRootId);
    const runAsGroup = validate('MailpitHardenedProps.runAsGroup', props.runAsGroup ?? 1000, nonRootId);
    const storageClassName = validateOptional('MailpitHardenedProps.storageClassName', props.storageClassName, dnsSubdomain);
    const storageSize = validate('MailpitHardenedProps.storageSize', props.storageSize ?? '1Gi', quantity);
    const claimName = validate('MailpitHardenedProps.claimName', props.claimName ?? 'pvc-mailpit', dnsSubdomain);

    this.claim = databaseClaim(this, 'Claim', { name: claimName, namespace: props.namespace, storageClassName, size: storageSize });

    this.mailpit = new Mailpit(this, 'Mailpit', {
      ...props,
      image,
      env: { ...props.env, MP_DATABASE: `${MAILDIR_PATH}/mailpit.db` },
      maildir: { persistentVolumeClaim: { claimName } },
      strategy: 'Recreate',
      automountServiceAccountToken: false,
      podSecurityContext: {
        runAsNonRoot: true,
        runAsUser,
        runAsGroup,
        fsGroup: runAsGroup,
        fsGroupChangePolicy: 'OnRootMismatch',
        seccompProfile: { type: 'RuntimeDefault' },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      },
      writableTmp: true,
      probes: true,
      resources: computeResources(props.resources),
    });
    // Storage, then the policy that guards the pod, then Mailpit: one kubectl apply admits them in
    // this order, and the pod never runs unguarded.
    this.mailpit.node.addDependency(this.claim);
    if (props.networkPolicy) {
      this.networkPolicy = new MailpitNetworkPolicy(this, 'NetworkPolicy', this.mailpit);
      this.mailpit.node.addDependency(this.networkPolicy);
    }
  }
}

/** Defaults merged field by field, each checked, and limits never below requests. */
function computeResources(resources: MailpitResources = {}): k8s.ResourceRequirements {
  const checked = (side: 'requests' | 'limits', resource: 'cpu' | 'memory') =>
    validate(
      `MailpitHardenedProps.resources.${side}.${resource}`,
      resources[side]?.[resource] ?? DEFAULT_RESOURCES[side][resource],
      quantity,
    );
  const result = { requests: {} as Record<string, k8s.Quantity>, limits: {} as Record<string, k8s.Quantity> };
  for (const resource of ['cpu', 'memory'] as const) {
    const request = checked('requests', resource);
    const limit = checked('limits', resource);
    validate(`MailpitHardenedProps.resources.limits.${resource}`, limit, () =>
      parseQuantity(limit) >= parseQuantity(request) ? undefined : `at least the request, ${request}`,
    );
    result.requests[resource] = k8s.Quantity.fromString(request);
    result.limits[resource] = k8s.Quantity.fromString(limit);
  }
  return result;
}
