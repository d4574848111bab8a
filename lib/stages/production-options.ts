import { Duration } from 'cdk8s';
import type { NetworkPolicyPeer } from '../../imports/networking';
import * as v from 'valibot';
import { EXPOSURE_OPTIONS } from '../building-blocks/mailpit/exposure';
import { MAILPIT_OPTIONS, MailpitProps } from '../building-blocks/mailpit/mailpit';
import { SECRET_OPTIONS } from '../building-blocks/mailpit/secrets';
import { NETWORK_POLICY_OPTIONS } from '../building-blocks/network-policy';
import { tenantProblem } from '../building-blocks/mailpit/tenants';
import { POD_OPTIONS } from '../building-blocks/pod';
import { withDataForm } from '../options/data-forms';
import { FlagValueError, Option, parser, wholeNumberText } from '../options/option';
import * as rules from '../options/rules';
import { StageName } from './names';

// What a platform engineer sets on the hardened stage beyond the lab: every value of the community
// Helm chart (jouve/charts mailpit), and what its users ran into. Declared once, like every
// option of the stages; lib/stages/options.ts gathers them.

/** An option of the production stage; `variable` is the Mailpit setting it becomes, in the ConfigMap. */
export interface ProductionOption extends Option {
  readonly stages: readonly StageName[];
  readonly variable?: string;
  /** The setting's text, for a value that is not one already; undefined leaves the setting out. */
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

/** A Mailpit switch: true writes the setting, false or unset leaves Mailpit's default (off). */
function mailpitSwitch(variable: string, help: string, flag: string) {
  return production({ value: rules.flag, help, variable, asVariable: (on: boolean) => (on ? 'true' : undefined), defaultText: 'off', flags: [{ flag }] });
}

// Parsers of flag texts, for options whose value is not plain text.
const keyValue = (what: string) => (text: string, previous: Record<string, string> = {}) => {
  const at = text.indexOf('=');
  if (at <= 0) {
    throw new FlagValueError(`KEY=VALUE: ${what}`);
  }
  return { ...previous, [text.slice(0, at)]: text.slice(at + 1) };
};
const repeatable = (text: string, previous: string[] = []) => [...previous, text];
const secretKey = (defaultKey: string) => (text: string) => {
  const [name, key = defaultKey, ...rest] = text.split(':');
  if (name === '' || key === '' || rest.length > 0) {
    throw new FlagValueError(`NAME or NAME:KEY of an existing Secret (KEY defaults to ${defaultKey})`);
  }
  return { name, key };
};
const namespacePeer = (text: string, previous: NetworkPolicyPeer[] = []): NetworkPolicyPeer[] => [
  ...previous,
  { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': text } } },
];
const gatewayRef = (text: string, previous: { name: string; namespace?: string; sectionName?: string }[] = []) => {
  const match = /^(?:([^/:]+)\/)?([^/:]+)(?::([^/:]+))?$/.exec(text);
  if (!match) {
    throw new FlagValueError('[NAMESPACE/]NAME[:SECTION] of a Gateway');
  }
  const [, namespace, name, sectionName] = match;
  return [...previous, { name, ...(namespace ? { namespace } : {}), ...(sectionName ? { sectionName } : {}) }];
};

const DURATION_TEXT = /^([0-9]{1,6})(h|d)$/;

/** `24h` or `7d`: a whole number of hours or days, as Mailpit reads MP_MAX_AGE. */
export function parseAge(text: string): Duration | undefined {
  const match = DURATION_TEXT.exec(text);
  if (!match || Number(match[1]) === 0) {
    return undefined;
  }
  return match[2] === 'd' ? Duration.days(Number(match[1])) : Duration.hours(Number(match[1]));
}

/** A whole number of hours, written in days when it is one. */
function ageText(age: Duration): string {
  const hours = age.toHours();
  return hours % 24 === 0 ? `${hours / 24}d` : `${hours}h`;
}

const AGE_ALLOWED = 'a number of hours or days such as 24h or 7d';
const age = withDataForm(
  v.custom<Duration>((value) => {
    if (typeof value !== 'object' || value === null || typeof (value as Duration).toHours !== 'function') {
      return false;
    }
    const hours = (value as Duration).toHours({ integral: false });
    return Number.isInteger(hours) && hours >= 1 && hours <= 24 * 999999;
  }, 'a cdk8s Duration of whole hours, at least one, such as Duration.days(7) or Duration.hours(36)'),
  { read: (data) => (typeof data === 'string' ? parseAge(data) : undefined), write: ageText, allowed: AGE_ALLOWED, jsonSchema: { type: 'string', pattern: DURATION_TEXT.source } },
);


export const PRODUCTION_OPTIONS = {
  // Mailpit's own settings, in the ConfigMap.
  maxMessages: production({
    value: rules.wholeNumber(0),
    help: "the most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)",
    defaultText: "Mailpit's 500",
    variable: 'MP_MAX_MESSAGES',
    flags: [{ flag: '--max-messages <count>', parse: wholeNumberText }],
  }),
  maxAge: production({
    value: age,
    help: 'the age at which messages are deleted: whole hours or days, such as 7d',
    defaultText: 'none: kept until maxMessages',
    variable: 'MP_MAX_AGE',
    asVariable: ageText,
    flags: [{ flag: '--max-age <age>', parse: parser(parseAge, AGE_ALLOWED) }],
  }),
  verbose: mailpitSwitch('MP_VERBOSE', 'verbose logging', '--verbose'),
  tenantId: production({
    // Mailpit prefixes its SQL names with it (axllent/mailpit v1.30.5, config/utils.go DBTenantID).
    value: rules.text(
      "a tenant id: 1 to 64 letters, digits or '_', not starting with a digit or with sqlite_ (Mailpit prefixes its SQL table names with it)",
      (value) => /^[A-Za-z0-9_]{1,64}$/.test(value) && tenantProblem(value) === undefined,
    ),
    help: "a prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused",
    variable: 'MP_TENANT_ID',
    flags: [{ flag: '--tenant-id <id>' }],
  }),
  label: production({
    value: rules.text('a label: 1 to 100 characters on one line', (value) => value.length > 0 && value.length <= 100 && !/[\r\n\u2028\u2029]/.test(value)),
    help: 'a label shown in the web UI, SMTP and POP3 to tell this Mailpit from others',
    variable: 'MP_LABEL',
  }),
  disableVersionCheck: mailpitSwitch('MP_DISABLE_VERSION_CHECK', 'no check for new Mailpit versions, for clusters without egress', '--disable-version-check'),
  blockRemoteCssAndFonts: mailpitSwitch('MP_BLOCK_REMOTE_CSS_AND_FONTS', 'block remote CSS and fonts in the HTML preview', '--block-remote-css-and-fonts'),
  smtpAuthAcceptAny: mailpitSwitch('MP_SMTP_AUTH_ACCEPT_ANY', 'accept any SMTP username and password; not with smtpAuthSecret', '--smtp-auth-accept-any'),
  smtpAuthAllowInsecure: mailpitSwitch('MP_SMTP_AUTH_ALLOW_INSECURE', 'allow SMTP authentication without TLS; not with a required STARTTLS or TLS', '--smtp-auth-allow-insecure'),
  smtpRequireStartTls: mailpitSwitch('MP_SMTP_REQUIRE_STARTTLS', 'require STARTTLS on SMTP (on port 1025); needs smtpTlsSecret', '--smtp-require-starttls'),
  smtpRequireTls: mailpitSwitch('MP_SMTP_REQUIRE_TLS', 'require implicit TLS on SMTP (no plain connection at all, unlike STARTTLS); needs smtpTlsSecret', '--smtp-require-tls'),
  smtpRelayAll: mailpitSwitch('MP_SMTP_RELAY_ALL', 'relay every message received; needs smtpRelayConfigSecret', '--smtp-relay-all'),
  smtpRelayMatching: production({
    value: rules.text('a regular expression of at most 1,024 characters', (value) => value.length > 0 && value.length <= 1024 && !/[\r\n]/.test(value)),
    help: 'relay the messages to recipients matching this regular expression; needs smtpRelayConfigSecret',
    variable: 'MP_SMTP_RELAY_MATCHING',
    flags: [{ flag: '--smtp-relay-matching <regexp>' }],
  }),
  sendApiAuthAcceptAny: mailpitSwitch('MP_SEND_API_AUTH_ACCEPT_ANY', 'accept any credentials on the send API; not with sendApiAuthSecret', '--send-api-auth-accept-any'),

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
    flags: [{ flag: '--metrics [port]', parse: parser((text) => (/^[0-9]{1,5}$/.test(text) ? Number(text) : undefined), 'a port number'), help: 'Prometheus metrics, on the UI port, or on PORT without auth' }],
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
    help: "the folder of the claim that holds the database, such as mailpit/ on an existing claim shared with other data",
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
  enableServiceLinks: production({ ...POD_OPTIONS.enableServiceLinks, flags: [{ flag: '--no-service-links', help: 'no variables of the namespace\'s Services in the pod' }] }),
  revisionHistoryLimit: production({ ...MAILPIT_OPTIONS.revisionHistoryLimit, flags: [{ flag: '--revision-history-limit <count>', parse: wholeNumberText }] }),
  commonLabels: production({
    value: rules.labels,
    help: 'labels of every object, such as a team or a cost center; the pod template takes podLabels',
    refine: (labels: Readonly<Record<string, string>>) =>
      labels.app === undefined ? undefined : { at: ['app'], value: labels.app, allowed: 'set by the name prop on every object' },
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

/**
 * The production props that Mailpit takes as they are: those both tables declare. Derived, so
 * that a new one reaches the pod without a line here.
 */
export function passedToMailpit(p: Readonly<Record<string, unknown>>): Partial<MailpitProps> {
  return Object.fromEntries(Object.keys(PRODUCTION_OPTIONS).filter((key) => Object.hasOwn(MAILPIT_OPTIONS, key)).map((key) => [key, p[key]]));
}
