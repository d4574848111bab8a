import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Classroom, DEFAULT_STUDENT_QUOTA, InvalidOptionError, STUDENT_LABEL } from '../lib';
import { DEFAULT_CONTAINER_RESOURCES, tenantOf } from '../lib/classroom/classroom';
import { tenantClash, tenantNames, tenantPrefix } from '../lib/building-blocks/mailpit/tenants';
import { synthClassroom } from '../lib/classroom/render';
import { checkDirectory } from '../lib/check/check';
import { STAGE_NAMES } from '../lib/stages';
import { footprint, sharedAgainstPerStudent } from '../bench/shared-rqlite';
import { synthStage, toManifestYaml } from '../lib/synth/render';
import { cli, readManifests, scratch } from './support/cli';
import { linkProblems, objectKey, quantityValue, synthChart, validateSchema } from './support/manifests';

const tmp = scratch('class');
const tmpRoot = tmp.root;
const tmpDir = tmp.next;

const students = ['alice', 'bob', 'carol-2'];
const files = synthClassroom({ students, rbac: true });

describe('a class of three on pvc-secure', () => {
  it('writes one file per student, named after their namespace', async () => {
    expect(files.map((f) => f.name)).toEqual(['mailpit-alice.k8s.yaml', 'mailpit-bob.k8s.yaml', 'mailpit-carol-2.k8s.yaml']);
  });

  it.each(students.map((id, i) => [id, i] as const))('gives %s a namespace holding their whole stage', async (id, i) => {
    const objects = files[i].objects as any[];
    const namespace = `mailpit-${id}`;
    expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: namespace } });
    expect(objects[0].metadata.labels).toEqual({ [STUDENT_LABEL]: id, 'pod-security.kubernetes.io/enforce': 'baseline' });
    for (const object of objects) {
      const clusterScoped = ['Namespace', 'PersistentVolume'].includes(object.kind);
      expect(object.metadata.namespace, `${object.kind}`).toBe(clusterScoped ? undefined : namespace);
      expect(object.metadata.labels[STUDENT_LABEL]).toBe(id);
    }
    const pv = objects.find((o) => o.kind === 'PersistentVolume');
    expect(pv.metadata.name).toBe(`pv-mailpit-${id}`);
    expect(pv.spec.hostPath).toEqual({ path: `/tmp/pv-mailpit-${id}` });
    expect(pv.spec.claimRef).toEqual({ namespace, name: 'pvc-mailpit' });
    expect(objects.find((o) => o.kind === 'PersistentVolumeClaim').spec.volumeName).toBe(`pv-mailpit-${id}`);
    expect(objects.find((o) => o.kind === 'Ingress').spec.rules[0].host).toBe(`${id}.mailpit.test`);
    expect(objects.map((o) => o.kind)).toEqual(['Namespace', 'ResourceQuota', 'LimitRange', 'Role', 'RoleBinding', 'PersistentVolume', 'PersistentVolumeClaim', 'Service', 'Deployment', 'Ingress']);
    expect(linkProblems(objects)).toEqual([]);
    objects.forEach(validateSchema);
  });

  it('shares no cluster-scoped name, hostPath or host between students', async () => {
    const all = files.flatMap((f) => f.objects as any[]);
    const clusterNames = all.filter((o) => !o.metadata.namespace).map(objectKey);
    expect(new Set(clusterNames).size).toBe(clusterNames.length);
    expect(clusterNames).toHaveLength(6);
    const hostPaths = all.filter((o) => o.kind === 'PersistentVolume').map((o) => o.spec.hostPath.path);
    expect(new Set(hostPaths).size).toBe(3);
    const hosts = all.filter((o) => o.kind === 'Ingress').map((o) => o.spec.rules[0].host);
    expect(new Set(hosts).size).toBe(3);
    const keys = all.map(objectKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('caps each namespace with the documented quota, and gives the lab pods default resources so it admits them', async () => {
    const objects = files[0].objects as any[];
    const quota = objects.find((o) => o.kind === 'ResourceQuota');
    expect(quota.spec.hard).toEqual({
      pods: '6',
      'requests.cpu': '1',
      'requests.memory': '1Gi',
      'limits.cpu': '3',
      'limits.memory': '2Gi',
      persistentvolumeclaims: '2',
      'requests.storage': '2Gi',
      services: '4',
      'services.nodeports': '0',
      'services.loadbalancers': '0',
    });
    expect(objects.find((o) => o.kind === 'LimitRange').spec.limits).toEqual([{ type: 'Container', defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '500m', memory: '256Mi' } }]);
  });

  // Each stage at its peak: as the sheets scale it, during a rolling update (a surge of a quarter,
  // rounded up, for one Deployment at a time), containers without resources taking the defaults.
  it.each([
    ['baseline', {}],
    ['pvc-secure', {}],
    ['config', {}],
    ['statefulset', { replicas: 2 }],
    ['canary', {}],
    ['blue-green', {}],
    ['hardened', {}],
    ['ha', {}],
  ] as const)('admits %s at its peak with the default quota', (stage, stageProps) => {
    const files = synthClassroom({ students: ['erin'], stage, stageProps } as never);
    const objects = files[files.length - 1].objects as any[];
    const hard = DEFAULT_STUDENT_QUOTA;
    const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
    const surge = (w: any) => (w.kind === 'Deployment' && w.spec.strategy?.type !== 'Recreate' ? Math.ceil((w.spec.replicas ?? 1) / 4) : 0);
    const peak = workloads.map((w) => ({ w, replicas: w.spec.replicas ?? 1 }));
    const pods = peak.reduce((sum, p) => sum + p.replicas, 0) + Math.max(0, ...workloads.map(surge));
    // A pod's init containers run before its containers, and here ask no more than they do.
    const perPod = (w: any, field: 'requests' | 'limits', resource: 'cpu' | 'memory') =>
      (w.spec.template.spec.containers as any[]).reduce(
        (sum: number, c: any) =>
          sum + quantityValue(c.resources?.[field]?.[resource] ?? (field === 'requests' ? DEFAULT_CONTAINER_RESOURCES.defaultRequest : DEFAULT_CONTAINER_RESOURCES.default)[resource]),
        0,
      );
    const total = (field: 'requests' | 'limits', resource: 'cpu' | 'memory') =>
      peak.reduce((sum, p) => sum + p.replicas * perPod(p.w, field, resource), 0) + Math.max(0, ...workloads.map((w) => surge(w) * perPod(w, field, resource)));
    expect(pods).toBeLessThanOrEqual(Number(hard.pods));
    expect(total('requests', 'memory')).toBeLessThanOrEqual(quantityValue(hard['requests.memory']));
    expect(total('limits', 'memory')).toBeLessThanOrEqual(quantityValue(hard['limits.memory']));
    expect(total('requests', 'cpu')).toBeLessThanOrEqual(quantityValue(hard['requests.cpu']));
    expect(total('limits', 'cpu')).toBeLessThanOrEqual(quantityValue(hard['limits.cpu']));
    const claims = objects.filter((o) => o.kind === 'PersistentVolumeClaim').length + workloads.reduce((n, w) => n + (w.spec.replicas ?? 1) * (w.spec.volumeClaimTemplates?.length ?? 0), 0);
    expect(claims).toBeLessThanOrEqual(Number(hard.persistentvolumeclaims));
    expect(objects.filter((o) => o.kind === 'Service').length).toBeLessThanOrEqual(Number(hard.services));
  });

  it('lets every workload pass the level its namespace enforces', async () => {
    const dir = tmpDir();
    fs.mkdirSync(dir);
    for (const file of files) {
      fs.writeFileSync(path.join(dir, file.name), toManifestYaml(file.objects));
    }
    const rows = checkDirectory(dir, 'restricted');
    expect(rows.map((r) => [r.declares, r.passes])).toEqual(students.map(() => ['baseline', 'baseline']));
  });
});

