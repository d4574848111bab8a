import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDirectory } from '../lib/check/check';
import { allMeetDeclared, formatReport } from '../lib/check/report';
import { checkStages } from '../lib/check/stages-report';
import { synthStage, toManifestYaml } from '../lib/synth/render';
import { cli, scratch } from './support/cli';

const ROOT = path.resolve(__dirname, '..');
const tmpRoot = scratch('check').root;

describe('the security report of the stages', () => {
  const rows = checkStages();
  const row = (stage: string) => rows.find((r) => r.subject === stage)!;

  it('has one row per stage, each at or above the level it declares', async () => {
    expect(rows.map((r) => r.subject)).toEqual([
      'baseline',
      'pvc',
      'pvc-secure',
      'config',
      'statefulset',
      'canary: StatefulSet/rqlite',
      'canary: Deployment/mailpit-stable',
      'canary: Deployment/mailpit-canary',
      'blue-green: StatefulSet/rqlite',
      'blue-green: Deployment/mailpit-blue',
      'blue-green: Deployment/mailpit-green',
      'hardened',
      'ha: StatefulSet/rqlite',
      'ha: StatefulSet/mailpit',
    ]);
    expect(allMeetDeclared(rows)).toBe(true);
  });

  it.each(['baseline', 'pvc', 'pvc-secure', 'config', 'statefulset', 'canary: Deployment/mailpit-canary', 'blue-green: Deployment/mailpit-green'])(
    '%s passes baseline and fails restricted',
    async (stage) => {
      expect(row(stage)).toMatchObject({ declares: 'baseline', passes: 'baseline' });
      expect(row(stage).violations.length).toBeGreaterThan(0);
      expect(row(stage).violations.every((v) => v.level === 'restricted')).toBe(true);
    },
  );

  it('pvc-secure fails restricted because init-pv runs as root and there is no seccomp profile', async () => {
    const violations = row('pvc-secure').violations;
    expect(violations).toContainEqual(expect.objectContaining({ control: 'Running as Non-root', container: 'init-pv' }));
    expect(violations).toContainEqual(expect.objectContaining({ control: 'Seccomp (restricted)', container: 'init-pv' }));
    expect(violations).toContainEqual(expect.objectContaining({ control: 'Seccomp (restricted)', container: 'mailpit' }));
  });

  it.each(['hardened', 'ha: StatefulSet/rqlite', 'ha: StatefulSet/mailpit', 'canary: StatefulSet/rqlite'])('%s passes restricted', async (subject) => {
    expect(row(subject)).toMatchObject({ passes: 'restricted', violations: [] });
  });

  it('is printed by `npm run check`, which exits 0', async () => {
    const result = await cli(['check']);
    expect(result.code).toBe(0);
    expect(result.out).toBe(`${formatReport(rows)}\nall 14 workloads pass the level they declare\n`);
  });

  it('is the table in docs/security.md', async () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'security.md'), 'utf8')).toContain(formatReport(rows));
  });
});

