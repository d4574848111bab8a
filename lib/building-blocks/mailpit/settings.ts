import { HIDDEN } from '../../options/errors';
import type { Problem } from '../../options/option';
import { tenantProblem } from './tenants';

// Mailpit's settings as environment variables: which ones the construct owns, which ones are
// refused, and the values Mailpit would refuse or misread, checked here as Mailpit checks them
// (axllent/mailpit v1.30.5: cmd/root.go reads the variables, config/config.go VerifyConfig and
// config/validators.go refuse values at start).

/** Variables that hold credentials inline: they would put them into the manifests. */
const INLINE_CREDENTIAL_VARIABLES = [
  'MP_UI_AUTH',
  'MP_SMTP_AUTH',
  'MP_POP3_AUTH',
  'MP_SEND_API_AUTH',
  'MP_SMTP_RELAY_PASSWORD',
  'MP_SMTP_RELAY_SECRET',
  'MP_SMTP_FORWARD_PASSWORD',
  'MP_SMTP_FORWARD_SECRET',
];

/**
 * The listeners' addresses: the container ports, probes, Services and NetworkPolicy are written
 * for Mailpit's own (cmd/root.go: [::]:8025, [::]:1025, [::]:1110); a variable would move a
 * listener away from them.
 */
export const LISTENER_VARIABLES: Readonly<Record<string, string>> = {
  MP_UI_BIND_ADDR: 'the web UI on 8025',
  MP_SMTP_BIND_ADDR: 'SMTP on 1025',
  MP_POP3_BIND_ADDR: 'POP3 on 1110',
};

/** `1`, `true` or `yes` in any case turn a switch on; Mailpit reads any other text as off (cmd/root.go, getEnabledFromEnv). */
const SWITCH_TEXT = /^(?:1|true|yes|0|false|no)$/i;

/** Mailpit's switches, read by getEnabledFromEnv (cmd/root.go). */
const SWITCHES = [
  'MP_DISABLE_WAL',
  'MP_DISABLE_VERSION_CHECK',
  'MP_DISABLE_AUTO_VACUUM',
  'MP_USE_MESSAGE_DATES',
  'MP_IGNORE_DUPLICATE_IDS',
  'MP_QUIET',
  'MP_VERBOSE',
  'MP_BLOCK_REMOTE_CSS_AND_FONTS',
  'MP_ALLOW_INTERNAL_HTTP_REQUESTS',
  'MP_DISABLE_LINK_CHECK_RATE_LIMIT',
  'MP_ALLOW_UNTRUSTED_TLS',
  'MP_DISABLE_HTTP_COMPRESSION',
  'MP_HIDE_DELETE_ALL_BUTTON',
  'MP_SEND_API_AUTH_ACCEPT_ANY',
  'MP_SMTP_AUTH_ACCEPT_ANY',
  'MP_SMTP_REQUIRE_STARTTLS',
  'MP_SMTP_REQUIRE_TLS',
  'MP_SMTP_AUTH_ALLOW_INSECURE',
  'MP_SMTP_STRICT_RFC_HEADERS',
  'MP_SMTP_IGNORE_REJECTED_RECIPIENTS',
  'MP_SMTP_DISABLE_RDNS',
  'MP_SMTP_RELAY_ALL',
  'MP_SMTP_RELAY_STARTTLS',
  'MP_SMTP_RELAY_TLS',
  'MP_SMTP_RELAY_ALLOW_INSECURE',
  'MP_SMTP_RELAY_PRESERVE_MESSAGE_IDS',
  'MP_SMTP_RELAY_FWD_SMTP_ERRORS',
  'MP_SMTP_FORWARD_STARTTLS',
  'MP_SMTP_FORWARD_TLS',
  'MP_SMTP_FORWARD_ALLOW_INSECURE',
  'MP_SMTP_FORWARD_FWD_SMTP_ERRORS',
  'MP_ENABLE_CHAOS',
  'MP_TAGS_TITLE_CASE',
  'MP_TAGS_USERNAME',
  'MP_DEMO_MODE',
];