describe('the student Role', () => {
  const objects = files[1].objects as any[];
  const role = objects.find((o) => o.kind === 'Role');
  const binding = objects.find((o) => o.kind === 'RoleBinding');

  function allows(verb: string, group: string, resource: string): boolean {
    return role.rules.some((rule: any) => rule.apiGroups.includes(group) && rule.resources.includes(resource) && rule.verbs.includes(verb));
  }

  // What each kubectl step of the lab asks the API server, in the student's namespace.
  const LAB_STEPS: [string, [string, string, string][]][] = [
    ['kubectl get pods -l app=mailpit', [['list', '', 'pods']]],
    [
      'kubectl exec -it deployment/mailpit -- sh',
      [
        ['get', 'apps', 'deployments'],
        ['list', '', 'pods'],
        ['create', '', 'pods/exec'],
        ['get', '', 'pods/exec'],
      ],
    ],
    ['kubectl get pods -o jsonpath=...containerID', [['list', '', 'pods']]],
    [
      'kubectl apply -f pvc-mailpit.yaml',
      [
        ['get', '', 'persistentvolumeclaims'],
        ['create', '', 'persistentvolumeclaims'],
        ['patch', '', 'persistentvolumeclaims'],
      ],
    ],
    ['kubectl get pvc', [['list', '', 'persistentvolumeclaims']]],
    [
      'kubectl apply -f mailpit-with-pvc.yaml',
      [
        ['get', 'apps', 'deployments'],
        ['create', 'apps', 'deployments'],
        ['patch', 'apps', 'deployments'],
      ],
    ],
    [
      'kubectl port-forward service/mailpit 1025',
      [
        ['get', '', 'services'],
        ['list', '', 'pods'],
        ['create', '', 'pods/portforward'],
        ['get', '', 'pods/portforward'],
      ],
    ],
    ['kubectl get ingress mailpit', [['get', 'networking.k8s.io', 'ingresses']]],
    [
      'kubectl delete pods -l app=mailpit',
      [
        ['list', '', 'pods'],
        ['delete', '', 'pods'],
      ],
    ],
    [
      'kubectl logs deployment/mailpit',
      [
        ['get', 'apps', 'deployments'],
        ['get', '', 'pods/log'],
      ],
    ],
    [
      'kubectl rollout status deployment/mailpit',
      [
        ['watch', 'apps', 'deployments'],
        ['list', 'apps', 'replicasets'],
      ],
    ],
  ];

  it.each(LAB_STEPS)('lets `%s` through', async (_, requests) => {
    for (const [verb, group, resource] of requests) {
      expect(allows(verb, group, resource), `${verb} ${group}/${resource}`).toBe(true);
    }
  });

  it('binds user bob to a Role in his own namespace only', async () => {
    expect(role.metadata).toMatchObject({ name: 'mailpit-student', namespace: 'mailpit-bob' });
    expect(binding.metadata).toMatchObject({ name: 'mailpit-student', namespace: 'mailpit-bob' });
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'mailpit-student' });
    expect(binding.subjects).toEqual([{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' }]);
    expect(objects.some((o) => o.kind.startsWith('Cluster'))).toBe(false);
  });

  it('grants nothing cluster-wide, no reading of Secrets, no RBAC, no wildcard', async () => {
    const clusterScoped = ['namespaces', 'nodes', 'persistentvolumes', 'storageclasses', 'clusterroles', 'clusterrolebindings', 'customresourcedefinitions'];
    for (const rule of role.rules) {
      expect(rule.resources.filter((r: string) => clusterScoped.includes(r) || r.includes('*'))).toEqual([]);
      if (rule.resources.includes('secrets')) {
        expect(rule.verbs, 'TD 8 creates the Secret mailpit-auth, and never reads one back').toEqual(['create', 'delete']);
      }
      expect(rule.apiGroups.filter((g: string) => g === '*' || g.startsWith('rbac'))).toEqual([]);
      expect(rule.verbs.filter((v: string) => ['*', 'escalate', 'bind', 'impersonate'].includes(v))).toEqual([]);
      expect(rule.nonResourceURLs).toBeUndefined();
    }
    for (const verb of ['get', 'list', 'watch', 'update', 'patch']) {
      expect(allows(verb, '', 'secrets'), verb).toBe(false);
    }
    expect(allows('list', '', 'persistentvolumes')).toBe(false);
  });

  it('is left out without rbac', async () => {
    const plain = synthClassroom({ students: ['dan'] })[0].objects.map((o) => o.kind);
    expect(plain).not.toContain('Role');
    expect(plain).not.toContain('RoleBinding');
  });
});

describe('every stage in a class', () => {
  it.each(STAGE_NAMES)('%s', async (stage) => {
    const files = synthClassroom({ students: ['erin'], stage, domain: 'lab.example.org', namespacePrefix: 'td7-' });
    const file = files[files.length - 1];
    const objects = file.objects as any[];
    expect(file.name).toBe('td7-erin.k8s.yaml');
    expect(objects[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'td7-erin' } });
    expect(objects[0].metadata.labels['pod-security.kubernetes.io/enforce']).toBe(stage === 'hardened' || stage === 'ha' ? 'restricted' : 'baseline');
    expect(objects.find((o) => o.kind === 'Ingress').spec.rules[0].host).toBe('erin.lab.example.org');
    const pvs = objects.filter((o) => o.kind === 'PersistentVolume').map((o) => o.metadata.name);
    const expected = { pvc: ['pv-mailpit-erin'], 'pvc-secure': ['pv-mailpit-erin'], statefulset: ['pv-td7-erin-mailpit-0', 'pv-td7-erin-mailpit-1'] }[stage as string] ?? [];
    expect(pvs).toEqual(expected);
    // A stage on rqlite has its database in the shared file; the others have one file per student.
    const onRqlite = ['canary', 'blue-green', 'ha'].includes(stage);
    expect(files.map((f) => f.name)).toEqual(onRqlite ? ['td7-rqlite.k8s.yaml', 'td7-erin.k8s.yaml'] : ['td7-erin.k8s.yaml']);
    expect(linkProblems(files.flatMap((f) => f.objects))).toEqual([]);
  });
});

