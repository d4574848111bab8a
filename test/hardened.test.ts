import { Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, MailpitHardened, MailpitHardenedProps } from '../lib';
import { evaluatePod, highestLevel } from '../lib/check/pod-security';
import { synthStage } from '../lib/synth/render';
import { container, kinds, linkProblems, only, podSpec, synthChart, validateSchema } from './support/manifests';

const objects = synthStage('hardened');

describe('hardened, with no props', () => {
  it('is a claim, a Service, a Deployment and an Ingress; no PersistentVolume, no NetworkPolicy', () => {
    expect(kinds(objects)).toEqual(['PersistentVolumeClaim', 'Service', 'Deployment', 'Ingress']);
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

  it('keeps the database on the claim through MP_DATABASE, with the image entrypoint', () => {
    const c = container(objects, 'mailpit');
    expect(c.env).toEqual([{ name: 'MP_DATABASE', value: '/maildir/mailpit.db' }]);
    expect(c.command).toBeUndefined();
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
    expect(container(objects, 'mailpit').image).toBe('axllent/mailpit:v1.30.5');
  });
});

describe('hardened, with every prop', () => {
  const all: Required<Omit<MailpitHardenedProps, 'uiAuthPassword'>> = {
    namespace: 'team',
    name: 'mail',
    image: 'axllent/mailpit:v1.29.0',
    imagePullPolicy: 'Always',
    host: 'mail.example.org',
    ingressClassName: 'nginx',
    env: { MP_MAX_MESSAGES: '2000' },
    runAsUser: 2001,
    runAsGroup: 2002,
    storageClassName: 'fast-ssd',
    storageSize: Size.gibibytes(5),
    claimName: 'mail-data',
    resources: { cpu: { request: Cpu.millis(100) }, memory: { limit: Size.mebibytes(512) } },
    uiAuthSecret: { name: 'mail-ui', key: 'users' },
    networkPolicy: true,
    webroot: '/mail/',
  };
  const result = synthChart((chart) => new MailpitHardened(chart, 'm', all), 'ignored');

  it('reaches every field, and still passes restricted', () => {
    const pod = podSpec(result);
    expect(result.every((o) => o.metadata.namespace === 'team')).toBe(true);
    expect(pod.securityContext).toMatchObject({ runAsUser: 2001, runAsGroup: 2002, fsGroup: 2002 });
    expect(only(result, 'PersistentVolumeClaim', 'mail-data').spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '5Gi' } },
    });
    const c = container(result, 'mailpit');
    expect(c).toMatchObject({ image: 'axllent/mailpit:v1.29.0', imagePullPolicy: 'Always' });
    expect(c.resources).toEqual({ requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } });
    expect(c.env).toEqual([
      { name: 'MP_MAX_MESSAGES', value: '2000' },
      { name: 'MP_DATABASE', value: '/maildir/mailpit.db' },
      { name: 'MP_WEBROOT', value: '/mail/' },
      { name: 'MP_UI_AUTH_FILE', value: '/etc/mailpit/ui-auth' },
    ]);
    expect(pod.volumes).toContainEqual({ name: 'ui-auth', secret: { secretName: 'mail-ui', items: [{ key: 'users', path: 'ui-auth' }] } });
    expect(c.volumeMounts).toContainEqual({ name: 'ui-auth', mountPath: '/etc/mailpit', readOnly: true });
    expect(c.livenessProbe.httpGet.path).toBe('/mail/livez');
    expect(c.readinessProbe.httpGet.path).toBe('/mail/readyz');
    expect(c.startupProbe.httpGet.path).toBe('/mail/livez');
    expect(only(result, 'Ingress', 'mail')).toMatchObject({ spec: { ingressClassName: 'nginx', rules: [{ host: 'mail.example.org' }] } });
    expect(evaluatePod(only(result, 'Deployment').spec.template)).toEqual([]);
    expect(linkProblems(result)).toEqual([]);
    result.forEach(validateSchema);
  });

  it("orders storage and the NetworkPolicy before the pod, in a library user's own chart.toJson() too", () => {
    const chart = new Chart(Testing.app(), 'own', { disableResourceNameHashes: true });
    new MailpitHardened(chart, 'm', { networkPolicy: true });
    const order = ['PersistentVolumeClaim', 'NetworkPolicy', 'Service', 'Deployment', 'Ingress'];
    expect(chart.toJson().map((o: any) => o.kind)).toEqual(order);
    expect(kinds(result)).toEqual(order);
  });

  it('admits only SMTP and UI traffic with its NetworkPolicy', () => {
    const policy = only(result, 'NetworkPolicy', 'mail');
    expect(policy.metadata.namespace).toBe('team');
    expect(policy.spec).toEqual({
      podSelector: { matchLabels: { app: 'mail' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 1025 }, { protocol: 'TCP', port: 8025 }] }],
    });
  });
});

