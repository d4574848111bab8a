import { Chart, Size, Testing } from 'cdk8s';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAILPIT_PREVIOUS_IMAGE,
  MAILPIT_RELEASE_IMAGE,
  MailpitBaseline,
  MailpitCanary,
  MailpitHA,
  type MailpitHAProps,
  MailpitHardened,
  MailpitPvc,
  MailpitPvcSecure,
  Rqlite,
  RQLITE_RELEASE_IMAGE,
} from '../lib';
import { synthStage, toManifestYaml } from '../lib/synth/render';
import { errorOf } from './support/errors';
import { expectRelease } from './support/images';
import { cli, scratch } from './support/cli';
import { configReferences, container, linkProblems, only, podSpec, synthChart } from './support/manifests';

const out = scratch('course-stages');

// The stages of TD 8 to TD 10, and ha: the fields their sheets and users rely on, one by one.

const objectsOf = (objects: readonly any[], kind: string) => objects.filter((o) => o.kind === kind);
const names = (objects: readonly any[]) => objects.map((o) => `${o.kind}/${o.metadata.name}`);

describe('config (TD 8)', () => {
  const objects = synthStage('config') as any[];

  it('keeps the settings in the ConfigMap mailpit-config, loaded whole with envFrom', () => {
    expect(names(objects)).toEqual(['Service/mailpit', 'ConfigMap/mailpit-config', 'Deployment/mailpit', 'Ingress/mailpit']);
    expect(only(objects, 'ConfigMap', 'mailpit-config').data).toEqual({
      MP_MAX_MESSAGES: '100',
      MP_SMTP_AUTH_ACCEPT_ANY: 'true',
      MP_SMTP_AUTH_ALLOW_INSECURE: 'true',
      MP_UI_AUTH_FILE: '/etc/mailpit/ui-auth',
      MP_VERBOSE: 'true',
    });
    expect(container(objects, 'mailpit').envFrom).toEqual([{ configMapRef: { name: 'mailpit-config' } }]);
    expect(container(objects, 'mailpit').env).toBeUndefined();
  });

  it('reads the UI login from the Secret mailpit-auth, by name only: no Secret in the manifests', () => {
    expect(configReferences(only(objects, 'Deployment').spec.template)).toEqual([
      { kind: 'ConfigMap', name: 'mailpit-config', via: 'envFrom' },
      { kind: 'Secret', name: 'mailpit-auth', via: 'volume', volume: 'mailpit-secrets' },
    ]);
    expect(podSpec(objects).volumes[0].projected.sources).toEqual([{ secret: { name: 'mailpit-auth', items: [{ key: 'htpasswd', path: 'ui-auth' }] } }]);
    expect(container(objects, 'mailpit').volumeMounts).toEqual([{ name: 'mailpit-secrets', mountPath: '/etc/mailpit', readOnly: true }]);
    expect(objectsOf(objects, 'Secret')).toEqual([]);
  });

  it('leaves a changed ConfigMap to kubectl rollout restart: nothing on the pod template changes', () => {
    const changed = synthStage('config', { maxMessages: 50 }) as any[];
    expect(only(changed, 'ConfigMap').data.MP_MAX_MESSAGES).toBe('50');
    expect(only(changed, 'Deployment')).toEqual(only(objects, 'Deployment'));
    expect(only(objects, 'Deployment').spec.template.metadata.annotations).toBeUndefined();
  });

  it('rolls the pod by itself with configChecksum: the hash of the settings is on the pod template', () => {
    const hash = (props: object) => {
      const objects = synthStage('config', { configChecksum: true, ...props }) as any[];
      const sha = createHash('sha256')
        .update(JSON.stringify(only(objects, 'ConfigMap').data))
        .digest('hex');
      expect(only(objects, 'Deployment').spec.template.metadata.annotations).toEqual({ 'checksum/config': sha });
      return sha;
    };
    expect(hash({ maxMessages: 50 })).not.toBe(hash({}));
  });

  it('turns its switches off with their --no- flags, and keeps SMTP authentication startable', async () => {
    const off = synthStage('config', { verbose: false, smtpAuthAcceptAny: false, smtpAuthAllowInsecure: false }) as any[];
    expect(Object.keys(only(off, 'ConfigMap').data)).toEqual(['MP_MAX_MESSAGES', 'MP_UI_AUTH_FILE']);
    expect(() => synthStage('config', { smtpAuthAllowInsecure: false })).toThrow(
      /^MailpitConfigProps\.smtpAuthAllowInsecure false is invalid: true while smtpAuthAcceptAny is on: the config stage has no TLS/,
    );
    const outdir = out.next();
    expect((await cli(['--stage', 'config', '--no-verbose', '--outdir', outdir])).code).toBe(0);
    expect(fs.readFileSync(path.join(outdir, 'mailpit.k8s.yaml'), 'utf8')).not.toContain('MP_VERBOSE');
  });

  it('takes an Ingress class, which the production rules would have refused without an Ingress prop', () => {
    expect(only(synthStage('config', { ingressClassName: 'nginx' }), 'Ingress').spec.ingressClassName).toBe('nginx');
  });

  it('recreates its pod like the lab stages, and runs the image as the lab does', () => {
    expect(only(objects, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
    expect(container(objects, 'mailpit').image).toBe('axllent/mailpit');
  });
});

describe('statefulset (TD 9)', () => {
  const objects = synthStage('statefulset') as any[];

  it('is the StatefulSet mailpit, governed by the headless Service mailpit', () => {
    expect(names(objects)).toEqual(['PersistentVolume/pv-mailpit-0', 'PersistentVolume/pv-mailpit-1', 'Service/mailpit', 'StatefulSet/mailpit', 'Ingress/mailpit']);
    const set = only(objects, 'StatefulSet', 'mailpit');
    expect(set).toHaveProperty('spec.serviceName', 'mailpit');
    expect(set).toHaveProperty('spec.replicas', 1);
    expect(set).toHaveProperty('spec.selector.matchLabels', { app: 'mailpit' });
    expect(only(objects, 'Service', 'mailpit')).toHaveProperty('spec.clusterIP', 'None');
  });

  it('gives each pod its claim maildir-mailpit-<ordinal> from a template, mounted at /maildir, the database on it', () => {
    expect(only(objects, 'StatefulSet').spec.volumeClaimTemplates).toEqual([
      { metadata: { name: 'maildir' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'manual', resources: { requests: { storage: '10Mi' } } } },
    ]);
    expect(container(objects, 'mailpit').volumeMounts).toEqual([{ name: 'maildir', mountPath: '/maildir' }]);
    expect(container(objects, 'mailpit').command).toEqual(['./mailpit', '--db-file=/maildir/mailpit.db']);
  });

  it("keeps the lab's storage: manual hostPath volumes, one per ordinal, names and paths that cannot collide", () => {
    expect(objectsOf(objects, 'PersistentVolume').map((pv) => [pv.metadata.name, pv.spec.hostPath.path, pv.spec.storageClassName, pv.spec.capacity.storage])).toEqual([
      ['pv-mailpit-0', '/tmp/pv-mailpit-0', 'manual', '10Mi'],
      ['pv-mailpit-1', '/tmp/pv-mailpit-1', 'manual', '10Mi'],
    ]);
    const inNamespace = synthStage('statefulset', { namespace: 'td9-ann', persistentVolumes: 3 }) as any[];
    expect(objectsOf(inNamespace, 'PersistentVolume').map((pv) => [pv.metadata.name, pv.spec.hostPath.path, pv.spec.claimRef])).toEqual(
      [0, 1, 2].map((i) => [`pv-td9-ann-mailpit-${i}`, `/tmp/pv-td9-ann-mailpit-${i}`, { namespace: 'td9-ann', name: `maildir-mailpit-${i}` }]),
    );
    expect(objectsOf(inNamespace, 'PersistentVolume').every((pv) => pv.metadata.namespace === undefined)).toBe(true);
  });

  it('offers a StorageClass instead, which provisions the volumes', () => {
    const provisioned = synthStage('statefulset', { storageClassName: 'standard', storageSize: Size.gibibytes(1), replicas: 2 }) as any[];
    expect(objectsOf(provisioned, 'PersistentVolume')).toEqual([]);
    expect(only(provisioned, 'StatefulSet')).toHaveProperty('spec.volumeClaimTemplates.0.spec', {
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'standard',
      resources: { requests: { storage: '1Gi' } },
    });
    expect(only(provisioned, 'StatefulSet')).toHaveProperty('spec.replicas', 2);
    expect(() => synthStage('statefulset', { replicas: 3 })).toThrow(/^MailpitStatefulSetProps\.replicas 3 is invalid: at most persistentVolumes \(2\): pod mailpit-2 would wait for a volume forever/);
    expect(only(synthStage('statefulset', { replicas: 3, persistentVolumes: 0 }), 'StatefulSet').spec.replicas).toBe(3);
    expect(() => synthStage('statefulset', { storageClassName: 'standard', persistentVolumes: 2 })).toThrow(
      /^MailpitStatefulSetProps\.persistentVolumes 2 is invalid: not with storageClassName, whose provisioner makes the volumes$/,
    );
  });
});

describe('canary (TD 10)', () => {
  const objects = synthStage('canary') as any[];

  it('runs stable and canary Deployments on two versions, labelled track, 3 to 1', () => {
    const stable = only(objects, 'Deployment', 'mailpit-stable');
    const canary = only(objects, 'Deployment', 'mailpit-canary');
    expect(stable).toHaveProperty('spec.replicas', 3);
    expect(canary).toHaveProperty('spec.replicas', 1);
    expect(stable).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit', track: 'stable' });
    expect(canary).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit', track: 'canary' });
    expectRelease(stable.spec.template.spec.containers[0].image, MAILPIT_PREVIOUS_IMAGE);
    expectRelease(canary.spec.template.spec.containers[0].image, MAILPIT_RELEASE_IMAGE);
    expect(MAILPIT_PREVIOUS_IMAGE).not.toBe(MAILPIT_RELEASE_IMAGE);
  });

  it('has one Service that selects both tracks', () => {
    expect(only(objects, 'Service', 'mailpit')).toHaveProperty('spec.selector', { app: 'mailpit' });
  });

  it('keeps the mail of both in one rqlite database: a one-node cluster of its own, without a disruption budget', () => {
    for (const deployment of objectsOf(objects, 'Deployment')) {
      expect(deployment.spec.template.spec.containers[0].env).toEqual([{ name: 'MP_DATABASE', value: 'http://rqlite:4001?disableClusterDiscovery=true' }]);
      expect(deployment.spec.template.spec.volumes).toBeUndefined();
    }
    expect(only(objects, 'StatefulSet', 'rqlite')).toHaveProperty('spec.replicas', 1);
    expect(objectsOf(objects, 'PodDisruptionBudget')).toEqual([]);
  });

  it("puts the claim of its rqlite node on the StorageClass given, such as the lab's", () => {
    const manual = synthStage('canary', { rqlite: { storageClassName: 'standard', storageSize: Size.mebibytes(100) } }) as any[];
    expect(only(manual, 'StatefulSet', 'rqlite').spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'standard', resources: { requests: { storage: '100Mi' } } });
  });

  it('uses an rqlite cluster given by URL, with a tenant, and then makes none', () => {
    const url = 'http://rqlite.db.svc:4001?disableClusterDiscovery=true';
    const shared = synthStage('canary', { rqlite: { url }, tenantId: 'ann' }) as any[];
    expect(objectsOf(shared, 'StatefulSet')).toEqual([]);
    expect(only(shared, 'Deployment', 'mailpit-canary').spec.template.spec.containers[0].env).toEqual([
      { name: 'MP_TENANT_ID', value: 'ann' },
      { name: 'MP_DATABASE', value: url },
    ]);
    expect(() => synthStage('canary', { rqlite: { url, nodes: 3 } })).toThrow(
      /^MailpitCanaryProps\.rqlite\.nodes 3 is invalid: not with rqlite\.url: the Mailpits use that cluster, and make none of their own$/,
    );
  });

  it('sets the share with the replica counts, and rolls the canary back at 0', () => {
    const rolledBack = synthStage('canary', { canary: { replicas: 0 }, stable: { replicas: 4 } }) as any[];
    // A track's image keeps its default when only its pods are given.
    expectRelease(only(rolledBack, 'Deployment', 'mailpit-stable').spec.template.spec.containers[0].image, MAILPIT_PREVIOUS_IMAGE);
    expect(only(rolledBack, 'Deployment', 'mailpit-canary')).toHaveProperty('spec.replicas', 0);
    expect(only(rolledBack, 'Deployment', 'mailpit-stable')).toHaveProperty('spec.replicas', 4);
  });
});

describe('blue-green (TD 10)', () => {
  const blue = synthStage('blue-green') as any[];
  const green = synthStage('blue-green', { active: 'green' }) as any[];

  it('runs the blue and green slots side by side on two versions', () => {
    expect(only(blue, 'Deployment', 'mailpit-blue')).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit', slot: 'blue' });
    expect(only(blue, 'Deployment', 'mailpit-green')).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit', slot: 'green' });
    expectRelease(only(blue, 'Deployment', 'mailpit-blue').spec.template.spec.containers[0].image, MAILPIT_PREVIOUS_IMAGE);
    expectRelease(only(blue, 'Deployment', 'mailpit-green').spec.template.spec.containers[0].image, MAILPIT_RELEASE_IMAGE);
  });

  it('switches with one apply: only the Service selector differs between the slots', () => {
    expect(only(blue, 'Service', 'mailpit')).toHaveProperty('spec.selector', { app: 'mailpit', slot: 'blue' });
    expect(only(green, 'Service', 'mailpit')).toHaveProperty('spec.selector', { app: 'mailpit', slot: 'green' });
    const changed = blue.filter((object, i) => JSON.stringify(object) !== JSON.stringify(green[i]));
    expect(names(changed)).toEqual(['Service/mailpit']);
    expect(linkProblems(green)).toEqual([]);
  });

  it('refuses a slot that is neither blue nor green', () => {
    expect(() => synthStage('blue-green', { active: 'red' as never })).toThrow(/^MailpitBlueGreenProps\.active "red" is invalid: one of blue, green$/);
  });
});

/** Props that ha shares with hardened through the same code, whose every value hardened's tests cover. */
type CoveredByHardened =
  | 'maxAge'
  | 'smtpRelayMatching'
  | 'smtpAuthSecret'
  | 'sendApiAuthSecret'
  | 'pop3AuthSecret'
  | 'smtpRelayConfigSecret'
  | 'uiTlsSecret'
  | 'smtpTlsSecret'
  | 'pop3TlsSecret'
  | 'uiService'
  | 'httpRoute'
  | 'affinity'
  | 'extraVolumes'
  | 'extraVolumeMounts';

describe('ha: MailpitHA', () => {
  const objects = synthStage('ha') as any[];

  it('is an rqlite cluster of 3 and a StatefulSet of 2 Mailpits that start and roll one at a time, with no volume of their own', () => {
    expect(only(objects, 'StatefulSet', 'rqlite')).toHaveProperty('spec.replicas', 3);
    // Mailpit applies its schema without a lock: one pod at a time, each once the one before is ready.
    const set = only(objects, 'StatefulSet', 'mailpit');
    expect(set).toHaveProperty('spec.replicas', 2);
    expect(set).toHaveProperty('spec.podManagementPolicy', 'OrderedReady');
    expect(set).toHaveProperty('spec.serviceName', 'mailpit');
    expect(set.spec.volumeClaimTemplates).toBeUndefined();
    expect(set.spec.updateStrategy).toBeUndefined();
    expect(objects.filter((o) => o.kind === 'Deployment')).toEqual([]);
    expect(podSpec(objects).volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
    expect(only(objects, 'ConfigMap', 'mailpit-config').data).toEqual({ MP_DATABASE: 'http://rqlite:4001?disableClusterDiscovery=true' });
  });

  it('keeps a quorum of rqlite and one Mailpit through node drains', () => {
    expect(only(objects, 'PodDisruptionBudget', 'rqlite').spec).toEqual({ minAvailable: 2, selector: { matchLabels: { app: 'rqlite' } } });
    expect(only(objects, 'PodDisruptionBudget', 'mailpit').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'mailpit' } } });
  });

  it('runs pinned images, probes and limits, as the hardened stage', () => {
    const mailpit = container(objects, 'mailpit');
    expectRelease(mailpit.image, MAILPIT_RELEASE_IMAGE);
    expect(mailpit.readinessProbe.httpGet.path).toBe('/readyz');
    expect(mailpit.resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    expectRelease(only(objects, 'StatefulSet', 'rqlite').spec.template.spec.containers[0].image, RQLITE_RELEASE_IMAGE);
  });

  // Every prop of ha, so that a new one fails to compile here until it is tested.
  const props: Required<Omit<MailpitHAProps, CoveredByHardened | 'uiAuthPassword'>> = {
    namespace: 'mail',
    name: 'mail',
    image: 'axllent/mailpit:v1.30.4',
    imagePullPolicy: 'Always',
    host: 'mail.example.org',
    ingressClassName: 'nginx',
    env: { TZ: 'Europe/Paris' },
    runAsUser: 2000,
    runAsGroup: 3000,
    replicas: 3,
    rqlite: { nodes: 5, storageClassName: 'fast', storageSize: Size.gibibytes(5), resources: { cpu: { limit: null } } },
    resources: { memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } },
    networkPolicy: true,
    webroot: '/mail',
    maxMessages: 5000,
    verbose: true,
    tenantId: 'team_a',
    label: 'staging',
    disableVersionCheck: true,
    blockRemoteCssAndFonts: true,
    smtpAuthAcceptAny: true,
    smtpAuthAllowInsecure: true,
    smtpRequireStartTls: false,
    smtpRequireTls: false,
    smtpRelayAll: false,
    sendApiAuthAcceptAny: true,
    uiAuthSecret: { name: 'ui', key: 'htpasswd' },
    metrics: true,
    serviceAnnotations: { 'example.org/owner': 'qa' },
    smtpService: { type: 'LoadBalancer' },
    appProtocol: true,
    ingress: true,
    ingressTls: [{ secretName: 'web-tls' }],
    ingressAnnotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
    extraHosts: ['webmail.example.org'],
    ingressPathType: 'Prefix',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [{ key: 'mail', operator: 'Exists' }],
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'mail' } } }],
    priorityClassName: 'tools',
    podAnnotations: { 'example.org/team': 'qa' },
    podLabels: { team: 'qa' },
    imagePullSecrets: ['registry'],
    serviceAccountName: 'mailpit',
    terminationGracePeriodSeconds: 5,
    enableServiceLinks: false,
    revisionHistoryLimit: 2,
    commonLabels: { 'example.org/team': 'qa' },
    commonAnnotations: { 'example.org/contact': 'qa' },
    envFrom: { secrets: ['relay'] },
    smtpFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }],
    uiFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'qa' } } }],
  };

  it('takes its props: replicas, rqlite nodes, storage class and size, and the production settings', () => {
    const all = synthChart((chart) => new MailpitHA(chart, 'ha', props)) as any[];
    // Its own cluster is named after it, so that Mailpits of other names get their own side by side.
    const set = only(all, 'StatefulSet', 'mail-rqlite');
    expect(set).toHaveProperty('spec.replicas', 5);
    expect(set).toHaveProperty('metadata.namespace', 'mail');
    expect(set.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '5Gi' } } });
    expect(only(all, 'PodDisruptionBudget', 'mail-rqlite').spec.minAvailable).toBe(3);
    const deployment = only(all, 'StatefulSet', 'mail');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.template.spec.securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 3000 });
    expect(deployment.spec.template.spec.topologySpreadConstraints).toHaveLength(1);
    expect(only(all, 'ConfigMap', 'mail-config').data).toMatchObject({
      MP_DATABASE: 'http://mail-rqlite:4001?disableClusterDiscovery=true',
      MP_MAX_MESSAGES: '5000',
      MP_TENANT_ID: 'team_a',
      MP_LABEL: 'staging',
      MP_WEBROOT: '/mail/',
      MP_UI_AUTH_FILE: '/etc/mailpit/ui-auth',
    });
    expect(only(all, 'NetworkPolicy', 'mail').spec.podSelector).toEqual({ matchLabels: { app: 'mail' } });
    expect(all.every((o) => o.metadata.labels?.['example.org/team'] === 'qa')).toBe(true);
    expect(linkProblems(all)).toEqual([]);
    expect(toManifestYaml(all)).not.toMatch(/password|BEGIN/i);
  });

  it.each([
    ['one replica', { replicas: 1 }, /^MailpitHAProps\.replicas 1 is invalid: a whole number from 2 to 2147483647: ha runs at least two Mailpits$/],
    ['an even rqlite cluster', { rqlite: { nodes: 4 } }, /^MailpitHAProps\.rqlite\.nodes 4 is invalid: an odd number of nodes/],
    ['an unpinned image', { image: 'axllent/mailpit' }, /^MailpitHAProps\.image "axllent\/mailpit" is invalid: an image reference pinned/],
    ['a SQLite claim', { persistence: true } as never, /^MailpitHAProps\.persistence \(a boolean\) is invalid: not used by stage ha; it applies to stage hardened$/],
    ['an rqlite URL that is not one', { rqlite: { url: 'rqlite:4001' } }, /^MailpitHAProps\.rqlite\.url "rqlite:4001" is invalid: an http:\/\/ or https:\/\/ URL/],
    [
      'an rqlite URL with cluster discovery',
      { rqlite: { url: 'http://rqlite.db.svc:4001' } },
      /^MailpitHAProps\.rqlite\.url "http:\/\/rqlite\.db\.svc:4001" is invalid: .* with disableClusterDiscovery=true/,
    ],
    [
      'the storage class of a claim it has not',
      { storageClassName: 'fast' } as never,
      /^MailpitHAProps\.storageClassName \(a string\) is invalid: not used by stage ha; it applies to stage statefulset or hardened$/,
    ],
  ])('refuses %s', (_, bad, message) => {
    expect(() => synthChart((chart) => new MailpitHA(chart, 'ha', bad as MailpitHAProps))).toThrow(message);
  });
});

