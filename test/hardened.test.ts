import { ApiObject, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, MAILPIT_RELEASE_IMAGE, MailpitHardened, type MailpitHardenedProps } from '../lib';
import { evaluatePod, highestLevel } from '../lib/check/pod-security';
import { synthStage } from '../lib/synth/render';
import { expectRelease } from './support/images';
import { container, kinds, linkProblems, only, podSpec, synthChart } from './support/manifests';
import { validateEverywhere } from './support/schemas';

const objects = synthStage('hardened');

describe('hardened, with no props', () => {
  it('is a claim, a Service, a ConfigMap, a Deployment and an Ingress; no PersistentVolume, no NetworkPolicy', () => {
    expect(kinds(objects)).toEqual(['PersistentVolumeClaim', 'Service', 'ConfigMap', 'Deployment', 'Ingress']);
  });

  it('passes Pod Security "restricted" for every container', () => {
    const deployment = only(objects, 'Deployment');
    expect(evaluatePod(deployment.spec.template)).toEqual([]);
    expect(highestLevel(evaluatePod(deployment.spec.template))).toBe('restricted');
  });

  it('runs the pod as a non-root uid/gid with RuntimeDefault seccomp, and fsGroup instead of a root chown', () => {
    const pod = podSpec(objects);
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 1000,
      fsGroup: 1000,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.initContainers).toBeUndefined();
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('locks the Mailpit container down', () => {
    expect(container(objects, 'mailpit').securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
    });
  });

  it('uses only volume types that "restricted" allows: a claim and an emptyDir /tmp', () => {
    expect(podSpec(objects).volumes).toEqual([
      { name: 'maildir', persistentVolumeClaim: { claimName: 'pvc-mailpit' } },
      { name: 'tmp', emptyDir: {} },
    ]);
    expect(container(objects, 'mailpit').volumeMounts).toEqual([
      { name: 'maildir', mountPath: '/maildir' },
      { name: 'tmp', mountPath: '/tmp' },
    ]);
  });

  it("claims 1Gi from the cluster's default StorageClass", () => {
    const claim = only(objects, 'PersistentVolumeClaim', 'pvc-mailpit');
    expect(claim.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
  });

  it('keeps the database on the claim through MP_DATABASE, in the ConfigMap the container loads, with the image entrypoint', () => {
    const c = container(objects, 'mailpit');
    expect(c.env).toBeUndefined();
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'mailpit-config' } }]);
    expect(only(objects, 'ConfigMap', 'mailpit-config').data).toEqual({ MP_DATABASE: '/maildir/mailpit.db' });
    expect(c.command).toBeUndefined();
  });

  it('rolls the pod when the ConfigMap changes: the pod template carries its hash', () => {
    const hash = (props: MailpitHardenedProps) =>
      only(
        synthChart((chart) => new MailpitHardened(chart, 'm', props)),
        'Deployment',
      ).spec.template.metadata.annotations['checksum/config'];
    expect(hash({})).toMatch(/^[0-9a-f]{64}$/);
    expect(hash({})).toBe(hash({}));
    expect(hash({ maxMessages: 2000 })).not.toBe(hash({}));
  });

  it('gives SMTP, POP3 and the UI the appProtocol a service mesh reads, and no POP3 port without POP3', () => {
    expect(only(objects, 'Service').spec.ports.map((p: any) => [p.name, p.appProtocol])).toEqual([
      ['smtp', 'tcp'],
      ['http', 'http'],
    ]);
    expect(container(objects, 'mailpit').ports.map((p: any) => p.name)).toEqual(['smtp', 'http']);
  });

  it('recreates the pod on rollout', () => {
    expect(only(objects, 'Deployment')).toHaveProperty('spec.strategy', { type: 'Recreate' });
  });

  it('probes /livez and /readyz on the UI port, with a startup probe for slow migrations', () => {
    const c = container(objects, 'mailpit');
    expect(c.startupProbe).toMatchObject({ httpGet: { path: '/livez', port: 'http' } });
    expect(c.startupProbe.periodSeconds * c.startupProbe.failureThreshold).toBeGreaterThanOrEqual(300);
    expect(c.livenessProbe).toMatchObject({ httpGet: { path: '/livez', port: 'http' } });
    expect(c.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
  });

  it('requests and limits CPU and memory', () => {
    expect(container(objects, 'mailpit').resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '500m', memory: '256Mi' },
    });
  });

  it('pins the image to a Mailpit release', () => {
    expectRelease(container(objects, 'mailpit').image, MAILPIT_RELEASE_IMAGE);
  });
});

