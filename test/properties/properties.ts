import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Chart, Duration, Testing, Size, Yaml } from 'cdk8s';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parse } from 'yaml';
import { Construct } from 'constructs';
import { Classroom } from '../../lib/classroom/classroom';
import { LabMaildir } from '../../lib/building-blocks/lab-maildir';
import { LabPersistentVolume } from '../../lib/building-blocks/lab-persistent-volume';
import { Mailpit } from '../../lib/building-blocks/mailpit/mailpit';
import type { Io } from '../../lib/cli/io';
import { run } from '../../lib/cli/run';
import { InvalidOptionError } from '../../lib/options/errors';
import { cpu } from '../../lib/options/quantities';
import { STAGES } from '../../lib/stages';
import { STAGE_NAMES } from '../../lib/stages/names';
import { MANIFEST_HEADER, renderChart } from '../../lib/synth/render';
import { stringifyDocuments } from '../../lib/synth/yaml';
import { apiServerProblems, mailpitStartProblems } from '../support/api-server';
import { linkProblems, validateSchema } from '../support/manifests';

// The properties that hostile input must keep, shared by the test suite (a fixed seed, few runs)
// and by `npm run fuzz` (a random seed, many runs). No vitest here: the fuzzer runs outside it.

/** A property and how many of its runs the test suite makes. */
export interface NamedProperty {
  readonly name: string;
  readonly runs: number;
  readonly property: fc.IRawProperty<any, boolean>;
}

// Secret content, which no error and no manifest may ever show.
const SECRETS = ['-----BEGIN PRIVATE KEY-----\nMIIEvQ\n-----END PRIVATE KEY-----', 'alice:$2y$05$abcdefghijklmnopqrstuv', 'http://mail:hunter2@rqlite:4001'];
const SECRET_MARKS = ['MIIEvQ', '$2y$05$abc', 'hunter2'];
const TRICKY = [
  ...SECRETS,
  '',
  ' ',
  '-',
  '---',
  '...',
  'yes',
  'no',
  '~',
  'null',
  '0x1F',
  '1e3',
  ':',
  ': x',
  '#',
  '&a',
  '*a',
  '!t',
  '|',
  '>',
  '"',
  "'",
  '%',
  '@',
  '`',
  '[a]',
  '{a}',
  'é',
  '\t',
  '\n',
  '\u2028',
  'a\u0000b',
  '..',
  '/..',
  '*.x',
  '1.2.3.4',
];
const text = fc.oneof(fc.string(), fc.constantFrom(...TRICKY), fc.string({ unit: 'binary', maxLength: 8 }));

/** Random JSON documents, written by our YAML writer and by cdk8s's, byte for byte. */
function yamlDocuments(): NamedProperty {
  const scalar = fc.oneof(text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(-0), fc.constant(undefined));
  const { document } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('document')),
    list: fc.array(tie('value'), { maxLength: 4 }),
    document: fc.dictionary(text, tie('value'), { maxKeys: 5 }),
  }));
  return {
    name: 'YAML writer: random documents, byte for byte as cdk8s writes them',
    runs: 60,
    property: fc.property(fc.array(document, { minLength: 1, maxLength: 3 }), (documents) => {
      assert.equal(stringifyDocuments(documents), Yaml.stringify(...documents));
    }),
  };
}

