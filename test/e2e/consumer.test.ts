import { execFile as execFileAsync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
// The oldest TypeScript that cdk8s apps still use (tools/typescript-5.4): the declarations must hold for it too.
const TSC_5_4 = path.join(ROOT, 'tools', 'typescript-5.4', 'node_modules', 'typescript', 'bin', 'tsc');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-consumer-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function exec(file: string, args: string[], cwd: string): string {
  try {
    return execFileSync(file, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** Runs a command in the background: its output, or a rejection with it when it fails. */
function execFile(file: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFileAsync(file, args, { cwd, encoding: 'utf8' }, (error, stdout, stderr) =>
      error ? reject(new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${stdout}${stderr}`)) : resolve(stdout),
    ),
  );
}

it('packs with npm, and runs in a cdk8s app beside only what its package.json declares: compiles against its types, synthesizes, and its command line works', async () => {
  // The build is current: the e2e setup made it (test/e2e/build.ts).
  const packed = JSON.parse(exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work, '.'], ROOT));
  const ours = packed[0];
  expect(ours.name).toBe('cdk8s-mailpit');
  expect(ours.files.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining(['build/lib/index.js', 'build/lib/index.d.ts', 'build/main.js', 'package.json', 'schema/hardened.values.schema.json']),
  );
  const paths: string[] = ours.files.map((f: { path: string }) => f.path);
  expect(paths.filter((p) => (p.endsWith('.ts') && !p.endsWith('.d.ts')) || p.startsWith('build/bench/') || p.startsWith('scripts/') || p.endsWith('.tsbuildinfo'))).toEqual([]);
  // The installed command line runs its build as it is: it neither looks for sources nor rebuilds.
  expect(fs.readFileSync(path.join(ROOT, 'build', 'main.js'), 'utf8')).not.toMatch(/tsc|spawn|mtime/);

  // The tarball unpacked where npm puts it; beside it, linked from this install, only the packages
  // its package.json declares (its dependencies, and its peers, which are the consumer's own): a
  // runtime dependency it forgot to declare fails to load. npm install would take seconds more and
  // check nothing else here.
  const app = path.join(work, 'app');
  const modules = path.join(app, 'node_modules');
  const installed = path.join(modules, 'cdk8s-mailpit');
  fs.mkdirSync(installed, { recursive: true });
  exec('tar', ['-xzf', path.join(work, ours.filename), '-C', installed, '--strip-components=1'], ROOT);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8'));
  for (const dependency of [...Object.keys(manifest.peerDependencies), ...Object.keys(manifest.dependencies)]) {
    fs.mkdirSync(path.dirname(path.join(modules, dependency)), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', dependency), path.join(modules, dependency));
  }
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  for (const file of ['app.ts', 'tsconfig.json']) {
    fs.copyFileSync(path.join(__dirname, 'consumer', file), path.join(app, file));
  }

  // The package is the library: its root loads the constructs, and nothing of the check, the
  // command line or the YAML writer; the check and its cdk8s-cli plugin are their own entry.
  const loaded = exec(process.execPath, ['-e', "require('cdk8s-mailpit');console.log(Object.keys(require.cache).filter((f)=>f.includes('cdk8s-mailpit')).join('\\n'))"], app);
  expect(loaded).toMatch(/build\/lib\/index\.js/);
  expect(loaded).not.toMatch(/\/(check|cli|synth|values)\/|pod-security\.js/);
  // cdk8s-plus-27, a peer for its interfaces, loads only when a caller of it asks.
  expect(exec(process.execPath, ['-e', "require('cdk8s-mailpit');console.log(Object.keys(require.cache).some((f)=>f.includes('cdk8s-plus-27')))"], app).trim()).toBe('false');
  expect(exec(process.execPath, ['-e', "console.log(typeof require('cdk8s-mailpit/pod-security').PodSecurityValidation)"], app).trim()).toBe('function');
  // The app, and the examples of the README and of docs/ as a user copies them, compile against the
  // package: with TypeScript 7, which emits app.js, and with 5.4, in the background meanwhile. A type
  // only TypeScript 7 understands is a defect.
  const pages = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).map((page) => path.join('docs', page))];
  const examples = pages.flatMap((page) => [...fs.readFileSync(path.join(ROOT, page), 'utf8').matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]));
  expect(examples.length).toBeGreaterThanOrEqual(5);
  examples.forEach((example, i) => fs.writeFileSync(path.join(app, `readme-${i + 1}.ts`), example));
  const files = ['app.ts', ...examples.map((_, i) => `readme-${i + 1}.ts`)];
  fs.writeFileSync(path.join(app, 'tsconfig.check.json'), JSON.stringify({ extends: './tsconfig.json', files }));
  const older = execFile(process.execPath, [TSC_5_4, '-p', 'tsconfig.check.json', '--noEmit'], app);
  exec(process.execPath, [TSC, '-p', 'tsconfig.check.json'], app);
  const out = path.join(app, 'out');
  expect(exec(process.execPath, ['app.js', out], app)).toContain('deployment mailpit');

  const secure = parseAllDocuments(fs.readFileSync(path.join(out, 'secure.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expect(secure.map((o) => o.kind).sort()).toEqual(['Deployment', 'Ingress', 'PersistentVolume', 'PersistentVolumeClaim', 'Service']);
  const deployment = secure.find((o) => o.kind === 'Deployment');
  expect(deployment.metadata).toEqual({ name: 'mailpit', namespace: 'team', labels: { app: 'mailpit' } });
  expect(deployment.spec.template.spec.initContainers[0].name).toBe('init-pv');
  expect(secure.find((o) => o.kind === 'PersistentVolume').metadata).toEqual({ name: 'pv-mailpit' });
  expect(fs.readdirSync(out).sort()).toEqual(['baseline.k8s.yaml', 'hardened.k8s.yaml', 'pvc.k8s.yaml', 'secure.k8s.yaml', 'shared.k8s.yaml']);
  const shared = parseAllDocuments(fs.readFileSync(path.join(out, 'shared.k8s.yaml'), 'utf8'))
    .map((d) => d.toJS())
    .find((o) => o.kind === 'Deployment');
  expect(shared.spec.replicas).toBe(2);
  expect(shared.spec.template.spec.containers[0].env).toEqual([
    { name: 'MP_MAX_MESSAGES', value: '0' },
    { name: 'MP_DATABASE', value: 'http://rqlite.db.svc:4001?disableClusterDiscovery=true' },
  ]);
  const hardened = parseAllDocuments(fs.readFileSync(path.join(out, 'hardened.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expect(hardened.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].resources).toEqual({
    requests: { cpu: '100m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '512Mi' },
  });
  expect(hardened.find((o) => o.kind === 'PersistentVolumeClaim').spec.resources.requests.storage).toBe('2Gi');

  // The installed command line works with the package's own dependencies, including the modules
  // it loads only for a class and for a values file: one run takes both.
  const bin = path.join(installed, manifest.bin['cdk8s-mailpit']);
  expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  fs.writeFileSync(path.join(app, 'values.yaml'), 'maxMessages: 5000\nstorageSize: 2Gi\n');
  const argv = [bin, '--students', 'ann,bob', '--stage', 'hardened', '--values', 'values.yaml', '--outdir', 'class'];
  expect(exec(process.execPath, argv, app)).toContain('hardened: wrote 2 students');
  expect(fs.readdirSync(path.join(app, 'class'))).toEqual(['mailpit-ann.k8s.yaml', 'mailpit-bob.k8s.yaml']);
  expect(fs.readFileSync(path.join(app, 'class', 'mailpit-bob.k8s.yaml'), 'utf8')).toContain('MP_MAX_MESSAGES: "5000"');
  expect(await older).toBe('');
  expect(exec(process.execPath, [TSC_5_4, '-v'], app)).toContain('Version 5.4.');
});