describe('constructs side by side in one app', () => {
  it('refuses two objects that one cluster would take for one, whatever made them', () => {
    const twoLabs = errorOf(() =>
      synthChart((chart) => {
        new MailpitPvc(chart, 'a', { namespace: 'a' });
        new MailpitPvcSecure(chart, 'b', { namespace: 'b' });
      }),
    );
    // A PersistentVolume has no namespace: two namespaces do not tell them apart.
    expect(twoLabs.message).toBe(
      'PersistentVolume pv-mailpit "test/b/Maildir/Storage/PersistentVolume" is invalid: one object of each kind and name in a Chart, as kubectl would apply one over the other: test/a/Maildir/Storage/PersistentVolume writes it too; give one of their constructs another name',
    );
    const twoHa = errorOf(() => synthChart((chart) => [new MailpitHA(chart, 'a'), new MailpitHA(chart, 'b')], 'mail'));
    expect(twoHa.message).toMatch(
      /^Service mail\/rqlite-internal "test\/b\/Rqlite\/PeerService" is invalid: one object of each kind and name in a namespace in a Chart, .*; give one of their constructs another name or namespace$/,
    );
    // The same names in other namespaces, or of other kinds, are distinct objects.
    expect(() => synthChart((chart) => [new MailpitBaseline(chart, 'a', { namespace: 'a' }), new MailpitBaseline(chart, 'b', { namespace: 'b' })])).not.toThrow();
  });

  it('judges each Chart on its own: one App often holds the manifests of several clusters', () => {
    const app = Testing.app();
    const url = 'http://rqlite:4001?disableClusterDiscovery=true';
    for (const cluster of ['staging', 'production']) {
      const chart = new Chart(app, cluster, { namespace: 'mail', disableResourceNameHashes: true });
      new MailpitHardened(chart, 'mailpit');
      new MailpitHA(chart, 'ha', { name: 'shared', rqlite: { url } });
    }
    expect(() => app.synth()).not.toThrow();
    expect(app.charts.map((chart) => chart.toJson().length)).toEqual([10, 10]);
  });

  it('gives Mailpits of other names their own rqlite, so that they sit side by side, and never names one like its cluster', () => {
    const objects = synthChart((chart) => [new MailpitHA(chart, 'a', { name: 'team-a' }), new MailpitHA(chart, 'b', { name: 'team-b' }), new MailpitHA(chart, 'r', { name: 'rqlite' })], 'mail');
    expect(objects.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata.name)).toEqual(['team-a-rqlite', 'team-a', 'team-b-rqlite', 'team-b', 'rqlite-rqlite', 'rqlite']);
    expect(linkProblems(objects)).toEqual([]);
    expect(errorOf(() => synthChart((chart) => new MailpitHA(chart, 'a', { name: `m${'a'.repeat(45)}` }))).message).toMatch(
      /^MailpitHAProps\.name "ma+" is invalid: at most 45 characters with an rqlite cluster of its own: the cluster's StatefulSet, ma+-rqlite, may not pass 52/,
    );
    expect(() => synthChart((chart) => new MailpitHA(chart, 'a', { name: `m${'a'.repeat(44)}` }))).not.toThrow();
    expect(() => synthChart((chart) => new MailpitHA(chart, 'a', { name: `m${'a'.repeat(51)}`, rqlite: { url: 'http://db:4001?disableClusterDiscovery=true' } }))).not.toThrow();
    expect(() => synthChart((chart) => new Rqlite(chart, 'r', { name: `r${'a'.repeat(52)}` }))).toThrow(/^RqliteProps\.name "ra+" is invalid: at most 52 characters/);
  });
});

