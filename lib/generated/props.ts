// Written by `npm run docs` from the tables of options (scripts/props-interfaces.ts): do not edit.
// test/props-types.test.ts holds each interface equal to its table's props.
import type { LabMaildirTableProps } from '../building-blocks/lab-maildir';
import type { LabPersistentVolumeTableProps } from '../building-blocks/lab-persistent-volume';
import type { MailpitTableProps } from '../building-blocks/mailpit/options';
import type { NetworkPolicyTableProps } from '../building-blocks/network-policy';
import type { RqliteTableProps } from '../building-blocks/rqlite';
import type { ClassroomOptionProps } from '../classroom/options';
import type { StageProps } from '../stages/options';

/**
 * Props of `MailpitBaseline`: stage baseline, lab part 1: Mailpit alone, its data dies with the container.
 */
export interface MailpitBaselineProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'baseline'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'baseline'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit"
   */
  readonly image?: StageProps<'baseline'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'baseline'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'baseline'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'baseline'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'baseline'>['env'];
}

/**
 * Props of `MailpitPvc`: stage pvc, lab part 2, sections 3-5: database on a hostPath PersistentVolume claim.
 */
export interface MailpitPvcProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'pvc'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'pvc'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit"
   */
  readonly image?: StageProps<'pvc'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'pvc'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'pvc'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'pvc'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'pvc'>['env'];

  /**
   * The lab's hostPath PersistentVolume and claim (section 3); not with nfs.
   * @default the lab's: pv-mailpit and pvc-mailpit, 10Mi at /tmp/pv-mailpit
   */
  readonly storage?: StageProps<'pvc'>['storage'];

  /**
   * Mounts this NFS export at /maildir instead of a claim (section 2), with MP_DISABLE_WAL=true as Mailpit advises for NFS.
   * @default none: the claim
   */
  readonly nfs?: StageProps<'pvc'>['nfs'];
}

/**
 * Props of `MailpitPvcSecure`: stage pvc-secure, lab part 2, sections 6-7: non-root, read-only root, root init-pv chown.
 */
export interface MailpitPvcSecureProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'pvc-secure'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'pvc-secure'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit"
   */
  readonly image?: StageProps<'pvc-secure'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'pvc-secure'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'pvc-secure'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'pvc-secure'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'pvc-secure'>['env'];

  /**
   * The lab's hostPath PersistentVolume and claim (section 3); not with nfs.
   * @default the lab's: pv-mailpit and pvc-mailpit, 10Mi at /tmp/pv-mailpit
   */
  readonly storage?: StageProps<'pvc-secure'>['storage'];

  /**
   * Mounts this NFS export at /maildir instead of a claim (section 2), with MP_DISABLE_WAL=true as Mailpit advises for NFS.
   * @default none: the claim
   */
  readonly nfs?: StageProps<'pvc-secure'>['nfs'];

  /**
   * User id of Mailpit, never 0; in pvc-secure also the owner init-pv gives /maildir.
   * Command line: `--run-as-user`.
   * @default 1000
   */
  readonly runAsUser?: StageProps<'pvc-secure'>['runAsUser'];
}

/**
 * Props of `MailpitConfig`: stage config, TD 8: settings in the ConfigMap mailpit-config (envFrom), UI login from the Secret mailpit-auth.
 */
export interface MailpitConfigProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'config'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'config'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit"
   */
  readonly image?: StageProps<'config'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'config'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'config'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'config'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'config'>['env'];

  /**
   * A hash of the ConfigMap on the pod template, so that a changed setting rolls the pod by itself; without it a change waits for kubectl rollout restart.
   * Command line: `--config-checksum`.
   * @default off
   */
  readonly configChecksum?: StageProps<'config'>['configChecksum'];

  /**
   * The most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)
   * Command line: `--max-messages`.
   * @default Mailpit's 500
   */
  readonly maxMessages?: StageProps<'config'>['maxMessages'];

  /**
   * Verbose logging.
   * Command line: `--verbose`, `--no-verbose`.
   * @default off
   */
  readonly verbose?: StageProps<'config'>['verbose'];

  /**
   * Accept any SMTP username and password; not with smtpAuthSecret.
   * Command line: `--smtp-auth-accept-any`, `--no-smtp-auth-accept-any`.
   * @default off
   */
  readonly smtpAuthAcceptAny?: StageProps<'config'>['smtpAuthAcceptAny'];

  /**
   * Allow SMTP authentication without TLS; not with a required STARTTLS or TLS.
   * Command line: `--smtp-auth-allow-insecure`, `--no-smtp-auth-allow-insecure`.
   * @default off
   */
  readonly smtpAuthAllowInsecure?: StageProps<'config'>['smtpAuthAllowInsecure'];

  /**
   * Basic auth for the web UI and API: an htpasswd file, from an existing Secret: { name, key }.
   * Command line: `--ui-auth-secret`.
   * @default mailpit-auth:htpasswd, the Secret the student creates
   */
  readonly uiAuthSecret?: StageProps<'config'>['uiAuthSecret'];
}

/**
 * Props of `MailpitStatefulSet`: stage statefulset, TD 9: a StatefulSet with a headless Service and a claim per pod, on hostPath PVs or a StorageClass.
 */
export interface MailpitStatefulSetProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'statefulset'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'statefulset'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit"
   */
  readonly image?: StageProps<'statefulset'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'statefulset'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'statefulset'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'statefulset'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'statefulset'>['env'];

  /**
   * StorageClass of Mailpit's database claim, each pod's in a StatefulSet (instead of the hostPath PVs). Any well-formed name is passed through, the cluster knows its classes.
   * Command line: `--storage-class`.
   * @default the cluster's default StorageClass; statefulset: manual, on the hostPath PVs
   */
  readonly storageClassName?: StageProps<'statefulset'>['storageClassName'];

  /**
   * Size of Mailpit's database claim, each pod's in a StatefulSet (and of its hostPath PV)
   * Command line: `--storage-size`.
   * @default 10Mi
   */
  readonly storageSize?: StageProps<'statefulset'>['storageSize'];

  /**
   * HostPath PersistentVolumes of class manual made for the claims, one per ordinal the StatefulSet may scale to: pv-<name>-<ordinal> at /tmp/pv-<name>-<ordinal> (in a namespace: pv-<namespace>-<name>-<ordinal>, reserved for its claim); none with storageClassName.
   * Command line: `--persistent-volumes`.
   * @default 2
   */
  readonly persistentVolumes?: StageProps<'statefulset'>['persistentVolumes'];

  /**
   * Pods of Mailpit: in a StatefulSet, each with its own claim and inbox (statefulset), or on one rqlite database (ha, at least 2)
   * Command line: `--replicas`.
   * @default 1
   */
  readonly replicas?: StageProps<'statefulset'>['replicas'];
}

/**
 * Props of `MailpitCanary`: stage canary, TD 10: stable and canary Deployments behind one Service, sharing an rqlite database.
 */