describe('a class on rqlite', () => {
  const files = synthClassroom({ students: ['ann', 'bob-x'], stage: 'ha', stageProps: { rqlite: { nodes: 5, storageClassName: 'fast' } }, rbac: true });
  const shared = files[0].objects as any[];

  it('shares one rqlite cluster, sized by the teacher, in a restricted namespace of its own', () => {
    expect(files.map((f) => f.name)).toEqual(['mailpit-rqlite.k8s.yaml', 'mailpit-ann.k8s.yaml', 'mailpit-bob-x.k8s.yaml']);
    expect(shared[0]).toMatchObject({ kind: 'Namespace', metadata: { name: 'mailpit-rqlite', labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } });
    const set = shared.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'rqlite');
    expect(set).toHaveProperty('spec.replicas', 5);
    expect(set).toHaveProperty('metadata.namespace', 'mailpit-rqlite');
    expect(set).toHaveProperty('spec.volumeClaimTemplates.0.spec.storageClassName', 'fast');
    expect(shared.every((o) => o.metadata.labels?.['cdk8s-mailpit/shared'] === 'rqlite')).toBe(true);
    for (const file of files.slice(1)) {
      expect(file.objects.filter((o) => o.metadata.name.includes('rqlite'))).toEqual([]);
    }
  });

  it.each([
    ['ann', 'ann'],
    ['bob-x', 'bob_x'],
  ])('gives %s a tenant of their own, reaching the cluster by its namespaced name', (id, tenant) => {
    const objects = files.find((f) => f.name === `mailpit-${id}.k8s.yaml`)!.objects as any[];
    const config = objects.find((o) => o.kind === 'ConfigMap');
    expect(config.data).toMatchObject({ MP_DATABASE: 'http://rqlite.mailpit-rqlite.svc:4001?disableClusterDiscovery=true', MP_TENANT_ID: tenant });
    expect(objects.find((o) => o.kind === 'StatefulSet')).toHaveProperty('spec.replicas', 2);
  });

  it('saves, for the bench, one cluster per student: pods, claims and memory counted from the manifests', () => {
    const { shared, perStudent } = sharedAgainstPerStudent(2);
    // Shared: 2 Mailpits per student and 3 rqlite nodes; alone: 3 nodes in each namespace.
    expect(shared).toMatchObject({ pods: 2 * 2 + 3, claims: 3, memoryMiB: 64 * 7 });
    expect(perStudent).toMatchObject({ pods: 2 * (2 + 3), claims: 2 * 3, memoryMiB: 64 * 10 });
    expect(footprint([{ kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } } as never])).toEqual({
      objects: 1,
      pods: 1,
      claims: 0,
      memoryMiB: 64,
    });
  });

  it("refuses two students whose tenants would share a table or an index: x's message_tags is x-message's tags, a's index idx_tags a-idx's table tags", () => {
    expect(() => synthClassroom({ students: ['x', 'x-message'], stage: 'ha' })).toThrow(
      /^ClassroomProps\.students\[1\] "x-message" is invalid: an id whose tenant shares no table or index name with another student's: its x_message_tags would also be "x"'s, of ClassroomProps\.students\[0\]/,
    );
    expect(() => synthClassroom({ students: ['a', 'a-idx'], stage: 'canary' })).toThrow(/^ClassroomProps\.students\[1\] "a-idx" is invalid: .*its a_idx_tags would also be "a"'s/);
    expect(tenantClash(['x', 'x-mailbox', 'xmessage', 'message'].map(tenantOf))).toBeUndefined();
    expect(synthClassroom({ students: ['x', 'x-message'], stage: 'pvc-secure' })).toHaveLength(2);
  });

  it('gives a student whose id starts with a digit a tenant Mailpit can use: an SQL name cannot start with a digit', () => {
    expect(tenantOf('21905123')).toBe('_21905123');
    expect(tenantOf('bob-x')).toBe('bob_x');
    // SQLite reserves the names that start with sqlite_.
    expect(tenantOf('sqlite')).toBe('_sqlite');
    expect(tenantOf('sqlite-2')).toBe('_sqlite_2');
    expect(tenantOf('sqlitex')).toBe('sqlitex');
    const files = synthClassroom({ students: ['21905123', 'ann'], stage: 'ha' });
    const config = files[1].objects.find((o) => o.kind === 'ConfigMap') as any;
    expect(config.data.MP_TENANT_ID).toBe('_21905123');
  });

  it('refuses a student whose namespace would be the shared one', () => {
    expect(() => synthClassroom({ students: ['ann', 'rqlite'], stage: 'canary' })).toThrow(/^ClassroomProps\.students\[1\] "rqlite" is invalid: an id whose namespace is not "mailpit-rqlite"/);
  });

  it.each([
    ['rqlite.url', { rqlite: { url: 'http://db:4001?disableClusterDiscovery=true' } }, /^ClassroomProps\.stageProps\.rqlite\.url .* is invalid: set by the class/],
    ['tenantId', { tenantId: 'x' }, /^ClassroomProps\.stageProps\.tenantId \(a string\) is invalid: set per student in a class on rqlite/],
  ])('refuses %s from the teacher, which it sets per student', (_, stageProps, message) => {
    expect(() => synthClassroom({ students: ['ann'], stage: 'ha', stageProps } as never)).toThrow(message);
  });
});