/** Values a prop may take: right ones for some props, and junk of every type for all. */
const junk = fc.anything({ withBigInt: true, withNullPrototype: true, withMap: true, withSet: true, withBoxedValues: true, withTypedArray: true, withSparseArray: true });
const RIGHT: Record<string, fc.Arbitrary<unknown>> = {
  namespace: fc.constantFrom('lab', 'team-a', 'x'),
  name: fc.constantFrom('mailpit', 'mail'),
  image: fc.constantFrom('axllent/mailpit', 'axllent/mailpit:v1.29.0', `registry.example:5000/m/p@sha256:${'a'.repeat(64)}`),
  imagePullPolicy: fc.constantFrom('Always', 'IfNotPresent', 'Never'),
  host: fc.constantFrom('mail.test', '*.lab.org', 'a.b.c'),
  ingressClassName: fc.constantFrom('nginx', 'a.b'),
  env: fc.dictionary(fc.constantFrom('MP_MAX_MESSAGES', 'TZ', 'A_B', 'x.y'), text, { maxKeys: 3 }),
  runAsUser: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  runAsGroup: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  storageClassName: fc.constantFrom('standard', 'fast.ssd'),
  storageSize: fc.constantFrom(Size.gibibytes(1), Size.mebibytes(0.5), Size.pebibyte(1)),
  claimName: fc.constantFrom('data', 'pvc-x'),
  resources: fc.record(
    {
      cpu: fc.record({ request: fc.constantFrom(cpu('50m'), cpu('1')), limit: fc.constantFrom(cpu('2'), cpu('100m')) }, { requiredKeys: [] }),
      memory: fc.record({ limit: fc.constantFrom(Size.mebibytes(512), Size.mebibytes(1)) }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  ),
  uiAuthSecret: fc.record({ name: fc.constantFrom('ui', 'Bad_Name'), key: fc.constantFrom('htpasswd', 'a/b') }),
  networkPolicy: fc.boolean(),
  webroot: fc.constantFrom('/', 'mail', '/a/b/', '/..'),
  storage: fc.record(
    { volumeName: fc.constantFrom('pv-x'), hostPath: fc.constantFrom('/data/x', 'rel'), size: fc.constantFrom(Size.mebibytes(10)), reserveForClaim: fc.boolean() },
    { requiredKeys: [] },
  ),
  nfs: fc.record({ server: fc.constantFrom('nfs', '10.0.0.1'), path: fc.constantFrom('/', '/export') }),
  students: fc.array(fc.constantFrom('a', 'b', 'B', 'carol-2', 'x'.repeat(60), 'not ok'), { minLength: 0, maxLength: 3 }),
  stage: fc.constantFrom(...STAGE_NAMES, 'final'),
  namespacePrefix: fc.constantFrom('mailpit-', '', '-x'),
  domain: fc.constantFrom('lab.test', '2.3.4', '*.x'),
  quota: fc.dictionary(fc.constantFrom('pods', 'requests.cpu', 'gpus'), fc.constantFrom('4', '1.5', '2Gi', 'x'), { maxKeys: 2 }),
  rbac: fc.boolean(),
  maildir: fc.constant({ emptyDir: {} }),
  securityContext: fc.constant({ runAsNonRoot: true }),
  initContainers: fc.constant([{ name: 'init', command: ['true'] }]),
  probes: fc.boolean(),
  writableTmp: fc.boolean(),
  // The production props of the hardened stage; a list where an object belongs among them.
  maxMessages: fc.constantFrom(0, 500, 1.5, -1),
  maxAge: fc.constantFrom(Duration.days(7), Duration.hours(36), Duration.minutes(30)),
  metrics: fc.constantFrom(true, false, 9090, 0, 70000),
  smtpTlsSecret: fc.constantFrom('tls', 'Bad'),
  smtpRequireStartTls: fc.boolean(),
  pop3AuthSecret: fc.record({ name: fc.constantFrom('pop3'), key: fc.constantFrom('htpasswd') }),
  smtpService: fc.record(
    {
      type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Other'),
      port: fc.constantFrom(25, 0),
      loadBalancerIP: fc.constantFrom('203.0.113.1', '1.2.3'),
      nodePort: fc.constantFrom(30025, 80),
    },
    { requiredKeys: [] },
  ),
  ingress: fc.boolean(),
  ingressTls: fc.array(fc.record({ secretName: fc.constantFrom('web-tls', 'Bad'), hosts: fc.constantFrom(['a.test'], []) }, { requiredKeys: ['secretName'] }), { maxLength: 2 }),
  ingressAnnotations: fc.oneof(fc.dictionary(fc.constantFrom('a.b/c', 'x', '-bad'), text, { maxKeys: 2 }), fc.constantFrom([], ['x'])),
  httpRoute: fc.record({ parentRefs: fc.array(fc.record({ name: fc.constantFrom('gw', 'Bad') }), { maxLength: 2 }) }),
  persistence: fc.boolean(),
  existingClaim: fc.constantFrom('data', 'Bad'),
  storageSubPath: fc.constantFrom('mailpit', 'a/../..', '/abs', ''),
  replicas: fc.constantFrom(1, 2, 0),
  tolerations: fc.constantFrom([{ operator: 'Exists' }], ['x'], {}),
  podLabels: fc.oneof(fc.dictionary(fc.constantFrom('team', 'app', 'a/b/c'), fc.constantFrom('qa', 'bad value'), { maxKeys: 2 }), fc.constantFrom([], ['x'])),
  envFrom: fc.record({ secrets: fc.constantFrom(['s'], 'one'), configMaps: fc.constantFrom(['c'], [1]) }, { requiredKeys: [] }),
  smtpFrom: fc.constantFrom([{ namespaceSelector: {} }], [[]], [], [{}]),
  uiFrom: fc.constantFrom([], [{ podSelector: { matchLabels: { a: 'b' } } }]),
  // What the API server or Mailpit would refuse behind a well-typed prop.
  uiService: fc.record({ type: fc.constantFrom('NodePort', 'LoadBalancer'), nodePort: fc.constantFrom(30025, 30080) }, { requiredKeys: [] }),
  extraVolumes: fc.constantFrom(
    [{ name: 'tmp', emptyDir: {} }],
    [{ name: 'ca', configMap: { name: 'ca' } }],
    [{ name: 'Bad', emptyDir: {} }],
    [{ name: 'x', emptyDir: {}, secret: { secretName: 's' } }],
  ),
  extraVolumeMounts: fc.constantFrom([{ name: 'ca', mountPath: '/tmp' }], [{ name: 'ca', mountPath: '/etc/ca' }], [{ name: 'ghost', mountPath: '/g' }]),
  ingressPathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific'),
  extraHosts: fc.constantFrom(['b.test'], []),
  tenantId: fc.constantFrom('team', 'Team', 'x_', '1a'),
  rqliteUrl: fc.constantFrom('http://rqlite.db.svc:4001?disableClusterDiscovery=true', 'http://rqlite:4001'),
  configChecksum: fc.boolean(),
};
// Hazards beside well-typed values: ports in use, names too long, variables Mailpit refuses.
RIGHT.metrics = fc.constantFrom(true, false, 9090, 0, 70000, 8025, 1025, 1110);
RIGHT.smtpService = fc.record(
  {
    type: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'Other'),
    port: fc.constantFrom(25, 0, 1110),
    loadBalancerIP: fc.constantFrom('203.0.113.1', '1.2.3'),
    nodePort: fc.constantFrom(30025, 80),
  },
  { requiredKeys: [] },
);
RIGHT.name = fc.constantFrom('mailpit', 'mail', 'rqlite', `m${'a'.repeat(50)}`, `m${'a'.repeat(62)}`);
RIGHT.webroot = fc.constantFrom('/', 'mail', '/a/b/', '/..', '/v1.0/', '/me@x', '/a~b');
RIGHT.env = fc.dictionary(
  fc.constantFrom('MP_MAX_MESSAGES', 'TZ', 'A_B', 'x.y', 'MP_MAX_AGE', 'MP_UI_BIND_ADDR', 'MP_VERBOSE', 'MP_WEBROOT', 'MP_TENANT_ID'),
  fc.oneof(text, fc.constantFrom('7d', '7x', 'true', 'on', '1a')),
  { maxKeys: 3 },
);
RIGHT.initContainers = fc.constantFrom([{ name: 'init', command: ['true'] }], [{ name: 'mailpit' }], [{ name: 'init', volumeMounts: [{ name: 'ghost', mountPath: '/g' }] }]);
const props = fc.dictionary(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...Object.keys(RIGHT)) }, { weight: 1, arbitrary: fc.string() }), fc.constant(undefined), { maxKeys: 6 }).chain((keys) =>
  fc.record(Object.fromEntries(Object.keys(keys).map((key) => [key, Object.hasOwn(RIGHT, key) ? fc.oneof({ weight: 3, arbitrary: RIGHT[key] }, { weight: 1, arbitrary: junk }) : junk])), {
    requiredKeys: [],
  }),
);