describe('hardened, with every prop', () => {
  // Every prop but those that exclude others, which the next block takes one by one.
  type Excluded = 'uiAuthPassword' | 'existingClaim' | 'persistence' | 'smtpRequireTls' | 'smtpAuthAllowInsecure' | 'smtpAuthAcceptAny' | 'sendApiAuthAcceptAny' | 'smtpRelayAll';
  const all: Required<Omit<MailpitHardenedProps, Excluded>> = {
    namespace: 'team',
    name: 'mail',
    image: 'axllent/mailpit:v1.29.0',
    imagePullPolicy: 'Always',
    host: 'mail.example.org',
    ingressClassName: 'nginx',
    env: { TZ: 'Europe/Paris' },
    runAsUser: 2001,
    runAsGroup: 2002,
    storageClassName: 'fast-ssd',
    storageSize: Size.gibibytes(5),
    claimName: 'mail-data',
    storageAccessMode: 'ReadWriteOncePod',
    storageSubPath: 'mailpit/db',
    resources: { cpu: { request: Cpu.millis(100) }, memory: { limit: Size.mebibytes(512) } },
    networkPolicy: true,
    smtpFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }],
    uiFrom: [{ podSelector: { matchLabels: { role: 'qa' } } }],
    webroot: '/mail/',
    maxMessages: 5000,
    maxAge: Duration.days(7),
    verbose: true,
    tenantId: 'team_a',
    label: 'Staging',
    disableVersionCheck: true,
    blockRemoteCssAndFonts: true,
    smtpRequireStartTls: true,
    smtpRelayMatching: '@example\\.org$',
    uiAuthSecret: { name: 'mail-ui', key: 'users' },
    smtpAuthSecret: { name: 'mail-smtp', key: 'htpasswd' },
    sendApiAuthSecret: { name: 'mail-api', key: 'htpasswd' },
    pop3AuthSecret: { name: 'mail-pop3', key: 'htpasswd' },
    smtpRelayConfigSecret: { name: 'mail-relay', key: 'relay.yaml' },
    uiTlsSecret: 'mail-ui-tls',
    smtpTlsSecret: 'mail-smtp-tls',
    pop3TlsSecret: 'mail-pop3-tls',
    metrics: 9090,
    serviceAnnotations: { 'example.org/team': 'a' },
    appProtocol: true,
    smtpService: {
      type: 'LoadBalancer',
      port: 25,
      loadBalancerIP: '203.0.113.10',
      loadBalancerSourceRanges: ['10.0.0.0/8'],
      externalTrafficPolicy: 'Local',
      annotations: { 'lb.example.org/internal': 'false' },
    },
    ingress: true,
    ingressTls: [{ secretName: 'mail-web-tls' }],
    ingressAnnotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    extraHosts: ['mailpit.example.org'],
    ingressPathType: 'ImplementationSpecific',
    httpRoute: { parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }] },
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'mail', effect: 'NoSchedule' }],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'mail' } } }],
    priorityClassName: 'staging',
    podAnnotations: { 'example.org/owner': 'qa' },
    podLabels: { team: 'a' },
    imagePullSecrets: ['registry'],
    serviceAccountName: 'mailpit',
    terminationGracePeriodSeconds: 10,
    extraVolumes: [{ name: 'tags', configMap: { name: 'mail-tags' } }],
    extraVolumeMounts: [{ name: 'tags', mountPath: '/etc/tags', readOnly: true }],
    envFrom: { secrets: ['relay-credentials'], configMaps: ['more-settings'] },
    uiService: { type: 'NodePort', port: 80, nodePort: 30080, externalTrafficPolicy: 'Local' },
    revisionHistoryLimit: 3,
    enableServiceLinks: false,
    commonLabels: { 'example.org/cost-center': 'cc-42' },
    commonAnnotations: { 'example.org/contact': 'qa@example.org', 'cert-manager.io/cluster-issuer': 'not-this-one' },
  };
  const result = synthChart((chart) => new MailpitHardened(chart, 'm', all), 'ignored');
  const pod = podSpec(result);
  const c = container(result, 'mailpit');
  const settings = only(result, 'ConfigMap', 'mail-config').data;

  it('stays restricted, links, and validates against Kubernetes 1.27, the newest schema and the Gateway API', () => {
    expect(evaluatePod(only(result, 'Deployment').spec.template)).toEqual([]);
    expect(linkProblems(result, { configMaps: ['more-settings', 'mail-tags'] })).toEqual([]);
    result.forEach(validateEverywhere);
    expect(result.every((o) => o.metadata.namespace === 'team')).toBe(true);
  });

  it("writes Mailpit's settings into the ConfigMap, typed props as Mailpit reads them", () => {
    expect(settings).toEqual({
      TZ: 'Europe/Paris',
      MP_DATABASE: '/maildir/mailpit.db',
      MP_MAX_MESSAGES: '5000',
      MP_MAX_AGE: '7d',
      MP_VERBOSE: 'true',
      MP_TENANT_ID: 'team_a',
      MP_LABEL: 'Staging',
      MP_DISABLE_VERSION_CHECK: 'true',
      MP_BLOCK_REMOTE_CSS_AND_FONTS: 'true',
      MP_SMTP_REQUIRE_STARTTLS: 'true',
      MP_SMTP_RELAY_MATCHING: '@example\\.org$',
      MP_WEBROOT: '/mail/',
      MP_UI_AUTH_FILE: '/etc/mailpit/ui-auth',
      MP_SMTP_AUTH_FILE: '/etc/mailpit/smtp-auth',
      MP_SEND_API_AUTH_FILE: '/etc/mailpit/send-api-auth',
      MP_POP3_AUTH_FILE: '/etc/mailpit/pop3-auth',
      MP_SMTP_RELAY_CONFIG: '/etc/mailpit/smtp-relay.yaml',
      MP_UI_TLS_CERT: '/etc/mailpit/ui-tls.crt',
      MP_UI_TLS_KEY: '/etc/mailpit/ui-tls.key',
      MP_SMTP_TLS_CERT: '/etc/mailpit/smtp-tls.crt',
      MP_SMTP_TLS_KEY: '/etc/mailpit/smtp-tls.key',
      MP_POP3_TLS_CERT: '/etc/mailpit/pop3-tls.crt',
      MP_POP3_TLS_KEY: '/etc/mailpit/pop3-tls.key',
      MP_ENABLE_PROMETHEUS: '0.0.0.0:9090',
    });
    expect(c.env).toBeUndefined();
    expect(c.envFrom).toEqual([{ configMapRef: { name: 'mail-config' } }, { configMapRef: { name: 'more-settings' } }, { secretRef: { name: 'relay-credentials' } }]);
  });

  it('mounts every Secret by name, read-only, in one projected volume: no Secret content, no Secret object', () => {
    expect(pod.volumes).toContainEqual({
      name: 'mailpit-secrets',
      projected: {
        sources: [
          { secret: { name: 'mail-ui', items: [{ key: 'users', path: 'ui-auth' }] } },
          { secret: { name: 'mail-smtp', items: [{ key: 'htpasswd', path: 'smtp-auth' }] } },
          { secret: { name: 'mail-api', items: [{ key: 'htpasswd', path: 'send-api-auth' }] } },
          { secret: { name: 'mail-pop3', items: [{ key: 'htpasswd', path: 'pop3-auth' }] } },
          { secret: { name: 'mail-relay', items: [{ key: 'relay.yaml', path: 'smtp-relay.yaml' }] } },
          {
            secret: {
              name: 'mail-ui-tls',
              items: [
                { key: 'tls.crt', path: 'ui-tls.crt' },
                { key: 'tls.key', path: 'ui-tls.key' },
              ],
            },
          },
          {
            secret: {
              name: 'mail-smtp-tls',
              items: [
                { key: 'tls.crt', path: 'smtp-tls.crt' },
                { key: 'tls.key', path: 'smtp-tls.key' },
              ],
            },
          },
          {
            secret: {
              name: 'mail-pop3-tls',
              items: [
                { key: 'tls.crt', path: 'pop3-tls.crt' },
                { key: 'tls.key', path: 'pop3-tls.key' },
              ],
            },
          },
        ],
      },
    });
    expect(c.volumeMounts).toContainEqual({ name: 'mailpit-secrets', mountPath: '/etc/mailpit', readOnly: true });
    expect(result.some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('probes over HTTPS when the UI has TLS, and opens POP3 and the metrics port', () => {
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe]) {
      expect(probe.httpGet).toMatchObject({ port: 'http', scheme: 'HTTPS' });
    }
    expect(c.livenessProbe.httpGet.path).toBe('/mail/livez');
    expect(c.readinessProbe.httpGet.path).toBe('/mail/readyz');
    expect(c.ports).toEqual([
      { name: 'smtp', containerPort: 1025 },
      { name: 'http', containerPort: 8025 },
      { name: 'pop3', containerPort: 1110 },
      { name: 'metrics', containerPort: 9090 },
    ]);
    expect(only(result, 'Deployment').spec.template.metadata.annotations).toMatchObject({
      'example.org/owner': 'qa',
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9090',
      'prometheus.io/path': '/metrics',
    });
  });

  it('exposes SMTP and POP3 on a LoadBalancer of their own, and everything on the internal Service', () => {
    expect(only(result, 'Service', 'mail')).toMatchObject({
      metadata: { annotations: { 'example.org/team': 'a' } },
      spec: {
        ports: [
          { name: 'smtp', port: 1025, targetPort: 'smtp', appProtocol: 'tcp' },
          { name: 'http', port: 8025, targetPort: 'http', appProtocol: 'https' },
          { name: 'pop3', port: 1110, targetPort: 'pop3', appProtocol: 'tcp' },
          { name: 'metrics', port: 9090, targetPort: 'metrics', appProtocol: 'http' },
        ],
      },
    });
    expect(only(result, 'Service', 'mail-smtp')).toMatchObject({
      metadata: { annotations: { 'example.org/team': 'a', 'lb.example.org/internal': 'false' } },
      spec: {
        type: 'LoadBalancer',
        loadBalancerIP: '203.0.113.10',
        loadBalancerSourceRanges: ['10.0.0.0/8'],
        externalTrafficPolicy: 'Local',
        selector: { app: 'mail' },
        ports: [
          { name: 'smtp', port: 25, targetPort: 'smtp', appProtocol: 'tcp' },
          { name: 'pop3', port: 1110, targetPort: 'pop3', appProtocol: 'tcp' },
        ],
      },
    });
  });

  it('serves the UI on a Service of its own too, such as a NodePort on port 80', () => {
    expect(only(result, 'Service', 'mail-http').spec).toEqual({
      type: 'NodePort',
      externalTrafficPolicy: 'Local',
      selector: { app: 'mail' },
      ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080, appProtocol: 'https' }],
    });
  });

  it('labels and annotates every object, under its own labels and annotations, and leaves the pod template to podLabels', () => {
    for (const object of result) {
      expect(object.metadata.labels, `${object.kind}/${object.metadata.name}`).toMatchObject({ 'example.org/cost-center': 'cc-42' });
      expect(object.metadata.annotations, `${object.kind}/${object.metadata.name}`).toMatchObject({ 'example.org/contact': 'qa@example.org' });
    }
    expect(only(result, 'Deployment').spec.template.metadata.labels).toEqual({ team: 'a', app: 'mail' });
    expect(only(result, 'Deployment').spec).toMatchObject({ revisionHistoryLimit: 3, template: { spec: { enableServiceLinks: false } } });
  });

  it('serves the UI through the Ingress, with TLS on every host, and through an HTTPRoute', () => {
    const ingress = only(result, 'Ingress', 'mail');
    expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt', 'example.org/contact': 'qa@example.org' });
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ secretName: 'mail-web-tls', hosts: ['mail.example.org', 'mailpit.example.org'] }]);
    expect(ingress.spec.rules.map((r: any) => r.host)).toEqual(['mail.example.org', 'mailpit.example.org']);
    expect(ingress.spec.rules[1].http.paths).toEqual([{ path: '/mail', pathType: 'ImplementationSpecific', backend: { service: { name: 'mail', port: { name: 'http' } } } }]);
    expect(only(result, 'HTTPRoute', 'mail').spec).toEqual({
      parentRefs: [{ name: 'public', namespace: 'gateways', sectionName: 'https' }],
      hostnames: ['mail.example.org', 'mailpit.example.org'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/mail' } }], backendRefs: [{ name: 'mail', port: 8025 }] }],
    });
  });

  it('schedules and identifies the pod as told', () => {
    expect(pod).toMatchObject({
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: all.tolerations,
      affinity: all.affinity,
      topologySpreadConstraints: all.topologySpreadConstraints,
      priorityClassName: 'staging',
      imagePullSecrets: [{ name: 'registry' }],
      serviceAccountName: 'mailpit',
      automountServiceAccountToken: false,
      terminationGracePeriodSeconds: 10,
    });
    expect(only(result, 'Deployment').spec.template.metadata.labels).toEqual({ team: 'a', app: 'mail' });
    expect(only(result, 'Deployment').spec.selector.matchLabels).toEqual({ app: 'mail' });
    expect(pod.volumes).toContainEqual({ name: 'tags', configMap: { name: 'mail-tags' } });
    expect(c.volumeMounts).toContainEqual({ name: 'tags', mountPath: '/etc/tags', readOnly: true });
    expect(c.volumeMounts).toContainEqual({ name: 'maildir', mountPath: '/maildir', subPath: 'mailpit/db' });
    expect(pod.securityContext).toMatchObject({ runAsUser: 2001, runAsGroup: 2002, fsGroup: 2002 });
    expect(c).toMatchObject({ image: 'axllent/mailpit:v1.29.0', imagePullPolicy: 'Always' });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
  });

  it('claims its storage as told', () => {
    expect(only(result, 'PersistentVolumeClaim', 'mail-data').spec).toEqual({
      accessModes: ['ReadWriteOncePod'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '5Gi' } },
    });
  });

  it('admits SMTP and POP3 from one namespace, the UI and metrics from chosen pods', () => {
    expect(only(result, 'NetworkPolicy', 'mail').spec.ingress).toEqual([
      {
        from: all.smtpFrom,
        ports: [
          { protocol: 'TCP', port: 1025 },
          { protocol: 'TCP', port: 1110 },
        ],
      },
      {
        from: all.uiFrom,
        ports: [
          { protocol: 'TCP', port: 8025 },
          { protocol: 'TCP', port: 9090 },
        ],
      },
    ]);
  });

  it("orders storage and the NetworkPolicy before the pod, in a library user's own chart.toJson() too", () => {
    const chart = new Chart(Testing.app(), 'own', { disableResourceNameHashes: true });
    new MailpitHardened(chart, 'm', { networkPolicy: true });
    const order = ['PersistentVolumeClaim', 'NetworkPolicy', 'Service', 'ConfigMap', 'Deployment', 'Ingress'];
    expect(chart.toJson().map((o: any) => o.kind)).toEqual(order);
    expect(kinds(result)).toEqual(['PersistentVolumeClaim', 'NetworkPolicy', 'Service', 'Service', 'Service', 'ConfigMap', 'Deployment', 'Ingress', 'HTTPRoute']);
  });

  it('admits only its ports, from any source, without smtpFrom or uiFrom', () => {
    const policy = only(
      synthChart((chart) => new MailpitHardened(chart, 'm', { networkPolicy: true })),
      'NetworkPolicy',
    );
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'mailpit' } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          ports: [
            { protocol: 'TCP', port: 1025 },
            { protocol: 'TCP', port: 8025 },
          ],
        },
      ],
    });
  });
});

