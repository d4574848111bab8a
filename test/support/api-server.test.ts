import { describe, expect, it } from 'vitest';
import { synthStage } from '../../lib/synth/render';
import { apiServerProblems, mailpitStartProblems } from './api-server';
import { only } from './manifests';

// The judges of what the API server and Mailpit refuse have their own failing cases.

const stage = (name: Parameters<typeof synthStage>[0] = 'hardened', props: Record<string, unknown> = {}) => structuredClone(synthStage(name, props)) as any[];
const deployment = (objects: any[]) => only(objects, 'Deployment');

describe('apiServerProblems', () => {
  it('finds nothing wrong in the stages', () => {
    for (const name of ['pvc-secure', 'hardened', 'ha', 'canary', 'statefulset'] as const) {
      expect(apiServerProblems(stage(name)), name).toEqual([]);
    }
  });

  it.each([
    ['two objects of one identity', (o: any[]) => o.push(structuredClone(o[1])), 'two objects are'],
    ['a Service port twice', (o: any[]) => only(o, 'Service', 'mailpit').spec.ports.push({ name: 'x', port: 8025 }), 'Service mailpit: port 8025 twice'],
    ['a Service name too long', (o: any[]) => (only(o, 'Service', 'mailpit').metadata.name = `s${'a'.repeat(63)}`), 'not a DNS-1035 label'],
    ['a StatefulSet name too long', (o: any[]) => o.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: `s${'a'.repeat(52)}` }, spec: {} }), 'longer than 52 characters'],
    ['a container twice', (o: any[]) => deployment(o).spec.template.spec.containers.push({ name: 'mailpit' }), 'container mailpit twice'],
    ['a volume twice', (o: any[]) => deployment(o).spec.template.spec.volumes.push({ name: 'tmp', emptyDir: {} }), 'volume tmp twice'],
    ['a mount path twice', (o: any[]) => deployment(o).spec.template.spec.containers[0].volumeMounts.push({ name: 'tmp', mountPath: '/tmp' }), 'mounts /tmp twice'],
    ['a container port twice', (o: any[]) => deployment(o).spec.template.spec.containers[0].ports.push({ name: 'metrics', containerPort: 8025 }), 'port 8025 twice'],
    ['a probe on a port of no name', (o: any[]) => (deployment(o).spec.template.spec.containers[0].readinessProbe.httpGet.port = 'web'), 'on port web, which it does not name'],
    [
      'one node port twice',
      (o: any[]) =>
        o
          .filter((x) => x.kind === 'Service')
          .slice(0, 2)
          .forEach((s) => (s.spec.ports[0].nodePort = 30001)),
      'node port 30001 on two Services',
    ],
  ] as [string, (o: any[]) => void, string][])('catches %s', (_, breakIt, problem) => {
    const objects = stage('hardened', { smtpService: {}, uiService: {} });
    breakIt(objects);
    expect(apiServerProblems(objects).join('\n')).toContain(problem);
  });
});

describe('mailpitStartProblems', () => {
  it('finds nothing wrong in the stages', () => {
    expect(mailpitStartProblems(stage('hardened', { webroot: '/v1.0/', maxAge: undefined, metrics: 9090, tenantId: 'team' }))).toEqual([]);
  });

  it.each([
    ['a webroot Mailpit refuses', 'MP_WEBROOT', '/a~b/', 'invalid characters in Webroot'],
    ['a max age Mailpit refuses', 'MP_MAX_AGE', '7x', 'max-age must be'],
    ['a listener moved', 'MP_UI_BIND_ADDR', '0.0.0.0:9000', 'moves a listener'],
    ['a tenant of a digit', 'MP_TENANT_ID', '1a', 'starts with a digit'],
    ['a tenant SQLite reserves', 'MP_TENANT_ID', 'SQLite', 'which SQLite reserves'],
    ['a metrics address that is none', 'MP_ENABLE_PROMETHEUS', 'yes', '[prometheus]'],
    ['TLS required without a certificate', 'MP_SMTP_REQUIRE_TLS', 'true', 'TLS cannot be required'],
  ])('catches %s', (_, variable, value, problem) => {
    const objects = stage('hardened');
    only(objects, 'ConfigMap').data[variable] = value;
    expect(mailpitStartProblems(objects).join('\n')).toContain(problem);
  });
});