type Build = (scope: Construct, props: unknown) => void;
const RAW_KUBERNETES = ['maildir', 'securityContext', 'podSecurityContext', 'initContainers'];
const CONSTRUCTS: [string, Build, boolean][] = [
  ...STAGE_NAMES.map((stage): [string, Build, boolean] => [stage, (scope, p) => new STAGES[stage].construct(scope, 'm', p), true]),
  ['Classroom', (scope, p) => new Classroom(scope, 'c', p as never), true],
  ['Mailpit', (scope, p) => new Mailpit(scope, 'm', p as never), false],
  ['LabMaildir', (scope, p) => new LabMaildir(scope, 'm', p as never), false],
  ['LabPersistentVolume', (scope, p) => new LabPersistentVolume(scope, 'v', p as never), false],
];

/** Random props, right and wrong, through every construct: valid, linked output, or one InvalidOptionError. */
function constructProps(): NamedProperty {
  return {
    name: 'constructs: random props give valid output or one InvalidOptionError, never anything else',
    runs: 80,
    property: fc.property(fc.constantFrom(...CONSTRUCTS), props, fc.option(fc.constantFrom('chart-ns'), { nil: undefined }), ([, build, links], given, namespace) => {
      const chart = new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
      let objects;
      try {
        build(chart, given);
        objects = renderChart(chart);
      } catch (error) {
        assert.ok(error instanceof InvalidOptionError, `not an InvalidOptionError: ${String((error as Error)?.stack ?? error)}`);
        assert.doesNotMatch(error.message, /[\r\n\u2028\u2029]/);
        assert.ok(!SECRET_MARKS.some((mark) => error.message.includes(mark)), `secret content shown: ${error.message}`);
        return;
      }
      checkOutput(given, objects, links);
    }),
  };
}

