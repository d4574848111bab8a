import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dataFormOf, DataFormError, fromData, toData } from '../lib/options/data-forms';
import { cpuValue, sizeValue } from '../lib/options/quantities';
import { MAILPIT_RELEASE_IMAGE } from '../lib/stages/options';
import { tableOf } from '../lib/stages/resolve';
import { synthStage } from '../lib/synth/render';
import { SCHEMA_STAGES, valuesJsonSchema, valuesSchemaFile, valuesSchemaText } from '../scripts/values-schema';
import { readValuesFile } from '../lib/values/values-file';
import { cli, contents, readManifests, scratch } from './support/cli';
import { expectRelease } from './support/images';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'production.values.yaml');
const dir = scratch('values');
const HARDENED = tableOf('hardened', false);

/** A values file with this text, in a fresh folder. */
function valuesFile(text: string): string {
  const file = path.join(dir.next(), 'values.yaml');
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, text);
  return file;
}

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, valuesSchemaFile('hardened')), 'utf8'));
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

describe('the JSON Schema of the values file', () => {
  it.each(SCHEMA_STAGES)('of %s is the one the declarations make (npm run docs writes it)', (stage) => {
    expect(fs.readFileSync(path.join(ROOT, valuesSchemaFile(stage)), 'utf8')).toBe(valuesSchemaText(stage));
  });

  it('of ha has the props of ha: replicas and rqlite, not the SQLite claim', () => {
    const ha = JSON.parse(fs.readFileSync(path.join(ROOT, valuesSchemaFile('ha')), 'utf8'));
    expect(ha.properties.replicas).toMatchObject({ type: 'integer', minimum: 2, default: 2 });
    expect(ha.properties.rqlite).toMatchObject({ default: { nodes: 3 } });
    expect(ha.properties.storageSize).toBeUndefined();
    expect(ha.properties.persistence).toBeUndefined();
    expect(ha.properties.existingClaim).toBeUndefined();
  });

  it('has a property for every option of the hardened stage but the refused password, with its help and default', () => {
    const keys = Object.keys(HARDENED).filter((key) => key !== 'uiAuthPassword');
    expect(Object.keys(schema.properties)).toEqual(keys);
    expect(schema.additionalProperties).toBe(false);
    for (const key of keys) {
      const spec = HARDENED[key];
      expect(schema.properties[key].description.startsWith(`${spec.help}.`), key).toBe(true);
      if (spec.default !== undefined) {
        expect(validate({ [key]: schema.properties[key].default }), key).toBe(true);
      }
    }
    expect(schema.properties.storageSize).toMatchObject({ type: 'string', default: '1Gi' });
    expect(schema.properties.resources.default).toEqual({ cpu: { request: '50m', limit: '500m' }, memory: { request: '64Mi', limit: '256Mi' } });
    expect(schema.properties.smtpService.properties.port).toEqual({ type: 'integer', minimum: 1, maximum: 65535 });
    expectRelease(schema.properties.image.default, MAILPIT_RELEASE_IMAGE);
  });

  // That it takes every file the stage takes is a property of test/properties/ (npm run fuzz too).
  it('takes the example, and refuses what a stage refuses by type: an unknown key, a wrong type, a size in MB, the password', () => {
    expect(validate(parse(fs.readFileSync(EXAMPLE, 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    for (const bad of [{ maxMesages: 5 }, { maxMessages: 'many' }, { storageSize: '10GB' }, { uiAuthPassword: 'x' }, { smtpService: { port: 0 } }, { tolerations: 'all' }]) {
      expect(validate(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('data forms', () => {
  it('read what they write, for every default of the hardened stage', () => {
    for (const [key, spec] of Object.entries(HARDENED)) {
      if (spec.default !== undefined) {
        const data = toData(spec.value, spec.default);
        expect(toData(spec.value, fromData(spec.value, data)), key).toEqual(data);
      }
    }
  });

  it('read CPU as Kubernetes writes it, a number or a quantity, and refuse the rest with what is allowed', () => {
    expect(dataFormOf(cpuValue)!.read(0.5)).toEqual({ amount: '0.5' });
    expect(dataFormOf(cpuValue)!.read('250m')).toEqual({ amount: '250m' });
    expect(dataFormOf(cpuValue)!.read(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(dataFormOf(sizeValue)!.read(64)).toBeUndefined();
    let error: unknown;
    try {
      fromData(HARDENED.resources.value, { memory: { limit: '1GB' } }, ['resources']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFormError);
    expect(error).toMatchObject({ path: ['resources', 'memory', 'limit'], data: '1GB', allowed: expect.stringMatching(/^a size such as 64Mi/) });
  });
});

describe('npm run synth -- --values FILE', () => {
  it('gives what the library gives for the same props', async () => {
    const outdir = dir.next();
    const file = valuesFile('maxMessages: 5000\nmaxAge: 36h\nstorageSize: 5Gi\nresources: { cpu: { limit: 2 } }\nnetworkPolicy: true\n');
    expect(await cli(['--stage', 'hardened', '--values', file, '--outdir', outdir])).toMatchObject({ code: 0, err: '' });
    const fromLibrary = readValuesFile(file, 'hardened').props;
    expect(readManifests(path.join(outdir, 'mailpit.k8s.yaml'))).toEqual(synthStage('hardened', fromLibrary));
    const config = readManifests(path.join(outdir, 'mailpit.k8s.yaml')).find((o) => o.kind === 'ConfigMap');
    expect(config.data).toMatchObject({ MP_MAX_MESSAGES: '5000', MP_MAX_AGE: '36h' });
  });

  it('lets a flag given too win at its path, and keeps the rest of the file', async () => {
    const outdir = dir.next();
    const file = valuesFile('resources:\n  cpu: { request: 100m, limit: 1 }\nsmtpService: { type: NodePort, port: 99999 }\n');
    const result = await cli(['--stage', 'hardened', '--values', file, '--cpu-limit', '2', '--smtp-service-port', '2525', '--outdir', outdir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const objects = readManifests(path.join(outdir, 'mailpit.k8s.yaml'));
    const mailpit = objects.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0];
    expect(mailpit.resources.requests.cpu).toBe('100m');
    expect(mailpit.resources.limits.cpu).toBe('2');
    expect(objects.find((o) => o.metadata.name === 'mailpit-smtp').spec).toMatchObject({ type: 'NodePort', ports: [{ port: 2525 }] });
  });

  it('gives every student of a class the props of the file', async () => {
    const outdir = dir.next();
    const file = valuesFile('maxMessages: 100\n');
    expect(await cli(['--stage', 'hardened', '--students', 'ana,bo', '--values', file, '--outdir', outdir])).toMatchObject({ code: 0, err: '' });
    for (const student of ['ana', 'bo']) {
      const config = readManifests(path.join(outdir, `mailpit-${student}.k8s.yaml`)).find((o) => o.kind === 'ConfigMap');
      expect(config.data.MP_MAX_MESSAGES).toBe('100');
    }
    const hostInFile = valuesFile('maxMessages: 100\nhost: mail.example.org\n');
    const result = await cli(['--stage', 'hardened', '--students', 'ana', '--values', hostInFile, '--outdir', dir.next()]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^error: \S+values\.yaml:2 host \(a string\) is invalid: set per student in a class/);
  });

  const refused: [string, string, RegExp][] = [
    [
      'a value against a rule, by line and key path',
      'maxMessages: 5\nsmtpService:\n  type: LoadBalancer\n  port: 99999\n',
      /values\.yaml:4 smtpService\.port 99999 is invalid: a port number from 1 to 65535\n$/,
    ],
    ['a quantity in the wrong unit', 'resources:\n  memory:\n    limit: 512MB\n', /values\.yaml:3 resources\.memory\.limit "512MB" is invalid: a size such as 64Mi/],
    ['an item of a list', 'extraHosts:\n  - mail.example.org\n  - Mail\n', /values\.yaml:3 extraHosts\[1\] "Mail" is invalid: a DNS host name/],
    ['a misspelt key, with the likely one', 'maxMesages: 5\n', /values\.yaml:1 maxMesages \(a number\) is invalid: not a prop of any stage \(did you mean maxMessages\?\); stage hardened takes /],
    ['a key of another stage', 'storage: {}\n', /values\.yaml:1 storage \(an object\) is invalid: not used by stage hardened; it applies to stage pvc or pvc-secure\n$/],
    ['a rule across keys, at the key it blames', 'verbose: true\nsmtpRequireTls: true\n', /values\.yaml:2 smtpRequireTls true is invalid: needs smtpTlsSecret/],
    [
      'a password in a key nobody declared, never shown',
      'uiAuthSecret: { name: ui, key: htpasswd, password: hunter2 }\n',
      /values\.yaml:1 uiAuthSecret\.password \(a string\) is invalid: an object \{ name, key \}/,
    ],
    ['a password, never shown', 'uiAuthPassword: hunter2\n', /values\.yaml:1 uiAuthPassword "<hidden>" is invalid: refused, a password must never be written/],
    ['a key __proto__, which stays a key', '__proto__: { verbose: true }\n', /values\.yaml:1 __proto__ \(an object\) is invalid: not a prop of any stage/],
    ['broken YAML, by line', 'a: [1\nb: 2\n', /^error: --values "[^"]+" is invalid: YAML, but at line 2: /],
    ['a key given twice', 'verbose: true\nverbose: false\n', /--values "[^"]+" is invalid: YAML, but at line 2: Map keys must be unique/],
    ['two documents', 'verbose: true\n---\nverbose: false\n', /--values "[^"]+" is invalid: YAML, but at line \d: /],
    ['a list instead of a mapping', '- verbose\n', /--values "[^"]+" is invalid: a YAML mapping of hardened props/],
    [
      'aliases that expand exponentially',
      `${[
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...'bcdefghij'
          .split('')
          .map(
            (k, i) =>
              `${k}: &${k} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`,
          ),
      ].join('\n')}\n`,
      /--values "[^"]+" is invalid: YAML without excessive aliases/,
    ],
    ['a tag YAML 1.2 does not know', 'storageSize: !!binary aGVsbG8=\n', /--values "[^"]+" is invalid: YAML, but at line 1: Unresolved tag/],
  ];

  it.each(refused)('refuses %s: exit 2, one line, nothing written', async (_, text, message) => {
    const outdir = dir.next();
    const result = await cli(['--stage', 'hardened', '--values', valuesFile(text), '--outdir', outdir]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
    expect(result.err).toMatch(/^error: [^\n]+\n$/);
    expect(result.err).not.toContain('hunter2');
    expect(contents(outdir)).toEqual({});
  });

  it('reads only a regular file of at most 1 MiB', async () => {
    const big = valuesFile(`# ${'x'.repeat(1024 * 1024)}\n`);
    for (const [file, reason] of [
      [big, /is larger than 1 MiB/],
      [path.dirname(big), /is a folder/],
      [path.join(dir.root, 'missing.yaml'), /cannot be read \(ENOENT\)/],
    ] as const) {
      const result = await cli(['--stage', 'hardened', '--values', file, '--outdir', dir.next()]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(new RegExp(`^error: --values "[^"]+" is invalid: a regular YAML file of hardened props, 1 MiB at most, but it ${reason.source}`));
    }
  });

  it('takes an empty file as no props', async () => {
    const outdir = dir.next();
    expect(await cli(['--stage', 'hardened', '--values', valuesFile('# nothing yet\n'), '--outdir', outdir])).toMatchObject({ code: 0, err: '' });
    expect(readManifests(path.join(outdir, 'mailpit.k8s.yaml'))).toEqual(synthStage('hardened'));
  });
});

describe('valuesJsonSchema', () => {
  it('describes any stage from its table', () => {
    expect(Object.keys(valuesJsonSchema('baseline').properties as object)).toEqual(['namespace', 'name', 'image', 'imagePullPolicy', 'host', 'ingressClassName', 'env']);
  });
});
