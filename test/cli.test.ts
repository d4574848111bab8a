import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { propFlags } from '../lib/cli/flags';
import { STAGE_NAMES } from '../lib/stages';
import { MAILPIT_PREVIOUS_IMAGE, MAILPIT_RELEASE_IMAGE } from '../lib/stages/options';
import { replaceOutputDir } from '../lib/synth/output-dir';
import { MANIFEST_HEADER, STAGE_FILE_NAME, synthStage, toManifestYaml } from '../lib/synth/render';
import { cli, contents, readManifests, scratch } from './support/cli';
import { objectKey } from './support/manifests';

const ROOT = path.resolve(__dirname, '..');
const tmp = scratch('cli');
const tmpRoot = tmp.root;
const tmpDir = tmp.next;
const parse = readManifests;

describe('npm run synth', () => {
  it('writes the final stage, pvc-secure, as one manifest file', async () => {
    const outdir = tmpDir();
    const result = await cli(['--outdir', outdir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(fs.readdirSync(outdir)).toEqual([STAGE_FILE_NAME]);
    expect(fs.readFileSync(path.join(outdir, STAGE_FILE_NAME), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, '__snapshots__', 'pvc-secure.k8s.yaml'), 'utf8'));
  });

  it.each(STAGE_NAMES)('writes --stage %s, each object once, PV and PVC before the workloads', async (stage) => {
    const outdir = tmpDir();
    expect((await cli(['--stage', stage, '--outdir', outdir])).code).toBe(0);
    const objects = parse(path.join(outdir, STAGE_FILE_NAME));
    expect(objects).toEqual(synthStage(stage));
    const keys = objects.map(objectKey);
    expect(new Set(keys).size).toBe(keys.length);
    const order = objects.map((o) => o.kind);
    const firstWorkload = order.findIndex((kind) => kind === 'Deployment' || kind === 'StatefulSet');
    for (const storage of ['PersistentVolume', 'PersistentVolumeClaim']) {
      if (order.includes(storage)) {
        expect(order.lastIndexOf(storage)).toBeLessThan(firstWorkload);
      }
    }
  });

  it('replaces an earlier stage and removes stale files it wrote before', async () => {
    const outdir = tmpDir();
    expect((await cli(['--outdir', outdir])).code).toBe(0);
    fs.writeFileSync(path.join(outdir, 'old-run.k8s.yaml'), `${MANIFEST_HEADER}kind: Leftover\n`);
    expect((await cli(['--stage', 'baseline', '--outdir', outdir])).code).toBe(0);
    expect(fs.readdirSync(outdir)).toEqual([STAGE_FILE_NAME]);
    expect(parse(path.join(outdir, STAGE_FILE_NAME)).map((o) => o.kind)).toEqual(['Service', 'Deployment', 'Ingress']);
  });

  it('passes --namespace, --host and --image through, and keeps the PV cluster-scoped', async () => {
    const outdir = tmpDir();
    const argv = ['--outdir', outdir, '--namespace', 'td7', '--host', 'mail.example.org', '--image', 'axllent/mailpit:v1.30.5'];
    expect((await cli(argv)).code).toBe(0);
    const objects = parse(path.join(outdir, STAGE_FILE_NAME));
    for (const object of objects) {
      expect(object.metadata.namespace, object.kind).toBe(object.kind === 'PersistentVolume' ? undefined : 'td7');
    }
    const deployment = objects.find((o) => o.kind === 'Deployment');
    const images = [...deployment.spec.template.spec.initContainers, ...deployment.spec.template.spec.containers].map((c: any) => c.image);
    expect(images).toEqual(['axllent/mailpit:v1.30.5', 'axllent/mailpit:v1.30.5']);
    expect(objects.find((o) => o.kind === 'Ingress').spec.rules[0].host).toBe('mail.example.org');
  });

  it('passes the hardened flags through', async () => {
    const outdir = tmpDir();
    const argv = [
      '--stage',
      'hardened',
      '--outdir',
      outdir,
      '--run-as-user',
      '2000',
      '--storage-class',
      'standard',
      '--storage-size',
      '2Gi',
      '--ui-auth-secret',
      'mailpit-ui',
      '--network-policy',
      '--webroot',
      '/mail',
      '--cpu-request',
      '100m',
      '--cpu-limit',
      '1',
      '--memory-request',
      '128Mi',
      '--memory-limit',
      '512Mi',
      '--image',
      'axllent/mailpit:v1.29.0',
    ];
    expect(await cli(argv)).toMatchObject({ code: 0, err: '' });
    const objects = parse(path.join(outdir, STAGE_FILE_NAME));
    expect(objects.map((o) => o.kind)).toEqual(['PersistentVolumeClaim', 'NetworkPolicy', 'Service', 'ConfigMap', 'Deployment', 'Ingress']);
    expect(objects[0].spec).toMatchObject({ storageClassName: 'standard', resources: { requests: { storage: '2Gi' } } });
    const pod = objects[4].spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsUser: 2000 });
    const mailpit = pod.containers[0];
    expect(mailpit.image).toBe('axllent/mailpit:v1.29.0');
    expect(mailpit.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(objects[3].data).toMatchObject({ MP_WEBROOT: '/mail/', MP_UI_AUTH_FILE: '/etc/mailpit/ui-auth' });
    expect(pod.volumes).toContainEqual({
      name: 'mailpit-secrets',
      projected: { sources: [{ secret: { name: 'mailpit-ui', items: [{ key: 'htpasswd', path: 'ui-auth' }] } }] },
    });
  });

  it('passes the production flags through: settings, Secrets, Services, routes, scheduling, storage', async () => {
    const outdir = tmpDir();
    const argv = [
      '--stage',
      'hardened',
      '--outdir',
      outdir,
      '--max-messages',
      '0',
      '--max-age',
      '7d',
      '--verbose',
      '--tenant-id',
      'team_a',
      '--disable-version-check',
      '--block-remote-css-and-fonts',
      '--smtp-tls-secret',
      'smtp-tls',
      '--smtp-require-starttls',
      '--smtp-auth-secret',
      'smtp-users:htpasswd',
      '--smtp-relay-config-secret',
      'relay',
      '--smtp-relay-matching',
      '@example\\.org$',
      '--pop3-auth-secret',
      'pop3',
      '--ui-tls-secret',
      'ui-tls',
      '--send-api-auth-secret',
      'send',
      '--metrics',
      '9090',
      '--smtp-service-type',
      'LoadBalancer',
      '--smtp-service-port',
      '25',
      '--smtp-load-balancer-ip',
      '192.0.2.10',
      '--smtp-source-range',
      '10.0.0.0/8',
      '--smtp-source-range',
      '192.168.0.0/16',
      '--smtp-external-traffic-policy',
      'Local',
      '--service-annotation',
      'example.org/owner=qa',
      '--no-ingress',
      '--gateway',
      'gateways/public:https',
      '--extra-host',
      'webmail.example.org',
      '--existing-claim',
      'mail-data',
      '--storage-sub-path',
      'mailpit',
      '--node-selector',
      'kubernetes.io/os=linux',
      '--priority-class',
      'tools',
      '--pod-annotation',
      'example.org/team=qa',
      '--pod-label',
      'team=qa',
      '--image-pull-secret',
      'registry',
      '--service-account',
      'mailpit',
      '--termination-grace-period',
      '5',
      '--env-from-secret',
      'extra',
      '--env-from-configmap',
      'extra-settings',
      '--network-policy',
      '--smtp-from-namespace',
      'apps',
      '--ui-from-namespace',
      'qa',
    ];
    expect(await cli(argv)).toMatchObject({ code: 0, err: '' });
    const objects = parse(path.join(outdir, STAGE_FILE_NAME));
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'NetworkPolicy/mailpit',
      'Service/mailpit',
      'Service/mailpit-smtp',
      'ConfigMap/mailpit-config',
      'Deployment/mailpit',
      'HTTPRoute/mailpit',
    ]);
    const [policy, service, smtp, config, deployment, route] = objects;
    expect(config.data).toMatchObject({
      MP_MAX_MESSAGES: '0',
      MP_MAX_AGE: '7d',
      MP_VERBOSE: 'true',
      MP_TENANT_ID: 'team_a',
      MP_DISABLE_VERSION_CHECK: 'true',
      MP_BLOCK_REMOTE_CSS_AND_FONTS: 'true',
      MP_SMTP_REQUIRE_STARTTLS: 'true',
      MP_SMTP_RELAY_MATCHING: '@example\\.org$',
      MP_SMTP_AUTH_FILE: '/etc/mailpit/smtp-auth',
      MP_SMTP_TLS_CERT: '/etc/mailpit/smtp-tls.crt',
      MP_POP3_AUTH_FILE: '/etc/mailpit/pop3-auth',
      MP_UI_TLS_KEY: '/etc/mailpit/ui-tls.key',
      MP_SEND_API_AUTH_FILE: '/etc/mailpit/send-api-auth',
      MP_ENABLE_PROMETHEUS: '0.0.0.0:9090',
    });
    expect(service.metadata.annotations).toEqual({ 'example.org/owner': 'qa' });
    expect(smtp.spec).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerIP: '192.0.2.10',
      loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
      externalTrafficPolicy: 'Local',
    });
    expect(smtp.spec.ports[0]).toMatchObject({ name: 'smtp', port: 25, targetPort: 'smtp' });
    expect(route.spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateways', sectionName: 'https' }]);
    expect(route.spec.hostnames).toEqual(['mailpit.test', 'webmail.example.org']);
    const pod = deployment.spec.template.spec;
    expect(pod).toMatchObject({
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'tools',
      imagePullSecrets: [{ name: 'registry' }],
      serviceAccountName: 'mailpit',
      terminationGracePeriodSeconds: 5,
    });
    expect(pod.volumes).toContainEqual({ name: 'maildir', persistentVolumeClaim: { claimName: 'mail-data' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'maildir', mountPath: '/maildir', subPath: 'mailpit' });
    expect(deployment.spec.template.metadata.labels).toEqual({ team: 'qa', app: 'mailpit' });
    expect(deployment.spec.template.metadata.annotations).toMatchObject({ 'example.org/team': 'qa', 'prometheus.io/port': '9090' });
    expect(pod.containers[0].envFrom).toEqual([{ configMapRef: { name: 'mailpit-config' } }, { configMapRef: { name: 'extra-settings' } }, { secretRef: { name: 'extra' } }]);
    expect(pod.containers[0].readinessProbe.httpGet.scheme).toBe('HTTPS');
    expect(policy.spec.ingress.map((rule: any) => rule.from)).toEqual([
      [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }],
      [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'qa' } } }],
    ]);
  });

  it('compares quantities exactly: a request of 2.007 cores equals a limit of 2007m, though 2.007 * 1000 is 2007.0000000000002', async () => {
    const outdir = tmpDir();
    expect(await cli(['--stage', 'hardened', '--cpu-request', '2.007', '--cpu-limit', '2007m', '--memory-request', '0.1Mi', '--memory-limit', '102.4Ki', '--outdir', outdir])).toMatchObject({
      code: 0,
      err: '',
    });
    const mailpit = parse(path.join(outdir, STAGE_FILE_NAME)).find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(mailpit.resources).toEqual({ requests: { cpu: '2.007', memory: '0.1Mi' }, limits: { cpu: '2007m', memory: '102.4Ki' } });
  });

  it('sets the group and fsGroup of hardened with --run-as-group', async () => {
    const outdir = tmpDir();
    expect(await cli(['--stage', 'hardened', '--run-as-group', '3000', '--outdir', outdir])).toMatchObject({ code: 0, err: '' });
    const pod = parse(path.join(outdir, STAGE_FILE_NAME)).find((o) => o.kind === 'Deployment').spec.template.spec;
    expect(pod).toHaveProperty('securityContext.runAsGroup', 3000);
    expect(pod).toHaveProperty('securityContext.fsGroup', 3000);
    expect(pod).toHaveProperty('securityContext.runAsUser', 1000);
  });

  it('writes to CDK8S_OUTDIR when cdk8s-cli runs it, and --outdir wins over it', async () => {
    const fromEnv = tmpDir();
    expect((await cli([], { CDK8S_OUTDIR: fromEnv })).code).toBe(0);
    expect(fs.readdirSync(fromEnv)).toEqual([STAGE_FILE_NAME]);
    const fromFlag = tmpDir();
    const ignored = tmpDir();
    expect((await cli(['--outdir', fromFlag], { CDK8S_OUTDIR: ignored })).code).toBe(0);
    expect(fs.existsSync(fromFlag)).toBe(true);
    expect(fs.existsSync(ignored)).toBe(false);
  });

  it('documents every flag of the option tables in --help, with its default and its stages', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    const help = result.out.replace(/\s+/g, ' ');
    for (const flag of propFlags()) {
      expect(help, flag.name).toContain(flag.option.flags);
      expect(help, flag.name).toContain(flag.option.description.replace(/\s+/g, ' '));
      if (flag.stages && flag.stages.length < STAGE_NAMES.length) {
        expect(flag.option.description, flag.name).toContain(`[${flag.stages.join(', ')}]`);
      }
    }
    for (const word of [
      '--stage',
      '--outdir',
      '--roster',
      ...STAGE_NAMES,
      '(default: "mailpit.test")',
      '(default: 1000) [pvc-secure, hardened, ha]',
      `(default: "axllent/mailpit"; hardened: "${MAILPIT_RELEASE_IMAGE}"; ha: "${MAILPIT_RELEASE_IMAGE}"`,
      'CPU limit, or none (no throttling) (default: 500m) [hardened, ha]',
      '(default: 1; ha: 2) [statefulset, ha]',
      `--stable-image <image> image of the stable track (default: "${MAILPIT_PREVIOUS_IMAGE}") [canary]`,
    ]) {
      expect(help).toContain(word);
    }
  });

  it('keeps the committed dist/ equal to what it writes', async () => {
    expect(fs.readdirSync(path.join(ROOT, 'dist'))).toEqual([STAGE_FILE_NAME]);
    expect(fs.readFileSync(path.join(ROOT, 'dist', STAGE_FILE_NAME), 'utf8')).toBe(toManifestYaml(synthStage('pvc-secure')));
  });
});