export interface MailpitCanaryProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'canary'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'canary'>['name'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'canary'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'canary'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'canary'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'canary'>['env'];

  /**
   * The stable track: the version in production, on most of the traffic: the Deployment <name>-stable, its image and its pods.
   * Command line: `--stable-image`, `--stable-replicas`.
   * @default axllent/mailpit:v1.30.4, 3 pods
   */
  readonly stable?: StageProps<'canary'>['stable'];

  /**
   * The canary track: the new version, on a share of the traffic, canary.replicas / (stable.replicas + canary.replicas); 0 pods rolls it back: the Deployment <name>-canary, its image and its pods.
   * Command line: `--canary-image`, `--canary-replicas`.
   * @default axllent/mailpit:v1.30.5, 1 pod
   */
  readonly canary?: StageProps<'canary'>['canary'];

  /**
   * The rqlite database the Mailpits share: a cluster of their own, <name>-rqlite beside a Mailpit of another name than mailpit ({ nodes, storageClassName, storageSize, resources }; 1 node for a lab, 3 survive the loss of one; nodes sizes the cluster at its first start (-bootstrap-expect): changing it later restarts every node, and shrinking needs the nodes removed from rqlite first, one at a time, or the rest lose their quorum (see docs/lab.md)), or an existing one ({ url }), shared with other Mailpits through tenantId.
   * Command line: `--rqlite-nodes`, `--rqlite-storage-class`, `--rqlite-storage-size`, `--rqlite-url`.
   * @default a cluster of its own of 1 node; ha: 3 nodes
   */
  readonly rqlite?: StageProps<'canary'>['rqlite'];

  /**
   * A prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused.
   * Command line: `--tenant-id`.
   * @default none
   */
  readonly tenantId?: StageProps<'canary'>['tenantId'];
}

/**
 * Props of `MailpitBlueGreen`: stage blue-green, TD 10: blue and green Deployments, the Service selecting the --active one, sharing an rqlite database.
 */
export interface MailpitBlueGreenProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'blue-green'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'blue-green'>['name'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'blue-green'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'blue-green'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'blue-green'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'blue-green'>['env'];

  /**
   * The blue slot: the version in production: the Deployment <name>-blue, its image and its pods.
   * Command line: `--blue-image`, `--blue-replicas`.
   * @default axllent/mailpit:v1.30.4, 1 pod
   */
  readonly blue?: StageProps<'blue-green'>['blue'];

  /**
   * The green slot: the new version, tried before the Service switches to it: the Deployment <name>-green, its image and its pods.
   * Command line: `--green-image`, `--green-replicas`.
   * @default axllent/mailpit:v1.30.5, 1 pod
   */
  readonly green?: StageProps<'blue-green'>['green'];

  /**
   * The slot the Service selects: changing it and applying again is the switch, and the way back.
   * Command line: `--active`.
   * @default "blue"
   */
  readonly active?: StageProps<'blue-green'>['active'];

  /**
   * The rqlite database the Mailpits share: a cluster of their own, <name>-rqlite beside a Mailpit of another name than mailpit ({ nodes, storageClassName, storageSize, resources }; 1 node for a lab, 3 survive the loss of one; nodes sizes the cluster at its first start (-bootstrap-expect): changing it later restarts every node, and shrinking needs the nodes removed from rqlite first, one at a time, or the rest lose their quorum (see docs/lab.md)), or an existing one ({ url }), shared with other Mailpits through tenantId.
   * Command line: `--rqlite-nodes`, `--rqlite-storage-class`, `--rqlite-storage-size`, `--rqlite-url`.
   * @default a cluster of its own of 1 node; ha: 3 nodes
   */
  readonly rqlite?: StageProps<'blue-green'>['rqlite'];

  /**
   * A prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused.
   * Command line: `--tenant-id`.
   * @default none
   */
  readonly tenantId?: StageProps<'blue-green'>['tenantId'];
}

/**
 * Props of `MailpitHardened`: stage hardened, beyond the lab: passes Pod Security "restricted", StorageClass claim, probes, limits.
 */
