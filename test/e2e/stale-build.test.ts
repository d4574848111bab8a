import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-stale-'));
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

it('npm run synth runs a current build as it is, builds what changed first, and writes nothing from a build that fails', () => {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: ROOT });
  // The sources first, then the build made from them, with their dates, as in a checkout.
  for (const entry of ['main.ts', 'lib', 'scripts', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'build']) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true, preserveTimestamps: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  // What `npm run synth` runs, in the copy.
  const synth = (outdir: string) =>
    spawnSync(process.execPath, ['scripts/run-fresh.cjs', '--stage', 'baseline', '--outdir', outdir], { cwd: copy, encoding: 'utf8' });
  // The build in the copy is ROOT's, current: it runs as it is.
  const current = synth('current');
  expect(current.status).toBe(0);
  expect(fs.readFileSync(path.join(copy, 'current', 'mailpit.k8s.yaml'), 'utf8')).toContain('host: mailpit.test');

  // A source edited after the build: the next synth runs the edited code.
  const mailpit = path.join(copy, 'lib', 'building-blocks', 'mailpit.ts');
  fs.writeFileSync(mailpit, fs.readFileSync(mailpit, 'utf8').replace("default: 'mailpit.test'", "default: 'edited.test'"));
  const fresh = synth('fresh');
  expect(fresh.status).toBe(0);
  expect(fs.readFileSync(path.join(copy, 'fresh', 'mailpit.k8s.yaml'), 'utf8')).toContain('host: edited.test');

  // A source that no longer compiles: nothing is written, not even from the last good build.
  fs.appendFileSync(mailpit, '\nconst broken: number = "not a number";\n');
  const broken = synth('broken');
  expect(broken.status).not.toBe(0);
  expect(broken.stderr).toContain('the build failed: nothing was written');
  expect(fs.existsSync(path.join(copy, 'broken'))).toBe(false);
  // Nor on the next run: the failed build left its build info newer than every source.
  const again = synth('again');
  expect(again.status).not.toBe(0);
  expect(fs.existsSync(path.join(copy, 'again'))).toBe(false);
});
