import { Duration } from 'cdk8s';
import * as v from 'valibot';
import type { Container, PodSecurityContext, SecurityContext } from '../../../imports/core';
import { withDataForm } from '../../options/data-forms';
import { option, type Option, type PropsOf } from '../../options/option';
import { containerResourcesOrNone, limitsNotBelowRequests } from '../../options/quantities';
import * as rules from '../../options/rules';
import { POD_OPTIONS } from '../pod';
import { MailpitDatabase } from './database';
import { EXPOSURE_OPTIONS } from './exposure';
import { SECRET_OPTIONS, SECRET_VARIABLES } from './secrets';
import { envRule, listenerOwners, type Owners } from './settings';
import { tenantProblem } from './tenants';
import { MailpitWorkload } from './workload';

// The props of the Mailpit building block, each declared once: its type and rules, default,
// help, and the Mailpit setting it becomes. This table is the one registry of which prop owns
// which MP_ variable.

/** An option of Mailpit, and the setting it becomes. */
export interface MailpitOption extends Option {
  /** The Mailpit setting it becomes, such as MP_MAX_MESSAGES; env may not set it too. */
  readonly variable?: string;
  /** The setting's text, for a value that is not one already; undefined leaves the setting out. */
  // biome-ignore lint/suspicious/noExplicitAny: each option converts its own value type; the table holds them side by side
  readonly asVariable?: (value: any) => string | undefined;
}

function mailpitOption<const O extends MailpitOption>(spec: O & MailpitOption): O {
  return option(spec as never) as O;
}

/** A Mailpit switch: true writes the setting, false or unset leaves Mailpit's default (off). */
function mailpitSwitch<const V extends string>(variable: V, help: string) {
  return mailpitOption({ value: rules.flag, help, variable, asVariable: (on: boolean) => (on ? 'true' : undefined), defaultText: 'off' });
}

const DURATION_TEXT = /^([0-9]{1,6})(h|d)$/;

/** `24h` or `7d`: a whole number of hours or days, as Mailpit reads MP_MAX_AGE (config/validators.go, v1.30.5). */
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

export const AGE_ALLOWED = 'a number of hours or days such as 24h or 7d';
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

const kubernetes = rules.kubernetesObject;

/** Mailpit's own settings, typed: each becomes its MP_ variable. */
export const MAILPIT_SETTINGS = {
  maxMessages: mailpitOption({
    value: rules.wholeNumber(0),
    help: "the most messages kept, the oldest deleted first; 0 keeps them all (Mailpit's default is 500, which surprises users)",
    defaultText: "Mailpit's 500",
    variable: 'MP_MAX_MESSAGES',
  }),
  maxAge: mailpitOption({
    value: age,
    help: 'the age at which messages are deleted: whole hours or days, such as 7d',
    defaultText: 'none: kept until maxMessages',
    variable: 'MP_MAX_AGE',
    asVariable: ageText,
  }),
  verbose: mailpitSwitch('MP_VERBOSE', 'verbose logging'),
  tenantId: mailpitOption({
    // Mailpit prefixes its SQL names with it (axllent/mailpit v1.30.5, config/utils.go DBTenantID).
    value: rules.text(
      "a tenant id: 1 to 64 letters, digits or '_', not starting with a digit or with sqlite_ (Mailpit prefixes its SQL table names with it)",
      (value) => /^[A-Za-z0-9_]{1,64}$/.test(value) && tenantProblem(value) === undefined,
    ),
    help: "a prefix for Mailpit's tables, so that several Mailpits share one database (rqlite); two whose table names would meet in one database are refused",
    variable: 'MP_TENANT_ID',
  }),
  label: mailpitOption({
    value: rules.text('a label: 1 to 100 characters on one line', (value) => value.length > 0 && value.length <= 100 && !/[\r\n\u2028\u2029]/.test(value)),
    help: 'a label shown in the web UI, SMTP and POP3 to tell this Mailpit from others',
    variable: 'MP_LABEL',
  }),
  disableVersionCheck: mailpitSwitch('MP_DISABLE_VERSION_CHECK', 'no check for new Mailpit versions, for clusters without egress'),
  blockRemoteCssAndFonts: mailpitSwitch('MP_BLOCK_REMOTE_CSS_AND_FONTS', 'block remote CSS and fonts in the HTML preview'),
  smtpAuthAcceptAny: mailpitSwitch('MP_SMTP_AUTH_ACCEPT_ANY', 'accept any SMTP username and password; not with smtpAuthSecret'),
  smtpAuthAllowInsecure: mailpitSwitch('MP_SMTP_AUTH_ALLOW_INSECURE', 'allow SMTP authentication without TLS; not with a required STARTTLS or TLS'),
  smtpRequireStartTls: mailpitSwitch('MP_SMTP_REQUIRE_STARTTLS', 'require STARTTLS on SMTP (on port 1025); needs smtpTlsSecret'),
  smtpRequireTls: mailpitSwitch('MP_SMTP_REQUIRE_TLS', 'require implicit TLS on SMTP (no plain connection at all, unlike STARTTLS); needs smtpTlsSecret'),
  smtpRelayAll: mailpitSwitch('MP_SMTP_RELAY_ALL', 'relay every message received; needs smtpRelayConfigSecret'),
  smtpRelayMatching: mailpitOption({
    value: rules.text('a regular expression of at most 1,024 characters', (value) => value.length > 0 && value.length <= 1024 && !/[\r\n]/.test(value)),
    help: 'relay the messages to recipients matching this regular expression; needs smtpRelayConfigSecret',
    variable: 'MP_SMTP_RELAY_MATCHING',
  }),
  sendApiAuthAcceptAny: mailpitSwitch('MP_SEND_API_AUTH_ACCEPT_ANY', 'accept any credentials on the send API; not with sendApiAuthSecret'),
};