describe('hardened refuses', () => {
  const cases: [string, MailpitHardenedProps, RegExp][] = [
    ['uid 0', { runAsUser: 0 }, /^MailpitHardenedProps\.runAsUser 0 is invalid: .*0 is root/],
    ['a negative uid', { runAsUser: -5 }, /^MailpitHardenedProps\.runAsUser -5 is invalid/],
    ['gid 0', { runAsGroup: 0 }, /^MailpitHardenedProps\.runAsGroup 0 is invalid/],
    ['an unpinned image', { image: 'axllent/mailpit' }, /^MailpitHardenedProps\.image "axllent\/mailpit" is invalid: .*pinned/],
    ['the latest tag', { image: 'axllent/mailpit:latest' }, /^MailpitHardenedProps\.image "axllent\/mailpit:latest" is invalid/],
    ['a CPU limit below its request', { resources: { cpu: { request: Cpu.units(1), limit: Cpu.millis(500) } } }, /^MailpitHardenedProps\.resources\.cpu\.limit "500m" is invalid: at least the request, 1$/],
    ['a memory limit below its request', { resources: { memory: { limit: Size.mebibytes(32) } } }, /^MailpitHardenedProps\.resources\.memory\.limit "32Mi" is invalid: at least the request, 64Mi$/],
    ['a request over the default limit', { resources: { memory: { request: Size.gibibytes(1) } } }, /^MailpitHardenedProps\.resources\.memory\.request "1Gi" is invalid: at most the limit, 256Mi/],
    ['memory as text', { resources: { memory: { request: 'lots' as never } } }, /^MailpitHardenedProps\.resources\.memory\.request "lots" is invalid: a cdk8s Size/],
    ['CPU as a number', { resources: { cpu: { request: 2 as never } } }, /^MailpitHardenedProps\.resources\.cpu\.request 2 is invalid: a Cpu of cdk8s-plus-27/],
    ['an unknown resource', { resources: { gpu: {} } as never }, /^MailpitHardenedProps\.resources\.gpu \(an object\) is invalid: an object with cpu, memory and ephemeralStorage/],
    ['a storage size as text', { storageSize: '-1Gi' as never }, /^MailpitHardenedProps\.storageSize "-1Gi" is invalid: a cdk8s Size/],
    ['a size of NaN', { storageSize: Size.mebibytes(Number.NaN) }, /^MailpitHardenedProps\.storageSize "NaNMi" is invalid: a cdk8s Size above 0 and at most 8 EiB/],
    ['a size over 8 EiB', { storageSize: Size.pebibyte(8192) }, /^MailpitHardenedProps\.storageSize "8192Pi" is invalid: a cdk8s Size above 0 and at most 8 EiB/],
    ['a CPU limit a thousandth below its request', { resources: { cpu: { request: Cpu.millis(701), limit: Cpu.units(0.7) } } }, /^MailpitHardenedProps\.resources\.cpu\.limit "0\.7" is invalid: at least the request, 701m$/],
    ['a malformed storage class', { storageClassName: 'Fast SSD' }, /^MailpitHardenedProps\.storageClassName "Fast SSD"/],
    ['a plaintext password', { uiAuthPassword: 's3cret' } as unknown as MailpitHardenedProps, /^MailpitHardenedProps\.uiAuthPassword "<hidden>" is invalid: refused.*kubectl create secret generic/],
    ['credentials in env', { env: { MP_UI_AUTH: 'admin:s3cret' } }, /^MailpitHardenedProps\.env\.MP_UI_AUTH "<hidden>" is invalid: refused/],
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