/** Mailpit's whole numbers: it drops a parse error and reads 0 (cmd/root.go, strconv.Atoi, which takes a sign), so `abc` would silently mean no limit. */
const WHOLE_NUMBERS = ['MP_MAX_MESSAGES', 'MP_MAX_MESSAGE_SIZE', 'MP_SMTP_MAX_RECIPIENTS', 'MP_SMTP_RELAY_PORT', 'MP_SMTP_FORWARD_PORT', 'MP_WEBHOOK_LIMIT', 'MP_WEBHOOK_DELAY'];

/** A value Mailpit refuses at start, or misreads, and what it takes instead. */
interface ValueRule {
  readonly test: (value: string) => boolean;
  readonly allowed: string;
}

const VALUE_RULES: Readonly<Record<string, ValueRule>> = {
  ...Object.fromEntries(
    SWITCHES.map((name) => [name, { test: (value: string) => SWITCH_TEXT.test(value), allowed: 'true, 1 or yes to turn it on, false, 0 or no to leave it off: Mailpit reads any other text as off' }]),
  ),
  ...Object.fromEntries(
    WHOLE_NUMBERS.map((name) => [name, { test: (value: string) => /^[+-]?[0-9]{1,9}$/.test(value), allowed: 'a whole number such as 500: Mailpit reads text that is not one as 0' }]),
  ),
  // config/validators.go: `^\d+(h|d)$`, lowercase only.
  MP_MAX_AGE: { test: (value) => /^[0-9]{1,9}[hd]$/.test(value), allowed: 'a whole number of hours or days such as 24h or 7d, as Mailpit requires at start' },
  // config/config.go: the level is 0 to 3.
  MP_COMPRESSION: { test: (value) => /^[0-3]$/.test(value), allowed: 'a compression level from 0 to 3, as Mailpit requires at start' },
  // config/config.go: url.ParseRequestURI, and a scheme starting with http.
  MP_WEBHOOK_URL: { test: (value) => /^https?:\/\/[^\s/?#]+[^\s]*$/.test(value), allowed: 'an http:// or https:// URL, as Mailpit requires at start' },
};

/** What is wrong with the value of a variable, as Mailpit would take it at start; undefined when nothing is. */
export function settingProblem(variable: string, value: string): string | undefined {
  if (variable === 'MP_TENANT_ID') {
    // Mailpit prefixes every table and index with the tenant (config/utils.go, DBTenantID).
    return tenantProblem(value);
  }
  const rule = Object.hasOwn(VALUE_RULES, variable) ? VALUE_RULES[variable] : undefined;
  return rule && !rule.test(value) ? rule.allowed : undefined;
}

/** What `env` may not hold, and why: `{ variable: what to say }`, for variables that something else sets. */
export type Owners = Readonly<Record<string, string>>;

/** Why each listener variable is refused. */
export function listenerOwners(): Owners {
  return Object.fromEntries(
    Object.entries(LISTENER_VARIABLES).map(([variable, listener]) => [
      variable,
      `refused: the ports, probes and Services are written for Mailpit's own listeners, ${listener}; this would move ${listener.split(' on ')[0]} away from them`,
    ]),
  );
}

/**
 * The rule of `env`: no inline credentials, none of the variables that something else sets, and
 * no value that Mailpit would refuse at start or silently misread.
 */
export function envRule(owners: Owners) {
  return (env: Readonly<Record<string, string>>): Problem | undefined => {
    const credential = INLINE_CREDENTIAL_VARIABLES.find((variable) => env[variable] !== undefined);
    if (credential !== undefined) {
      return {
        at: [credential],
        value: HIDDEN,
        allowed: 'refused, it would write credentials in clear into the manifests: put them in a Secret, and use uiAuthSecret, smtpAuthSecret, smtpRelayConfigSecret or envFrom',
      };
    }
    const taken = Object.keys(owners).find((variable) => env[variable] !== undefined);
    if (taken !== undefined) {
      return { at: [taken], value: env[taken], allowed: owners[taken] };
    }
    for (const [variable, value] of Object.entries(env)) {
      const problem = settingProblem(variable, value);
      if (problem !== undefined) {
        return { at: [variable], value, allowed: problem };
      }
    }
    return undefined;
  };
}