describe('npm run check -- --dir', () => {
  function folder(name: string, files: Record<string, string>): string {
    const dir = path.join(tmpRoot, name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    return dir;
  }

  it('exits 1 when a workload falls below the level its Namespace enforces', async () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: strict\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n';
    const dir = folder('strict', {
      'ns.yaml': namespace,
      'nested/app.k8s.yaml': toManifestYaml(synthStage('pvc-secure', { namespace: 'strict' })),
    });
    const rows = checkDirectory(dir, 'baseline');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject: 'nested/app.k8s.yaml: Deployment/mailpit', declares: 'restricted', passes: 'baseline' });
    const result = await cli(['check', '--dir', dir]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('| workload | declares | passes |');
    expect(result.out).toContain('**baseline** (below)');
    expect(result.out).toContain('some workloads fall below the level they declare');
  });

  it('uses --level where no Namespace in the folder says, and passes what meets it', async () => {
    const dir = folder('plain', {
      'hardened.yaml': toManifestYaml(synthStage('hardened')),
      'baseline.json': JSON.stringify(synthStage('baseline')[1]),
      'notes.txt': 'not a manifest',
    });
    expect((await cli(['check', '--dir', dir])).code).toBe(0);
    const strict = await cli(['check', '--dir', dir, '--level', 'restricted']);
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('baseline.json: Deployment/mailpit | restricted | **baseline** (below)');
    expect(strict.out).toContain('hardened.yaml: Deployment/mailpit | restricted | restricted | none');
  });

  it("judges a workload by its Namespace's enforce-version, and the others by --k8s-version", async () => {
    // A pod with no seccomp profile and no dropped capabilities: restricted before v1.19, not after.
    const pod = (name: string, namespace: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: c\n      securityContext:\n        allowPrivilegeEscalation: false\n`;
    const namespace = (name: string, version?: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n${version ? `    pod-security.kubernetes.io/enforce-version: ${version}\n` : ''}`;
    const dir = folder('versions', {
      'old.yaml': `${namespace('old', 'v1.18')}---\n${pod('a', 'old')}`,
      'new.yaml': `${namespace('new', 'latest')}---\n${pod('b', 'new')}`,
      'bad.yaml': `${namespace('bad', 'v9')}---\n${pod('c', 'bad')}`,
      'none.yaml': pod('d', 'elsewhere'),
    });
    const rows = checkDirectory(dir, { level: 'restricted', version: 18 });
    expect(rows.map((r) => [r.subject, r.declares, r.version, r.passes])).toEqual([
      ['bad.yaml: Pod/c', 'restricted', 37, 'baseline'],
      ['new.yaml: Pod/b', 'restricted', 37, 'baseline'],
      ['none.yaml: Pod/d', 'restricted', 18, 'restricted'],
      ['old.yaml: Pod/a', 'restricted', 18, 'restricted'],
    ]);
    const result = await cli(['check', '--dir', dir, '--level', 'restricted', '--k8s-version', 'v1.18']);
    expect(result.code).toBe(1);
    expect(result.out).toContain('| none.yaml: Pod/d | restricted (v1.18) | restricted | none |');
    expect(result.out).toContain('| new.yaml: Pod/b | restricted | **baseline** (below) |');
  });

  it('checks every kind of workload, its pod template metadata and its ephemeral containers', async () => {
    const template = (extra = '') =>
      `metadata:\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/c: unconfined\nspec:\n  containers:\n    - name: c\n  ephemeralContainers:\n    - name: debug\n      securityContext:\n        privileged: true\n${extra}`;
    const indent = (text: string, by: number) => text.replace(/^/gm, ' '.repeat(by));
    const kinds: Record<string, string> = {
      Deployment: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      Job: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: x\nspec:\n  jobTemplate:\n    spec:\n      template:\n${indent(template(), 8)}`,
      ReplicationController: `apiVersion: v1\nkind: ReplicationController\nmetadata:\n  name: x\nspec:\n  template:\n${indent(template(), 4)}`,
      PodTemplate: `apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: x\ntemplate:\n${indent(template(), 2)}`,
      Pod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    container.apparmor.security.beta.kubernetes.io/c: unconfined\nspec:\n  containers:\n    - name: c\n  ephemeralContainers:\n    - name: debug\n      securityContext:\n        privileged: true\n`,
    };
    const dir = folder('every-kind', Object.fromEntries(Object.entries(kinds).map(([kind, text]) => [`${kind}.yaml`, text])));
    const rows = checkDirectory(dir, 'baseline');
    expect(rows.map((r) => r.subject.split(': ')[1].split('/')[0]).sort()).toEqual(Object.keys(kinds).sort());
    for (const row of rows) {
      expect(row.passes, row.subject).toBe('privileged');
      const baseline = row.violations.filter((v) => v.level === 'baseline');
      expect(baseline.map((v) => `${v.check} ${v.container ?? ''}`).sort(), row.subject).toEqual(['appArmorProfile ', 'privileged debug']);
    }
  });

  it('reads manifests as kubectl does: YAML 1.1 booleans and merge keys, null as unset; and skips kinds named like object properties', async () => {
    const pod = (name: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${spec}`;
    const dir = folder('kubectl-yaml', {
      'yes.yaml': pod('agreed', '  containers:\n    - name: c\n      securityContext:\n        privileged: yes\n'),
      'merge.yaml': `x-defaults: &privileged {privileged: true}\n${pod('merge', '  containers:\n    - name: c\n      securityContext:\n        <<: *privileged\n')}`,
      'nulls.yaml': pod('nulls', '  securityContext: null\n  volumes: null\n  containers:\n    - name: c\n      securityContext:\n        capabilities: null\n'),
      'proto.yaml': 'kind: hasOwnProperty\n---\nkind: __proto__\n---\nkind: constructor\n',
    });
    const rows = checkDirectory(dir, 'baseline');
    expect(rows.map((r) => [r.subject, r.passes])).toEqual([
      ['merge.yaml: Pod/merge', 'privileged'],
      ['nulls.yaml: Pod/nulls', 'baseline'],
      ['yes.yaml: Pod/agreed', 'privileged'],
    ]);
  });

  it('refuses an alias bomb, which would expand to millions of nodes, with one line', async () => {
    const levels = Array.from({ length: 6 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array.from({ length: 10 }, () => `*a${i}`).join(', ')}]`);
    const bomb = `a0: &a0 x\n${levels.join('\n')}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      securityContext:\n        allowPrivilegeEscalation: *a6\n`;
    const result = await cli(['check', '--dir', folder('bomb', { 'bomb.yaml': bomb })]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: --dir ".*bomb" is invalid: a folder of YAML or JSON manifests, but bomb\.yaml: aliases that expand to more than [\d,]+ nodes, an alias bomb\n$/);
  });

  it('lets a Windows pod that restricted exempts pass a restricted Namespace, as the admission controller does, though it fails baseline', async () => {
    const dir = folder('windows', {
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: win\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: "1.25"\n',
      'pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: w\n  namespace: win\nspec:\n  os:\n    name: windows\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: c\n      securityContext:\n        capabilities:\n          add: [NET_RAW]\n',
    });
    const [row] = checkDirectory(dir, 'baseline');
    // "1.25" is not a version label the controller reads: it takes latest.
    expect(row).toMatchObject({ declares: 'restricted', version: 37, passes: 'privileged', meetsDeclared: true });
    expect((await cli(['check', '--dir', dir])).code).toBe(0);
  });

  it('writes one JSON record per workload and control for CI, with the level met and the level declared', async () => {
    const dir = folder('json', { 'app.yaml': toManifestYaml(synthStage('pvc-secure')) });
    const result = await cli(['check', '--dir', dir, '--format', 'json', '--k8s-version', 'v1.33']);
    expect(result.code).toBe(0);
    const records = JSON.parse(result.out);
    expect(records).toHaveLength(17); // at v1.33: 11 baseline checks, and 6 restricted ones
    expect(new Set(records.map((r: any) => r.workload))).toEqual(new Set(['app.yaml: Deployment/mailpit']));
    expect(records[0]).toMatchObject({ kubernetesVersion: 'v1.33', declared: 'baseline', met: 'baseline', meetsDeclared: true });
    const seccomp = records.find((r: any) => r.check === 'seccompProfile_restricted');
    expect(seccomp).toMatchObject({ level: 'restricted', control: 'Seccomp (restricted)', passed: false });
    expect(seccomp.findings[0]).toMatchObject({ container: 'init-pv', field: 'securityContext.seccompProfile.type' });
    expect(records.find((r: any) => r.check === 'hostProbesAndHostLifecycle')).toBeUndefined();
  });

  it.each([
    ['an unknown version', ['--k8s-version', 'v1.99'], /^error: --k8s-version "v1\.99" is invalid: a Kubernetes version from v1\.0 to v1\.37, such as v1\.37, or latest\n$/],
    ['an unknown format', ['--format', 'xml'], /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are table, json\.\n$/],
  ])('refuses %s with one line', async (_, argv, message) => {
    const result = await cli(['check', ...argv]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('passes the production example, every option on, at restricted: what CI checks', async () => {
    const dir = folder('production', { 'production.k8s.yaml': fs.readFileSync(path.join(__dirname, '..', '__snapshots__', 'production.k8s.yaml'), 'utf8') });
    const result = await cli(['check', '--dir', dir, '--level', 'restricted']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('production.k8s.yaml: Deployment/mailpit | restricted | restricted | none');
    expect(result.out).toContain('\nthe one workload passes the level it declares\n');
  });

  it('checks every kind of workload: Pod, StatefulSet, DaemonSet, Job, CronJob', async () => {
    const pod = { containers: [{ name: 'c', securityContext: { privileged: true } }] };
    const docs = [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: pod },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { template: { spec: pod } } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { template: { spec: pod } } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: pod } } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: pod } } } } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'not-a-workload' } },
    ];
    const dir = folder('kinds', { 'all.yaml': toManifestYaml(docs as any) });
    const rows = checkDirectory(dir, 'baseline');
    expect(rows.map((r) => [r.subject, r.passes])).toEqual(['Pod/p', 'StatefulSet/s', 'DaemonSet/d', 'Job/j', 'CronJob/c'].map((s) => [`all.yaml: ${s}`, 'privileged']));
  });

  it.each([
    ['a missing folder', ['check', '--dir', '/no/such/folder'], /^error: --dir "\/no\/such\/folder" is invalid: an existing folder of manifests\n$/],
    ['an unknown level', ['check', '--level', 'strict'], /^error: option '--level <level>' argument 'strict' is invalid\. Allowed choices are privileged, baseline, restricted\.\n$/],
    ['an unknown flag', ['check', '--stage', 'pvc'], /^error: unknown option '--stage'; allowed: --dir, --level, --k8s-version, --format, --help\n$/],
  ])('refuses %s with one line', async (_, argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });
});