/** The rule of env, once the registry of variables below is made. */
let envOfMailpit: ((env: Readonly<Record<string, string>>) => ReturnType<ReturnType<typeof envRule>>) | undefined;

/** The props of {@link Mailpit}, each declared once: type and rules, default, help, the setting it becomes. */
export const MAILPIT_OPTIONS = {
  namespace: option({
    value: rules.dnsLabel,
    help: 'namespace of every namespaced object, so that one Chart can hold several Mailpits',
    defaultText: "the Chart's namespace",
  }),
  name: option({
    value: rules.serviceName,
    default: 'mailpit',
    help: 'name of the workload (Deployment or StatefulSet; with variants, the prefix of <name>-<id>), the Service and the Ingress, and value of their app label',
  }),
  image: option({ value: rules.imageReference, default: 'axllent/mailpit', help: 'image of Mailpit, also used by init containers that name none' }),
  imagePullPolicy: option({ value: rules.imagePullPolicy, default: 'IfNotPresent', help: 'pull policy of every container' }),
  host: option({ value: rules.ingressHost, default: 'mailpit.test', help: 'host of the Ingress rule that serves the web UI' }),
  ingressClassName: option({
    value: rules.dnsSubdomain,
    help: 'IngressClass of the Ingress',
    defaultText: "the cluster's default IngressClass",
  }),
  database: option({
    value: v.custom<MailpitDatabase>((value) => value instanceof MailpitDatabase, 'a MailpitDatabase, such as MailpitDatabase.sqlite(volume) or MailpitDatabase.rqlite(url)'),
    help: 'where Mailpit keeps its mail: MailpitDatabase.temporary(), .sqlite(volume), .emptyDir(), .claimPerPod({ size }) or .rqlite(url or Rqlite)',
    defaultText: "MailpitDatabase.temporary(): Mailpit's own file in the container, which dies with it",
    refine: (database: MailpitDatabase) => database.problem(),
  }),
  workload: option({
    value: v.custom<MailpitWorkload>((value) => value instanceof MailpitWorkload, 'a MailpitWorkload, such as MailpitWorkload.deployment() or MailpitWorkload.statefulSet({ replicas: 2 })'),
    help: 'how Mailpit runs: MailpitWorkload.deployment(), .deployment({ replicas }) on a shared database, .variants([...]) side by side, or .statefulSet({ replicas })',
    defaultText: 'MailpitWorkload.deployment(): one Deployment of one pod',
    refine: (workload: MailpitWorkload) => workload.problem(),
  }),
  env: option({
    value: v.record(rules.envName, v.string('a string value'), 'an object of environment variables: { NAME: "value" }'),
    help: 'extra environment variables for Mailpit, in the order given; a variable a prop sets, or that moves a listener, is refused, and a value Mailpit would refuse too',
    // biome-ignore lint/suspicious/noAssignInExpressions: the rule is made once, when first used
    refine: (env: Readonly<Record<string, string>>) => (envOfMailpit ??= envRule(mailpitOwners()))(env),
  }),
  command: option({ value: v.array(v.string('a string'), 'a list of strings'), help: "replaces the image's entrypoint", defaultText: 'the image entrypoint, /mailpit' }),
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
  webroot: mailpitOption({ value: rules.webroot, default: '/', help: 'serve the UI and API under this path (MP_WEBROOT); probes and the Ingress path follow', variable: 'MP_WEBROOT' }),
  resources: option({
    value: containerResourcesOrNone,
    help: 'CPU, memory and ephemeral storage requests and limits of the Mailpit container',
    refine: limitsNotBelowRequests,
  }),
  ...MAILPIT_SETTINGS,
  ...SECRET_OPTIONS,
  metrics: mailpitOption({
    value: v.union([rules.flag, rules.port], 'true for /metrics on the UI port, or a port number for a listener of its own'),
    help: 'Prometheus metrics (MP_ENABLE_PROMETHEUS): true serves /metrics on the UI port, behind UI auth when there is one; a port number serves them there, without auth. The pod gets the prometheus.io scrape annotations',
    defaultText: 'off',
    variable: 'MP_ENABLE_PROMETHEUS',
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
  ...EXPOSURE_OPTIONS,
  ...POD_OPTIONS,
  automountServiceAccountToken: option({
    value: rules.flag,
    help: 'whether the pod gets a service account token; Mailpit never calls the Kubernetes API',
    defaultText: 'the Kubernetes default (mounted)',
  }),
};

/** Each variable a prop of Mailpit sets, by variable: the one registry, the Secrets' files included. */
export const VARIABLES_OF_PROPS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(Object.entries(MAILPIT_OPTIONS as Record<string, MailpitOption>).flatMap(([key, spec]) => (spec.variable === undefined ? [] : [[spec.variable, key]]))),
  ...SECRET_VARIABLES,
};

/** The variables of Mailpit's typed settings, which env may set where their prop is not set. */
export const SETTING_VARIABLES: ReadonlySet<string> = new Set(Object.values(MAILPIT_SETTINGS as Record<string, MailpitOption>).map((spec) => spec.variable!));

/**
 * The owners of Mailpit's own construct: the props whose variables the pod is written around
 * (its webroot, metrics port, Secrets' files, database), and its listeners. A typed setting is
 * refused in env only beside its prop (see the rules).
 */
export function mailpitOwners(): Owners {
  return {
    ...Object.fromEntries(Object.entries(VARIABLES_OF_PROPS).flatMap(([variable, prop]) => (SETTING_VARIABLES.has(variable) ? [] : [[variable, `set by the prop ${prop}; use that instead`]]))),
    MP_DATABASE: 'set by the prop database; use that instead: MailpitDatabase.sqlite(volume), .emptyDir(), .claimPerPod({ size }) or .rqlite(url)',
    ...listenerOwners(),
  };
}

/** The settings that the typed props make, by variable, in the order of the table. */
export function settingsOf(props: Readonly<Record<string, unknown>>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, spec] of Object.entries(MAILPIT_SETTINGS as Record<string, MailpitOption>)) {
    const value = props[key];
    if (spec.variable !== undefined && value !== undefined) {
      const text = spec.asVariable ? spec.asVariable(value) : String(value);
      if (text !== undefined) {
        settings[spec.variable] = text;
      }
    }
  }
  return settings;
}

/** The props of Mailpit but its database and workload, as the option table types them. */
export type MailpitTableProps = PropsOf<typeof MAILPIT_OPTIONS>;
