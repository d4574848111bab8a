import { Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import {
  InvalidOptionError,
  LabPersistentVolume,
  type LabPersistentVolumeProps,
  Mailpit,
  MailpitBaseline,
  type MailpitBaselineProps,
  type MailpitProps,
  MailpitDatabase,
  type MailpitOwnDatabaseProps,
  MailpitWorkload,
  MailpitPvc,
  MailpitPvcSecure,
  type MailpitPvcSecureProps,
  MailpitHardened,
  MailpitHA,
  Classroom,
} from '../lib';
import { synthClassroom } from '../lib/classroom/render';
import { errorOf } from './support/errors';
import { container, linkProblems, newChart, only, podSpec, synthChart, validateSchema } from './support/manifests';
import { validateEverywhere } from './support/schemas';

// Each object sets every prop, so that a new prop fails to compile here until it is tested.
const storage: Required<LabPersistentVolumeProps> = {
  volumeName: 'pv-alice',
  claimName: 'pvc-alice',
  hostPath: '/data/alice',
  size: Size.gibibytes(1),
  storageClassName: 'lab',
  namespace: 'lab',
  reserveForClaim: true,
};

const baseline: Required<Omit<MailpitBaselineProps, 'uiAuthPassword'>> = {
  namespace: 'lab',
  name: 'mail',
  image: 'registry.example.org/mailpit:v1.30.5',
  imagePullPolicy: 'Always',
  host: 'mail.example.org',
  ingressClassName: 'nginx',
  env: { MP_MAX_MESSAGES: '5000', TZ: 'Europe/Paris' },
};

// A stage's storage follows the stage's namespace: it has no namespace of its own.
const { namespace: _, ...stageStorage } = storage;
const pvcSecure: Required<Omit<MailpitPvcSecureProps, 'nfs' | 'uiAuthPassword'>> = {
  ...baseline,
  storage: stageStorage as Required<NonNullable<MailpitPvcSecureProps['storage']>>,
  runAsUser: 2000,
};

const rqliteUrl = 'http://rqlite:4001?disableClusterDiscovery=true';
const variants = [
  { id: 'blue', labels: { slot: 'blue' }, image: 'axllent/mailpit:v1.30.4', replicas: 2 },
  { id: 'green', labels: { slot: 'green' } },
];
const claimPerPod = MailpitDatabase.claimPerPod({ size: Size.mebibytes(20), storageClassName: 'manual' });

// Every prop of a Mailpit with a database of its own; the other databases and workloads have their own tests below.
const mailpit: Required<MailpitOwnDatabaseProps> = {
  ...baseline,
  env: { TZ: 'Europe/Paris' },
  command: ['/mailpit', '--smtp-auth-accept-any'],
  database: MailpitDatabase.sqlite({ emptyDir: {} }, { subPath: 'db', disableWal: true }),
  workload: MailpitWorkload.deployment({ strategy: 'RollingUpdate' }),
  securityContext: { runAsUser: 3000, readOnlyRootFilesystem: true },
  podSecurityContext: { fsGroup: 3000 },
  initContainers: [{ name: 'hello', command: ['true'] }],
  writableTmp: false,
  probes: true,
  webroot: 'mail',
  resources: { cpu: { request: Cpu.millis(25) }, memory: { limit: Size.mebibytes(128) }, ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } },
  maxMessages: 5000,
  maxAge: Duration.days(7),
  verbose: true,
  tenantId: 'qa',
  label: 'qa',
  disableVersionCheck: true,
  blockRemoteCssAndFonts: true,
  smtpAuthAcceptAny: false,
  smtpAuthAllowInsecure: false,
  smtpRequireStartTls: true,
  smtpRequireTls: false,
  smtpRelayAll: false,
  smtpRelayMatching: '@example\\.org$',
  sendApiAuthAcceptAny: false,
  uiAuthSecret: { name: 'mailpit-ui', key: 'htpasswd' },
  smtpAuthSecret: { name: 'mailpit-smtp', key: 'users' },
  sendApiAuthSecret: { name: 'mailpit-send', key: 'users' },
  pop3AuthSecret: { name: 'mailpit-pop3', key: 'users' },
  smtpRelayConfigSecret: { name: 'mailpit-relay', key: 'relay.yaml' },
  uiTlsSecret: 'mailpit-ui-tls',
  smtpTlsSecret: 'mailpit-smtp-tls',
  pop3TlsSecret: 'mailpit-pop3-tls',
  metrics: 9090,
  configMap: true,
  configChecksum: true,
  serviceAnnotations: { 'example.org/owner': 'mail' },
  appProtocol: true,
  smtpService: { type: 'NodePort', port: 25, nodePort: 30025, externalTrafficPolicy: 'Local', annotations: { 'example.org/smtp': 'yes' } },
  ingress: true,
  ingressTls: [{ secretName: 'mail-web-tls' }],
  ingressAnnotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
  extraHosts: ['webmail.example.org'],
  ingressPathType: 'ImplementationSpecific',
  httpRoute: { parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }] },
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  tolerations: [{ key: 'mail', operator: 'Exists', effect: 'NoSchedule' }],
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['tools'] }] } }] } },
  topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'mail' } } }],
  priorityClassName: 'tools',
  podAnnotations: { 'example.org/team': 'qa' },
  podLabels: { team: 'qa' },
  imagePullSecrets: ['registry'],
  serviceAccountName: 'mailpit',
  terminationGracePeriodSeconds: 5,
  extraVolumes: [{ name: 'ca', configMap: { name: 'company-ca' } }],
  extraVolumeMounts: [{ name: 'ca', mountPath: '/etc/ssl/company', readOnly: true }],
  envFrom: { configMaps: ['mail-extra'], secrets: ['mail-relay-credentials'] },
  uiService: { type: 'LoadBalancer', loadBalancerSourceRanges: ['203.0.113.0/24'] },
  revisionHistoryLimit: 2,
  enableServiceLinks: false,
  automountServiceAccountToken: false,
};

