import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MailpitHardened, Rqlite } from '../lib';
import { synthClassroom } from '../lib/classroom/render';
import { cli, readManifests, scratch } from './support/cli';
import { container, only, synthChart } from './support/manifests';
import { validateEverywhere } from './support/schemas';

// A default that can be removed: null (none on the command line) says "no such field", from
// TypeScript, from a values file and from the command line (issue 16, item 5).

const dir = scratch('none');

describe('null removes a defaulted request, limit or quota field', () => {
  const resources = (props: ConstructorParameters<typeof MailpitHardened>[2]) =>
    container(
      synthChart((chart) => new MailpitHardened(chart, 'm', props)),
      'mailpit',
    ).resources;

  it('from TypeScript: one limit, one resource, or all of them', () => {
    expect(resources({ resources: { cpu: { limit: null } } })).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
    expect(resources({ resources: { cpu: null } })).toEqual({ requests: { memory: '64Mi' }, limits: { memory: '256Mi' } });
    expect(resources({ resources: null })).toBeUndefined();
    // undefined means "not given": the default stays.
    expect(resources({ resources: { cpu: { limit: undefined } } })).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    // A request with no limit has nothing to stay under.
    expect(resources({ resources: { cpu: { request: { amount: '4' } as never, limit: null } } })).toMatchObject({ requests: { cpu: '4' } });
    synthChart((chart) => new MailpitHardened(chart, 'm', { resources: { cpu: { limit: null } } })).forEach(validateEverywhere);
  });

  it("from TypeScript, for rqlite's nodes too", () => {
    const set = only(
      synthChart((chart) => new Rqlite(chart, 'r', { resources: { cpu: { limit: null }, memory: { request: null } } })),
      'StatefulSet',
    );
    expect(set.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '50m' }, limits: { memory: '256Mi' } });
  });

  it('from a values file and from the command line', async () => {
    const values = path.join(dir.next(), 'values.yaml');
    fs.mkdirSync(path.dirname(values));
    fs.writeFileSync(values, 'resources:\n  cpu:\n    limit: null\n  memory:\n    request: ~\n');
    const fromFile = dir.next();
    expect((await cli(['--stage', 'hardened', '--values', values, '--outdir', fromFile])).code).toBe(0);
    const pod = only(readManifests(`${fromFile}/mailpit.k8s.yaml`), 'Deployment').spec.template.spec;
    expect(pod.containers[0].resources).toEqual({ requests: { cpu: '50m' }, limits: { memory: '256Mi' } });

    const fromFlags = dir.next();
    const result = await cli(['--stage', 'ha', '--cpu-limit', 'none', '--memory-request', 'none', '--outdir', fromFlags]);
    expect(result.err).toBe('');
    const deployment = readManifests(`${fromFlags}/mailpit.k8s.yaml`).find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'mailpit') as any;
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '50m' }, limits: { memory: '256Mi' } });
    const bad = await cli(['--stage', 'hardened', '--cpu-limit', 'nothing', '--outdir', dir.next()]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^error: --cpu-limit "nothing" is invalid: a CPU quantity .*, or none\n$/);
  });

  it("from a class's quota, whose LimitRange then gives no default for what it does not count", async () => {
    const files = synthClassroom({ students: ['ann'], stage: 'hardened', quota: { 'limits.cpu': null, 'requests.cpu': null } });
    const quota = files[0].objects.find((o) => o.kind === 'ResourceQuota') as any;
    expect(quota.spec.hard['limits.cpu']).toBeUndefined();
    expect(quota.spec.hard['requests.cpu']).toBeUndefined();
    expect(quota.spec.hard.pods).toBe('6');
    const limits = (files[0].objects.find((o) => o.kind === 'LimitRange') as any).spec.limits[0];
    expect(limits).toEqual({ type: 'Container', defaultRequest: { memory: '64Mi' }, default: { memory: '256Mi' } });
    const noCompute = synthClassroom({ students: ['ann'], quota: { 'limits.cpu': null, 'requests.cpu': null, 'limits.memory': null, 'requests.memory': null } });
    expect(noCompute[0].objects.filter((o) => o.kind === 'LimitRange')).toEqual([]);

    const out = dir.next();
    expect((await cli(['--students', 'ann', '--quota', 'limits.cpu=none', '--outdir', out])).code).toBe(0);
    const written = readManifests(`${out}/mailpit-ann.k8s.yaml`);
    expect((written.find((o) => o.kind === 'ResourceQuota') as any).spec.hard['limits.cpu']).toBeUndefined();
  });
});