describe('Mailpits of one app on one rqlite database', () => {
  const url = 'http://rqlite.db.svc:4001?disableClusterDiscovery=true';

  it.each([
    ['x_', 'x', 'x_schemas'],
    ['Team', 'team', 'team_schemas'],
    ['a', 'a_idx', 'a_idx_tags'],
  ])('refuses tenants %s and %s, whose names meet in it (%s)', (first, second, name) => {
    const error = errorOf(() =>
      synthChart((chart) => {
        new MailpitHA(chart, 'a', { namespace: 'a', rqlite: { url }, tenantId: first });
        new MailpitHA(chart, 'b', { namespace: 'b', rqlite: { url }, tenantId: second });
      }),
    );
    expect(error.message).toBe(
      `MailpitHAProps.tenantId "${second}" is invalid: a tenant whose table and index names meet no other Mailpit's in the database http://rqlite.db:4001: test/a/Mailpit (tenant "${first}") creates ${name} too (Mailpit prefixes its names with the tenant, '_' for any other character than a letter or digit, and SQLite compares them without case)`,
    );
    expect(error.path).toEqual(['tenantId']);
  });

  it('refuses a Mailpit without a tenant beside one whose names meet its own, and names where the database was set', () => {
    const error = errorOf(() =>
      synthChart((chart) => {
        new MailpitCanary(chart, 'a', { namespace: 'a', rqlite: { url }, tenantId: 'message' });
        new MailpitCanary(chart, 'b', { namespace: 'b', rqlite: { url } });
      }),
    );
    expect(error.message).toMatch(
      /^MailpitCanaryProps\.rqlite\.url "http:\/\/rqlite\.db\.svc:4001\?disableClusterDiscovery=true" is invalid: a tenant whose .* test\/a\/Mailpit \(tenant "message"\) creates message_tags too/,
    );
  });

  it('takes distinct tenants, and one name in two namespaces for two databases', () => {
    expect(() =>
      synthChart((chart) => {
        new MailpitHA(chart, 'a', { namespace: 'a', rqlite: { url }, tenantId: 'team_a' });
        new MailpitHA(chart, 'b', { namespace: 'b', rqlite: { url: 'http://rqlite.db.svc.cluster.local:4001?disableClusterDiscovery=true' }, tenantId: 'team_b' });
        // Each namespace's own rqlite, by its short name: two databases.
        new MailpitHA(chart, 'c', { namespace: 'c' });
        new MailpitHA(chart, 'd', { namespace: 'd' });
      }),
    ).not.toThrow();
    expect(() =>
      synthChart((chart) => {
        new MailpitHA(chart, 'a', { namespace: 'a', rqlite: { url }, tenantId: 'team' });
        new MailpitHA(chart, 'b', { namespace: 'b', rqlite: { url: 'http://rqlite.db.svc.cluster.local:4001?disableClusterDiscovery=true' }, tenantId: 'team' });
      }),
    ).toThrow(/^MailpitHAProps\.tenantId "team" is invalid/);
  });
});

it.each(['1team', 'sqlite', 'SQLite_x'])('refuses a tenantId %s, with which Mailpit could not make its tables', (tenantId) => {
  expect(() => synthChart((chart) => new MailpitHA(chart, 'a', { tenantId }))).toThrow(
    new RegExp(`^MailpitHAProps\\.tenantId "${tenantId}" is invalid: a tenant id: 1 to 64 letters, digits or '_', not starting with a digit or with sqlite_`),
  );
});