/** Two constructs of random props side by side in one Chart: one InvalidOptionError, or output that holds together. */
function constructsSideBySide(): NamedProperty {
  const two = fc.tuple(fc.constantFrom(...CONSTRUCTS.filter(([name]) => name !== 'Classroom')), props);
  return {
    name: 'constructs side by side: two in one Chart give valid output or one InvalidOptionError',
    runs: 60,
    property: fc.property(two, two, fc.option(fc.constantFrom('chart-ns'), { nil: undefined }), ([[, buildA, linksA], a], [[, buildB, linksB], b], namespace) => {
      const chart = new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
      let objects;
      try {
        buildA(new Construct(chart, 'a'), a);
        buildB(new Construct(chart, 'b'), b);
        objects = renderChart(chart);
      } catch (error) {
        assert.ok(error instanceof InvalidOptionError, `not an InvalidOptionError: ${String((error as Error)?.stack ?? error)}`);
        assert.doesNotMatch(error.message, /[\r\n\u2028\u2029]/);
        return;
      }
      assert.deepEqual(apiServerProblems(objects), []);
      assert.deepEqual(mailpitStartProblems(objects), []);
      if (linksA && linksB) {
        checkOutput([a, b], objects, true);
      }
    }),
  };
}

/** What any output of the constructs keeps: no secret, valid objects, links, what the API server and Mailpit take. */
function checkOutput(given: unknown, objects: ReturnType<typeof renderChart>, links: boolean): void {
  assert.deepEqual(apiServerProblems(objects), []);
  assert.deepEqual(mailpitStartProblems(objects), []);
  const yaml = stringifyDocuments(objects);
  assert.ok(!SECRET_MARKS.some((mark) => yaml.includes(mark)), 'secret content in the manifests');
  assert.ok(!objects.some((object) => object.kind === 'Secret'), 'a Secret in the manifests');
  // The building block's raw Kubernetes props are typed at compile time, and written as given.
  // An HTTPRoute's schema is ESM-only, for vitest: the suite's tests validate it.
  const givens = (Array.isArray(given) ? given : [given]) as (Record<string, unknown> | undefined)[];
  if (!givens.some((g) => RAW_KUBERNETES.some((key) => g?.[key] !== undefined))) {
    objects.filter((object) => object.kind !== 'HTTPRoute').forEach(validateSchema);
  }
  if (links) {
    // What the props name outside the manifests, for each construct given.
    const all = (Array.isArray(given) ? given : [given]) as { existingClaim?: unknown; envFrom?: { configMaps?: unknown }; rqliteUrl?: unknown }[];
    const strings = (pick: (p: (typeof all)[number]) => unknown) => all.flatMap((p) => [pick(p)].flat().filter((x): x is string => typeof x === 'string'));
    const extraConfigMaps = (p: any) => (Array.isArray(p?.extraVolumes) ? p.extraVolumes.map((v: any) => v?.configMap?.name) : []);
    const envConfigMaps = (p: any) => (Array.isArray(p?.envFrom?.configMaps) ? p.envFrom.configMaps : []);
    const existing = { claims: strings((p) => p?.existingClaim), configMaps: strings((p) => [...envConfigMaps(p), ...extraConfigMaps(p)]), databases: strings((p) => p?.rqliteUrl) };
    assert.deepEqual(linkProblems(objects, existing), []);
  }
  // A list given where an object belongs would show as keys 0, 1...: none is ever given here.
  for (const object of objects) {
    for (const map of [object.metadata?.labels, object.metadata?.annotations, (object as any).spec?.template?.metadata?.annotations, (object as any).spec?.template?.metadata?.labels]) {
      assert.ok(!Object.keys(map ?? {}).some((key) => /^[0-9]+$/.test(key)), `a list written as an object: ${JSON.stringify(map)}`);
    }
  }
  assert.equal(stringifyDocuments(objects), Yaml.stringify(...objects));
}