describe('bad input: one line naming the flag, the value and what is allowed; nothing touched', () => {
  const cases: [string, string[], string[]][] = [
    ['an unknown stage', ['--stage', 'final'], ['--stage', 'final', 'baseline, pvc, pvc-secure']],
    ['an unknown flag', ['--colour', 'red'], ['--colour', '--stage', '--outdir', '--namespace', '--host', '--image']],
    ['an upper-case namespace', ['--namespace', 'TD7'], ['--namespace', '"TD7"', 'DNS-1123 label']],
    ['an empty namespace', ['--namespace', ''], ['--namespace', '""', 'DNS-1123 label']],
    ['a namespace over 63 characters', ['--namespace', 'n'.repeat(64)], ['--namespace', 'n'.repeat(64), '63']],
    ['a host with a space', ['--host', 'mail pit.test'], ['--host', '"mail pit.test"', 'DNS host name']],
    ['an upper-case host', ['--host', 'Mailpit.test'], ['--host', '"Mailpit.test"', 'lowercase']],
    ['an IP address as host', ['--host', '192.168.49.2'], ['--host', '"192.168.49.2"', 'not an IP address']],
    ['an empty image', ['--image', ''], ['--image', '""', 'non-empty image reference']],
    ['an image with spaces', ['--image', 'axllent/mailpit latest'], ['--image', '"axllent/mailpit latest"', 'image reference']],
    ['a flag without its value', ['--host'], ['--host', 'argument missing']],
    ['uid 0 for hardened', ['--stage', 'hardened', '--run-as-user', '0'], ['--run-as-user', '0', '0 is root']],
    ['a negative uid', ['--stage', 'pvc-secure', '--run-as-user', '-1'], ['--run-as-user', '-1', 'from 1 to 2147483647']],
    ['a uid that is not a number', ['--stage', 'hardened', '--run-as-user', 'root'], ['--run-as-user', '"root"', 'whole number']],
    ['a hardened flag on a lab stage', ['--stage', 'pvc', '--storage-class', 'fast'], ['--storage-class', '"fast"', 'not used by stage pvc; it applies to stage statefulset or hardened']],
    ['a uid on baseline', ['--stage', 'baseline', '--run-as-user', '1000'], ['--run-as-user', '1000', 'pvc-secure or hardened or ha']],
    ['gid 0 for hardened', ['--stage', 'hardened', '--run-as-group', '0'], ['--run-as-group', '0', '0 is root']],
    ['a negative count, named with its range like a negative uid', ['--stage', 'hardened', '--max-messages', '-1'], ['--max-messages', '"-1"', 'a whole number from 0 to 2147483647']],
    ['a gid that is not a number', ['--stage', 'hardened', '--run-as-group', 'wheel'], ['--run-as-group', '"wheel"', 'whole number']],
    ['a gid on pvc-secure', ['--stage', 'pvc-secure', '--run-as-group', '1000'], ['--run-as-group', '"1000"', 'not used by stage pvc-secure; it applies to stage hardened or ha']],
    ['a gid on baseline', ['--stage', 'baseline', '--run-as-group', '1000'], ['--run-as-group', '"1000"', 'not used by stage baseline; it applies to stage hardened or ha']],
    ['a gid in a class of pvc', ['--students', 'a', '--stage', 'pvc', '--run-as-group', '1000'], ['--run-as-group', '"1000"', 'not used by stage pvc']],
    ['a CPU limit below its request', ['--stage', 'hardened', '--cpu-request', '1', '--cpu-limit', '100m'], ['--cpu-limit', '"100m"', 'at least the request, 1']],
    ['a memory request above the default limit', ['--stage', 'hardened', '--memory-request', '1Gi'], ['--memory-request', '"1Gi"', 'at most the limit, 256Mi']],
    ['a malformed size', ['--stage', 'hardened', '--memory-limit', 'lots'], ['--memory-limit', '"lots"', 'a size such as 64Mi or 1Gi']],
    ['memory in milli-bytes', ['--stage', 'hardened', '--memory-limit', '500m'], ['--memory-limit', '"500m"', 'Ki, Mi, Gi, Ti, Pi']],
    ['a malformed CPU', ['--stage', 'hardened', '--cpu-limit', '1 core'], ['--cpu-limit', '"1 core"', 'a CPU quantity such as 50m']],
    ['a CPU flag on a lab stage', ['--stage', 'pvc-secure', '--cpu-request', '100m'], ['--cpu-request', '"100m"', 'not used by stage pvc-secure']],
    ['a malformed storage size', ['--stage', 'hardened', '--storage-size', '1 Gi'], ['--storage-size', '"1 Gi"', 'a size such as']],
    [
      'a size a number cannot hold exactly',
      ['--stage', 'hardened', '--memory-request', '9007199254740993Ki', '--memory-limit', '9007199254740992Ki'],
      ['--memory-request', '"9007199254740993Ki"', 'at most 15 significant digits'],
    ],
    ['a size over what Kubernetes stores', ['--stage', 'hardened', '--storage-size', '8192Pi'], ['--storage-size', '"8192Pi"', 'at most 8 EiB']],
    ['a CPU limit a thousandth below its request', ['--stage', 'hardened', '--cpu-request', '701m', '--cpu-limit', '0.7'], ['--cpu-limit', '"0.7"', 'at least the request, 701m']],
    ['a malformed storage class', ['--stage', 'hardened', '--storage-class', 'Fast'], ['--storage-class', '"Fast"', 'DNS-1123 subdomain']],
    ['an unpinned image for hardened', ['--stage', 'hardened', '--image', 'axllent/mailpit'], ['--image', '"axllent/mailpit"', 'pinned']],
    ['a bad webroot', ['--stage', 'hardened', '--webroot', '/a b'], ['--webroot', '"/a b"', 'URL path']],
    ['a bad UI auth secret', ['--stage', 'hardened', '--ui-auth-secret', 'a:b:c'], ['--ui-auth-secret', '"a:b:c"', 'NAME:KEY']],
    ['a UI auth secret with a bad name', ['--stage', 'hardened', '--ui-auth-secret', 'My_Secret'], ['--ui-auth-secret', '"My_Secret"', 'DNS-1123 subdomain']],
    ['a UI auth secret with a bad key', ['--stage', 'hardened', '--ui-auth-secret', 'ui:a/b'], ['--ui-auth-secret', '"a/b"', 'a Secret key']],
    ['a plaintext UI password', ['--stage', 'hardened', '--ui-auth-password', 'hunter2'], ['--ui-auth-password', 'refused', 'kubectl create secret generic', '--ui-auth-secret']],
    ['a stray argument', ['pvc'], ['"pvc"', 'only options']],
    ['a stray htpasswd line, never shown', ['admin:$2y$05$hunter2'], ['unexpected argument "<hidden>": this command', 'only options']],
    [
      'credentials in a URL, never shown',
      ['--stage', 'hardened', '--pod-annotation', 'backup=http://admin:hunter2@rqlite:4001'],
      ['--pod-annotation', '"<hidden>"', 'refused: it holds credentials in a URL'],
    ],
    ['a private key in an annotation, never shown', ['--stage', 'hardened', '--ingress-annotation', 'k=-----BEGIN PRIVATE KEY-----hunter2'], ['--ingress-annotation', '"<hidden>"', 'a private key']],
    ['a misspelt flag, with its suggestion on the same line', ['--stag', 'pvc'], ["unknown option '--stag' (Did you mean --stage?); allowed: --stage"]],
    ['a stage with a newline and a line separator in it', ['--stage', 'pvc\nx\u2028y'], ['--stage', 'is invalid', 'Allowed choices are baseline']],
    ['a host with a line separator', ['--host', 'a\u2028b'], ['--host', '"a\\u2028b"', 'DNS host name']],
    ['a webroot of ..', ['--stage', 'hardened', '--webroot', '..'], ['--webroot', '".."', "no '.' or '..' segment"]],
    ['a wildcard domain for a class, blamed on --domain', ['--students', 'alice', '--domain', '*.lab.org'], ['--domain', '"*.lab.org"', 'no wildcard']],
  ];

  it.each(cases)('refuses %s', async (_, argv, expected) => {
    const outdir = tmpDir();
    expect((await cli(['--outdir', outdir])).code).toBe(0);
    const before = contents(outdir);

    const result = await cli(['--outdir', outdir, ...argv]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^error: [^\n\r\u2028\u2029]+\n$/);
    for (const part of expected) {
      expect(result.err).toContain(part);
    }
    expect(result.err).not.toContain('hunter2');
    expect(contents(outdir)).toEqual(before);
  });

  it('refuses an --outdir holding files it did not write, and leaves them be', async () => {
    const outdir = tmpDir();
    fs.mkdirSync(path.join(outdir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(outdir, 'notes.txt'), 'mine');
    fs.writeFileSync(path.join(outdir, 'my-app.k8s.yaml'), 'kind: Mine\n');
    const before = contents(outdir);
    const result = await cli(['--outdir', outdir]);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/^error: --outdir "[^"]+" holds 3 file\(s\) cdk8s-mailpit did not write \(my-app\.k8s\.yaml, notes\.txt, sub\/\)[^\n]*\n$/);
    expect(contents(outdir)).toEqual(before);
  });

  it('refuses an --outdir that is a file', async () => {
    const file = path.join(tmpRoot, 'a-file');
    fs.writeFileSync(file, 'mine');
    const result = await cli(['--outdir', file]);
    expect(result.code).not.toBe(0);
    expect(result.err).toMatch(/^error: --outdir "[^"]+" is a file, not a folder[^\n]*\n$/);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
  });

  it('leaves the old folder whole when writing the new one fails half-way', async () => {
    const outdir = tmpDir();
    expect((await cli(['--outdir', outdir])).code).toBe(0);
    const before = contents(outdir);
    const files = [
      { name: 'a.k8s.yaml', content: MANIFEST_HEADER },
      { name: 'missing-dir/b.k8s.yaml', content: MANIFEST_HEADER },
    ];
    expect(() => replaceOutputDir(outdir, files)).toThrow(/^--outdir ".*" cannot be written: ENOENT/);
    expect(contents(outdir)).toEqual(before);
    expect(fs.readdirSync(path.dirname(outdir)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('creates missing parent folders, and removes them again when writing fails', async () => {
    const parent = path.join(tmpRoot, 'new-parent');
    expect((await cli(['--outdir', path.join(parent, 'a', 'dist')])).code).toBe(0);
    expect(fs.readdirSync(path.join(parent, 'a', 'dist'))).toEqual(['mailpit.k8s.yaml']);
    const failing = path.join(tmpRoot, 'other-parent');
    expect(() => replaceOutputDir(path.join(failing, 'b', 'dist'), [{ name: 'x/y.k8s.yaml', content: '' }])).toThrow(/cannot be written/);
    expect(fs.existsSync(failing)).toBe(false);
  });

  it('reports a folder it cannot create on one line, under /proc where Node would spin forever', async () => {
    const result = await cli(['--outdir', '/proc/no-such-dir/dist']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: --outdir "\/proc\/no-such-dir\/dist" cannot be written: ENOENT[^\n]*\n$/);
  });
});