describe('values that follow a patch made after construction (the escape hatches)', () => {
  const checksum = (patch?: (stage: MailpitHardened) => void) => {
    const objects = synthChart((chart) => {
      const stage = new MailpitHardened(chart, 'm', { maxMessages: 5 });
      patch?.(stage);
    });
    return only(objects, 'Deployment').spec.template.metadata.annotations['checksum/config'];
  };

  it('hashes the ConfigMap as written: a patched setting rolls the pod', () => {
    const plain = checksum();
    expect(plain).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum()).toBe(plain);
    expect(checksum((stage) => stage.mailpit.configMap!.addJsonPatch(JsonPatch.replace('/data/MP_MAX_MESSAGES', '7')))).not.toBe(plain);
    // The same data, however the patch ordered its keys, hashes the same.
    expect(checksum((stage) => stage.mailpit.configMap!.addJsonPatch(JsonPatch.replace('/data/MP_MAX_MESSAGES', '5')))).toBe(plain);
  });

  it('stamps the common labels and annotations on an object added to the stage afterwards, under its own', () => {
    const objects = synthChart((chart) => {
      const stage = new MailpitHardened(chart, 'm', { commonLabels: { team: 'qa' }, commonAnnotations: { owner: 'qa' } });
      new ApiObject(stage, 'Extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra', labels: { team: 'own' } } });
    });
    expect(only(objects, 'ConfigMap', 'extra').metadata).toEqual({ name: 'extra', labels: { team: 'own' }, annotations: { owner: 'qa' } });
    expect(only(objects, 'Service', 'mailpit').metadata.labels).toEqual({ app: 'mailpit', team: 'qa' });
  });
});

