import { AGE_ALLOWED, MAILPIT_OPTIONS, MAILPIT_SETTINGS, parseAge } from '../building-blocks/mailpit';
import { EXPOSURE_OPTIONS } from '../building-blocks/mailpit/exposure';
import { SECRET_OPTIONS } from '../building-blocks/mailpit/secrets';
import { NETWORK_POLICY_OPTIONS } from '../building-blocks/network-policy';
import { POD_OPTIONS } from '../building-blocks/pod';
import type { Option } from '../options/option';
import * as rules from '../options/rules';
import { gatewayRef, keyValue, namespacePeer, parser, portText, repeatable, secretKey, wholeNumberText } from '../options/text-forms';
import type { StageName } from './names';

// What a platform engineer sets on the hardened stage beyond the lab: every value of the community
// Helm chart (jouve/charts mailpit), and what its users ran into. Declared once, like every
// option of the stages; lib/stages/options.ts gathers them.

/** An option of the production stage; `variable` is the Mailpit setting it becomes, in the ConfigMap. */
export interface ProductionOption extends Option {
  readonly stages: readonly StageName[];
  readonly variable?: string;
  /** The setting's text, for a value that is not one already; undefined leaves the setting out. */
  // biome-ignore lint/suspicious/noExplicitAny: each option converts its own value type; the table holds them side by side
  readonly asVariable?: (value: any) => string | undefined;
}

/** The production stages: one Mailpit on SQLite, and Mailpit on rqlite. */
export const PRODUCTION = ['hardened', 'ha'] as const;
export const HARDENED = ['hardened'] as const;

function production<const O extends Omit<ProductionOption, 'stages'>>(spec: O): O & { readonly stages: typeof PRODUCTION } {
  return { ...spec, stages: PRODUCTION };
}

/** An option of the hardened stage alone: its claim, which ha has not (its database is rqlite). */
function claimOption<const O extends Omit<ProductionOption, 'stages'>>(spec: O): O & { readonly stages: typeof HARDENED } {
  return { ...spec, stages: HARDENED };
}