export interface MailpitHardenedProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'hardened'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'hardened'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit:v1.30.5"
   */
  readonly image?: StageProps<'hardened'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'hardened'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'hardened'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'hardened'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'hardened'>['env'];

  /**
   * User id of Mailpit, never 0; in pvc-secure also the owner init-pv gives /maildir.
   * Command line: `--run-as-user`.
   * @default 1000
   */
  readonly runAsUser?: StageProps<'hardened'>['runAsUser'];

  /**
   * Group id of the pod, never 0, and its fsGroup, which gives the volume to that group.
   * Command line: `--run-as-group`.
   * @default 1000
   */
  readonly runAsGroup?: StageProps<'hardened'>['runAsGroup'];

  /**
   * StorageClass of Mailpit's database claim, each pod's in a StatefulSet (instead of the hostPath PVs). Any well-formed name is passed through, the cluster knows its classes.
   * Command line: `--storage-class`.
   * @default the cluster's default StorageClass; statefulset: manual, on the hostPath PVs
   */
  readonly storageClassName?: StageProps<'hardened'>['storageClassName'];

  /**
   * Size of Mailpit's database claim, each pod's in a StatefulSet (and of its hostPath PV)
   * Command line: `--storage-size`.
   * @default 1Gi
   */
  readonly storageSize?: StageProps<'hardened'>['storageSize'];

  /**
   * Name of the database claim.
   * @default "pvc-mailpit"
   */
  readonly claimName?: StageProps<'hardened'>['claimName'];

  /**
   * Requests and limits of the Mailpit container, each field replacing its default, null for none (none on the command line); a limit below its request is refused.
   * Command line: `--cpu-request`, `--cpu-limit`, `--memory-request`, `--memory-limit`.
   * @default requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory
   */
  readonly resources?: StageProps<'hardened'>['resources'];

  /**
   * A NetworkPolicy admitting only SMTP and UI traffic to the pod.
   * Command line: `--network-policy`.
   * @default off
   */
  readonly networkPolicy?: StageProps<'hardened'>['networkPolicy'];

  /**
   * Serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow.
   * Command line: `--webroot`.
   * @default "/"
   */
  readonly webroot?: StageProps<'hardened'>['webroot'];

  /**
   * The most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)
   * Command line: `--max-messages`.
   * @default Mailpit's 500
   */
  readonly maxMessages?: StageProps<'hardened'>['maxMessages'];

  /**
   * The age at which messages are deleted: whole hours or days, such as 7d.
   * Command line: `--max-age`.
   * @default none: kept until maxMessages
   */
  readonly maxAge?: StageProps<'hardened'>['maxAge'];

  /**
   * Verbose logging.
   * Command line: `--verbose`, `--no-verbose`.
   * @default off
   */
  readonly verbose?: StageProps<'hardened'>['verbose'];

  /**
   * A prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused.
   * Command line: `--tenant-id`.
   * @default none
   */
  readonly tenantId?: StageProps<'hardened'>['tenantId'];

  /**
   * A label shown in the web UI, SMTP and POP3 to tell this Mailpit from others.
   * @default none
   */
  readonly label?: StageProps<'hardened'>['label'];

  /**
   * No check for new Mailpit versions, for clusters without egress.
   * Command line: `--disable-version-check`.
   * @default off
   */
  readonly disableVersionCheck?: StageProps<'hardened'>['disableVersionCheck'];

  /**
   * Block remote CSS and fonts in the HTML preview.
   * Command line: `--block-remote-css-and-fonts`.
   * @default off
   */
  readonly blockRemoteCssAndFonts?: StageProps<'hardened'>['blockRemoteCssAndFonts'];

  /**
   * Accept any SMTP username and password; not with smtpAuthSecret.
   * Command line: `--smtp-auth-accept-any`, `--no-smtp-auth-accept-any`.
   * @default off
   */
  readonly smtpAuthAcceptAny?: StageProps<'hardened'>['smtpAuthAcceptAny'];

  /**
   * Allow SMTP authentication without TLS; not with a required STARTTLS or TLS.
   * Command line: `--smtp-auth-allow-insecure`, `--no-smtp-auth-allow-insecure`.
   * @default off
   */
  readonly smtpAuthAllowInsecure?: StageProps<'hardened'>['smtpAuthAllowInsecure'];

  /**
   * Require STARTTLS on SMTP (on port 1025); needs smtpTlsSecret.
   * Command line: `--smtp-require-starttls`.
   * @default off
   */
  readonly smtpRequireStartTls?: StageProps<'hardened'>['smtpRequireStartTls'];

  /**
   * Require implicit TLS on SMTP (no plain connection at all, unlike STARTTLS); needs smtpTlsSecret.
   * Command line: `--smtp-require-tls`.
   * @default off
   */
  readonly smtpRequireTls?: StageProps<'hardened'>['smtpRequireTls'];

  /**
   * Relay every message received; needs smtpRelayConfigSecret.
   * Command line: `--smtp-relay-all`.
   * @default off
   */
  readonly smtpRelayAll?: StageProps<'hardened'>['smtpRelayAll'];

  /**
   * Relay the messages to recipients matching this regular expression; needs smtpRelayConfigSecret.
   * Command line: `--smtp-relay-matching`.
   * @default none
   */
  readonly smtpRelayMatching?: StageProps<'hardened'>['smtpRelayMatching'];

  /**
   * Accept any credentials on the send API; not with sendApiAuthSecret.
   * Command line: `--send-api-auth-accept-any`.
   * @default off
   */
  readonly sendApiAuthAcceptAny?: StageProps<'hardened'>['sendApiAuthAcceptAny'];

  /**
   * Basic auth for the web UI and API: an htpasswd file, from an existing Secret: { name, key }.
   * Command line: `--ui-auth-secret`.
   * @default none
   */
  readonly uiAuthSecret?: StageProps<'hardened'>['uiAuthSecret'];

  /**
   * SMTP authentication: an htpasswd file of the accepted users, from an existing Secret: { name, key }.
   * Command line: `--smtp-auth-secret`.
   * @default none
   */
  readonly smtpAuthSecret?: StageProps<'hardened'>['smtpAuthSecret'];

  /**
   * Authentication of the send API: an htpasswd file, from an existing Secret: { name, key }.
   * Command line: `--send-api-auth-secret`.
   * @default none
   */
  readonly sendApiAuthSecret?: StageProps<'hardened'>['sendApiAuthSecret'];

  /**
   * The POP3 server on port 1110, with this htpasswd file of its users, from an existing Secret: { name, key }.
   * Command line: `--pop3-auth-secret`.
   * @default none
   */
  readonly pop3AuthSecret?: StageProps<'hardened'>['pop3AuthSecret'];

  /**
   * SMTP relay: Mailpit's relay configuration file (host, port, credentials), from an existing Secret: { name, key }.
   * Command line: `--smtp-relay-config-secret`.
   * @default none
   */
  readonly smtpRelayConfigSecret?: StageProps<'hardened'>['smtpRelayConfigSecret'];

  /**
   * HTTPS for the web UI and API, the probes following: the name of a kubernetes.io/tls Secret.
   * Command line: `--ui-tls-secret`.
   * @default none
   */
  readonly uiTlsSecret?: StageProps<'hardened'>['uiTlsSecret'];

  /**
   * TLS for SMTP, STARTTLS unless smtpRequireTls: the name of a kubernetes.io/tls Secret.
   * Command line: `--smtp-tls-secret`.
   * @default none
   */
  readonly smtpTlsSecret?: StageProps<'hardened'>['smtpTlsSecret'];

  /**
   * TLS for POP3, with pop3AuthSecret: the name of a kubernetes.io/tls Secret.
   * Command line: `--pop3-tls-secret`.
   * @default none
   */
  readonly pop3TlsSecret?: StageProps<'hardened'>['pop3TlsSecret'];

  /**
   * Prometheus metrics (MP_ENABLE_PROMETHEUS): true serves /metrics on the UI port, behind UI auth when there is one; a port number serves them there, without auth. The pod gets the prometheus.io scrape annotations.
   * Command line: `--metrics`.
   * @default off
   */
  readonly metrics?: StageProps<'hardened'>['metrics'];

  /**
   * Annotations of the Services.
   * Command line: `--service-annotation`.
   * @default none
   */
  readonly serviceAnnotations?: StageProps<'hardened'>['serviceAnnotations'];

  /**
   * A separate Service <name>-smtp for SMTP (and POP3), such as a LoadBalancer on port 25, while the UI stays internal; type defaults to LoadBalancer, port to 25.
   * Command line: `--smtp-service-type`, `--smtp-service-port`, `--smtp-load-balancer-ip`, `--smtp-source-range`, `--smtp-external-traffic-policy`.
   * @default none: SMTP is on the main Service only
   */
  readonly smtpService?: StageProps<'hardened'>['smtpService'];

  /**
   * A separate Service <name>-http for the web UI, such as port 80 inside the cluster, or a NodePort where there is no Ingress; type defaults to ClusterIP, port to 80.
   * Command line: `--ui-service-type`, `--ui-service-port`, `--ui-load-balancer-ip`, `--ui-source-range`, `--ui-external-traffic-policy`.
   * @default none: the UI is on the main Service only
   */
  readonly uiService?: StageProps<'hardened'>['uiService'];

  /**
   * AppProtocol on every Service port: tcp for SMTP and POP3, which speak first, so that a service mesh does not wait to sniff them; http or https for the UI.
   * @default on
   */
  readonly appProtocol?: StageProps<'hardened'>['appProtocol'];

  /**
   * An Ingress for the web UI; turn it off when an HTTPRoute serves the UI.
   * Command line: `--no-ingress`.
   * @default on
   */
  readonly ingress?: StageProps<'hardened'>['ingress'];

  /**
   * TLS of the Ingress: kubernetes.io/tls Secrets by name, each for its hosts (default: the host and the extra hosts)
   * Command line: `--ingress-tls-secret`.
   * @default none: plain HTTP
   */
  readonly ingressTls?: StageProps<'hardened'>['ingressTls'];

  /**
   * Annotations of the Ingress, such as cert-manager.io/cluster-issuer.
   * Command line: `--ingress-annotation`.
   * @default none
   */
  readonly ingressAnnotations?: StageProps<'hardened'>['ingressAnnotations'];

  /**
   * More hosts for the web UI, on the Ingress and the HTTPRoute.
   * Command line: `--extra-host`.
   * @default none
   */
  readonly extraHosts?: StageProps<'hardened'>['extraHosts'];

  /**
   * PathType of the Ingress path; Prefix and Exact need a webroot of letters, digits, '/', '_' and '-', as ingress-nginx validates them.
   * Command line: `--ingress-path-type`.
   * @default Prefix; ImplementationSpecific for a webroot holding '.' or '@', which ingress-nginx denies in a Prefix path
   */
  readonly ingressPathType?: StageProps<'hardened'>['ingressPathType'];

  /**
   * A Gateway API HTTPRoute for the web UI, attached to these Gateways (hostnames default to the host and the extra hosts)
   * Command line: `--gateway`.
   * @default none
   */
  readonly httpRoute?: StageProps<'hardened'>['httpRoute'];

  /**
   * A claim for the database; without one, an emptyDir: the messages die with the pod.
   * Command line: `--no-persistence`.
   * @default on
   */
  readonly persistence?: StageProps<'hardened'>['persistence'];

  /**
   * An existing claim for the database, instead of a new one.
   * Command line: `--existing-claim`.
   * @default none
   */
  readonly existingClaim?: StageProps<'hardened'>['existingClaim'];

  /**
   * The folder of the claim that holds the database, such as mailpit/ on an existing claim shared with other data.
   * Command line: `--storage-sub-path`.
   * @default the whole claim
   */
  readonly storageSubPath?: StageProps<'hardened'>['storageSubPath'];

  /**
   * Access mode of the new claim; ReadWriteOncePod keeps even a second pod on the same node away from the database.
   * Command line: `--storage-access-mode`.
   * @default "ReadWriteOnce"
   */
  readonly storageAccessMode?: StageProps<'hardened'>['storageAccessMode'];

  /**
   * Node labels the pod must run on.
   * Command line: `--node-selector`.
   * @default none
   */
  readonly nodeSelector?: StageProps<'hardened'>['nodeSelector'];

  /**
   * Taints the pod tolerates.
   * @default none
   */
  readonly tolerations?: StageProps<'hardened'>['tolerations'];

  /**
   * Node and pod affinity of the pod.
   * @default none
   */
  readonly affinity?: StageProps<'hardened'>['affinity'];

  /**
   * How the pod spreads over zones or nodes.
   * @default none
   */
  readonly topologySpreadConstraints?: StageProps<'hardened'>['topologySpreadConstraints'];

  /**
   * PriorityClass of the pod.
   * Command line: `--priority-class`.
   * @default none
   */
  readonly priorityClassName?: StageProps<'hardened'>['priorityClassName'];

  /**
   * Annotations of the pod template.
   * Command line: `--pod-annotation`.
   * @default none
   */
  readonly podAnnotations?: StageProps<'hardened'>['podAnnotations'];

  /**
   * Extra labels of the pod template; the app label, which the Service selects, is not one of them.
   * Command line: `--pod-label`.
   * @default none
   */
  readonly podLabels?: StageProps<'hardened'>['podLabels'];

  /**
   * Secrets of type kubernetes.io/dockerconfigjson to pull the image with.
   * Command line: `--image-pull-secret`.
   * @default none
   */
  readonly imagePullSecrets?: StageProps<'hardened'>['imagePullSecrets'];

  /**
   * Service account of the pod (its token stays unmounted: Mailpit never calls the Kubernetes API)
   * Command line: `--service-account`.
   * @default none
   */
  readonly serviceAccountName?: StageProps<'hardened'>['serviceAccountName'];

  /**
   * Seconds Mailpit gets to stop before it is killed.
   * Command line: `--termination-grace-period`.
   * @default none
   */
  readonly terminationGracePeriodSeconds?: StageProps<'hardened'>['terminationGracePeriodSeconds'];

  /**
   * Whether the pod gets the variables of every Service in its namespace (FOO_SERVICE_HOST...); Mailpit reads none of them.
   * Command line: `--no-service-links`.
   * @default the Kubernetes default (on)
   */
  readonly enableServiceLinks?: StageProps<'hardened'>['enableServiceLinks'];

  /**
   * How many old ReplicaSets the Deployment keeps for a rollback.
   * Command line: `--revision-history-limit`.
   * @default the Kubernetes default, 10
   */
  readonly revisionHistoryLimit?: StageProps<'hardened'>['revisionHistoryLimit'];

  /**
   * Labels of every object, such as a team or a cost center; the pod template takes podLabels.
   * Command line: `--common-label`.
   * @default none
   */
  readonly commonLabels?: StageProps<'hardened'>['commonLabels'];

  /**
   * Annotations of every object, merged under those of each object.
   * Command line: `--common-annotation`.
   * @default none
   */
  readonly commonAnnotations?: StageProps<'hardened'>['commonAnnotations'];

  /**
   * More volumes of the pod.
   * @default none
   */
  readonly extraVolumes?: StageProps<'hardened'>['extraVolumes'];

  /**
   * More mounts of the Mailpit container.
   * @default none
   */
  readonly extraVolumeMounts?: StageProps<'hardened'>['extraVolumeMounts'];

  /**
   * Environment of Mailpit from existing Secrets and ConfigMaps, by name, such as relay credentials.
   * Command line: `--env-from-secret`, `--env-from-configmap`.
   * @default none
   */
  readonly envFrom?: StageProps<'hardened'>['envFrom'];

  /**
   * With networkPolicy: the sources admitted to SMTP and POP3 (namespace, pod and ipBlock selectors); [] admits none.
   * Command line: `--smtp-from-namespace`.
   * @default any source
   */
  readonly smtpFrom?: StageProps<'hardened'>['smtpFrom'];

  /**
   * With networkPolicy: the sources admitted to the web UI, metrics and any other port of the pod; [] admits none.
   * Command line: `--ui-from-namespace`.
   * @default any source
   */
  readonly uiFrom?: StageProps<'hardened'>['uiFrom'];
}

