import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { scratch } from '../support/cli';

// examples/production.ts as a user runs it: npx tsx examples/production.ts DIR. What it writes is
// the snapshot that test/production.test.ts asserts on, and that its values file also gives; the
// type-check test compiles it with the rest of the project.
const ROOT = path.resolve(__dirname, '..', '..');

it('examples/production.ts writes its manifests into DIR, as in the snapshot', async () => {
  const outdir = scratch('example').next();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('examples', 'production.ts'), outdir], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(fs.readdirSync(outdir)).toEqual(['mailpit-production.k8s.yaml']);
  await expect(fs.readFileSync(path.join(outdir, 'mailpit-production.k8s.yaml'), 'utf8')).toMatchFileSnapshot('../../__snapshots__/production.k8s.yaml');
});

it('examples/with-cdk8s-plus.ts writes the shop and its Mailpit into DIR', () => {
  const outdir = scratch('example-plus').next();
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join('examples', 'with-cdk8s-plus.ts'), outdir], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const yaml = fs.readFileSync(path.join(outdir, 'shop.k8s.yaml'), 'utf8');
  expect(yaml.match(/^kind: \w+$/gm)).toEqual(['kind: Service', 'kind: Deployment', 'kind: Deployment', 'kind: NetworkPolicy', 'kind: Service']);
});