export const PRODUCTION_OPTIONS = {
  // Mailpit's own settings, in the ConfigMap: Mailpit's props, with their flags.
  maxMessages: production({ ...MAILPIT_SETTINGS.maxMessages, flags: [{ flag: '--max-messages <count>', parse: wholeNumberText }] }),
  maxAge: production({ ...MAILPIT_SETTINGS.maxAge, flags: [{ flag: '--max-age <age>', parse: parser(parseAge, AGE_ALLOWED) }] }),
  verbose: production({ ...MAILPIT_SETTINGS.verbose, flags: [{ flag: '--verbose' }] }),
  tenantId: production({ ...MAILPIT_SETTINGS.tenantId, flags: [{ flag: '--tenant-id <id>' }] }),
  label: production({ ...MAILPIT_SETTINGS.label }),
  disableVersionCheck: production({ ...MAILPIT_SETTINGS.disableVersionCheck, flags: [{ flag: '--disable-version-check' }] }),
  blockRemoteCssAndFonts: production({ ...MAILPIT_SETTINGS.blockRemoteCssAndFonts, flags: [{ flag: '--block-remote-css-and-fonts' }] }),
  smtpAuthAcceptAny: production({ ...MAILPIT_SETTINGS.smtpAuthAcceptAny, flags: [{ flag: '--smtp-auth-accept-any' }] }),
  smtpAuthAllowInsecure: production({ ...MAILPIT_SETTINGS.smtpAuthAllowInsecure, flags: [{ flag: '--smtp-auth-allow-insecure' }] }),
  smtpRequireStartTls: production({ ...MAILPIT_SETTINGS.smtpRequireStartTls, flags: [{ flag: '--smtp-require-starttls' }] }),
  smtpRequireTls: production({ ...MAILPIT_SETTINGS.smtpRequireTls, flags: [{ flag: '--smtp-require-tls' }] }),
  smtpRelayAll: production({ ...MAILPIT_SETTINGS.smtpRelayAll, flags: [{ flag: '--smtp-relay-all' }] }),
  smtpRelayMatching: production({ ...MAILPIT_SETTINGS.smtpRelayMatching, flags: [{ flag: '--smtp-relay-matching <regexp>' }] }),
  sendApiAuthAcceptAny: production({ ...MAILPIT_SETTINGS.sendApiAuthAcceptAny, flags: [{ flag: '--send-api-auth-accept-any' }] }),

  // Files from existing Secrets, and metrics.
  uiAuthSecret: production({ ...SECRET_OPTIONS.uiAuthSecret, flags: [{ flag: '--ui-auth-secret <name[:key]>', parse: secretKey('htpasswd') }] }),
  smtpAuthSecret: production({ ...SECRET_OPTIONS.smtpAuthSecret, flags: [{ flag: '--smtp-auth-secret <name[:key]>', parse: secretKey('htpasswd') }] }),
  sendApiAuthSecret: production({ ...SECRET_OPTIONS.sendApiAuthSecret, flags: [{ flag: '--send-api-auth-secret <name[:key]>', parse: secretKey('htpasswd') }] }),
  pop3AuthSecret: production({ ...SECRET_OPTIONS.pop3AuthSecret, flags: [{ flag: '--pop3-auth-secret <name[:key]>', parse: secretKey('htpasswd') }] }),
  smtpRelayConfigSecret: production({ ...SECRET_OPTIONS.smtpRelayConfigSecret, flags: [{ flag: '--smtp-relay-config-secret <name[:key]>', parse: secretKey('smtp-relay.yaml') }] }),
  uiTlsSecret: production({ ...SECRET_OPTIONS.uiTlsSecret, flags: [{ flag: '--ui-tls-secret <name>' }] }),
  smtpTlsSecret: production({ ...SECRET_OPTIONS.smtpTlsSecret, flags: [{ flag: '--smtp-tls-secret <name>' }] }),
  pop3TlsSecret: production({ ...SECRET_OPTIONS.pop3TlsSecret, flags: [{ flag: '--pop3-tls-secret <name>' }] }),
  metrics: production({
    ...MAILPIT_OPTIONS.metrics,
    flags: [{ flag: '--metrics [port]', parse: portText, help: 'Prometheus metrics, on the UI port, or on PORT without auth' }],
  }),

  // Services, Ingress, HTTPRoute.
  serviceAnnotations: production({ ...EXPOSURE_OPTIONS.serviceAnnotations, flags: [{ flag: '--service-annotation <key=value>', parse: keyValue('an annotation of the Services') }] }),
  smtpService: production({
    ...EXPOSURE_OPTIONS.smtpService,
    flags: [
      { flag: '--smtp-service-type <type>', at: ['type'], help: 'a separate SMTP Service of this type: ClusterIP, NodePort or LoadBalancer' },
      { flag: '--smtp-service-port <port>', at: ['port'], parse: wholeNumberText, help: 'port of the separate SMTP Service (default: 25)' },
      { flag: '--smtp-load-balancer-ip <ip>', at: ['loadBalancerIP'], help: 'loadBalancerIP of the separate SMTP Service' },
      { flag: '--smtp-source-range <cidr>', at: ['loadBalancerSourceRanges'], parse: repeatable, help: 'a network allowed to reach the SMTP load balancer, repeatable' },
      { flag: '--smtp-external-traffic-policy <policy>', at: ['externalTrafficPolicy'], help: 'Cluster or Local (Local keeps the client address)' },
    ],
  }),
  uiService: production({
    ...EXPOSURE_OPTIONS.uiService,
    flags: [
      { flag: '--ui-service-type <type>', at: ['type'], help: 'a separate UI Service of this type: ClusterIP, NodePort or LoadBalancer' },
      { flag: '--ui-service-port <port>', at: ['port'], parse: wholeNumberText, help: 'port of the separate UI Service (default: 80)' },
      { flag: '--ui-load-balancer-ip <ip>', at: ['loadBalancerIP'], help: 'loadBalancerIP of the separate UI Service' },
      { flag: '--ui-source-range <cidr>', at: ['loadBalancerSourceRanges'], parse: repeatable, help: 'a network allowed to reach the UI load balancer, repeatable' },
      { flag: '--ui-external-traffic-policy <policy>', at: ['externalTrafficPolicy'], help: 'Cluster or Local, for the separate UI Service' },
    ],
  }),
  appProtocol: production({ ...EXPOSURE_OPTIONS.appProtocol, default: true }),
  ingress: production({ ...EXPOSURE_OPTIONS.ingress, flags: [{ flag: '--no-ingress', help: 'no Ingress: an HTTPRoute, or a port-forward, serves the UI' }] }),
  ingressTls: production({
    ...EXPOSURE_OPTIONS.ingressTls,
    flags: [{ flag: '--ingress-tls-secret <name>', parse: (name: string) => [{ secretName: name }], help: 'TLS on the Ingress for every host, from this kubernetes.io/tls Secret' }],
  }),
  ingressAnnotations: production({ ...EXPOSURE_OPTIONS.ingressAnnotations, flags: [{ flag: '--ingress-annotation <key=value>', parse: keyValue('an annotation of the Ingress') }] }),
  extraHosts: production({ ...EXPOSURE_OPTIONS.extraHosts, flags: [{ flag: '--extra-host <host>', parse: repeatable }] }),
  ingressPathType: production({ ...EXPOSURE_OPTIONS.ingressPathType, flags: [{ flag: '--ingress-path-type <type>' }] }),
  httpRoute: production({
    ...EXPOSURE_OPTIONS.httpRoute,
    flags: [{ flag: '--gateway <[namespace/]name[:section]>', at: ['parentRefs'], parse: gatewayRef, help: 'an HTTPRoute for the UI, attached to this Gateway, repeatable' }],
  }),

  // Persistence.
  persistence: claimOption({
    value: rules.flag,
    default: true,
    help: 'a claim for the database; without one, an emptyDir: the messages die with the pod',
    flags: [{ flag: '--no-persistence', help: 'no claim: the database is in an emptyDir and dies with the pod' }],
  }),
  existingClaim: claimOption({
    value: rules.dnsSubdomain,
    help: 'an existing claim for the database, instead of a new one',
    flags: [{ flag: '--existing-claim <name>' }],
  }),
  storageSubPath: claimOption({
    value: rules.relativePath,
    help: 'the folder of the claim that holds the database, such as mailpit/ on an existing claim shared with other data',
    defaultText: 'the whole claim',
    flags: [{ flag: '--storage-sub-path <path>' }],
  }),
  storageAccessMode: claimOption({
    value: rules.oneOf(['ReadWriteOnce', 'ReadWriteOncePod', 'ReadWriteMany']),
    default: 'ReadWriteOnce',
    help: 'access mode of the new claim; ReadWriteOncePod keeps even a second pod on the same node away from the database',
    flags: [{ flag: '--storage-access-mode <mode>' }],
  }),

  // The pod.
  nodeSelector: production({ ...POD_OPTIONS.nodeSelector, flags: [{ flag: '--node-selector <key=value>', parse: keyValue('a node label') }] }),
  tolerations: production({ ...POD_OPTIONS.tolerations }),
  affinity: production({ ...POD_OPTIONS.affinity }),
  topologySpreadConstraints: production({ ...POD_OPTIONS.topologySpreadConstraints }),
  priorityClassName: production({ ...POD_OPTIONS.priorityClassName, flags: [{ flag: '--priority-class <name>' }] }),
  podAnnotations: production({ ...POD_OPTIONS.podAnnotations, flags: [{ flag: '--pod-annotation <key=value>', parse: keyValue('an annotation of the pod') }] }),
  podLabels: production({ ...POD_OPTIONS.podLabels, flags: [{ flag: '--pod-label <key=value>', parse: keyValue('a label of the pod') }] }),
  imagePullSecrets: production({ ...POD_OPTIONS.imagePullSecrets, flags: [{ flag: '--image-pull-secret <name>', parse: repeatable }] }),
  serviceAccountName: production({ ...POD_OPTIONS.serviceAccountName, flags: [{ flag: '--service-account <name>' }] }),
  terminationGracePeriodSeconds: production({ ...POD_OPTIONS.terminationGracePeriodSeconds, flags: [{ flag: '--termination-grace-period <seconds>', parse: wholeNumberText }] }),
  enableServiceLinks: production({ ...POD_OPTIONS.enableServiceLinks, flags: [{ flag: '--no-service-links', help: "no variables of the namespace's Services in the pod" }] }),
  revisionHistoryLimit: production({ ...MAILPIT_OPTIONS.revisionHistoryLimit, flags: [{ flag: '--revision-history-limit <count>', parse: wholeNumberText }] }),
  commonLabels: production({
    value: rules.labels,
    help: 'labels of every object, such as a team or a cost center; the pod template takes podLabels',
    refine: (labels: Readonly<Record<string, string>>) => (labels.app === undefined ? undefined : { at: ['app'], value: labels.app, allowed: 'set by the name prop on every object' }),
    flags: [{ flag: '--common-label <key=value>', parse: keyValue('a label of every object') }],
  }),
  commonAnnotations: production({
    value: rules.annotations,
    help: 'annotations of every object, merged under those of each object',
    flags: [{ flag: '--common-annotation <key=value>', parse: keyValue('an annotation of every object') }],
  }),
  extraVolumes: production({ ...POD_OPTIONS.extraVolumes }),
  extraVolumeMounts: production({ ...POD_OPTIONS.extraVolumeMounts }),
  envFrom: production({
    ...POD_OPTIONS.envFrom,
    flags: [
      { flag: '--env-from-secret <name>', at: ['secrets'], parse: repeatable, help: 'environment from this existing Secret, repeatable' },
      { flag: '--env-from-configmap <name>', at: ['configMaps'], parse: repeatable, help: 'environment from this existing ConfigMap, repeatable' },
    ],
  }),

  // Who may reach Mailpit.
  smtpFrom: production({
    ...NETWORK_POLICY_OPTIONS.smtpFrom,
    help: `with networkPolicy: ${NETWORK_POLICY_OPTIONS.smtpFrom.help}`,
    flags: [{ flag: '--smtp-from-namespace <namespace>', parse: namespacePeer, help: 'with --network-policy: admit SMTP from this namespace, repeatable' }],
  }),
  uiFrom: production({
    ...NETWORK_POLICY_OPTIONS.uiFrom,
    help: `with networkPolicy: ${NETWORK_POLICY_OPTIONS.uiFrom.help}`,
    flags: [{ flag: '--ui-from-namespace <namespace>', parse: namespacePeer, help: 'with --network-policy: admit the UI from this namespace, repeatable' }],
  }),
};
