import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-stale-'));
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

// scripts/run-fresh.cjs, what `npm run synth` runs, in a project of one small file: its decisions
// (build or not, run or not) do not depend on the size of the sources, and a small one compiles fast.
function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
  fs.writeFileSync(path.join(project, file), text);
}
const main = (version: string, extra = '') =>
  `declare const require: (id: string) => { writeFileSync(file: string, text: string): void };\n` +
  `declare const process: { argv: string[] };\n` +
  `require('node:fs').writeFileSync(process.argv[2], '${version}');\n${extra}`;

it('npm run synth builds first when a source changed, runs a current build as it is, and never runs a failed one', () => {
  fs.cpSync(path.join(ROOT, 'scripts', 'run-fresh.cjs'), path.join(project, 'scripts', 'run-fresh.cjs'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  // The smallest library and no @types: the compiler starts in milliseconds.
  write('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2015', lib: ['es5'], strict: true, types: [], rootDir: '.', outDir: 'build' } }));
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmitOnError: true }, include: ['main.ts'] }));
  write('main.ts', main('v1'));
  const synth = (out: string) => spawnSync(process.execPath, ['scripts/run-fresh.cjs', path.join(project, out)], { cwd: project, encoding: 'utf8' });
  const wrote = (out: string) => (fs.existsSync(path.join(project, out)) ? fs.readFileSync(path.join(project, out), 'utf8') : undefined);
  const buildInfo = path.join(project, 'build', 'tsconfig.build.tsbuildinfo');

  // No build yet: one is made, then run.
  const first = synth('first');
  expect(first.stderr + first.stdout).toBe('');
  expect(first.status).toBe(0);
  expect(wrote('first')).toBe('v1');

  // A current build runs as it is: the compiler does not even start.
  const built = fs.statSync(buildInfo).mtimeMs;
  expect(synth('current').status).toBe(0);
  expect(wrote('current')).toBe('v1');
  expect(fs.statSync(buildInfo).mtimeMs).toBe(built);

  // A source edited after the build: the edited code runs.
  write('main.ts', main('v2'));
  expect(synth('edited').status).toBe(0);
  expect(wrote('edited')).toBe('v2');

  // A source that no longer compiles: nothing runs, not the last good build either...
  write('main.ts', main('v3', 'const broken: number = "not a number";\n'));
  const broken = synth('broken');
  expect(broken.status).not.toBe(0);
  expect(broken.stderr).toContain('the build failed: nothing was written');
  expect(wrote('broken')).toBeUndefined();
  // ...nor on the next run, though the failed build left its build info newer than every source.
  expect(synth('again').status).not.toBe(0);
  expect(wrote('again')).toBeUndefined();

  // Fixed: the fixed code runs.
  write('main.ts', main('v4'));
  expect(synth('fixed').status).toBe(0);
  expect(wrote('fixed')).toBe('v4');

  // A module moved into a folder of its own name: the build of its old file is pruned, since
  // Node would load src/lib.js before src/lib/index.js.
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmitOnError: true }, include: ['main.ts', 'src'] }));
  const version = (v: string) => `export const version = '${v}';\n`;
  write('src/lib.ts', version('file'));
  write(
    'main.ts',
    "import { version } from './src/lib';\ndeclare const require: (id: string) => { writeFileSync(file: string, text: string): void };\ndeclare const process: { argv: string[] };\nrequire('node:fs').writeFileSync(process.argv[2], version);\n",
  );
  expect(synth('file').status).toBe(0);
  expect(wrote('file')).toBe('file');
  fs.rmSync(path.join(project, 'src', 'lib.ts'));
  write('src/lib/index.ts', version('folder'));
  expect(synth('folder').status).toBe(0);
  expect(wrote('folder')).toBe('folder');
  expect(fs.existsSync(path.join(project, 'build', 'src', 'lib.js'))).toBe(false);
});