describe('the Classroom construct refuses bad props', () => {
  it.each([
    ['a duplicate that differs in case', { students: ['ann', 'Ann'] }, /^ClassroomProps\.students\[1\] "Ann" is invalid: .*repeats "ann" of ClassroomProps\.students\[0\]/],
    ['ids as one string', { students: 'a,b' as never }, /^ClassroomProps\.students "a,b" is invalid: a list of student ids$/],
    ['no students at all', {} as never, /^ClassroomProps\.students undefined is invalid: required/],
    [
      'an unknown stage',
      { students: ['a'], stage: 'final' as never },
      /^ClassroomProps\.stage "final" is invalid: one of baseline, pvc, pvc-secure, config, statefulset, canary, blue-green, hardened, ha$/,
    ],
    ['a wildcard domain', { students: ['a'], domain: '*.lab.org' }, /^ClassroomProps\.domain "\*\.lab\.org" is invalid/],
    ['an invalid id', { students: ['ok', 'not ok'] }, /^ClassroomProps\.students\[1\] "not ok" is invalid/],
    ['no students', { students: [] }, /^ClassroomProps\.students \[\] is invalid: at least one student id/],
    ['a namespace over 63 characters', { students: ['a'.repeat(60)] }, /would be 68 characters long, 63 at most/],
    ['an unknown quota field', { students: ['a'], quota: { gpus: '1' } }, /^ClassroomProps\.quota\.gpus "gpus=1" is invalid: FIELD=VALUE with FIELD one of/],
    ['a fractional count in the quota', { students: ['a'], quota: { pods: '1.5' } }, /^ClassroomProps\.quota\.pods "pods=1\.5" is invalid: .*a whole number of objects/],
    ['a bad domain', { students: ['a'], domain: 'Lab' }, /^ClassroomProps\.domain "Lab" is invalid/],
    ['a bad prefix', { students: ['a'], namespacePrefix: '-x' }, /^ClassroomProps\.namespacePrefix "-x" is invalid/],
  ])('%s', async (_, props, message) => {
    expect(() => synthChart((chart) => new Classroom(chart, 'c', props))).toThrow(InvalidOptionError);
    expect(() => synthChart((chart) => new Classroom(chart, 'c', props))).toThrow(message);
  });
});