describe('the NetworkPolicy never admits more than it was told', () => {
  const policy = (props: MailpitHardenedProps, patch?: (stage: MailpitHardened) => void) =>
    only(
      synthChart((chart) => {
        const stage = new MailpitHardened(chart, 'm', { networkPolicy: true, ...props });
        patch?.(stage);
      }),
      'NetworkPolicy',
    ).spec.ingress;
  const apps = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }];

  it('reads an empty list as no source: its ports get no rule, never an empty from, which admits every source', () => {
    expect(policy({ smtpFrom: [] })).toEqual([{ ports: [{ protocol: 'TCP', port: 8025 }] }]);
    expect(policy({ smtpFrom: [], uiFrom: apps })).toEqual([{ from: apps, ports: [{ protocol: 'TCP', port: 8025 }] }]);
    expect(policy({ smtpFrom: [], uiFrom: [] })).toEqual([]);
    expect(policy({ smtpFrom: apps, uiFrom: [] })).toEqual([{ from: apps, ports: [{ protocol: 'TCP', port: 1025 }] }]);
  });

  it('refuses a source that names none, which the API server refuses', () => {
    expect(() => policy({ smtpFrom: [{}] })).toThrow(/^MailpitHardenedProps\.smtpFrom\[0\] \{\} is invalid: a NetworkPolicyPeer with a podSelector, a namespaceSelector or an ipBlock$/);
    expect(() => policy({ uiFrom: [apps[0], {}] })).toThrow(/^MailpitHardenedProps\.uiFrom\[1\]/);
  });

  it('follows a port patched into the workload after construction, on the UI side', () => {
    const patched = policy({ uiFrom: apps }, (stage) => stage.mailpit.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports/-', { name: 'extra', containerPort: 9999 })));
    expect(patched).toEqual([
      { ports: [{ protocol: 'TCP', port: 1025 }] },
      {
        from: apps,
        ports: [
          { protocol: 'TCP', port: 8025 },
          { protocol: 'TCP', port: 9999 },
        ],
      },
    ]);
  });
});

