import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
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

it('installs from its npm tarball into a cdk8s app with its own cdk8s and constructs, offline, and synthesizes', () => {
  exec(process.execPath, [TSC, '-b', 'tsconfig.build.json'], ROOT);
  // Our package as npm packs it; the consumer's own cdk8s and constructs, and our runtime
  // dependencies, as tarballs of the local install, so that nothing needs the registry.
  const packed = JSON.parse(exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work, '.'], ROOT));
  const ours = packed[0];
  expect(ours.name).toBe('cdk8s-mailpit');
  expect(ours.files.map((f: { path: string }) => f.path)).toEqual(
    expect.arrayContaining(['build/lib/index.js', 'build/lib/index.d.ts', 'build/main.js', 'package.json']),
  );
  const paths: string[] = ours.files.map((f: { path: string }) => f.path);
  expect(paths.filter((p) => (p.endsWith('.ts') && !p.endsWith('.d.ts')) || p.startsWith('build/bench/') || p.startsWith('scripts/') || p.endsWith('.tsbuildinfo'))).toEqual([]);
  // The installed command line runs its build as it is: it neither looks for sources nor rebuilds.
  expect(fs.readFileSync(path.join(ROOT, 'build', 'main.js'), 'utf8')).not.toMatch(/tsc|spawn|mtime/);
  const tarballs = [path.join(work, ours.filename)];
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const dependency of [...Object.keys(manifest.peerDependencies), ...Object.keys(manifest.dependencies)]) {
    // Uncompressed, and without docs or jsii metadata: npm reads a plain tar as well, and would
    // spend seconds compressing and extracting what no program loads.
    const tarball = path.join(work, `${dependency.replace('/', '__')}.tar`);
    const skip = ['docs', '.jsii', '*.md'].map((entry) => `--exclude=${dependency}/${entry}`);
    exec('tar', ['-cf', tarball, '-C', path.join(ROOT, 'node_modules'), ...skip, `--transform=s,^${dependency},package,`, dependency], ROOT);
    tarballs.push(tarball);
  }

  const app = path.join(work, 'app');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  for (const file of ['app.ts', 'tsconfig.json']) {
    fs.copyFileSync(path.join(__dirname, 'consumer', file), path.join(app, file));
  }
  exec('npm', ['install', '--offline', '--ignore-scripts', '--omit=optional', '--no-audit', '--no-fund', ...tarballs], app);

  // One copy of constructs and cdk8s, the consumer's: two would break `instanceof` and scopes.
  expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-mailpit', 'node_modules', 'constructs'))).toBe(false);
  expect(fs.existsSync(path.join(app, 'node_modules', 'cdk8s-mailpit', 'node_modules', 'cdk8s'))).toBe(false);

  exec(process.execPath, [TSC, '-p', 'tsconfig.json'], app); // type-checks against our .d.ts, emits app.js
  const out = path.join(app, 'out');
  expect(exec(process.execPath, ['app.js', out], app)).toContain('deployment mailpit');

  const secure = parseAllDocuments(fs.readFileSync(path.join(out, 'secure.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expect(secure.map((o) => o.kind).sort()).toEqual(['Deployment', 'Ingress', 'PersistentVolume', 'PersistentVolumeClaim', 'Service']);
  const deployment = secure.find((o) => o.kind === 'Deployment');
  expect(deployment.metadata).toEqual({ name: 'mailpit', namespace: 'team', labels: { app: 'mailpit' } });
  expect(deployment.spec.template.spec.initContainers[0].name).toBe('init-pv');
  expect(secure.find((o) => o.kind === 'PersistentVolume').metadata).toEqual({ name: 'pv-mailpit' });
  expect(fs.readdirSync(out).sort()).toEqual(['baseline.k8s.yaml', 'hardened.k8s.yaml', 'pvc.k8s.yaml', 'secure.k8s.yaml']);
  const hardened = parseAllDocuments(fs.readFileSync(path.join(out, 'hardened.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expect(hardened.find((o) => o.kind === 'Deployment').spec.template.spec.containers[0].resources).toEqual({
    requests: { cpu: '100m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '512Mi' },
  });
  expect(hardened.find((o) => o.kind === 'PersistentVolumeClaim').spec.resources.requests.storage).toBe('2Gi');

  // The installed command line works with the package's own dependencies.
  const bin = path.join(app, 'node_modules', '.bin', 'cdk8s-mailpit');
  expect(exec(bin, ['--students', 'ann,bob', '--outdir', 'class'], app)).toContain('wrote 2 students');
  expect(fs.readdirSync(path.join(app, 'class'))).toEqual(['mailpit-ann.k8s.yaml', 'mailpit-bob.k8s.yaml']);
});