describe('npm run synth -- --roster / --students', () => {
  it('writes the class, one file per student at the top of the folder, and nothing else', async () => {
    const roster = path.join(tmpRoot, 'class.txt');
    fs.writeFileSync(roster, '# TD7, group A\nalice\n\n  Bob   # late\ncarol-2\n');
    const outdir = tmpDir();
    const result = await cli(['--roster', roster, '--outdir', outdir, '--rbac']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(fs.readdirSync(outdir)).toEqual(files.map((f) => f.name));
    for (const file of files) {
      expect(fs.readFileSync(path.join(outdir, file.name), 'utf8')).toBe(toManifestYaml(file.objects));
    }
    const inline = tmpDir();
    expect((await cli(['--students', 'alice, bob,carol-2', '--outdir', inline, '--rbac'])).code).toBe(0);
    expect(fs.readdirSync(inline).map((f) => fs.readFileSync(path.join(inline, f), 'utf8'))).toEqual(fs.readdirSync(outdir).map((f) => fs.readFileSync(path.join(outdir, f), 'utf8')));
  });

  it('passes stage flags and quota overrides to every student', async () => {
    const outdir = tmpDir();
    expect((await cli(['--students', 'a,b', '--stage', 'hardened', '--storage-class', 'standard', '--quota', 'pods=6', '--quota', 'requests.storage=5Gi', '--outdir', outdir])).code).toBe(0);
    for (const name of fs.readdirSync(outdir)) {
      const objects = readManifests(path.join(outdir, name));
      expect(objects.find((o) => o.kind === 'ResourceQuota').spec.hard).toMatchObject({ pods: '6', 'requests.storage': '5Gi', 'requests.cpu': '1' });
      expect(objects.find((o) => o.kind === 'PersistentVolumeClaim').spec.storageClassName).toBe('standard');
    }
  });

  it('leaves the single-student output as it was', async () => {
    const outdir = tmpDir();
    expect((await cli(['--outdir', outdir])).code).toBe(0);
    expect(fs.readFileSync(path.join(outdir, 'mailpit.k8s.yaml'), 'utf8')).toBe(fs.readFileSync(path.join(__dirname, '..', '__snapshots__', 'pvc-secure.k8s.yaml'), 'utf8'));
    expect(toManifestYaml(synthStage('pvc-secure'))).not.toContain(STUDENT_LABEL);
  });

  const roster = (name: string, text: string) => {
    const file = path.join(tmpRoot, name);
    fs.writeFileSync(file, text);
    return file;
  };
  const cases: [string, () => string[], RegExp][] = [
    ['an invalid id, with its line', () => ['--roster', roster('bad.txt', 'alice\n# x\nbob smith\n')], /^error: --roster .*bad\.txt:3 "bob smith" is invalid: a student id: lowercase letters/],
    ['a duplicate differing in case', () => ['--roster', roster('dup.txt', 'alice\nbob\nALICE\n')], /^error: --roster .*dup\.txt:3 "ALICE" is invalid: .*repeats "alice" of --roster .*dup\.txt:1/],
    ['an empty roster', () => ['--roster', roster('empty.txt', '# nobody yet\n\n')], /^error: --roster ".*empty\.txt" is invalid: at least one student id/],
    [
      'a missing roster',
      () => ['--roster', path.join(tmpRoot, 'missing.txt')],
      /^error: --roster ".*missing\.txt" is invalid: a regular file of student ids, 1 MiB at most, but it cannot be read \(ENOENT\)/,
    ],
    ['a roster that never ends', () => ['--roster', '/dev/zero'], /^error: --roster "\/dev\/zero" is invalid: .*but it is a character device, not a regular file$/],
    [
      'a roster that is a FIFO, which would block',
      () => {
        const fifo = path.join(tmpRoot, `roster-${Math.random().toString(36).slice(2)}.fifo`);
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        return ['--roster', fifo];
      },
      /^error: --roster ".*\.fifo" is invalid: .*but it is a FIFO, not a regular file$/,
    ],
    ['a roster that is a folder', () => ['--roster', tmpRoot], /^error: --roster ".*" is invalid: .*but it is a folder, not a regular file$/],
    ['a roster over 1 MiB', () => ['--roster', roster('huge.txt', 'a\n'.repeat(600_000))], /^error: --roster ".*huge\.txt" is invalid: .*but it is larger than 1 MiB, the most read$/],
    [
      'a namespace over 63 characters',
      () => ['--students', `ok,${'x'.repeat(56)}`],
      /^error: --students item 2 "x{56}" is invalid: its namespace "mailpit-x{56}" would be 64 characters long, 63 at most/,
    ],
    ['a long prefix', () => ['--students', 'abcdef', '--namespace-prefix', 'p'.repeat(60)], /would be 66 characters long/],
    ['both --roster and --students', () => ['--roster', roster('ok.txt', 'a\n'), '--students', 'b'], /^error: --students "b" is invalid: either --roster or --students, not both/],
    ['--namespace in a class', () => ['--students', 'a', '--namespace', 'x'], /^error: --namespace "x" is invalid: set per student in a class/],
    ['--host in a class', () => ['--students', 'a', '--host', 'x.test'], /^error: --host "x\.test" is invalid: set per student in a class/],
    ['--domain without a class', () => ['--domain', 'lab.test'], /^error: --domain "lab\.test" is invalid: used only with --roster or --students/],
    ['a bad domain', () => ['--students', 'a', '--domain', 'Lab'], /^error: --domain "Lab" is invalid/],
    ['a bad quota', () => ['--students', 'a', '--quota', 'pods=many'], /^error: --quota "pods=many" is invalid: pods=VALUE with VALUE a whole number of objects/],
    ['an unknown quota field', () => ['--students', 'a', '--quota', 'gpus=1'], /^error: --quota "gpus=1" is invalid: FIELD=VALUE with FIELD one of pods/],
    ['a host that reads as an IP address', () => ['--students', 'a,1', '--domain', '2.3.4'], /^error: --students item 2 "1" is invalid: its host "1\.2\.3\.4" would not be a DNS host name/],
  ];

  it.each(cases)('refuses %s, writing nothing', async (_, argv, message) => {
    const outdir = tmpDir();
    expect((await cli(['--outdir', outdir])).code).toBe(0);
    const before = fs.readFileSync(path.join(outdir, 'mailpit.k8s.yaml'), 'utf8');
    const result = await cli([...argv(), '--outdir', outdir]);
    expect(result.code).toBe(2);
    expect(result.err.trimEnd()).toMatch(message);
    expect(result.err.trimEnd()).not.toContain('\n');
    expect(fs.readdirSync(outdir)).toEqual(['mailpit.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'mailpit.k8s.yaml'), 'utf8')).toBe(before);
  });
});

describe("Mailpit's tenants, named as Mailpit names them", () => {
  it('makes a prefix as DBTenantID does: other characters become _, and _ ends it', () => {
    expect(tenantPrefix(undefined)).toBe('');
    expect(tenantPrefix('  ')).toBe('');
    expect(tenantPrefix('MyServer 3')).toBe('MyServer_3_');
    expect(tenantPrefix('host.example.com')).toBe('host_example_com_');
    expect(tenantPrefix('x_')).toBe('x_');
    expect(tenantPrefix('  a   b ')).toBe('a_b_');
    expect(tenantNames('Team')).toContain('team_mailbox');
    expect(tenantNames('Team')).toContain('_team_message_tags_old');
  });

  it.each([
    [['x_', 'x'], 'x_schemas'],
    [['Team', 'team'], 'team_schemas'],
    [['a', 'a-idx'], 'a_idx_tags'],
    [[undefined, 'message'], 'message_tags'],
    [['a b', 'a-b'], 'a_b_schemas'],
  ] as [(string | undefined)[], string][])('finds where %j meet: %s', (tenants, name) => {
    expect(tenantClash(tenants)).toEqual({ tenant: 1, with: 0, name });
  });

  it('finds no clash among tenants whose names all differ (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), { maxLength: 8 }), (ids) => {
        // Without '_' or '-', a prefix ends at its only '_', so two names of different tenants never meet.
        expect(tenantClash(ids)).toBeUndefined();
      }),
    );
  });
});