describe('hardened, the props that exclude others', () => {
  // Every object of every option set here is valid against Kubernetes 1.27, the newest schema and the Gateway API.
  const build = (props: MailpitHardenedProps) => {
    const objects = synthChart((chart) => new MailpitHardened(chart, 'm', props));
    objects.forEach(validateEverywhere);
    return objects;
  };

  it('uses an existing claim, and makes none', () => {
    const objects = build({ existingClaim: 'mail-data' });
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(podSpec(objects).volumes).toContainEqual({ name: 'maildir', persistentVolumeClaim: { claimName: 'mail-data' } });
  });

  it('keeps the database in a folder of an existing claim shared with other data', () => {
    const objects = build({ existingClaim: 'shared', storageSubPath: 'mailpit' });
    expect(container(objects, 'mailpit').volumeMounts).toContainEqual({ name: 'maildir', mountPath: '/maildir', subPath: 'mailpit' });
    expect(only(objects, 'ConfigMap').data.MP_DATABASE).toBe('/maildir/mailpit.db');
    expect(linkProblems(objects, { claims: ['shared'], configMaps: ['more-settings', 'mail-tags'] })).toEqual([]);
  });

  it('keeps the database in an emptyDir without persistence: it dies with the pod', () => {
    const objects = build({ persistence: false });
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(podSpec(objects).volumes).toContainEqual({ name: 'maildir', emptyDir: {} });
    expect(evaluatePod(only(objects, 'Deployment').spec.template)).toEqual([]);
  });

  it.each([
    ['smtpRequireTls', { smtpTlsSecret: 's', smtpRequireTls: true }, 'MP_SMTP_REQUIRE_TLS'],
    ['smtpAuthAllowInsecure', { smtpAuthSecret: { name: 's', key: 'k' }, smtpAuthAllowInsecure: true }, 'MP_SMTP_AUTH_ALLOW_INSECURE'],
    ['smtpAuthAcceptAny', { smtpTlsSecret: 's', smtpAuthAcceptAny: true }, 'MP_SMTP_AUTH_ACCEPT_ANY'],
    ['sendApiAuthAcceptAny', { sendApiAuthAcceptAny: true }, 'MP_SEND_API_AUTH_ACCEPT_ANY'],
    ['smtpRelayAll', { smtpRelayConfigSecret: { name: 'r', key: 'k' }, smtpRelayAll: true }, 'MP_SMTP_RELAY_ALL'],
  ] as [string, MailpitHardenedProps, string][])('writes %s as Mailpit reads it', (_, props, variable) => {
    expect(only(build(props), 'ConfigMap').data[variable]).toBe('true');
  });

  it('serves metrics on the UI port, with the scrape annotations following the webroot and TLS', () => {
    const objects = build({ metrics: true, webroot: '/mail', uiTlsSecret: 'tls' });
    expect(only(objects, 'ConfigMap').data.MP_ENABLE_PROMETHEUS).toBe('true');
    expect(only(objects, 'Deployment').spec.template.metadata.annotations).toMatchObject({
      'prometheus.io/port': '8025',
      'prometheus.io/path': '/mail/metrics',
      'prometheus.io/scheme': 'https',
    });
  });

  it('drops the Ingress for an HTTPRoute alone', () => {
    const objects = build({ ingress: false, httpRoute: { parentRefs: [{ name: 'gw' }] } });
    expect(objects.some((o) => o.kind === 'Ingress')).toBe(false);
    expect(only(objects, 'HTTPRoute').spec.hostnames).toEqual(['mailpit.test']);
  });

  it.each([
    ['required TLS without a certificate', { smtpRequireTls: true }, /^MailpitHardenedProps\.smtpRequireTls true is invalid: needs smtpTlsSecret/],
    ['STARTTLS and TLS both required', { smtpTlsSecret: 's', smtpRequireTls: true, smtpRequireStartTls: true }, /smtpRequireTls true is invalid: either smtpRequireTls or smtpRequireStartTls/],
    ['insecure auth with required TLS', { smtpTlsSecret: 's', smtpRequireStartTls: true, smtpAuthAllowInsecure: true }, /smtpAuthAllowInsecure true is invalid: not with a required TLS/],
    ['SMTP auth without TLS, which Mailpit would not start with', { smtpAuthSecret: { name: 's', key: 'k' } }, /smtpAuthSecret .* is invalid: SMTP authentication needs TLS/],
    [
      'auth credentials and accept-any',
      { smtpTlsSecret: 't', smtpAuthSecret: { name: 's', key: 'k' }, smtpAuthAcceptAny: true },
      /smtpAuthAcceptAny true is invalid: either smtpAuthSecret or smtpAuthAcceptAny/,
    ],
    ['send API credentials and accept-any', { sendApiAuthSecret: { name: 's', key: 'k' }, sendApiAuthAcceptAny: true }, /sendApiAuthAcceptAny true is invalid/],
    ['relay without a relay server', { smtpRelayAll: true }, /smtpRelayAll true is invalid: needs smtpRelayConfigSecret/],
    [
      'relay all and matching',
      { smtpRelayConfigSecret: { name: 'r', key: 'k' }, smtpRelayAll: true, smtpRelayMatching: 'x' },
      /smtpRelayMatching "x" is invalid: either smtpRelayAll or smtpRelayMatching/,
    ],
    ['sources without a NetworkPolicy', { smtpFrom: [] }, /smtpFrom \[\] is invalid: needs networkPolicy: true/],
    ['a size with an existing claim', { existingClaim: 'c', storageSize: Size.gibibytes(2) }, /storageSize "2Gi" is invalid: not with existingClaim/],
    ['a sub-path without persistence', { persistence: false, storageSubPath: 'x' }, /storageSubPath "x" is invalid: not with persistence: false/],
    ['a sub-path climbing out of the claim', { storageSubPath: 'a/../../etc' }, /storageSubPath "a\/\.\.\/\.\.\/etc" is invalid: a relative path inside the volume/],
    ['an absolute sub-path', { storageSubPath: '/data' }, /storageSubPath "\/data" is invalid: a relative path/],
    ['a storage class without persistence', { persistence: false, storageClassName: 'x' }, /storageClassName "x" is invalid: not with persistence: false/],
    ['Ingress TLS without an Ingress', { ingress: false, ingressTls: [{ secretName: 't' }] }, /ingressTls .* is invalid: not with ingress: false/],
    [
      'a node port on a ClusterIP Service',
      { smtpService: { type: 'ClusterIP', nodePort: 30025 } },
      /smtpService\.nodePort 30025 is invalid: only for a Service of type NodePort or LoadBalancer, not ClusterIP/,
    ],
    ['a node port out of range', { smtpService: { nodePort: 25 } }, /smtpService\.nodePort 25 is invalid: a node port from 30000 to 32767/],
    [
      'a source range that is not a network',
      { smtpService: { loadBalancerSourceRanges: ['10.0.0.0'] } },
      /loadBalancerSourceRanges\[0\] "10\.0\.0\.0" is invalid: an IPv4 or IPv6 network in CIDR notation/,
    ],
    ['an app label among the pod labels', { podLabels: { app: 'x' } }, /podLabels\.app "x" is invalid: set by the name prop/],
    ['an age in minutes', { maxAge: Duration.minutes(90) }, /maxAge .* is invalid: a cdk8s Duration of whole hours/],
    ['a tenant id with a dash', { tenantId: 'team-a' }, /tenantId "team-a" is invalid: a tenant id/],
    ['MP_MAX_MESSAGES in env beside maxMessages', { env: { MP_MAX_MESSAGES: '1' } }, /env\.MP_MAX_MESSAGES "1" is invalid: set by the prop maxMessages; use that instead/],
    ['a relay password in env', { env: { MP_SMTP_RELAY_PASSWORD: 'hunter2' } }, /env\.MP_SMTP_RELAY_PASSWORD "<hidden>" is invalid: refused/],
    ['an HTTPRoute without a Gateway', { httpRoute: { parentRefs: [] } }, /httpRoute\.parentRefs \[\] is invalid: at least one Gateway/],
  ] as [string, MailpitHardenedProps, RegExp][])('refuses %s', (_, props, message) => {
    expect(() => build(props)).toThrow(InvalidOptionError);
    expect(() => build(props)).toThrow(message);
  });
});

