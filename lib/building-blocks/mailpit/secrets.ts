import type { Volume, VolumeMount } from '../../../imports/core';
import { option } from '../../options/option';
import * as rules from '../../options/rules';

// The files Mailpit reads from existing Secrets, each declared once: its prop, its file, and the
// variable that points Mailpit at it. Secrets are referenced by name only: their content never
// enters the manifests. Mailpit reads these files at start, so a changed Secret needs
// `kubectl rollout restart`.

/** Where the files of every Secret are mounted, read-only, in one projected volume. */
export const SECRETS_DIR = '/etc/mailpit';
export const SECRETS_VOLUME_NAME = 'mailpit-secrets';

/** A key of an existing Secret that holds one file. */
const KEY_FILES = {
  uiAuthSecret: { file: 'ui-auth', variable: 'MP_UI_AUTH_FILE', help: 'basic auth for the web UI and API: an htpasswd file' },
  smtpAuthSecret: { file: 'smtp-auth', variable: 'MP_SMTP_AUTH_FILE', help: 'SMTP authentication: an htpasswd file of the accepted users' },
  sendApiAuthSecret: { file: 'send-api-auth', variable: 'MP_SEND_API_AUTH_FILE', help: 'authentication of the send API: an htpasswd file' },
  pop3AuthSecret: { file: 'pop3-auth', variable: 'MP_POP3_AUTH_FILE', help: 'the POP3 server on port 1110, with this htpasswd file of its users' },
  smtpRelayConfigSecret: { file: 'smtp-relay.yaml', variable: 'MP_SMTP_RELAY_CONFIG', help: "SMTP relay: Mailpit's relay configuration file (host, port, credentials)" },
} as const;

/** A `kubernetes.io/tls` Secret: its tls.crt and tls.key. */
const TLS_FILES = {
  uiTlsSecret: { prefix: 'ui-tls', cert: 'MP_UI_TLS_CERT', key: 'MP_UI_TLS_KEY', help: 'HTTPS for the web UI and API, the probes following: the name of a kubernetes.io/tls Secret' },
  smtpTlsSecret: { prefix: 'smtp-tls', cert: 'MP_SMTP_TLS_CERT', key: 'MP_SMTP_TLS_KEY', help: 'TLS for SMTP, STARTTLS unless smtpRequireTls: the name of a kubernetes.io/tls Secret' },
  pop3TlsSecret: { prefix: 'pop3-tls', cert: 'MP_POP3_TLS_CERT', key: 'MP_POP3_TLS_KEY', help: 'TLS for POP3, with pop3AuthSecret: the name of a kubernetes.io/tls Secret' },
} as const;

type KeyFileProp = keyof typeof KEY_FILES;
type TlsProp = keyof typeof TLS_FILES;

const keyOption = (help: string) => option({ value: rules.secretKeySelector, help: `${help}, from an existing Secret: { name, key }`, defaultText: 'none' });
const tlsOption = (help: string) => option({ value: rules.reference('Secret'), help, defaultText: 'none' });

/** The options of the Secrets: one per file. */
export const SECRET_OPTIONS = {
  uiAuthSecret: keyOption(KEY_FILES.uiAuthSecret.help),
  smtpAuthSecret: keyOption(KEY_FILES.smtpAuthSecret.help),
  sendApiAuthSecret: keyOption(KEY_FILES.sendApiAuthSecret.help),
  pop3AuthSecret: keyOption(KEY_FILES.pop3AuthSecret.help),
  smtpRelayConfigSecret: keyOption(KEY_FILES.smtpRelayConfigSecret.help),
  uiTlsSecret: tlsOption(TLS_FILES.uiTlsSecret.help),
  smtpTlsSecret: tlsOption(TLS_FILES.smtpTlsSecret.help),
  pop3TlsSecret: tlsOption(TLS_FILES.pop3TlsSecret.help),
};

/** The variable each Secret option sets, by variable: a variable given in env too is refused. */
export const SECRET_VARIABLES: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(KEY_FILES).map(([prop, { variable }]) => [variable, prop]),
  ...Object.entries(TLS_FILES).flatMap(([prop, { cert, key }]) => [
    [cert, prop],
    [key, prop],
  ]),
]);

export type SecretProps = { readonly [K in KeyFileProp]?: { readonly name: string | rules.KubeReference; readonly key: string } } & { readonly [K in TlsProp]?: string | rules.KubeReference };

/** The projected volume of the Secrets given, its mount, and the variables that point at its files. */
export function secretFiles(props: SecretProps): { volume?: Volume; mount?: VolumeMount; variables: Record<string, string> } {
  const sources: NonNullable<NonNullable<Volume['projected']>['sources']> = [];
  const variables: Record<string, string> = {};
  for (const [prop, { file, variable }] of Object.entries(KEY_FILES)) {
    const secret = props[prop as KeyFileProp];
    if (secret) {
      sources.push({ secret: { name: rules.nameOf(secret.name), items: [{ key: secret.key, path: file }] } });
      variables[variable] = `${SECRETS_DIR}/${file}`;
    }
  }
  for (const [prop, { prefix, cert, key }] of Object.entries(TLS_FILES)) {
    const secret = props[prop as TlsProp];
    if (secret) {
      sources.push({
        secret: {
          name: rules.nameOf(secret),
          items: [
            { key: 'tls.crt', path: `${prefix}.crt` },
            { key: 'tls.key', path: `${prefix}.key` },
          ],
        },
      });
      variables[cert] = `${SECRETS_DIR}/${prefix}.crt`;
      variables[key] = `${SECRETS_DIR}/${prefix}.key`;
    }
  }
  if (sources.length === 0) {
    return { variables };
  }
  return {
    volume: { name: SECRETS_VOLUME_NAME, projected: { sources } },
    mount: { name: SECRETS_VOLUME_NAME, mountPath: SECRETS_DIR, readOnly: true },
    variables,
  };
}
