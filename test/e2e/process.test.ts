import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, scratch } from '../support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const tmpDir = scratch('process').next;
// What `npm run synth` runs: the build, brought up to date first when a source changed.
const main = (args: string[]) => spawnSync(process.execPath, ['scripts/run-fresh.cjs', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the real process', () => {
  it('exits 2 with one line on stderr for bad input', () => {
    const result = main(['--stage', 'nope', '--outdir', tmpDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: [^\n]*'nope'[^\n]*\n$/);
  });

  it('writes the bytes that the same synthesis in another process writes', async () => {
    const outdir = tmpDir();
    expect(main(['--outdir', outdir, '--stage', 'pvc']).status).toBe(0);
    const here = tmpDir();
    expect((await cli(['--outdir', here, '--stage', 'pvc'])).code).toBe(0);
    expect(fs.readFileSync(path.join(outdir, 'mailpit.k8s.yaml'))).toEqual(fs.readFileSync(path.join(here, 'mailpit.k8s.yaml')));
  });
});
