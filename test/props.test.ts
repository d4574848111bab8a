import { describe, expect, it } from 'vitest';
import {
  InvalidOptionError,
  k8s,
  LabPersistentVolume,
  LabPersistentVolumeProps,
  Mailpit,
  MailpitBaseline,
  MailpitBaselineProps,
  MailpitProps,
  MailpitPvc,
  MailpitPvcSecure,
  MailpitPvcSecureProps,
} from '../lib';
import { container, linkProblems, only, podSpec, synthChart, validateSchema } from './support';

// Each object sets every prop, so that a new prop fails to compile here until it is tested.
const storage: Required<LabPersistentVolumeProps> = {
  volumeName: 'pv-alice',
  claimName: 'pvc-alice',
  hostPath: '/data/alice',
  size: '1Gi',
  storageClassName: 'lab',
  namespace: 'lab',
  reserveForClaim: true,
};

const baseline: Required<MailpitBaselineProps> = {
  namespace: 'lab',
  name: 'mail',
  image: 'registry.example.org/mailpit:v1.30.5',
  imagePullPolicy: 'Always',
  host: 'mail.example.org',
  ingressClassName: 'nginx',
  env: { MP_MAX_MESSAGES: '5000', TZ: 'Europe/Paris' },
};

const pvcSecure: Required<Omit<MailpitPvcSecureProps, 'nfs'>> = { ...baseline, storage, runAsUser: 2000 };

const mailpit: Required<MailpitProps> = {
  ...baseline,
  command: ['/mailpit', '--smtp-auth-accept-any'],
  maildir: { emptyDir: {} },
  strategy: 'RollingUpdate',
  securityContext: { runAsUser: 3000, readOnlyRootFilesystem: true },
  podSecurityContext: { fsGroup: 3000 },
  initContainers: [{ name: 'hello', command: ['true'] }],
  writableTmp: false,
  probes: true,
  webroot: 'mail',
  resources: { limits: { memory: k8s.Quantity.fromString('128Mi') } },
  uiAuthSecret: { name: 'mailpit-ui', key: 'htpasswd' },
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
    const deployment = only(objects, 'Deployment', 'mail');
    expect(deployment).toHaveProperty('spec.strategy', { type: 'RollingUpdate' });
    const pod = podSpec(objects);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toEqual({ fsGroup: 3000 });
    expect(pod.initContainers).toEqual([{ name: 'hello', command: ['true'], image: baseline.image, imagePullPolicy: 'Always' }]);
    expect(pod.volumes).toEqual([
      { name: 'maildir', emptyDir: {} },
      { name: 'ui-auth', secret: { secretName: 'mailpit-ui', items: [{ key: 'htpasswd', path: 'ui-auth' }] } },
    ]);
    const c = container(objects, 'mailpit');
    expect(c.command).toEqual(['/mailpit', '--smtp-auth-accept-any']);
    expect(c.securityContext).toEqual({ runAsUser: 3000, readOnlyRootFilesystem: true });
    expect(c.resources).toEqual({ limits: { memory: '128Mi' } });
    expect(c.volumeMounts).toEqual([
      { name: 'maildir', mountPath: '/maildir' },
      { name: 'ui-auth', mountPath: '/etc/mailpit', readOnly: true },
    ]);
    expect(c.env).toEqual([
      { name: 'MP_MAX_MESSAGES', value: '5000' },
      { name: 'TZ', value: 'Europe/Paris' },
      { name: 'MP_WEBROOT', value: '/mail/' },
      { name: 'MP_UI_AUTH_FILE', value: '/etc/mailpit/ui-auth' },
    ]);
    expect(c.startupProbe).toEqual({ httpGet: { path: '/mail/livez', port: 'http' }, periodSeconds: 2, failureThreshold: 150 });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/mail/livez', port: 'http' }, periodSeconds: 10, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ httpGet: { path: '/mail/readyz', port: 'http' }, periodSeconds: 5, failureThreshold: 3 });
    expect(only(objects, 'Ingress')).toHaveProperty('spec.rules.0.http.paths.0.path', '/mail');
    expect(linkProblems(objects)).toEqual([]);
    objects.forEach(validateSchema);
  });

  it('LabPersistentVolume drops the chart namespace from its cluster-scoped volume only', () => {
    const objects = synthChart((chart) => new LabPersistentVolume(chart, 'v', { ...storage, namespace: undefined }), 'alice');
    expect(only(objects, 'PersistentVolume').metadata).toEqual({ name: 'pv-alice' });
    expect(only(objects, 'PersistentVolumeClaim').metadata).toEqual({ name: 'pvc-alice', namespace: 'alice' });
    expect(only(objects, 'PersistentVolume').spec.claimRef).toEqual({ namespace: 'alice', name: 'pvc-alice' });
    const explicit = synthChart((chart) => new LabPersistentVolume(chart, 'v', storage), 'alice');
    expect(only(explicit, 'PersistentVolumeClaim').metadata).toEqual({ name: 'pvc-alice', namespace: 'lab' });
  });

  it('Mailpit turns on a writable /tmp by itself when the root filesystem is read-only', () => {
    const objects = synthChart((chart) => new Mailpit(chart, 'm', { securityContext: { readOnlyRootFilesystem: true } }));
    expect(podSpec(objects).volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });
});

describe('bad props fail at construction with the prop, the value and what is allowed', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['name', () => synthChart((c) => new MailpitBaseline(c, 'm', { name: '1mail' })), /^MailpitProps\.name "1mail" is invalid: a DNS-1035 label/],
    ['host', () => synthChart((c) => new MailpitBaseline(c, 'm', { host: 'Mail' })), /^MailpitProps\.host "Mail" is invalid/],
    ['image', () => synthChart((c) => new MailpitBaseline(c, 'm', { image: ' ' })), /^MailpitProps\.image " " is invalid/],
    ['ingressClassName', () => synthChart((c) => new MailpitBaseline(c, 'm', { ingressClassName: 'A' })), /^MailpitProps\.ingressClassName "A"/],
    ['webroot', () => synthChart((c) => new Mailpit(c, 'm', { webroot: '/a b' })), /^MailpitProps\.webroot "\/a b" is invalid/],
    ['runAsUser 0', () => synthChart((c) => new MailpitPvcSecure(c, 'm', { runAsUser: 0 })), /^MailpitPvcSecureProps\.runAsUser 0 is invalid: .*0 is root/],
    ['size', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { size: 'ten' } })), /^LabPersistentVolumeProps\.size "ten" is invalid/],
    ['zero size', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { size: '0Mi' } })), /^LabPersistentVolumeProps\.size "0Mi"/],
    ['hostPath', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { hostPath: 'tmp/x' } })), /^LabPersistentVolumeProps\.hostPath "tmp\/x"/],
    ['volumeName', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { volumeName: 'PV' } })), /^LabPersistentVolumeProps\.volumeName "PV"/],
    ['nfs with storage', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: {}, nfs: { server: 'nfs', path: '/' } })), /^nfs .* either nfs or storage/],
    ['nfs path', () => synthChart((c) => new MailpitPvc(c, 'm', { nfs: { server: 'nfs', path: 'export' } })), /^nfs\.path "export"/],
    ['reserveForClaim without a namespace', () => synthChart((c) => new MailpitPvc(c, 'm', { storage: { reserveForClaim: true } })), /^LabPersistentVolumeProps\.reserveForClaim true is invalid: needs the claim's namespace/],
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
