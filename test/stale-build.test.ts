import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-stale-'));
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

it('rebuilds a build/ older than the sources before synthesizing, and refuses one that does not compile', () => {
  for (const entry of ['main.ts', 'lib', 'imports', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package.json']) {
    fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  expect(spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: copy }).status).toBe(0);
  const synth = (outdir: string) =>
    spawnSync(process.execPath, ['build/main.js', '--stage', 'baseline', '--outdir', outdir], { cwd: copy, encoding: 'utf8' });

  // A source edited after the build: the next synth runs the edited code.
  const mailpit = path.join(copy, 'lib', 'mailpit.ts');
  fs.writeFileSync(mailpit, fs.readFileSync(mailpit, 'utf8').replace("props.host ?? 'mailpit.test'", "props.host ?? 'edited.test'"));
  // Dated a minute ahead, as with clock skew: one rebuild, not one per second until then.
  const future = new Date(Date.now() + 60_000);
  fs.utimesSync(mailpit, future, future);
  const fresh = synth('fresh');
  expect(fresh.status).toBe(0);
  expect(fresh.stderr.match(/rebuilding first/g)).toHaveLength(1);
  expect(fs.readFileSync(path.join(copy, 'fresh', 'mailpit.k8s.yaml'), 'utf8')).toContain('host: edited.test');

  // A source that no longer compiles: nothing is written from the stale build.
  fs.appendFileSync(mailpit, '\nconst broken: number = "not a number";\n');
  fs.utimesSync(mailpit, future, future);
  const broken = synth('broken');
  expect(broken.status).toBe(1);
  expect(fs.existsSync(path.join(copy, 'broken'))).toBe(false);
});