/** Random command lines: exit 0 or 2, one line on stderr, the output folder untouched on failure, foreign files never deleted. */
function commandLines(work: string): NamedProperty {
  fs.mkdirSync(work, { recursive: true });
  const roster = (name: string, body: string) => {
    const file = path.join(work, name);
    fs.writeFileSync(file, body);
    return file;
  };
  const fifo = path.join(work, 'roster.fifo');
  if (!fs.existsSync(fifo)) {
    spawnSync('mkfifo', [fifo]);
  }
  const rosters = [
    roster('good.txt', 'alice\n# x\nbob\n'),
    roster('bad.txt', 'alice\nnot ok\n'),
    roster('dup.txt', 'a\nA\n'),
    roster('empty.txt', ''),
    '/dev/zero',
    fifo,
    work,
    path.join(work, 'missing.txt'),
  ];
  const flags = [
    '--stage',
    '--namespace',
    '--host',
    '--image',
    '--run-as-user',
    '--run-as-group',
    '--storage-class',
    '--storage-size',
    '--cpu-request',
    '--cpu-limit',
    '--memory-request',
    '--memory-limit',
    '--ui-auth-secret',
    '--ui-auth-password',
    '--network-policy',
    '--webroot',
    '--students',
    '--namespace-prefix',
    '--domain',
    '--quota',
    '--rbac',
    '--stag',
    '--colour',
    '-x',
    '--help',
    '--pod-annotation',
    '--common-annotation',
    '--smtp-relay-matching',
    '--tenant-id',
    '--values',
  ];
  const values = [
    'baseline',
    'pvc',
    'pvc-secure',
    'hardened',
    'lab',
    'mail.test',
    'axllent/mailpit:v1.2.3',
    '1000',
    '0',
    '-1',
    '2Gi',
    '100m',
    '1',
    '512Mi',
    'ui:htpasswd',
    'a:b:c',
    '/mail',
    '..',
    'alice,bob',
    'a,A',
    'lab.test',
    '*.x',
    'pods=6',
    'pods=1.5',
    'gpus=1',
    'check',
    'a/b=http://mail:hunter2@h/',
    `x=${SECRETS[0]}`,
    SECRETS[1],
  ];
  const token = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...flags) },
    { weight: 4, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constantFrom(...rosters).map((file) => `--roster=${file}`) },
    { weight: 1, arbitrary: text },
  );
  // A password, first, where it is surely read as the flag's value: no message may show it.
  const password = fc.option(fc.constant(['--ui-auth-password', 'hunter2']), { nil: [] });
  let counter = 0;
  return {
    name: 'command line: exit 0 or 2, one line on stderr, nothing touched on failure, foreign files kept',
    runs: 40,
    property: fc.asyncProperty(
      fc.tuple(password, fc.array(token, { maxLength: 8 })).map(([secret, tokens]) => [...secret, ...tokens]),
      fc.boolean(),
      async (argv, foreign) => {
        const outdir = path.join(work, `out-${++counter}`);
        fs.mkdirSync(outdir);
        fs.writeFileSync(path.join(outdir, 'old.k8s.yaml'), `${MANIFEST_HEADER}kind: Old\n`);
        if (foreign) {
          fs.writeFileSync(path.join(outdir, 'notes.txt'), 'mine');
        }
        const before = snapshot(outdir);
        let out = '';
        let err = '';
        const io: Io = { out: (t) => (out += t), err: (t) => (err += t), env: { CDK8S_OUTDIR: outdir } };
        const code = await run([...argv, '--outdir', outdir], io);
        assert.ok(code === 0 || code === 2 || (code === 1 && argv[0] === 'check'), `exit ${code}`);
        if (code === 0) {
          assert.equal(err, '');
          const after = snapshot(outdir);
          if (!out.startsWith('Usage:')) {
            assert.ok(!foreign, 'a folder holding a foreign file was replaced');
            assert.ok(
              Object.keys(after).every((name) => name.endsWith('.k8s.yaml') && after[name].startsWith(MANIFEST_HEADER)),
              'a file we did not write',
            );
            assert.ok(!Object.values(after).some((text) => SECRET_MARKS.some((mark) => text.includes(mark))), 'secret content in the manifests');
          } else {
            assert.deepEqual(after, before);
          }
        } else if (code === 2) {
          assert.match(err, /^error: [^\n\u2028\u2029]*\n$/, `not one line: ${JSON.stringify(err)}`);
          assert.deepEqual(snapshot(outdir), before);
          assert.ok(!SECRET_MARKS.some((mark) => err.includes(mark)), 'secret content shown');
        }
        assert.deepEqual(
          fs.readdirSync(work).filter((name) => name.startsWith('.')),
          [],
          'a staging folder left behind',
        );
        fs.rmSync(outdir, { recursive: true, force: true });
      },
    ),
  };
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8')]),
  );
}