describe('every prop reaches the manifests', () => {
  it('MailpitBaseline', () => {
    const objects = synthChart((chart) => new MailpitBaseline(chart, 'm', baseline));
    const deployment = only(objects, 'Deployment', 'mail');
    expect(deployment).toHaveProperty('metadata.labels', { app: 'mail' });
    expect(objects.map((o) => o.metadata.namespace)).toEqual(['lab', 'lab', 'lab']);
    const c = container(objects, 'mailpit');
    expect(c).toMatchObject({ image: baseline.image, imagePullPolicy: 'Always' });
    expect(c.env).toEqual([
      { name: 'MP_MAX_MESSAGES', value: '5000' },
      { name: 'TZ', value: 'Europe/Paris' },
    ]);
    const ingress = only(objects, 'Ingress', 'mail');
    expect(ingress).toHaveProperty('spec.ingressClassName', 'nginx');
    expect(ingress).toHaveProperty('spec.rules.0.host', 'mail.example.org');
    expect(only(objects, 'Service', 'mail')).toHaveProperty('spec.selector', { app: 'mail' });
    expect(linkProblems(objects)).toEqual([]);
  });

  it('MailpitPvcSecure, which includes every MailpitPvc prop but nfs', () => {
    const objects = synthChart((chart) => new MailpitPvcSecure(chart, 'm', pvcSecure));
    expect(only(objects, 'PersistentVolume', 'pv-alice')).toMatchObject({
      spec: {
        capacity: { storage: '1Gi' },
        hostPath: { path: '/data/alice' },
        storageClassName: 'lab',
        claimRef: { namespace: 'lab', name: 'pvc-alice' },
      },
    });
    expect(only(objects, 'PersistentVolume', 'pv-alice').metadata.namespace).toBeUndefined();
    expect(objects.filter((o) => o.kind !== 'PersistentVolume').every((o) => o.metadata.namespace === 'lab')).toBe(true);
    expect(only(objects, 'PersistentVolumeClaim', 'pvc-alice')).toMatchObject({
      spec: { resources: { requests: { storage: '1Gi' } }, storageClassName: 'lab', volumeName: 'pv-alice' },
    });
    expect(container(objects, 'mailpit').securityContext).toMatchObject({ runAsUser: 2000 });
    expect(container(objects, 'init-pv')).toMatchObject({
      command: ['chown', '-R', '2000', '/maildir'],
      image: baseline.image,
      imagePullPolicy: 'Always',
    });
    expect(linkProblems(objects)).toEqual([]);
    objects.forEach(validateSchema);
  });

  it.each([
    ['MailpitPvc', MailpitPvc],
    ['MailpitPvcSecure', MailpitPvcSecure],
  ] as const)('%s with nfs mounts the export instead of a claim, with WAL off', (_, Stage) => {
    const objects = synthChart((chart) => new Stage(chart, 'm', { nfs: { server: '192.168.0.1', path: '/' }, env: { TZ: 'UTC' } }));
    expect(objects.map((o) => o.kind)).toEqual(['Service', 'Deployment', 'Ingress']);
    expect(podSpec(objects).volumes).toContainEqual({ name: 'maildir', nfs: { server: '192.168.0.1', path: '/' } });
    expect(container(objects, 'mailpit').volumeMounts).toContainEqual({ name: 'maildir', mountPath: '/maildir' });
    expect(container(objects, 'mailpit').env).toEqual([
      { name: 'TZ', value: 'UTC' },
      { name: 'MP_DISABLE_WAL', value: 'true' },
    ]);
    expect(linkProblems(objects)).toEqual([]);
  });

  it('Mailpit, the shared construct', () => {
    const objects = synthChart((chart) => new Mailpit(chart, 'm', mailpit));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'Service/mail',
      'Service/mail-smtp',
      'Service/mail-http',
      'ConfigMap/mail-config',
      'Deployment/mail',
      'Ingress/mail',
      'HTTPRoute/mail',
    ]);
    const deployment = only(objects, 'Deployment', 'mail');
    expect(deployment).toHaveProperty('spec.strategy', { type: 'RollingUpdate' });
    expect(deployment).toHaveProperty('spec.template.metadata.labels', { team: 'qa', app: 'mail' });
    expect(deployment.spec.template.metadata.annotations).toMatchObject({
      'example.org/team': 'qa',
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      'prometheus.io/path': '/metrics',
      'checksum/config': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const pod = podSpec(objects);
    expect(pod).toMatchObject({
      automountServiceAccountToken: false,
      securityContext: { fsGroup: 3000 },
      serviceAccountName: 'mailpit',
      imagePullSecrets: [{ name: 'registry' }],
      nodeSelector: mailpit.nodeSelector,
      tolerations: mailpit.tolerations,
      affinity: mailpit.affinity,
      topologySpreadConstraints: mailpit.topologySpreadConstraints,
      priorityClassName: 'tools',
      terminationGracePeriodSeconds: 5,
    });
    expect(pod.initContainers).toEqual([{ name: 'hello', command: ['true'], image: baseline.image, imagePullPolicy: 'Always' }]);
    expect(pod.volumes.map((volume: any) => volume.name)).toEqual(['maildir', 'mailpit-secrets', 'ca']);
    expect(pod.volumes[0]).toEqual({ name: 'maildir', emptyDir: {} });
    expect(pod.volumes[1].projected.sources.map((source: any) => source.secret.name)).toEqual([
      'mailpit-ui',
      'mailpit-smtp',
      'mailpit-send',
      'mailpit-pop3',
      'mailpit-relay',
      'mailpit-ui-tls',
      'mailpit-smtp-tls',
      'mailpit-pop3-tls',
    ]);
    expect(pod.volumes[1].projected.sources[0]).toEqual({ secret: { name: 'mailpit-ui', items: [{ key: 'htpasswd', path: 'ui-auth' }] } });
    expect(pod.volumes[1].projected.sources[5]).toEqual({
      secret: {
        name: 'mailpit-ui-tls',
        items: [
          { key: 'tls.crt', path: 'ui-tls.crt' },
          { key: 'tls.key', path: 'ui-tls.key' },
        ],
      },
    });
    const c = container(objects, 'mailpit');
    expect(c.command).toEqual(['/mailpit', '--smtp-auth-accept-any']);
    expect(c.securityContext).toEqual({ runAsUser: 3000, readOnlyRootFilesystem: true });
    expect(c.resources).toEqual({ requests: { cpu: '25m', 'ephemeral-storage': '1Gi' }, limits: { memory: '128Mi', 'ephemeral-storage': '2Gi' } });
    expect(c.volumeMounts).toEqual([
      { name: 'maildir', mountPath: '/maildir', subPath: 'db' },
      { name: 'mailpit-secrets', mountPath: '/etc/mailpit', readOnly: true },
      { name: 'ca', mountPath: '/etc/ssl/company', readOnly: true },
    ]);
    expect(c.ports).toEqual([
      { name: 'smtp', containerPort: 1025 },
      { name: 'http', containerPort: 8025 },
      { name: 'pop3', containerPort: 1110 },
      { name: 'metrics', containerPort: 9090 },
    ]);
    // With configMap, every setting is in the ConfigMap and env is empty.
    expect(c.env).toBeUndefined();
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'mail-config' } }, { configMapRef: { name: 'mail-extra' } }, { secretRef: { name: 'mail-relay-credentials' } }]);
    expect(only(objects, 'ConfigMap', 'mail-config').data).toEqual({
      MP_BLOCK_REMOTE_CSS_AND_FONTS: 'true',
      MP_DATABASE: '/maildir/mailpit.db',
      MP_DISABLE_VERSION_CHECK: 'true',
      MP_DISABLE_WAL: 'true',
      MP_ENABLE_PROMETHEUS: '0.0.0.0:9090',
      MP_LABEL: 'qa',
      MP_MAX_AGE: '7d',
      MP_MAX_MESSAGES: '5000',
      MP_POP3_AUTH_FILE: '/etc/mailpit/pop3-auth',
      MP_POP3_TLS_CERT: '/etc/mailpit/pop3-tls.crt',
      MP_POP3_TLS_KEY: '/etc/mailpit/pop3-tls.key',
      MP_SEND_API_AUTH_FILE: '/etc/mailpit/send-api-auth',
      MP_SMTP_AUTH_FILE: '/etc/mailpit/smtp-auth',
      MP_SMTP_RELAY_CONFIG: '/etc/mailpit/smtp-relay.yaml',
      MP_SMTP_RELAY_MATCHING: '@example\\.org$',
      MP_SMTP_REQUIRE_STARTTLS: 'true',
      MP_SMTP_TLS_CERT: '/etc/mailpit/smtp-tls.crt',
      MP_SMTP_TLS_KEY: '/etc/mailpit/smtp-tls.key',
      MP_TENANT_ID: 'qa',
      MP_UI_AUTH_FILE: '/etc/mailpit/ui-auth',
      MP_UI_TLS_CERT: '/etc/mailpit/ui-tls.crt',
      MP_UI_TLS_KEY: '/etc/mailpit/ui-tls.key',
      MP_VERBOSE: 'true',
      MP_WEBROOT: '/mail/',
      TZ: 'Europe/Paris',
    });
    // uiTlsSecret: the probes speak HTTPS (jouve/charts#75).
    const https = (endpoint: string) => ({ path: `/mail/${endpoint}`, port: 'http', scheme: 'HTTPS' });
    expect(c.startupProbe).toEqual({ httpGet: https('livez'), periodSeconds: 2, failureThreshold: 150 });
    expect(c.livenessProbe).toEqual({ httpGet: https('livez'), periodSeconds: 10, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: https('readyz'), periodSeconds: 5, failureThreshold: 3 });

    const service = only(objects, 'Service', 'mail');
    expect(service.metadata.annotations).toEqual({ 'example.org/owner': 'mail' });
    expect(service.spec.ports).toEqual([
      { name: 'smtp', port: 1025, targetPort: 'smtp', appProtocol: 'tcp' },
      { name: 'http', port: 8025, targetPort: 'http', appProtocol: 'https' },
      { name: 'pop3', port: 1110, targetPort: 'pop3', appProtocol: 'tcp' },
      { name: 'metrics', port: 9090, targetPort: 'metrics', appProtocol: 'http' },
    ]);
    const smtp = only(objects, 'Service', 'mail-smtp');
    expect(smtp.metadata.annotations).toEqual({ 'example.org/owner': 'mail', 'example.org/smtp': 'yes' });
    expect(smtp.spec).toEqual({
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      selector: { app: 'mail' },
      ports: [
        { name: 'smtp', port: 25, targetPort: 'smtp', nodePort: 30025, appProtocol: 'tcp' },
        { name: 'pop3', port: 1110, targetPort: 'pop3', appProtocol: 'tcp' },
      ],
    });
    expect(only(objects, 'Service', 'mail-http').spec).toEqual({
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      selector: { app: 'mail' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', appProtocol: 'https' }],
    });
    expect(deployment.spec.revisionHistoryLimit).toBe(2);
    expect(pod.enableServiceLinks).toBe(false);
    const ingress = only(objects, 'Ingress', 'mail');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec.rules.map((rule: any) => rule.host)).toEqual(['mail.example.org', 'webmail.example.org']);
    expect(ingress).toHaveProperty('spec.rules.1.http.paths.0', { path: '/mail', pathType: 'ImplementationSpecific', backend: { service: { name: 'mail', port: { name: 'http' } } } });
    expect(ingress.spec.tls).toEqual([{ secretName: 'mail-web-tls', hosts: ['mail.example.org', 'webmail.example.org'] }]);
    const route = only(objects, 'HTTPRoute', 'mail');
    expect(route.spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }],
      hostnames: ['mail.example.org', 'webmail.example.org'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/mail' } }], backendRefs: [{ name: 'mail', port: 8025 }] }],
    });
    expect(linkProblems(objects, { configMaps: ['mail-extra', 'company-ca'] })).toEqual([]);
    objects.forEach(validateEverywhere);
  });

  it('LabPersistentVolume drops the chart namespace from its cluster-scoped volume only', () => {
    const objects = synthChart((chart) => new LabPersistentVolume(chart, 'v', { ...storage, namespace: undefined }), 'alice');
    expect(only(objects, 'PersistentVolume').metadata).toEqual({ name: 'pv-alice' });
    expect(only(objects, 'PersistentVolumeClaim').metadata).toEqual({ name: 'pvc-alice', namespace: 'alice' });
    expect(only(objects, 'PersistentVolume').spec.claimRef).toEqual({ namespace: 'alice', name: 'pvc-alice' });
    const explicit = synthChart((chart) => new LabPersistentVolume(chart, 'v', storage), 'alice');
    expect(only(explicit, 'PersistentVolumeClaim').metadata).toEqual({ name: 'pvc-alice', namespace: 'lab' });
  });

  it('takes objects without a prototype as the plain data they are, at any depth, and keeps no reference to them', () => {
    const bare = <T extends object>(object: T): T => Object.assign(Object.create(null), object);
    const securityContext = bare({ capabilities: bare({ drop: ['ALL'] }), runAsUser: 5 });
    const objects = synthChart((chart) => {
      new Mailpit(chart, 'm', bare({ securityContext, tolerations: [bare({ operator: 'Exists' as const })] }));
      securityContext.runAsUser = 6; // after the construct took it, before it is written
    });
    expect(container(objects, 'mailpit').securityContext).toEqual({ capabilities: { drop: ['ALL'] }, runAsUser: 5 });
    expect(podSpec(objects).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('Mailpit runs several pods on rqlite, with the default rolling update, since the database is outside the pods', () => {
    const database = MailpitDatabase.rqlite(rqliteUrl);
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { database, workload: MailpitWorkload.deployment({ replicas: 3 }), configMap: true }));
    const deployment = only(objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy).toBeUndefined();
    expect(podSpec(objects).volumes).toBeUndefined();
    expect(only(objects, 'ConfigMap').data.MP_DATABASE).toBe(rqliteUrl);
    const inEnv = synthChart((chart) => new Mailpit(chart, 'm', { database, workload: MailpitWorkload.deployment({ replicas: 2, strategy: 'Recreate' }) }));
    expect(only(inEnv, 'Deployment')).toHaveProperty('spec.replicas', 2);
    expect(only(inEnv, 'Deployment')).toHaveProperty('spec.strategy', { type: 'Recreate' });
    expect(container(inEnv, 'mailpit').env).toEqual([{ name: 'MP_DATABASE', value: rqliteUrl }]);
  });

  it("Mailpit's database reaches the pod: SQLite by variable or by the lab's flag, on a volume or an emptyDir, with its WAL off on demand", () => {
    const sqlite = synthChart((chart) => new Mailpit(chart, 'm', { database: MailpitDatabase.sqlite({ persistentVolumeClaim: { claimName: 'mail' } }) }));
    expect(only(sqlite, 'Deployment')).toHaveProperty('spec.strategy', { type: 'Recreate' });
    expect(podSpec(sqlite).volumes).toEqual([{ name: 'maildir', persistentVolumeClaim: { claimName: 'mail' } }]);
    expect(container(sqlite, 'mailpit')).toMatchObject({ env: [{ name: 'MP_DATABASE', value: '/maildir/mailpit.db' }], volumeMounts: [{ name: 'maildir', mountPath: '/maildir' }] });
    expect(container(sqlite, 'mailpit').command).toBeUndefined();
    const lab = synthChart((chart) => new Mailpit(chart, 'm', { database: MailpitDatabase.emptyDir({ setBy: 'flag', disableWal: true }) }));
    expect(podSpec(lab).volumes).toEqual([{ name: 'maildir', emptyDir: {} }]);
    expect(container(lab, 'mailpit')).toMatchObject({ command: ['./mailpit', '--db-file=/maildir/mailpit.db'], env: [{ name: 'MP_DISABLE_WAL', value: 'true' }] });
    const temporary = synthChart((chart) => new Mailpit(chart, 'm', { database: MailpitDatabase.temporary() }));
    expect(podSpec(temporary).volumes).toBeUndefined();
    expect(container(temporary, 'mailpit').env).toBeUndefined();
    expect(only(temporary, 'Deployment').spec.strategy).toBeUndefined();
  });

  it('Mailpit runs variants side by side on rqlite, each Deployment selecting its own pods, the Service the chosen ones', () => {
    const workload = MailpitWorkload.variants(variants, { serviceSelector: { slot: 'green' } });
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { database: MailpitDatabase.rqlite(rqliteUrl), workload }));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/mailpit', 'Deployment/mailpit-blue', 'Deployment/mailpit-green', 'Ingress/mailpit']);
    const blue = only(objects, 'Deployment', 'mailpit-blue');
    expect(blue).toHaveProperty('spec.replicas', 2);
    expect(blue).toHaveProperty('spec.selector.matchLabels', { app: 'mailpit', slot: 'blue' });
    expect(blue).toHaveProperty('spec.template.spec.containers.0.image', 'axllent/mailpit:v1.30.4');
    const green = only(objects, 'Deployment', 'mailpit-green');
    expect(green).toHaveProperty('spec.replicas', 1);
    expect(green).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit', slot: 'green' });
    expect(green).toHaveProperty('spec.template.spec.containers.0.image', 'axllent/mailpit');
    expect(only(objects, 'Service')).toHaveProperty('spec.selector', { app: 'mailpit', slot: 'green' });
    expect(only(objects, 'Service')).toHaveProperty('metadata.labels', { app: 'mailpit' });
    expect(linkProblems(objects)).toEqual([
      `Deployment mailpit-blue: MP_DATABASE ${rqliteUrl} names no Service and port of the manifests`,
      `Deployment mailpit-green: MP_DATABASE ${rqliteUrl} names no Service and port of the manifests`,
    ]);
  });

  it('Mailpit runs as a StatefulSet with a claim per pod, governed by its headless Service', () => {
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { database: claimPerPod, workload: MailpitWorkload.statefulSet({ replicas: 2 }) }));
    const set = only(objects, 'StatefulSet', 'mailpit');
    expect(set).toHaveProperty('spec.serviceName', 'mailpit');
    expect(set).toHaveProperty('spec.replicas', 2);
    expect(set.spec.podManagementPolicy).toBeUndefined();
    expect(set.spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'maildir' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '20Mi' } } } },
    ]);
    expect(container(objects, 'mailpit').volumeMounts).toEqual([{ name: 'maildir', mountPath: '/maildir' }]);
    expect(container(objects, 'mailpit').env).toEqual([{ name: 'MP_DATABASE', value: '/maildir/mailpit.db' }]);
    expect(podSpec(objects).volumes).toBeUndefined();
    expect(only(objects, 'Service', 'mailpit')).toHaveProperty('spec.clusterIP', 'None');
    expect(linkProblems(objects)).toEqual([]);
  });

  it('Mailpit runs as a StatefulSet on rqlite whose pods start in order, so that one applies the schema', () => {
    const workload = MailpitWorkload.statefulSet({ replicas: 3, startInOrder: true });
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { database: MailpitDatabase.rqlite(rqliteUrl), workload, probes: true }));
    const set = only(objects, 'StatefulSet', 'mailpit');
    expect(set).toHaveProperty('spec.replicas', 3);
    expect(set).toHaveProperty('spec.podManagementPolicy', 'OrderedReady');
    expect(set.spec.volumeClaimTemplates).toBeUndefined();
    expect(only(objects, 'Service', 'mailpit').spec.clusterIP).toBeUndefined();
  });

  it('Mailpit without configChecksum leaves a changed ConfigMap to kubectl rollout restart', () => {
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { configMap: true, configChecksum: false, verbose: true }));
    expect(only(objects, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
    expect(only(objects, 'ConfigMap', 'mailpit-config').data).toEqual({ MP_VERBOSE: 'true' });
  });

  const rqlite = MailpitDatabase.rqlite(rqliteUrl);
  const twoVariants = (second: object) => MailpitWorkload.variants([variants[0], second as never]);
  it.each([
    // What the types refuse, a JavaScript caller may still write.
    [
      'several pods on its own temporary file',
      { workload: MailpitWorkload.deployment({ replicas: 2 }) },
      /^MailpitProps\.workload\.replicas 2 is invalid: one pod on this database: Mailpit runs one process per SQLite file/,
    ],
    [
      'several pods on an SQLite file',
      { database: MailpitDatabase.emptyDir(), workload: MailpitWorkload.deployment({ replicas: 2 }) },
      /^MailpitProps\.workload\.replicas 2 is invalid: one pod on this database/,
    ],
    ['several pods of zero', { database: rqlite, workload: MailpitWorkload.deployment({ replicas: 0 as never }) }, /^MailpitProps\.workload\.replicas 0 is invalid: a whole number from 1/],
    ['a claim per pod in a Deployment', { database: claimPerPod }, /^MailpitProps\.workload "MailpitWorkload\.deployment\(\)" is invalid: MailpitWorkload\.statefulSet\(\.\.\.\) with a claim per pod/],
    [
      'a StatefulSet on a database of one pod',
      { workload: MailpitWorkload.statefulSet({ replicas: 2 }) },
      /^MailpitProps\.database "temporary" is invalid: a database for a StatefulSet: MailpitDatabase\.claimPerPod/,
    ],
    [
      'pods started in order on claims of their own',
      { database: claimPerPod, workload: MailpitWorkload.statefulSet({ startInOrder: true }), probes: true },
      /^MailpitProps\.workload\.startInOrder true is invalid: only on a shared database \(rqlite\)/,
    ],
    [
      'pods started in order without probes',
      { database: rqlite, workload: MailpitWorkload.statefulSet({ replicas: 2, startInOrder: true }) },
      /^MailpitProps\.workload\.startInOrder true is invalid: only with probes: true: the next pod starts once this one is ready/,
    ],
    ['variants on SQLite', { workload: MailpitWorkload.variants(variants) }, /^MailpitProps\.workload "2 variants" is invalid: variants only on MailpitDatabase\.rqlite/],
    ['one variant', { database: rqlite, workload: MailpitWorkload.variants([variants[0]]) }, /^MailpitProps\.workload\.variants .* is invalid: a list of at least two variants$/],
    ['a variant without labels', { database: rqlite, workload: twoVariants({ id: 'x', labels: {} }) }, /^MailpitProps\.workload\.variants\[1\]\.labels .* is invalid: at least one label/],
    [
      'two variants with one id',
      { database: rqlite, workload: twoVariants({ id: 'blue', labels: { slot: 'x' } }) },
      /^MailpitProps\.workload\.variants\[1\]\.id "blue" is invalid: an id no other variant has/,
    ],
    [
      'overlapping selectors',
      { database: rqlite, workload: twoVariants({ id: 'x', labels: { tier: 'x' } }) },
      /^MailpitProps\.workload\.variants\[1\]\.labels .* is invalid: labels with a value that differs from variant blue's/,
    ],
    [
      'a variant labelled app',
      { database: rqlite, workload: twoVariants({ id: 'x', labels: { app: 'x' } }) },
      /^MailpitProps\.workload\.variants\[1\]\.labels\.app "x" is invalid: set by the name prop/,
    ],
    [
      'a variant of another field',
      { database: rqlite, workload: twoVariants({ id: 'x', labels: { slot: 'x' }, replica: 2 }) },
      /^MailpitProps\.workload\.variants\[1\]\.replica \(a number\) is invalid/,
    ],
    [
      'a selector of no variant',
      { database: rqlite, workload: MailpitWorkload.variants(variants, { serviceSelector: { slot: 'red' } }) },
      /^MailpitProps\.workload\.serviceSelector .* is invalid: labels of one of the variants \(blue, green\)/,
    ],
    ['a database that is not a MailpitDatabase', { database: { kind: 'rqlite', url: rqliteUrl } as never }, /^MailpitProps\.database .* is invalid: a MailpitDatabase, such as/],
    ['a workload that is not a MailpitWorkload', { workload: { replicas: 2 } as never }, /^MailpitProps\.workload .* is invalid: a MailpitWorkload, such as/],
    [
      'an rqlite URL that lets Mailpit discover the nodes',
      { database: MailpitDatabase.rqlite('http://rqlite:4001') },
      /^MailpitProps\.database\.url "http:\/\/rqlite:4001" is invalid: an http:\/\/ or https:\/\/ URL of an rqlite cluster with disableClusterDiscovery=true/,
    ],
    [
      'an SQLite volume of two sources',
      { database: MailpitDatabase.sqlite({ emptyDir: {}, persistentVolumeClaim: { claimName: 'c' } }) },
      /^MailpitProps\.database\.volume "emptyDir, persistentVolumeClaim" is invalid: a volume source of one kind/,
    ],
    [
      'an SQLite folder that climbs out of its volume',
      { database: MailpitDatabase.sqlite({ emptyDir: {} }, { subPath: '../db' }) },
      /^MailpitProps\.database\.subPath "\.\.\/db" is invalid: a relative path inside the volume/,
    ],
    ['an SQLite file named some other way', { database: MailpitDatabase.emptyDir({ setBy: 'command' as never }) }, /^MailpitProps\.database\.setBy "command" is invalid: one of env, flag$/],
    ['a claim per pod without a size', { database: MailpitDatabase.claimPerPod({} as never), workload: MailpitWorkload.statefulSet() }, /^MailpitProps\.database\.size undefined is invalid/],
    [
      'MP_DATABASE in env, which the database prop sets',
      { env: { MP_DATABASE: '/tmp/x.db' } },
      /^MailpitProps\.env\.MP_DATABASE "\/tmp\/x\.db" is invalid: set by the prop database; use that instead/,
    ],
    [
      'MP_DISABLE_WAL in env and in the database',
      { database: MailpitDatabase.emptyDir({ disableWal: true }), env: { MP_DISABLE_WAL: 'false' } },
      /^MailpitProps\.env\.MP_DISABLE_WAL "false" is invalid: set by the database's disableWal too/,
    ],
    ['a setting in env that a typed prop sets', { env: { TZ: 'UTC', MP_LABEL: 'a' }, label: 'b' }, /^MailpitProps\.env\.MP_LABEL "a" is invalid: set by the prop label too: give it once$/],
    ['an age of part of an hour', { maxAge: Duration.minutes(90) }, /^MailpitProps\.maxAge .* is invalid: a cdk8s Duration of whole hours/],
    ['a tenant Mailpit would rename', { tenantId: 'team-a' }, /^MailpitProps\.tenantId "team-a" is invalid: a tenant id/],
    ['configChecksum without configMap', { configChecksum: false }, /^MailpitProps\.configChecksum false is invalid: only with configMap: true$/],
    [
      'metrics on the UI port',
      { metrics: 8025 },
      /^MailpitProps\.metrics 8025 is invalid: a port that no other listener of the pod uses, not 1025 \(SMTP\), 8025 \(the web UI\): the web UI listens on 8025$/,
    ],
    ['metrics on the SMTP port', { metrics: 1025 }, /^MailpitProps\.metrics 1025 is invalid: .*SMTP listens on 1025$/],
    ['metrics on the POP3 port', { metrics: 1110, pop3AuthSecret: { name: 'p', key: 'k' } }, /^MailpitProps\.metrics 1110 is invalid: .*1110 \(POP3\): POP3 listens on 1110$/],
    ['the SMTP Service on the POP3 port', { smtpService: { port: 1110 }, pop3AuthSecret: { name: 'p', key: 'k' } }, /^MailpitProps\.smtpService\.port 1110 is invalid: a port other than 1110/],
    [
      'one node port for two Services',
      { smtpService: { type: 'NodePort', nodePort: 30025 }, uiService: { type: 'NodePort', nodePort: 30025 } },
      /^MailpitProps\.uiService\.nodePort 30025 is invalid: a node port other than the SMTP Service's/,
    ],
    ['ingressTls without an Ingress', { ingress: false, ingressTls: [{ secretName: 'tls' }] }, /^MailpitProps\.ingressTls .* is invalid: not with ingress: false/],
    ['ingressAnnotations without an Ingress', { ingress: false, ingressAnnotations: { a: 'b' } }, /^MailpitProps\.ingressAnnotations .* is invalid: not with ingress: false/],
    ['ingressPathType without an Ingress', { ingress: false, ingressPathType: 'Prefix' }, /^MailpitProps\.ingressPathType "Prefix" is invalid: not with ingress: false/],
    ['ingressClassName without an Ingress', { ingress: false, ingressClassName: 'nginx' }, /^MailpitProps\.ingressClassName "nginx" is invalid: not with ingress: false/],
    ['extraHosts that nothing serves', { ingress: false, extraHosts: ['b.test'] }, /^MailpitProps\.extraHosts .* is invalid: only with an Ingress, or an HTTPRoute without hostnames/],
    [
      'a webroot Mailpit refuses',
      { webroot: '/a~b/' },
      /^MailpitProps\.webroot "\/a~b\/" is invalid: a URL path such as \/mail\/: letters, digits, '\.', '@', '_', '-' and '\/' only \(as Mailpit accepts\)/,
    ],
    [
      'a Prefix path ingress-nginx denies',
      { webroot: '/v1.0/', ingressPathType: 'Prefix' },
      /^MailpitProps\.ingressPathType "Prefix" is invalid: ImplementationSpecific, the default for this webroot: ingress-nginx .* denies a Prefix path such as \/v1\.0/,
    ],
    [
      'a name too long for its separate Service',
      { name: `m${'a'.repeat(58)}`, smtpService: {} },
      /^MailpitProps\.name "ma+" is invalid: at most 58 characters here: its separate Service ma+-smtp would pass 63 characters$/,
    ],
    [
      'a name too long for a StatefulSet',
      { name: `m${'a'.repeat(52)}`, database: claimPerPod, workload: MailpitWorkload.statefulSet() },
      /^MailpitProps\.name "ma+" is invalid: at most 52 characters here: a StatefulSet of a longer name never starts its pods/,
    ],
    [
      'a name too long for pods started in order',
      { name: `m${'a'.repeat(52)}`, database: rqlite, workload: MailpitWorkload.statefulSet({ replicas: 2, startInOrder: true }), probes: true },
      /^MailpitProps\.name "ma+" is invalid: at most 52 characters here: a StatefulSet/,
    ],
    [
      'a Prefix path ingress-nginx denies, with its class',
      { webroot: '/v1.0/', ingressPathType: 'Exact', ingressClassName: 'nginx' },
      /^MailpitProps\.ingressPathType "Exact" is invalid: ImplementationSpecific/,
    ],
    // What the API server checks on the whole pod, the raw props included.
    [
      'an extra volume named like one the construct makes',
      { writableTmp: true, extraVolumes: [{ name: 'tmp', emptyDir: {} }] },
      /^MailpitProps\.extraVolumes\[0\]\.name "tmp" is invalid: a name that no other volume of the pod has, not tmp$/,
    ],
    [
      'two extra volumes of one name',
      {
        extraVolumes: [
          { name: 'ca', emptyDir: {} },
          { name: 'ca', emptyDir: {} },
        ],
      },
      /^MailpitProps\.extraVolumes\[1\]\.name "ca" is invalid: a name that no other volume/,
    ],
    ['an extra volume of an invalid name', { extraVolumes: [{ name: 'My_Volume', emptyDir: {} }] }, /^MailpitProps\.extraVolumes\[0\]\.name "My_Volume" is invalid: a volume name, a DNS-1123 label/],
    [
      'an extra volume of two sources',
      { extraVolumes: [{ name: 'ca', emptyDir: {}, configMap: { name: 'ca' } }] },
      /^MailpitProps\.extraVolumes\[0\] "emptyDir, configMap" is invalid: a Volume of one source/,
    ],
    [
      'an extra volume that nothing mounts',
      { extraVolumes: [{ name: 'ca', configMap: { name: 'ca' } }] },
      /^MailpitProps\.extraVolumes\[0\] "ca" is invalid: a volume that extraVolumeMounts or an init container mounts: nothing mounts it$/,
    ],
    [
      'a mount of no volume',
      { extraVolumeMounts: [{ name: 'ghost', mountPath: '/g' }] },
      /^MailpitProps\.extraVolumeMounts\[0\]\.name "ghost" is invalid: the name of a volume of the pod: it has none$/,
    ],
    [
      "a mount on /tmp beside the construct's",
      { writableTmp: true, extraVolumes: [{ name: 'scratch', emptyDir: {} }], extraVolumeMounts: [{ name: 'scratch', mountPath: '/tmp' }] },
      /^MailpitProps\.extraVolumeMounts\[0\]\.mountPath "\/tmp" is invalid: a path that no other mount of the container uses, not \/tmp$/,
    ],
    [
      'a mount that climbs out of its volume',
      { extraVolumes: [{ name: 'ca', emptyDir: {} }], extraVolumeMounts: [{ name: 'ca', mountPath: '/ca', subPath: '../etc' }] },
      /^MailpitProps\.extraVolumeMounts\[0\]\.subPath "\.\.\/etc" is invalid/,
    ],
    [
      'an init container named mailpit',
      { initContainers: [{ name: 'mailpit' }] },
      /^MailpitProps\.initContainers\[0\]\.name "mailpit" is invalid: a name that no other container of the pod has, not mailpit$/,
    ],
    ['an init container without a name', { initContainers: [{} as never] }, /^MailpitProps\.initContainers\[0\]\.name undefined is invalid: a container name, a DNS-1123 label/],
    [
      'an init container mounting no volume',
      { initContainers: [{ name: 'init', volumeMounts: [{ name: 'maildir', mountPath: '/m' }] }] },
      /^MailpitProps\.initContainers\[0\]\.volumeMounts\[0\]\.name "maildir" is invalid: the name of a volume of the pod/,
    ],
  ] as [string, MailpitProps, RegExp][])('Mailpit refuses %s', (_, props, message) => {
    expect(() => synthChart((chart) => new Mailpit(chart, 'm', props))).toThrow(message);
  });

  it('Mailpit takes every webroot character Mailpit accepts, and gives the Ingress a path type ingress-nginx admits', () => {
    const ingress = (props: MailpitProps) =>
      only(
        synthChart((chart) => new Mailpit(chart, 'm', props)),
        'Ingress',
      ).spec.rules[0].http.paths[0];
    expect(ingress({ webroot: '/team_a-1/mail/' })).toMatchObject({ path: '/team_a-1/mail', pathType: 'Prefix' });
    expect(ingress({ webroot: '/v1.0/' })).toMatchObject({ path: '/v1.0', pathType: 'ImplementationSpecific' });
    expect(ingress({ webroot: 'me@host' })).toMatchObject({ path: '/me@host', pathType: 'ImplementationSpecific' });
    expect(ingress({ webroot: '/v1.0/', ingressPathType: 'ImplementationSpecific' })).toMatchObject({ pathType: 'ImplementationSpecific' });
    expect(ingress({ webroot: '/mail', ingressPathType: 'Exact' })).toMatchObject({ path: '/mail', pathType: 'Exact' });
    // Another controller takes what ingress-nginx denies.
    expect(ingress({ webroot: '/v1.0/', ingressPathType: 'Prefix', ingressClassName: 'traefik' })).toMatchObject({ path: '/v1.0', pathType: 'Prefix' });
    // The longest names that still fit.
    expect(() => synthChart((chart) => new Mailpit(chart, 'm', { name: `m${'a'.repeat(57)}`, smtpService: {} }))).not.toThrow();
    expect(() => synthChart((chart) => new Mailpit(chart, 'm', { name: `m${'a'.repeat(51)}`, database: claimPerPod, workload: MailpitWorkload.statefulSet() }))).not.toThrow();
  });

  it('takes raw pod props that the API server takes: a claim template is a volume, a mount may sit under another', () => {
    const objects = synthChart(
      (chart) =>
        new Mailpit(chart, 'm', {
          database: claimPerPod,
          workload: MailpitWorkload.statefulSet(),
          writableTmp: true,
          extraVolumes: [{ name: 'cache', emptyDir: {} }],
          extraVolumeMounts: [{ name: 'cache', mountPath: '/tmp/cache' }],
          initContainers: [{ name: 'prepare', volumeMounts: [{ name: 'maildir', mountPath: '/maildir' }] }],
        }),
    );
    expect(container(objects, 'mailpit').volumeMounts).toEqual([
      { name: 'maildir', mountPath: '/maildir' },
      { name: 'tmp', mountPath: '/tmp' },
      { name: 'cache', mountPath: '/tmp/cache' },
    ]);
    expect(linkProblems(objects)).toEqual([]);
  });

  it("a stage's and a class's errors from the building block name their own props", () => {
    const stage = errorOf(() => synthChart((chart) => new MailpitHardened(chart, 'm', { metrics: 8025 })));
    expect(stage).toBeInstanceOf(InvalidOptionError);
    expect(stage.message).toMatch(/^MailpitHardenedProps\.metrics 8025 is invalid: a port that no other listener/);
    expect(stage.path).toEqual(['metrics']);
    const renamed = errorOf(() =>
      synthChart((chart) => new MailpitHardened(chart, 'm', { storageSubPath: 'db', persistence: true, webroot: '/a', ingressPathType: 'Prefix', name: `m${'a'.repeat(60)}`, smtpService: {} })),
    );
    expect(renamed.message).toMatch(/^MailpitHardenedProps\.name "ma+" is invalid: at most 58 characters/);
    const raw = errorOf(() => synthChart((chart) => new MailpitHardened(chart, 'm', { extraVolumes: [{ name: 'tmp', emptyDir: {} }] })));
    expect(raw.message).toMatch(/^MailpitHardenedProps\.extraVolumes\[0\]\.name "tmp" is invalid: a name that no other volume of the pod has, not maildir, tmp$/);
    const inClass = errorOf(() => synthClassroom({ students: ['ann'], stage: 'hardened', stageProps: { metrics: 1025 } }));
    expect(inClass.message).toMatch(/^ClassroomProps\.stageProps\.metrics 1025 is invalid: .*SMTP listens on 1025$/);
    expect(inClass.path).toEqual(['stageProps', 'metrics']);
  });

  it("Mailpit's namespace is its prop's, else its Chart's, as Rqlite's is", () => {
    const inChart = (props: MailpitProps, namespace?: string) => new Mailpit(newChart(namespace), 'm', props).namespace;
    expect(inChart({}, 'team')).toBe('team');
    expect(inChart({ namespace: 'own' }, 'team')).toBe('own');
    expect(inChart({})).toBeUndefined();
  });

  it('Mailpit turns on a writable /tmp by itself when the root filesystem is read-only', () => {
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { securityContext: { readOnlyRootFilesystem: true } }));
    expect(podSpec(objects).volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });
});

