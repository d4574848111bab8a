// A production Mailpit in a shared staging cluster, every feature of the hardened stage turned on
// through the public API. Run it with: npx tsx examples/production.ts DIR
// The same props as a values file: examples/production.values.yaml (npm run synth -- --stage
// hardened --values examples/production.values.yaml). Every Secret named here must exist in the
// namespace; the README says how to create each one.
import { App, Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { MailpitHardened } from '../lib';

const outdir = process.argv[2];
if (outdir === undefined || process.argv.length > 3) {
  process.stderr.write('usage: npx tsx examples/production.ts DIR\n');
  process.exit(2);
}

const namespace = (name: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

const app = new App({ outdir });
const chart = new Chart(app, 'mailpit-production');
new MailpitHardened(chart, 'mailpit', {
  namespace: 'mail',
  commonLabels: { 'app.kubernetes.io/part-of': 'qa-tools' },
  image: 'axllent/mailpit:v1.30.5',
  resources: { cpu: { request: Cpu.millis(100), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } },

  // Mailpit's settings, in the ConfigMap mailpit-config.
  maxMessages: 20000,
  maxAge: Duration.days(14),
  disableVersionCheck: true,
  blockRemoteCssAndFonts: true,
  metrics: 9090,

  // TLS everywhere: the UI serves HTTPS (the probes follow), SMTP requires STARTTLS, POP3 speaks TLS.
  uiTlsSecret: 'mailpit-ui-tls',
  smtpTlsSecret: 'mailpit-smtp-tls',
  smtpRequireStartTls: true,
  pop3TlsSecret: 'mailpit-pop3-tls',

  // Every credential from an existing Secret, by name only.
  uiAuthSecret: { name: 'mailpit-ui-auth', key: 'htpasswd' },
  smtpAuthSecret: { name: 'mailpit-smtp-auth', key: 'htpasswd' },
  sendApiAuthSecret: { name: 'mailpit-send-api-auth', key: 'htpasswd' },
  pop3AuthSecret: { name: 'mailpit-pop3-auth', key: 'htpasswd' },
  smtpRelayConfigSecret: { name: 'mailpit-relay', key: 'relay.yaml' },
  smtpRelayMatching: '@example\\.org$',

  // SMTP on a load balancer, port 25, from the office only; the UI stays behind the Ingress.
  smtpService: {
    type: 'LoadBalancer',
    port: 25,
    loadBalancerSourceRanges: ['203.0.113.0/24'],
    externalTrafficPolicy: 'Local',
  },
  appProtocol: true,

  // The UI on an Ingress with TLS, and on a Gateway: most clusters keep one of the two. The
  // controller must speak HTTPS to the pod, since the UI does.
  host: 'mail.example.org',
  extraHosts: ['webmail.example.org'],
  ingressClassName: 'nginx',
  ingressTls: [{ secretName: 'mailpit-web-tls' }],
  ingressAnnotations: {
    'cert-manager.io/cluster-issuer': 'letsencrypt',
    'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
  },
  httpRoute: { parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }] },

  // The database on a claim that already exists.
  existingClaim: 'mailpit-data',

  // Scheduling.
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'tools', effect: 'NoSchedule' }],
  affinity: {
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'node-role.example.org/tools', operator: 'Exists' }] } }],
    },
  },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'mailpit' } } }],
  priorityClassName: 'tools',
  podLabels: { team: 'qa' },
  podAnnotations: { 'example.org/owner': 'qa' },
  imagePullSecrets: ['registry-credentials'],
  serviceAccountName: 'mailpit',
  terminationGracePeriodSeconds: 10,
  enableServiceLinks: false,
  revisionHistoryLimit: 3,

  // SMTP only from the applications' namespace; the UI and metrics from the ingress controller,
  // the gateway and Prometheus.
  networkPolicy: true,
  smtpFrom: [namespace('apps')],
  uiFrom: [namespace('ingress-nginx'), namespace('gateways'), namespace('monitoring')],
});
app.synth();