/** Every property, with `work` a scratch folder for the command lines. */
/** Values files changed at random: one that the stage takes, its JSON Schema takes too. */
function valuesFiles(work: string): NamedProperty {
  const root = path.resolve(__dirname, '..', '..');
  const schema = JSON.parse(fs.readFileSync(path.join(root, 'schema', 'hardened.values.schema.json'), 'utf8'));
  const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);
  const example = parse(fs.readFileSync(path.join(root, 'examples', 'production.values.yaml'), 'utf8')) as Record<string, unknown>;
  const keys = Object.keys(example);
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom([], ['x'], {}, '64Mi', '1', 0.5, -1, 70000, 'Bad Name'));
  fs.mkdirSync(work, { recursive: true });
  let counter = 0;
  return {
    name: 'values file: every file the stage takes, its JSON Schema takes',
    runs: 25,
    property: fc.asyncProperty(fc.subarray(keys), fc.constantFrom(...keys), value, async (kept, changed, replacement) => {
      const doc = Object.fromEntries(kept.map((key) => [key, key === changed ? replacement : example[key]]));
      const file = path.join(work, `values-${++counter}.yaml`);
      fs.writeFileSync(file, JSON.stringify(doc));
      const io: Io = { out: () => undefined, err: () => undefined, env: {} };
      const outdir = path.join(work, `values-out-${counter}`);
      if ((await run(['--stage', 'hardened', '--values', file, '--outdir', outdir], io)) === 0) {
        assert.ok(validate(doc), `${JSON.stringify(doc)}: ${JSON.stringify(validate.errors)}`);
      }
      fs.rmSync(outdir, { recursive: true, force: true });
      fs.rmSync(file);
    }),
  };
}

export function properties(work: string): NamedProperty[] {
  return [yamlDocuments(), constructProps(), constructsSideBySide(), commandLines(work), valuesFiles(work)];
}