/**
 * Props of `MailpitHA`: stage ha, beyond the lab: 2+ Mailpits on a 3-node rqlite cluster, every pod "restricted".
 */
export interface MailpitHAProps {
  /**
   * Namespace of every namespaced object; the PersistentVolume stays cluster-scoped.
   * Command line: `--namespace`.
   * @default the Chart's namespace; on the command line, kubectl's current one
   */
  readonly namespace?: StageProps<'ha'>['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: StageProps<'ha'>['name'];

  /**
   * Image of Mailpit, and of the init-pv init container.
   * Command line: `--image`.
   * @default "axllent/mailpit:v1.30.5"
   */
  readonly image?: StageProps<'ha'>['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: StageProps<'ha'>['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * Command line: `--host`.
   * @default "mailpit.test"
   */
  readonly host?: StageProps<'ha'>['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: StageProps<'ha'>['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: StageProps<'ha'>['env'];

  /**
   * User id of Mailpit, never 0; in pvc-secure also the owner init-pv gives /maildir.
   * Command line: `--run-as-user`.
   * @default 1000
   */
  readonly runAsUser?: StageProps<'ha'>['runAsUser'];

  /**
   * Group id of the pod, never 0, and its fsGroup, which gives the volume to that group.
   * Command line: `--run-as-group`.
   * @default 1000
   */
  readonly runAsGroup?: StageProps<'ha'>['runAsGroup'];

  /**
   * Pods of Mailpit: in a StatefulSet, each with its own claim and inbox (statefulset), or on one rqlite database (ha, at least 2)
   * Command line: `--replicas`.
   * @default 2
   */
  readonly replicas?: StageProps<'ha'>['replicas'];

  /**
   * The rqlite database the Mailpits share: a cluster of their own, <name>-rqlite beside a Mailpit of another name than mailpit ({ nodes, storageClassName, storageSize, resources }; 1 node for a lab, 3 survive the loss of one; nodes sizes the cluster at its first start (-bootstrap-expect): changing it later restarts every node, and shrinking needs the nodes removed from rqlite first, one at a time, or the rest lose their quorum (see docs/lab.md)), or an existing one ({ url }), shared with other Mailpits through tenantId.
   * Command line: `--rqlite-nodes`, `--rqlite-storage-class`, `--rqlite-storage-size`, `--rqlite-url`.
   * @default a cluster of its own of 1 node; ha: 3 nodes
   */
  readonly rqlite?: StageProps<'ha'>['rqlite'];

  /**
   * Requests and limits of the Mailpit container, each field replacing its default, null for none (none on the command line); a limit below its request is refused.
   * Command line: `--cpu-request`, `--cpu-limit`, `--memory-request`, `--memory-limit`.
   * @default requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory
   */
  readonly resources?: StageProps<'ha'>['resources'];

  /**
   * A NetworkPolicy admitting only SMTP and UI traffic to the pod.
   * Command line: `--network-policy`.
   * @default off
   */
  readonly networkPolicy?: StageProps<'ha'>['networkPolicy'];

  /**
   * Serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow.
   * Command line: `--webroot`.
   * @default "/"
   */
  readonly webroot?: StageProps<'ha'>['webroot'];

  /**
   * The most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)
   * Command line: `--max-messages`.
   * @default Mailpit's 500
   */
  readonly maxMessages?: StageProps<'ha'>['maxMessages'];

  /**
   * The age at which messages are deleted: whole hours or days, such as 7d.
   * Command line: `--max-age`.
   * @default none: kept until maxMessages
   */
  readonly maxAge?: StageProps<'ha'>['maxAge'];

  /**
   * Verbose logging.
   * Command line: `--verbose`, `--no-verbose`.
   * @default off
   */
  readonly verbose?: StageProps<'ha'>['verbose'];

  /**
   * A prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused.
   * Command line: `--tenant-id`.
   * @default none
   */
  readonly tenantId?: StageProps<'ha'>['tenantId'];

  /**
   * A label shown in the web UI, SMTP and POP3 to tell this Mailpit from others.
   * @default none
   */
  readonly label?: StageProps<'ha'>['label'];

  /**
   * No check for new Mailpit versions, for clusters without egress.
   * Command line: `--disable-version-check`.
   * @default off
   */
  readonly disableVersionCheck?: StageProps<'ha'>['disableVersionCheck'];

  /**
   * Block remote CSS and fonts in the HTML preview.
   * Command line: `--block-remote-css-and-fonts`.
   * @default off
   */
  readonly blockRemoteCssAndFonts?: StageProps<'ha'>['blockRemoteCssAndFonts'];

  /**
   * Accept any SMTP username and password; not with smtpAuthSecret.
   * Command line: `--smtp-auth-accept-any`, `--no-smtp-auth-accept-any`.
   * @default off
   */
  readonly smtpAuthAcceptAny?: StageProps<'ha'>['smtpAuthAcceptAny'];

  /**
   * Allow SMTP authentication without TLS; not with a required STARTTLS or TLS.
   * Command line: `--smtp-auth-allow-insecure`, `--no-smtp-auth-allow-insecure`.
   * @default off
   */
  readonly smtpAuthAllowInsecure?: StageProps<'ha'>['smtpAuthAllowInsecure'];

  /**
   * Require STARTTLS on SMTP (on port 1025); needs smtpTlsSecret.
   * Command line: `--smtp-require-starttls`.
   * @default off
   */
  readonly smtpRequireStartTls?: StageProps<'ha'>['smtpRequireStartTls'];

  /**
   * Require implicit TLS on SMTP (no plain connection at all, unlike STARTTLS); needs smtpTlsSecret.
   * Command line: `--smtp-require-tls`.
   * @default off
   */
  readonly smtpRequireTls?: StageProps<'ha'>['smtpRequireTls'];

  /**
   * Relay every message received; needs smtpRelayConfigSecret.
   * Command line: `--smtp-relay-all`.
   * @default off
   */
  readonly smtpRelayAll?: StageProps<'ha'>['smtpRelayAll'];

  /**
   * Relay the messages to recipients matching this regular expression; needs smtpRelayConfigSecret.
   * Command line: `--smtp-relay-matching`.
   * @default none
   */
  readonly smtpRelayMatching?: StageProps<'ha'>['smtpRelayMatching'];

  /**
   * Accept any credentials on the send API; not with sendApiAuthSecret.
   * Command line: `--send-api-auth-accept-any`.
   * @default off
   */
  readonly sendApiAuthAcceptAny?: StageProps<'ha'>['sendApiAuthAcceptAny'];

  /**
   * Basic auth for the web UI and API: an htpasswd file, from an existing Secret: { name, key }.
   * Command line: `--ui-auth-secret`.
   * @default none
   */
  readonly uiAuthSecret?: StageProps<'ha'>['uiAuthSecret'];

  /**
   * SMTP authentication: an htpasswd file of the accepted users, from an existing Secret: { name, key }.
   * Command line: `--smtp-auth-secret`.
   * @default none
   */
  readonly smtpAuthSecret?: StageProps<'ha'>['smtpAuthSecret'];

  /**
   * Authentication of the send API: an htpasswd file, from an existing Secret: { name, key }.
   * Command line: `--send-api-auth-secret`.
   * @default none
   */
  readonly sendApiAuthSecret?: StageProps<'ha'>['sendApiAuthSecret'];

  /**
   * The POP3 server on port 1110, with this htpasswd file of its users, from an existing Secret: { name, key }.
   * Command line: `--pop3-auth-secret`.
   * @default none
   */
  readonly pop3AuthSecret?: StageProps<'ha'>['pop3AuthSecret'];

  /**
   * SMTP relay: Mailpit's relay configuration file (host, port, credentials), from an existing Secret: { name, key }.
   * Command line: `--smtp-relay-config-secret`.
   * @default none
   */
  readonly smtpRelayConfigSecret?: StageProps<'ha'>['smtpRelayConfigSecret'];

  /**
   * HTTPS for the web UI and API, the probes following: the name of a kubernetes.io/tls Secret.
   * Command line: `--ui-tls-secret`.
   * @default none
   */
  readonly uiTlsSecret?: StageProps<'ha'>['uiTlsSecret'];

  /**
   * TLS for SMTP, STARTTLS unless smtpRequireTls: the name of a kubernetes.io/tls Secret.
   * Command line: `--smtp-tls-secret`.
   * @default none
   */
  readonly smtpTlsSecret?: StageProps<'ha'>['smtpTlsSecret'];

  /**
   * TLS for POP3, with pop3AuthSecret: the name of a kubernetes.io/tls Secret.
   * Command line: `--pop3-tls-secret`.
   * @default none
   */
  readonly pop3TlsSecret?: StageProps<'ha'>['pop3TlsSecret'];

  /**
   * Prometheus metrics (MP_ENABLE_PROMETHEUS): true serves /metrics on the UI port, behind UI auth when there is one; a port number serves them there, without auth. The pod gets the prometheus.io scrape annotations.
   * Command line: `--metrics`.
   * @default off
   */
  readonly metrics?: StageProps<'ha'>['metrics'];

  /**
   * Annotations of the Services.
   * Command line: `--service-annotation`.
   * @default none
   */
  readonly serviceAnnotations?: StageProps<'ha'>['serviceAnnotations'];

  /**
   * A separate Service <name>-smtp for SMTP (and POP3), such as a LoadBalancer on port 25, while the UI stays internal; type defaults to LoadBalancer, port to 25.
   * Command line: `--smtp-service-type`, `--smtp-service-port`, `--smtp-load-balancer-ip`, `--smtp-source-range`, `--smtp-external-traffic-policy`.
   * @default none: SMTP is on the main Service only
   */
  readonly smtpService?: StageProps<'ha'>['smtpService'];

  /**
   * A separate Service <name>-http for the web UI, such as port 80 inside the cluster, or a NodePort where there is no Ingress; type defaults to ClusterIP, port to 80.
   * Command line: `--ui-service-type`, `--ui-service-port`, `--ui-load-balancer-ip`, `--ui-source-range`, `--ui-external-traffic-policy`.
   * @default none: the UI is on the main Service only
   */
  readonly uiService?: StageProps<'ha'>['uiService'];

  /**
   * AppProtocol on every Service port: tcp for SMTP and POP3, which speak first, so that a service mesh does not wait to sniff them; http or https for the UI.
   * @default on
   */
  readonly appProtocol?: StageProps<'ha'>['appProtocol'];

  /**
   * An Ingress for the web UI; turn it off when an HTTPRoute serves the UI.
   * Command line: `--no-ingress`.
   * @default on
   */
  readonly ingress?: StageProps<'ha'>['ingress'];

  /**
   * TLS of the Ingress: kubernetes.io/tls Secrets by name, each for its hosts (default: the host and the extra hosts)
   * Command line: `--ingress-tls-secret`.
   * @default none: plain HTTP
   */
  readonly ingressTls?: StageProps<'ha'>['ingressTls'];

  /**
   * Annotations of the Ingress, such as cert-manager.io/cluster-issuer.
   * Command line: `--ingress-annotation`.
   * @default none
   */
  readonly ingressAnnotations?: StageProps<'ha'>['ingressAnnotations'];

  /**
   * More hosts for the web UI, on the Ingress and the HTTPRoute.
   * Command line: `--extra-host`.
   * @default none
   */
  readonly extraHosts?: StageProps<'ha'>['extraHosts'];

  /**
   * PathType of the Ingress path; Prefix and Exact need a webroot of letters, digits, '/', '_' and '-', as ingress-nginx validates them.
   * Command line: `--ingress-path-type`.
   * @default Prefix; ImplementationSpecific for a webroot holding '.' or '@', which ingress-nginx denies in a Prefix path
   */
  readonly ingressPathType?: StageProps<'ha'>['ingressPathType'];

  /**
   * A Gateway API HTTPRoute for the web UI, attached to these Gateways (hostnames default to the host and the extra hosts)
   * Command line: `--gateway`.
   * @default none
   */
  readonly httpRoute?: StageProps<'ha'>['httpRoute'];

  /**
   * Node labels the pod must run on.
   * Command line: `--node-selector`.
   * @default none
   */
  readonly nodeSelector?: StageProps<'ha'>['nodeSelector'];

  /**
   * Taints the pod tolerates.
   * @default none
   */
  readonly tolerations?: StageProps<'ha'>['tolerations'];

  /**
   * Node and pod affinity of the pod.
   * @default none
   */
  readonly affinity?: StageProps<'ha'>['affinity'];

  /**
   * How the pod spreads over zones or nodes.
   * @default none
   */
  readonly topologySpreadConstraints?: StageProps<'ha'>['topologySpreadConstraints'];

  /**
   * PriorityClass of the pod.
   * Command line: `--priority-class`.
   * @default none
   */
  readonly priorityClassName?: StageProps<'ha'>['priorityClassName'];

  /**
   * Annotations of the pod template.
   * Command line: `--pod-annotation`.
   * @default none
   */
  readonly podAnnotations?: StageProps<'ha'>['podAnnotations'];

  /**
   * Extra labels of the pod template; the app label, which the Service selects, is not one of them.
   * Command line: `--pod-label`.
   * @default none
   */
  readonly podLabels?: StageProps<'ha'>['podLabels'];

  /**
   * Secrets of type kubernetes.io/dockerconfigjson to pull the image with.
   * Command line: `--image-pull-secret`.
   * @default none
   */
  readonly imagePullSecrets?: StageProps<'ha'>['imagePullSecrets'];

  /**
   * Service account of the pod (its token stays unmounted: Mailpit never calls the Kubernetes API)
   * Command line: `--service-account`.
   * @default none
   */
  readonly serviceAccountName?: StageProps<'ha'>['serviceAccountName'];

  /**
   * Seconds Mailpit gets to stop before it is killed.
   * Command line: `--termination-grace-period`.
   * @default none
   */
  readonly terminationGracePeriodSeconds?: StageProps<'ha'>['terminationGracePeriodSeconds'];

  /**
   * Whether the pod gets the variables of every Service in its namespace (FOO_SERVICE_HOST...); Mailpit reads none of them.
   * Command line: `--no-service-links`.
   * @default the Kubernetes default (on)
   */
  readonly enableServiceLinks?: StageProps<'ha'>['enableServiceLinks'];

  /**
   * How many old ReplicaSets the Deployment keeps for a rollback.
   * Command line: `--revision-history-limit`.
   * @default the Kubernetes default, 10
   */
  readonly revisionHistoryLimit?: StageProps<'ha'>['revisionHistoryLimit'];

  /**
   * Labels of every object, such as a team or a cost center; the pod template takes podLabels.
   * Command line: `--common-label`.
   * @default none
   */
  readonly commonLabels?: StageProps<'ha'>['commonLabels'];

  /**
   * Annotations of every object, merged under those of each object.
   * Command line: `--common-annotation`.
   * @default none
   */
  readonly commonAnnotations?: StageProps<'ha'>['commonAnnotations'];

  /**
   * More volumes of the pod.
   * @default none
   */
  readonly extraVolumes?: StageProps<'ha'>['extraVolumes'];

  /**
   * More mounts of the Mailpit container.
   * @default none
   */
  readonly extraVolumeMounts?: StageProps<'ha'>['extraVolumeMounts'];

  /**
   * Environment of Mailpit from existing Secrets and ConfigMaps, by name, such as relay credentials.
   * Command line: `--env-from-secret`, `--env-from-configmap`.
   * @default none
   */
  readonly envFrom?: StageProps<'ha'>['envFrom'];

  /**
   * With networkPolicy: the sources admitted to SMTP and POP3 (namespace, pod and ipBlock selectors); [] admits none.
   * Command line: `--smtp-from-namespace`.
   * @default any source
   */
  readonly smtpFrom?: StageProps<'ha'>['smtpFrom'];

  /**
   * With networkPolicy: the sources admitted to the web UI, metrics and any other port of the pod; [] admits none.
   * Command line: `--ui-from-namespace`.
   * @default any source
   */
  readonly uiFrom?: StageProps<'ha'>['uiFrom'];
}

/**
 * What every `Mailpit` takes, whatever its database and workload.
 */
export interface MailpitBaseProps {
  /**
   * Namespace of every namespaced object, so that one Chart can hold several Mailpits.
   * @default the Chart's namespace
   */
  readonly namespace?: MailpitTableProps['namespace'];

  /**
   * Name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label.
   * @default "mailpit"
   */
  readonly name?: MailpitTableProps['name'];

  /**
   * Image of Mailpit, also used by init containers that name none.
   * @default "axllent/mailpit"
   */
  readonly image?: MailpitTableProps['image'];

  /**
   * Pull policy of every container.
   * @default "IfNotPresent"
   */
  readonly imagePullPolicy?: MailpitTableProps['imagePullPolicy'];

  /**
   * Host of the Ingress rule that serves the web UI.
   * @default "mailpit.test"
   */
  readonly host?: MailpitTableProps['host'];

  /**
   * IngressClass of the Ingress.
   * @default the cluster's default IngressClass
   */
  readonly ingressClassName?: MailpitTableProps['ingressClassName'];

  /**
   * Extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too.
   * @default none
   */
  readonly env?: MailpitTableProps['env'];

  /**
   * Replaces the image's entrypoint.
   * @default the image entrypoint, /mailpit
   */
  readonly command?: MailpitTableProps['command'];

  /**
   * How many old ReplicaSets the Deployment keeps for a rollback.
   * @default the Kubernetes default, 10
   */
  readonly revisionHistoryLimit?: MailpitTableProps['revisionHistoryLimit'];

  /**
   * Security context of the Mailpit container.
   * @default none
   */
  readonly securityContext?: MailpitTableProps['securityContext'];

  /**
   * Security context of the pod; its user settings reach init containers too.
   * @default none
   */
  readonly podSecurityContext?: MailpitTableProps['podSecurityContext'];

  /**
   * Containers that run before Mailpit; one without an image runs Mailpit's.
   * @default none
   */
  readonly initContainers?: MailpitTableProps['initContainers'];

  /**
   * An emptyDir at /tmp, where SQLite writes its temporary files.
   * @default on when the root filesystem is read-only
   */
  readonly writableTmp?: MailpitTableProps['writableTmp'];

  /**
   * Startup, liveness (/livez) and readiness (/readyz) probes on the UI port.
   * @default off
   */
  readonly probes?: MailpitTableProps['probes'];

  /**
   * Serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow.
   * @default "/"
   */
  readonly webroot?: MailpitTableProps['webroot'];

  /**
   * CPU, memory and ephemeral storage requests and limits of the Mailpit container.
   * @default none
   */
  readonly resources?: MailpitTableProps['resources'];

  /**
   * The most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)
   * @default Mailpit's 500
   */
  readonly maxMessages?: MailpitTableProps['maxMessages'];

  /**
   * The age at which messages are deleted: whole hours or days, such as 7d.
   * @default none: kept until maxMessages
   */
  readonly maxAge?: MailpitTableProps['maxAge'];

  /**
   * Verbose logging.
   * @default off
   */
  readonly verbose?: MailpitTableProps['verbose'];

  /**
   * A prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused.
   * @default none
   */
  readonly tenantId?: MailpitTableProps['tenantId'];

  /**
   * A label shown in the web UI, SMTP and POP3 to tell this Mailpit from others.
   * @default none
   */
  readonly label?: MailpitTableProps['label'];

  /**
   * No check for new Mailpit versions, for clusters without egress.
   * @default off
   */
  readonly disableVersionCheck?: MailpitTableProps['disableVersionCheck'];

  /**
   * Block remote CSS and fonts in the HTML preview.
   * @default off
   */
  readonly blockRemoteCssAndFonts?: MailpitTableProps['blockRemoteCssAndFonts'];

  /**
   * Accept any SMTP username and password; not with smtpAuthSecret.
   * @default off
   */
  readonly smtpAuthAcceptAny?: MailpitTableProps['smtpAuthAcceptAny'];

  /**
   * Allow SMTP authentication without TLS; not with a required STARTTLS or TLS.
   * @default off
   */
  readonly smtpAuthAllowInsecure?: MailpitTableProps['smtpAuthAllowInsecure'];

  /**
   * Require STARTTLS on SMTP (on port 1025); needs smtpTlsSecret.
   * @default off
   */
  readonly smtpRequireStartTls?: MailpitTableProps['smtpRequireStartTls'];

  /**
   * Require implicit TLS on SMTP (no plain connection at all, unlike STARTTLS); needs smtpTlsSecret.
   * @default off
   */
  readonly smtpRequireTls?: MailpitTableProps['smtpRequireTls'];

  /**
   * Relay every message received; needs smtpRelayConfigSecret.
   * @default off
   */
  readonly smtpRelayAll?: MailpitTableProps['smtpRelayAll'];

  /**
   * Relay the messages to recipients matching this regular expression; needs smtpRelayConfigSecret.
   * @default none
   */
  readonly smtpRelayMatching?: MailpitTableProps['smtpRelayMatching'];

  /**
   * Accept any credentials on the send API; not with sendApiAuthSecret.
   * @default off
   */
  readonly sendApiAuthAcceptAny?: MailpitTableProps['sendApiAuthAcceptAny'];

  /**
   * Basic auth for the web UI and API: an htpasswd file, from an existing Secret: { name, key }.
   * @default none
   */
  readonly uiAuthSecret?: MailpitTableProps['uiAuthSecret'];

  /**
   * SMTP authentication: an htpasswd file of the accepted users, from an existing Secret: { name, key }.
   * @default none
   */
  readonly smtpAuthSecret?: MailpitTableProps['smtpAuthSecret'];

  /**
   * Authentication of the send API: an htpasswd file, from an existing Secret: { name, key }.
   * @default none
   */
  readonly sendApiAuthSecret?: MailpitTableProps['sendApiAuthSecret'];

  /**
   * The POP3 server on port 1110, with this htpasswd file of its users, from an existing Secret: { name, key }.
   * @default none
   */
  readonly pop3AuthSecret?: MailpitTableProps['pop3AuthSecret'];

  /**
   * SMTP relay: Mailpit's relay configuration file (host, port, credentials), from an existing Secret: { name, key }.
   * @default none
   */
  readonly smtpRelayConfigSecret?: MailpitTableProps['smtpRelayConfigSecret'];

  /**
   * HTTPS for the web UI and API, the probes following: the name of a kubernetes.io/tls Secret.
   * @default none
   */
  readonly uiTlsSecret?: MailpitTableProps['uiTlsSecret'];

  /**
   * TLS for SMTP, STARTTLS unless smtpRequireTls: the name of a kubernetes.io/tls Secret.
   * @default none
   */
  readonly smtpTlsSecret?: MailpitTableProps['smtpTlsSecret'];

  /**
   * TLS for POP3, with pop3AuthSecret: the name of a kubernetes.io/tls Secret.
   * @default none
   */
  readonly pop3TlsSecret?: MailpitTableProps['pop3TlsSecret'];

  /**
   * Prometheus metrics (MP_ENABLE_PROMETHEUS): true serves /metrics on the UI port, behind UI auth when there is one; a port number serves them there, without auth. The pod gets the prometheus.io scrape annotations.
   * @default off
   */
  readonly metrics?: MailpitTableProps['metrics'];

  /**
   * Mailpit's settings in a ConfigMap <name>-config loaded with envFrom, instead of env entries.
   * @default off
   */
  readonly configMap?: MailpitTableProps['configMap'];

  /**
   * With configMap: a hash of the ConfigMap on the pod template, so that a change rolls the pod; without it a change waits for kubectl rollout restart.
   * @default on
   */
  readonly configChecksum?: MailpitTableProps['configChecksum'];

  /**
   * Annotations of the Services.
   * @default none
   */
  readonly serviceAnnotations?: MailpitTableProps['serviceAnnotations'];

  /**
   * AppProtocol on every Service port: tcp for SMTP and POP3, which speak first, so that a service mesh does not wait to sniff them; http or https for the UI.
   * @default off
   */
  readonly appProtocol?: MailpitTableProps['appProtocol'];

  /**
   * A separate Service <name>-smtp for SMTP (and POP3), such as a LoadBalancer on port 25, while the UI stays internal; type defaults to LoadBalancer, port to 25.
   * @default none: SMTP is on the main Service only
   */
  readonly smtpService?: MailpitTableProps['smtpService'];

  /**
   * A separate Service <name>-http for the web UI, such as port 80 inside the cluster, or a NodePort where there is no Ingress; type defaults to ClusterIP, port to 80.
   * @default none: the UI is on the main Service only
   */
  readonly uiService?: MailpitTableProps['uiService'];

  /**
   * An Ingress for the web UI; turn it off when an HTTPRoute serves the UI.
   * @default on
   */
  readonly ingress?: MailpitTableProps['ingress'];

  /**
   * TLS of the Ingress: kubernetes.io/tls Secrets by name, each for its hosts (default: the host and the extra hosts)
   * @default none: plain HTTP
   */
  readonly ingressTls?: MailpitTableProps['ingressTls'];

  /**
   * Annotations of the Ingress, such as cert-manager.io/cluster-issuer.
   * @default none
   */
  readonly ingressAnnotations?: MailpitTableProps['ingressAnnotations'];

  /**
   * More hosts for the web UI, on the Ingress and the HTTPRoute.
   * @default none
   */
  readonly extraHosts?: MailpitTableProps['extraHosts'];

  /**
   * PathType of the Ingress path; Prefix and Exact need a webroot of letters, digits, '/', '_' and '-', as ingress-nginx validates them.
   * @default Prefix; ImplementationSpecific for a webroot holding '.' or '@', which ingress-nginx denies in a Prefix path
   */
  readonly ingressPathType?: MailpitTableProps['ingressPathType'];

  /**
   * A Gateway API HTTPRoute for the web UI, attached to these Gateways (hostnames default to the host and the extra hosts)
   * @default none
   */
  readonly httpRoute?: MailpitTableProps['httpRoute'];

  /**
   * Node labels the pod must run on.
   * @default none
   */
  readonly nodeSelector?: MailpitTableProps['nodeSelector'];

  /**
   * Taints the pod tolerates.
   * @default none
   */
  readonly tolerations?: MailpitTableProps['tolerations'];

  /**
   * Node and pod affinity of the pod.
   * @default none
   */
  readonly affinity?: MailpitTableProps['affinity'];

  /**
   * How the pod spreads over zones or nodes.
   * @default none
   */
  readonly topologySpreadConstraints?: MailpitTableProps['topologySpreadConstraints'];

  /**
   * PriorityClass of the pod.
   * @default none
   */
  readonly priorityClassName?: MailpitTableProps['priorityClassName'];

  /**
   * Annotations of the pod template.
   * @default none
   */
  readonly podAnnotations?: MailpitTableProps['podAnnotations'];

  /**
   * Extra labels of the pod template; the app label, which the Service selects, is not one of them.
   * @default none
   */
  readonly podLabels?: MailpitTableProps['podLabels'];

  /**
   * Secrets of type kubernetes.io/dockerconfigjson to pull the image with.
   * @default none
   */
  readonly imagePullSecrets?: MailpitTableProps['imagePullSecrets'];

  /**
   * Service account of the pod (its token stays unmounted: Mailpit never calls the Kubernetes API)
   * @default none
   */
  readonly serviceAccountName?: MailpitTableProps['serviceAccountName'];

  /**
   * Seconds Mailpit gets to stop before it is killed.
   * @default none
   */
  readonly terminationGracePeriodSeconds?: MailpitTableProps['terminationGracePeriodSeconds'];

  /**
   * Whether the pod gets the variables of every Service in its namespace (FOO_SERVICE_HOST...); Mailpit reads none of them.
   * @default the Kubernetes default (on)
   */
  readonly enableServiceLinks?: MailpitTableProps['enableServiceLinks'];

  /**
   * More volumes of the pod.
   * @default none
   */
  readonly extraVolumes?: MailpitTableProps['extraVolumes'];

  /**
   * More mounts of the Mailpit container.
   * @default none
   */
  readonly extraVolumeMounts?: MailpitTableProps['extraVolumeMounts'];

  /**
   * Environment of Mailpit from existing Secrets and ConfigMaps, by name, such as relay credentials.
   * @default none
   */
  readonly envFrom?: MailpitTableProps['envFrom'];

  /**
   * Whether the pod gets a service account token; Mailpit never calls the Kubernetes API.
   * @default the Kubernetes default (mounted)
   */
  readonly automountServiceAccountToken?: MailpitTableProps['automountServiceAccountToken'];
}

/**
 * Props of `Rqlite`.
 */
export interface RqliteProps {
  /**
   * Name of the StatefulSet, its client Service (the name Mailpit connects to) and, with -internal, its headless Service; 52 characters at most.
   * @default "rqlite"
   */
  readonly name?: RqliteTableProps['name'];

  /**
   * Namespace of every object.
   * @default the Chart's namespace
   */
  readonly namespace?: RqliteTableProps['namespace'];

  /**
   * Image of rqlite, pinned to a release.
   * @default "rqlite/rqlite:10.2.7"
   */
  readonly image?: RqliteTableProps['image'];

  /**
   * Rqlite nodes: 3 survive the loss of one, 5 of two. It sizes the cluster at its first start (-bootstrap-expect): changing it later restarts every node, and shrinking needs the nodes removed from rqlite first, one at a time, or the rest lose their quorum (see docs/lab.md)
   * @default 3
   */
  readonly nodes?: RqliteTableProps['nodes'];

  /**
   * StorageClass of the claim of each node.
   * @default the cluster's default StorageClass
   */
  readonly storageClassName?: RqliteTableProps['storageClassName'];

  /**
   * Size of the claim of each node.
   * @default 1Gi
   */
  readonly storageSize?: RqliteTableProps['storageSize'];

  /**
   * Requests and limits of each rqlite container, each field replacing its default.
   * @default requests 50m CPU and 64Mi memory, limits 500m CPU and 256Mi memory
   */
  readonly resources?: RqliteTableProps['resources'];
}

/**
 * Props of `LabPersistentVolume`.
 */
export interface LabPersistentVolumeProps {
  /**
   * Name of the PersistentVolume; it is cluster-wide, so it must be unique in the cluster.
   * @default "pv-mailpit"
   */
  readonly volumeName?: LabPersistentVolumeTableProps['volumeName'];

  /**
   * Name of the PersistentVolumeClaim.
   * @default "pvc-mailpit"
   */
  readonly claimName?: LabPersistentVolumeTableProps['claimName'];

  /**
   * Directory on the node that backs the volume.
   * @default "/tmp/pv-mailpit"
   */
  readonly hostPath?: LabPersistentVolumeTableProps['hostPath'];

  /**
   * Capacity of the volume and request of the claim.
   * @default 10Mi
   */
  readonly size?: LabPersistentVolumeTableProps['size'];

  /**
   * Storage class of the volume and the claim; manual matches no provisioner, so the claim binds only this volume.
   * @default "manual"
   */
  readonly storageClassName?: LabPersistentVolumeTableProps['storageClassName'];

  /**
   * Namespace of the claim; the volume is cluster-scoped and never gets one.
   * @default the Chart's namespace
   */
  readonly namespace?: LabPersistentVolumeTableProps['namespace'];

  /**
   * Reserves the volume for this claim (spec.claimRef), so that no claim of another namespace binds it first; needs the claim's namespace.
   * @default off
   */
  readonly reserveForClaim?: LabPersistentVolumeTableProps['reserveForClaim'];
}

/**
 * Props of `LabMaildir`.
 */
export interface LabMaildirProps {
  /**
   * Namespace of the claim.
   * @default the Chart's namespace
   */
  readonly namespace?: LabMaildirTableProps['namespace'];

  /**
   * The lab's hostPath PersistentVolume and claim (section 3); not with nfs.
   * @default the lab's: pv-mailpit and pvc-mailpit, 10Mi at /tmp/pv-mailpit
   */
  readonly storage?: LabMaildirTableProps['storage'];

  /**
   * Mounts this NFS export at /maildir instead of a claim (section 2), with MP_DISABLE_WAL=true as Mailpit advises for NFS.
   * @default none: the claim
   */
  readonly nfs?: LabMaildirTableProps['nfs'];
}

/**
 * Props of `MailpitNetworkPolicy`.
 */
export interface MailpitNetworkPolicyProps {
  /**
   * The sources admitted to SMTP and POP3 (namespace, pod and ipBlock selectors); [] admits none.
   * @default any source
   */
  readonly smtpFrom?: NetworkPolicyTableProps['smtpFrom'];

  /**
   * The sources admitted to the web UI, metrics and any other port of the pod; [] admits none.
   * @default any source
   */
  readonly uiFrom?: NetworkPolicyTableProps['uiFrom'];
}

/**
 * What every `Classroom` takes besides its stage and the props of that stage.
 */
export interface ClassroomBaseProps {
  /**
   * Student ids, each a DNS label; lowercased, and they must differ without case.
   * Command line: `--students`.
   */
  readonly students: ClassroomOptionProps['students'];

  /**
   * Each student's namespace is this prefix followed by the id.
   * Command line: `--namespace-prefix`.
   * @default "mailpit-"
   */
  readonly namespacePrefix?: ClassroomOptionProps['namespacePrefix'];

  /**
   * Each student's Ingress host is <id>.<domain>.
   * Command line: `--domain`.
   * @default "mailpit.test"
   */
  readonly domain?: ClassroomOptionProps['domain'];

  /**
   * ResourceQuota fields of each namespace, each replacing its default, null for none (none on the command line); the LimitRange gives a container's default request and limit only where the quota counts them.
   * Command line: `--quota`.
   * @default the quota table of docs/class.md
   */
  readonly quota?: ClassroomOptionProps['quota'];

  /**
   * A Role and RoleBinding giving user <id> the lab's kubectl steps in their own namespace.
   * Command line: `--rbac`.
   * @default off
   */
  readonly rbac?: ClassroomOptionProps['rbac'];
}