describe('npm run check -- --dir on a broken file', () => {
  it('names the file and the YAML error on one line', async () => {
    const dir = path.join(tmpRoot, 'broken');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'kind: Pod\nmetadata: [unclosed\n');
    const result = await cli(['check', '--dir', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: --dir ".*broken" is invalid: a folder of YAML or JSON manifests, but bad\.yaml: [^\n]+\n$/);
  });
});

describe('npm run check -- --dir on hostile input: one line and exit 2, never a crash or a hang', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
  const deployment = (containers: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      containers:\n${containers}`;

  it.each([
    ['containers: 5', pod('  containers: 5\n'), 'a.yaml: Pod/p: spec.containers must be a list'],
    ['volumes: 5', pod('  containers: []\n  volumes: 5\n'), 'a.yaml: Pod/p: spec.volumes must be a list'],
    ['ports: 5', deployment('        - name: c\n          ports: 5\n'), 'a.yaml: Deployment/d: spec.template.spec.containers[0].ports must be a list'],
    [
      'a capability that is not a string',
      deployment('        - name: c\n          securityContext:\n            capabilities:\n              add: [1]\n'),
      'spec.template.spec.containers[0].securityContext.capabilities.add[0] must be a string',
    ],
    ['a Deployment without a pod template', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec: 5\n', 'a.yaml: Deployment/d: spec.template must be an object'],
    ['annotations that are not text', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: [1]\nspec:\n  containers: []\n', 'metadata.annotations.a must be a string'],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array.from({ length: 10 }, () => (i === 0 ? '*a' : `*b${i - 1}`)).join(', ')}]`).join('\n')}\n`,
      'a.yaml: ',
    ],
  ])('refuses a workload with %s, naming the file and the field', async (_, text, message) => {
    const dir = path.join(tmpRoot, `hostile-${Math.random().toString(36).slice(2)}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.yaml'), text);
    const result = await cli(['check', '--dir', dir]);
    expect(result.code).toBe(2);
    expect(result.out).toBe('');
    expect(result.err).toMatch(/^error: --dir "[^"]+" is invalid: a folder of YAML or JSON manifests, but [^\n]+\n$/);
    expect(result.err).toContain(message);
  });

  it('refuses a manifest that is a device or a FIFO, and skips a folder named like a manifest', async () => {
    const dir = path.join(tmpRoot, 'devices');
    fs.mkdirSync(path.join(dir, 'x.yaml'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'x.yaml', 'inner.yaml'), toManifestYaml(synthStage('hardened')));
    expect((await cli(['check', '--dir', dir])).code).toBe(0);
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    const device = await cli(['check', '--dir', dir]);
    expect(device.code).toBe(2);
    expect(device.err).toMatch(/but zero\.yaml is a character device, not a regular file\n$/);
    fs.rmSync(path.join(dir, 'zero.yaml'));
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]).status).toBe(0);
    const fifo = await cli(['check', '--dir', dir]);
    expect(fifo.code).toBe(2);
    expect(fifo.err).toMatch(/but pipe\.yaml is a FIFO, not a regular file\n$/);
  });

  it('refuses a manifest larger than the limit it states', async () => {
    const dir = path.join(tmpRoot, 'large');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'big.yaml'), Buffer.alloc(16 * 1024 * 1024 + 1, 'a'));
    const result = await cli(['check', '--dir', dir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/but big\.yaml is larger than 16 MiB, the most read\n$/);
  });
});