describe('hardened refuses', () => {
  const cases: [string, MailpitHardenedProps, RegExp][] = [
    ['uid 0', { runAsUser: 0 }, /^MailpitHardenedProps\.runAsUser 0 is invalid: .*0 is root/],
    ['a negative uid', { runAsUser: -5 }, /^MailpitHardenedProps\.runAsUser -5 is invalid/],
    ['gid 0', { runAsGroup: 0 }, /^MailpitHardenedProps\.runAsGroup 0 is invalid/],
    ['an unpinned image', { image: 'axllent/mailpit' }, /^MailpitHardenedProps\.image "axllent\/mailpit" is invalid: .*pinned/],
    ['the latest tag', { image: 'axllent/mailpit:latest' }, /^MailpitHardenedProps\.image "axllent\/mailpit:latest" is invalid/],
    [
      'a CPU limit below its request',
      { resources: { cpu: { request: Cpu.units(1), limit: Cpu.millis(500) } } },
      /^MailpitHardenedProps\.resources\.cpu\.limit "500m" is invalid: at least the request, 1$/,
    ],
    ['a memory limit below its request', { resources: { memory: { limit: Size.mebibytes(32) } } }, /^MailpitHardenedProps\.resources\.memory\.limit "32Mi" is invalid: at least the request, 64Mi$/],
    ['a request over the default limit', { resources: { memory: { request: Size.gibibytes(1) } } }, /^MailpitHardenedProps\.resources\.memory\.request "1Gi" is invalid: at most the limit, 256Mi/],
    ['memory as text', { resources: { memory: { request: 'lots' as never } } }, /^MailpitHardenedProps\.resources\.memory\.request "lots" is invalid: a cdk8s Size/],
    ['CPU as a number', { resources: { cpu: { request: 2 as never } } }, /^MailpitHardenedProps\.resources\.cpu\.request 2 is invalid: a Cpu of cdk8s-plus-27/],
    ['an unknown resource', { resources: { gpu: {} } as never }, /^MailpitHardenedProps\.resources\.gpu \(an object\) is invalid: an object with cpu, memory and ephemeralStorage/],
    ['a storage size as text', { storageSize: '-1Gi' as never }, /^MailpitHardenedProps\.storageSize "-1Gi" is invalid: a cdk8s Size/],
    ['a size of NaN', { storageSize: Size.mebibytes(Number.NaN) }, /^MailpitHardenedProps\.storageSize "NaNMi" is invalid: a cdk8s Size above 0 and at most 8 EiB/],
    ['a size over 8 EiB', { storageSize: Size.pebibyte(8192) }, /^MailpitHardenedProps\.storageSize "8192Pi" is invalid: a cdk8s Size above 0 and at most 8 EiB/],
    [
      'a CPU limit a thousandth below its request',
      { resources: { cpu: { request: Cpu.millis(701), limit: Cpu.units(0.7) } } },
      /^MailpitHardenedProps\.resources\.cpu\.limit "0\.7" is invalid: at least the request, 701m$/,
    ],
    ['a malformed storage class', { storageClassName: 'Fast SSD' }, /^MailpitHardenedProps\.storageClassName "Fast SSD"/],
    ['a plaintext password', { uiAuthPassword: 's3cret' } as unknown as MailpitHardenedProps, /^MailpitHardenedProps\.uiAuthPassword "<hidden>" is invalid: refused.*kubectl create secret generic/],
    ['credentials in env', { env: { MP_UI_AUTH: 'admin:s3cret' } }, /^MailpitHardenedProps\.env\.MP_UI_AUTH "<hidden>" is invalid: refused/],
    [
      'a private key in env',
      { env: { KEY: '-----BEGIN EC PRIVATE KEY-----\ns3cret\n-----END EC PRIVATE KEY-----' } },
      /^MailpitHardenedProps\.env\.KEY "<hidden>" is invalid: refused: it holds a private key, .* give the Secret's name$/,
    ],
    ['an htpasswd entry in env', { env: { USERS: 'admin:$apr1$s3cret$x' } }, /^MailpitHardenedProps\.env\.USERS "<hidden>" is invalid: refused: it holds an htpasswd entry/],
    [
      'credentials in a URL in env',
      { env: { MP_DATABASE: 'http://admin:s3cret@rqlite:4001' } },
      /^MailpitHardenedProps\.env\.MP_DATABASE "<hidden>" is invalid: refused: it holds credentials in a URL/,
    ],
    [
      'credentials in an annotation',
      { ingressAnnotations: { 'example.com/upstream': 'https://u:s3cret@h/' } },
      /^MailpitHardenedProps\.ingressAnnotations\["example\.com\/upstream"\] "<hidden>" is invalid: refused/,
    ],
    [
      'an htpasswd entry in an object without a prototype',
      { ingressAnnotations: Object.assign(Object.create(null), { x: 'alice:$2y$05$s3cret' }) },
      /^MailpitHardenedProps\.ingressAnnotations\.x "<hidden>" is invalid: refused: it holds an htpasswd entry/,
    ],
    ['an htpasswd entry as a key', { podLabels: { 'u:{SHA}s3cret': 'x' } }, /^MailpitHardenedProps\.podLabels "<hidden>" is invalid: refused: it holds an htpasswd entry/],
    ['secret content that also breaks a rule', { tenantId: 'admin:$2y$05$s3cret' }, /^MailpitHardenedProps\.tenantId "<hidden>" is invalid: refused/],
    ['a Set for an object, which would pass as an empty one', { envFrom: new Set(['s3cret']) as never }, /^MailpitHardenedProps\.envFrom \(a Set\) is invalid: an object \{ secrets, configMaps \}/],
    ['a Map for labels', { podLabels: new Map([['team', 'a']]) as never }, /^MailpitHardenedProps\.podLabels \(a Map\) is invalid: an object of labels/],
    ['an env name with a space', { env: { 'A B': 'x' } }, /^MailpitHardenedProps\.env\["A B"\] "A B" is invalid: an environment variable name/],
    ['an env name starting with a digit', { env: { '1A': 'x' } }, /^MailpitHardenedProps\.env\["1A"\] "1A" is invalid: an environment variable name/],
    ['an empty env name', { env: { '': 'x' } }, /^MailpitHardenedProps\.env\[""\] "" is invalid: an environment variable name/],
  ];

  it.each(cases)('%s', (_, props, message) => {
    let error: unknown;
    try {
      synthChart((chart) => new MailpitHardened(chart, 'm', props));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('passes an unknown storage class through: the cluster knows its classes', () => {
    const result = synthChart((chart) => new MailpitHardened(chart, 'm', { storageClassName: 'no-such-class' }));
    expect(only(result, 'PersistentVolumeClaim').spec.storageClassName).toBe('no-such-class');
  });
});