describe('bad props fail at construction with the prop, the value and what is allowed', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['name', () => synthChart((c) => new MailpitBaseline(c, 'm', { name: '1mail' })), /^MailpitBaselineProps\.name "1mail" is invalid: a DNS-1035 label/],
    ['host', () => synthChart((c) => new MailpitBaseline(c, 'm', { host: 'Mail' })), /^MailpitBaselineProps\.host "Mail" is invalid/],
    ['image', () => synthChart((c) => new MailpitBaseline(c, 'm', { image: ' ' })), /^MailpitBaselineProps\.image " " is invalid/],
    ['ingressClassName', () => synthChart((c) => new MailpitBaseline(c, 'm', { ingressClassName: 'A' })), /^MailpitBaselineProps\.ingressClassName "A"/],
    ['webroot', () => synthChart((c) => new Mailpit(c, 'm', { webroot: '/a b' })), /^MailpitProps\.webroot "\/a b" is invalid/],
    ['webroot with ..', () => synthChart((c) => new Mailpit(c, 'm', { webroot: '/a/../b' })), /^MailpitProps\.webroot "\/a\/..\/b" is invalid: .*no '\.' or '\.\.' segment/],
    ['runAsUser 0', () => synthChart((c) => new MailpitPvcSecure(c, 'm', { runAsUser: 0 })), /^MailpitPvcSecureProps\.runAsUser 0 is invalid: .*0 is root/],
    ['size as text', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { size: 'ten' as never } })), /^MailpitPvcProps\.storage\.size "ten" is invalid: a cdk8s Size/],
    ['zero size', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { size: Size.mebibytes(0) } })), /^MailpitPvcProps\.storage\.size "0Mi" is invalid: a cdk8s Size above 0/],
    ['hostPath', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { hostPath: 'tmp/x' } })), /^MailpitPvcProps\.storage\.hostPath "tmp\/x"/],
    ['volumeName', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { volumeName: 'PV' } })), /^MailpitPvcProps\.storage\.volumeName "PV"/],
    ['the storage of LabPersistentVolume itself', () => synthChart((c) => new LabPersistentVolume(c, 'v', { volumeName: 'PV' })), /^LabPersistentVolumeProps\.volumeName "PV"/],
    ['nfs with storage', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: {}, nfs: { server: 'nfs', path: '/' } })), /^MailpitPvcProps\.nfs .* either nfs or storage/],
    ['nfs path', () => synthChart((c) => new MailpitPvc(c, 'm', { nfs: { server: 'nfs', path: 'export' } })), /^MailpitPvcProps\.nfs\.path "export"/],
    // An error of a building block names the prop as the caller wrote it, from the caller's construct.
    [
      'reserveForClaim without a namespace',
      () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { reserveForClaim: true } })),
      /^MailpitPvcProps\.storage\.reserveForClaim true is invalid: needs the claim's namespace: set MailpitPvcProps\.namespace,/,
    ],
    [
      'reserveForClaim of LabPersistentVolume itself',
      () => synthChart((c) => new LabPersistentVolume(c, 'v', { reserveForClaim: true })),
      /^LabPersistentVolumeProps\.reserveForClaim true is invalid: needs the claim's namespace: set LabPersistentVolumeProps\.namespace,/,
    ],
  ];

  it.each(cases)('%s', (_, build, message) => {
    let error: unknown;
    try {
      build();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the library refuses what the command line refuses: a prop its stage does not use', () => {
  const refuse = (build: () => unknown, message: RegExp) => {
    expect(build).toThrow(InvalidOptionError);
    expect(build).toThrow(message);
  };

  it.each([
    [
      'runAsUser on baseline',
      () => new MailpitBaseline(newChart(), 'm', { runAsUser: 4242 } as never),
      /^MailpitBaselineProps\.runAsUser \(a number\) is invalid: not used by stage baseline; it applies to stage pvc-secure or hardened or ha$/,
    ],
    [
      'webroot on pvc',
      () => new MailpitPvc(newChart(), 'm', { webroot: '/mail' } as never),
      /^MailpitPvcProps\.webroot \(a string\) is invalid: not used by stage pvc; it applies to stage hardened or ha$/,
    ],
    ['storage on hardened', () => new MailpitHardened(newChart(), 'm', { storage: {} } as never), /^MailpitHardenedProps\.storage \(an object\) is invalid: not used by stage hardened/],
    [
      'a prop no stage has',
      () => new MailpitPvcSecure(newChart(), 'm', { replica: 2 } as never),
      /^MailpitPvcSecureProps\.replica \(a number\) is invalid: not a prop of any stage; stage pvc-secure takes namespace, name, image/,
    ],
    ['a prop of the building block', () => new Mailpit(newChart(), 'm', { runAsUser: 1 } as never), /^MailpitProps\.runAsUser \(a number\) is invalid: not a prop here; the props are namespace, name/],
  ])('%s', (_, build, message) => refuse(build, message));

  it('never prints the value of a prop nobody declared: it may be a misspelt password', () => {
    for (const build of [
      () => new Mailpit(newChart(), 'm', { uiAuthPassword: 'hunter2' } as never),
      () => new MailpitHardened(newChart(), 'm', { uiAuthPasword: 'hunter2' } as never),
      () => new MailpitHardened(newChart(), 'm', { uiAuthSecret: { name: 'ui', key: 'htpasswd', password: 'hunter2' } as never }),
      () => new Classroom(newChart(), 'c', { students: ['a'], uiAuthPassword: 'hunter2' } as never),
    ]) {
      const error = errorOf(build);
      expect(error.message).not.toContain('hunter2');
      expect(error.message).toMatch(/\(a string\) is invalid/);
    }
  });

  it.each([
    [
      'MP_WEBROOT, which webroot sets',
      () => new MailpitHardened(newChart(), 'm', { env: { MP_WEBROOT: '/x/' } }),
      /^MailpitHardenedProps\.env\.MP_WEBROOT "\/x\/" is invalid: set by the prop webroot; use that instead$/,
    ],
    [
      'MP_UI_AUTH_FILE, which uiAuthSecret sets',
      () => new Mailpit(newChart(), 'm', { env: { MP_UI_AUTH_FILE: '/f' } }),
      /^MailpitProps\.env\.MP_UI_AUTH_FILE "\/f" is invalid: set by the prop uiAuthSecret/,
    ],
    [
      'MP_DATABASE, which the stage sets',
      () => new MailpitHardened(newChart(), 'm', { env: { MP_DATABASE: '/tmp/x.db' } }),
      /^MailpitHardenedProps\.env\.MP_DATABASE "\/tmp\/x\.db" is invalid: set by the stage/,
    ],
    [
      'MP_DISABLE_WAL, which nfs sets',
      () => new MailpitPvc(newChart(), 'm', { nfs: { server: 'nfs', path: '/' }, env: { MP_DISABLE_WAL: 'false' } }),
      /^MailpitPvcProps\.env\.MP_DISABLE_WAL "false" is invalid: set to true by nfs/,
    ],
    [
      'a namespace of its own for the claim',
      () => new MailpitPvc(newChart(), 'm', { namespace: 'a', storage: { namespace: 'b' } as never }),
      /^MailpitPvcProps\.storage\.namespace \(a string\) is invalid: an object of LabPersistentVolume props/,
    ],
    // Each message names a way that works on that stage, or the stages that have one.
    [
      'MP_WEBROOT on a stage without webroot',
      () => new MailpitBaseline(newChart(), 'm', { env: { MP_WEBROOT: '/x/' } }),
      /^MailpitBaselineProps\.env\.MP_WEBROOT "\/x\/" is invalid: not on stage baseline, whose Services, probes and mounts are written without it; the prop webroot sets it on stage hardened or ha$/,
    ],
    [
      'MP_UI_AUTH_FILE on a stage without uiAuthSecret',
      () => new MailpitPvc(newChart(), 'm', { env: { MP_UI_AUTH_FILE: '/f' } }),
      /^MailpitPvcProps\.env\.MP_UI_AUTH_FILE "\/f" is invalid: not on stage pvc, .*the prop uiAuthSecret sets it on stage config or hardened or ha$/,
    ],
    [
      'MP_DATABASE on a lab stage',
      () => new MailpitPvc(newChart(), 'm', { env: { MP_DATABASE: 'http://rqlite:4001' } }),
      /^MailpitPvcProps\.env\.MP_DATABASE .* is invalid: set by the stage, which keeps the database on \/maildir, the lab's claim, with --db-file/,
    ],
    [
      'MP_DATABASE on ha',
      () => new MailpitHA(newChart(), 'm', { env: { MP_DATABASE: 'http://other:4001' } }),
      /^MailpitHAProps\.env\.MP_DATABASE .* is invalid: set by the stage, which keeps the database in rqlite: rqlite\.url names another cluster$/,
    ],
    ...['MP_UI_BIND_ADDR', 'MP_SMTP_BIND_ADDR', 'MP_POP3_BIND_ADDR'].flatMap((variable): [string, () => unknown, RegExp][] => [
      [
        `${variable}, which moves a listener`,
        () => new MailpitBaseline(newChart(), 'm', { env: { [variable]: '0.0.0.0:9000' } }),
        new RegExp(`^MailpitBaselineProps\\.env\\.${variable} "0\\.0\\.0\\.0:9000" is invalid: refused: the ports, probes and Services are written for Mailpit's own listeners`),
      ],
      [
        `${variable} in the building block`,
        () => new Mailpit(newChart(), 'm', { env: { [variable]: '[::]:1' } }),
        new RegExp(`^MailpitProps\\.env\\.${variable} .* is invalid: refused: the ports, probes and Services`),
      ],
    ]),
  ])('refuses in env or storage %s, rather than writing it twice or splitting the pod from its claim', (_, build, message) => refuse(build, message));

  it.each([
    ['MP_MAX_AGE', '7x', /a whole number of hours or days such as 24h or 7d, as Mailpit requires at start$/],
    ['MP_MAX_AGE', '7D', /a whole number of hours or days/],
    ['MP_COMPRESSION', '4', /a compression level from 0 to 3/],
    ['MP_MAX_MESSAGES', 'abc', /a whole number such as 500: Mailpit reads text that is not one as 0$/],
    ['MP_SMTP_MAX_RECIPIENTS', '1.5', /a whole number such as 500/],
    ['MP_VERBOSE', 'on', /true, 1 or yes to turn it on, false, 0 or no to leave it off: Mailpit reads any other text as off$/],
    ['MP_WEBHOOK_URL', 'example.org/hook', /an http:\/\/ or https:\/\/ URL/],
    ['MP_TENANT_ID', '1team', /a tenant that does not start with a digit/],
    ['MP_TENANT_ID', 'sqlite', /a tenant that does not start with sqlite .*SQLite reserves the names that start with sqlite_$/],
    ['MP_TENANT_ID', 'SQLite-x', /a tenant that does not start with sqlite/],
  ])('refuses env %s=%s, which Mailpit would refuse at start or misread, on any stage and in the building block', (variable, value, allowed) => {
    refuse(() => new MailpitBaseline(newChart(), 'm', { env: { [variable]: value } }), new RegExp(`^MailpitBaselineProps\\.env\\.${variable} "${value}" is invalid: ${allowed.source}`));
    refuse(() => new Mailpit(newChart(), 'm', { env: { [variable]: value } }), new RegExp(`^MailpitProps\\.env\\.${variable} "${value}" is invalid: ${allowed.source}`));
  });

  it('takes the values Mailpit takes', () => {
    const env = {
      MP_MAX_AGE: '36h',
      MP_COMPRESSION: '0',
      MP_MAX_MESSAGES: '-1',
      MP_VERBOSE: 'YES',
      MP_DISABLE_WAL: 'false',
      MP_WEBHOOK_URL: 'https://hooks.example.org/mail',
      MP_TENANT_ID: 'sqlitex',
    };
    expect(
      container(
        synthChart((c) => new MailpitBaseline(c, 'm', { env })),
        'mailpit',
      ).env,
    ).toEqual(Object.entries(env).map(([name, value]) => ({ name, value })));
  });

  it('takes MP_DISABLE_WAL without nfs, and in the building block a setting whose prop is not set', () => {
    expect(
      container(
        synthChart((c) => new MailpitPvc(c, 'm', { env: { MP_DISABLE_WAL: 'true' } })),
        'mailpit',
      ).env,
    ).toEqual([{ name: 'MP_DISABLE_WAL', value: 'true' }]);
    expect(
      container(
        synthChart((c) => new Mailpit(c, 'm', { env: { MP_DISABLE_WAL: 'true', MP_LABEL: 'qa' } })),
        'mailpit',
      ).env,
    ).toEqual([
      { name: 'MP_DISABLE_WAL', value: 'true' },
      { name: 'MP_LABEL', value: 'qa' },
    ]);
  });

  it.each([
    ['host: 123', () => new MailpitBaseline(newChart(), 'm', { host: 123 as never }), /^MailpitBaselineProps\.host 123 is invalid: a DNS host name/],
    ['namespace: null', () => new MailpitPvc(newChart(), 'm', { namespace: null as never }), /^MailpitPvcProps\.namespace null is invalid: a DNS-1123 label/],
    ["students: 'a,b'", () => new Classroom(newChart(), 'c', { students: 'a,b' as never }), /^ClassroomProps\.students "a,b" is invalid: a list of student ids$/],
    [
      "stage: 'bogus'",
      () => new Classroom(newChart(), 'c', { students: ['a'], stage: 'bogus' as never }),
      /^ClassroomProps\.stage "bogus" is invalid: one of baseline, pvc, pvc-secure, config, statefulset, canary, blue-green, hardened, ha$/,
    ],
    ['runAsUser: 10n', () => new MailpitHardened(newChart(), 'm', { runAsUser: 10n as never }), /^MailpitHardenedProps\.runAsUser 10n is invalid: a whole number/],
    ["image: ['x']", () => new MailpitBaseline(newChart(), 'm', { image: ['x'] as never }), /^MailpitBaselineProps\.image \["x"\] is invalid: a non-empty image reference/],
    [
      "ingressAnnotations: ['x'], a list for an object, which would be the annotation 0: x",
      () => new MailpitHardened(newChart(), 'm', { ingressAnnotations: ['x'] as never }),
      /^MailpitHardenedProps\.ingressAnnotations \["x"\] is invalid: an object of annotations/,
    ],
    [
      'smtpService: [], which would be a Service of defaults',
      () => new MailpitHardened(newChart(), 'm', { smtpService: [] as never }),
      /^MailpitHardenedProps\.smtpService \[\] is invalid: an object \{ type, port/,
    ],
    ["env: ['A']", () => new MailpitBaseline(newChart(), 'm', { env: ['A'] as never }), /^MailpitBaselineProps\.env \["A"\] is invalid: an object of environment variables/],
    [
      'resources.cpu: [], deep inside',
      () => new MailpitHardened(newChart(), 'm', { resources: { cpu: [] as never } }),
      /^MailpitHardenedProps\.resources\.cpu \[\] is invalid: an object with a Cpu request and limit/,
    ],
    [
      "imagePullPolicy: 'bogus'",
      () => new MailpitBaseline(newChart(), 'm', { imagePullPolicy: 'bogus' as never }),
      /^MailpitBaselineProps\.imagePullPolicy "bogus" is invalid: one of Always, IfNotPresent, Never$/,
    ],
    [
      'uiAuthSecret without key',
      () => new MailpitHardened(newChart(), 'm', { uiAuthSecret: { name: 'ui' } as never }),
      /^MailpitHardenedProps\.uiAuthSecret\.key undefined is invalid: an object \{ name, key \}/,
    ],
    ['props that are a string', () => new MailpitPvcSecure(newChart(), 'm', 'runAsUser=1' as never), /^MailpitPvcSecureProps "runAsUser=1" is invalid: an object of props$/],
    [
      "networkPolicy: 'no', which a truthiness test would take for yes",
      () => new MailpitHardened(newChart(), 'm', { networkPolicy: 'no' as never }),
      /^MailpitHardenedProps\.networkPolicy "no" is invalid: true or false$/,
    ],
  ])('refuses a wrong type from a JavaScript caller, %s, with an InvalidOptionError, not a TypeError', (_, build, message) => refuse(build, message));

  it('refuses, in a Classroom, the stage props the issue found dropped', () => {
    const build = () => new Classroom(newChart(), 'class', { students: ['a'], stage: 'baseline', stageProps: { runAsUser: 4242, networkPolicy: true } as never });
    refuse(build, /^ClassroomProps\.stageProps\.runAsUser \(a number\) is invalid: not used by stage baseline/);
  });

  it.each([
    ['namespace', { namespace: 'x' }, /^ClassroomProps\.stageProps\.namespace \(a string\) is invalid: set per student in a class/],
    ['host', { host: 'x.test' }, /^ClassroomProps\.stageProps\.host \(a string\) is invalid: set per student in a class/],
    ['storage', { storage: {} }, /^ClassroomProps\.stageProps\.storage \(an object\) is invalid: set per student in a class/],
    ['nfs', { nfs: { server: 'nfs', path: '/' } }, /^ClassroomProps\.stageProps\.nfs \(an object\) is invalid: not for a class/],
  ])('refuses, in a Classroom, the per-student prop %s', (_, stageProps, message) => {
    refuse(() => new Classroom(newChart(), 'class', { students: ['a'], stage: 'pvc', stageProps: stageProps as never }), message);
  });

  it('takes, in a Classroom, the props its stage uses', () => {
    const [file] = synthClassroom({ students: ['a'], stage: 'hardened', stageProps: { runAsUser: 4242, networkPolicy: true } });
    expect(file.objects.map((o) => o.kind)).toContain('NetworkPolicy');
    expect(only(file.objects, 'Deployment')).toHaveProperty('spec.template.spec.securityContext.runAsUser', 4242);
  });
});
