import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { evaluatePod } from '../lib/check/pod-security';
import { cli, readManifests, scratch } from './support/cli';
import { linkProblems, only } from './support/manifests';
import { validateEverywhere } from './support/schemas';

// The production example: examples/production.ts writes __snapshots__/production.k8s.yaml (the
// e2e test runs it), and its values file, examples/production.values.yaml, must give the same.
const ROOT = path.resolve(__dirname, '..');
const snapshot = parseAllDocuments(fs.readFileSync(path.join(ROOT, '__snapshots__', 'production.k8s.yaml'), 'utf8')).map((doc) => doc.toJS());

describe('the production example', () => {
  const outdir = scratch('production').next();
  let objects: any[] = [];
  const pod = () => only(objects, 'Deployment').spec.template.spec;
  const mailpit = () => pod().containers[0];

  it('gives, from its values file, what examples/production.ts writes', async () => {
    const result = await cli(['--stage', 'hardened', '--values', path.join(ROOT, 'examples', 'production.values.yaml'), '--outdir', outdir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    objects = readManifests(path.join(outdir, 'mailpit.k8s.yaml'));
    expect(objects).toEqual(snapshot);
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'NetworkPolicy/mailpit',
      'Service/mailpit',
      'Service/mailpit-smtp',
      'ConfigMap/mailpit-config',
      'Deployment/mailpit',
      'Ingress/mailpit',
      'HTTPRoute/mailpit',
    ]);
  });

  it('passes Pod Security restricted, links every reference, and validates against Kubernetes 1.27, the newest schema and the Gateway API', () => {
    expect(evaluatePod(only(objects, 'Deployment').spec.template)).toEqual([]);
    // The one reference outside the manifests: the claim that already exists in the cluster.
    expect(linkProblems(objects)).toEqual(['volume maildir: claim mailpit-data does not exist in the namespace']);
    objects.forEach(validateEverywhere);
  });

  it('turns on TLS everywhere: the UI with HTTPS probes, SMTP with required STARTTLS, POP3, the Ingress', () => {
    for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      expect(mailpit()[probe].httpGet).toMatchObject({ port: 'http', scheme: 'HTTPS' });
    }
    expect(only(objects, 'ConfigMap').data).toMatchObject({
      MP_UI_TLS_CERT: '/etc/mailpit/ui-tls.crt',
      MP_SMTP_TLS_KEY: '/etc/mailpit/smtp-tls.key',
      MP_SMTP_REQUIRE_STARTTLS: 'true',
      MP_POP3_TLS_CERT: '/etc/mailpit/pop3-tls.crt',
    });
    expect(only(objects, 'Ingress').spec.tls).toEqual([{ secretName: 'mailpit-web-tls', hosts: ['mail.example.org', 'webmail.example.org'] }]);
    expect(only(objects, 'Ingress').metadata.annotations).toHaveProperty(['nginx.ingress.kubernetes.io/backend-protocol'], 'HTTPS');
  });

  it('takes every credential and the relay from Secrets by name, and writes no Secret', () => {
    const sources = pod()
      .volumes.find((v: any) => v.name === 'mailpit-secrets')
      .projected.sources.map((s: any) => s.secret.name);
    expect(sources).toEqual(['mailpit-ui-auth', 'mailpit-smtp-auth', 'mailpit-send-api-auth', 'mailpit-pop3-auth', 'mailpit-relay', 'mailpit-ui-tls', 'mailpit-smtp-tls', 'mailpit-pop3-tls']);
    expect(only(objects, 'ConfigMap').data).toMatchObject({ MP_SMTP_RELAY_CONFIG: '/etc/mailpit/smtp-relay.yaml', MP_SMTP_RELAY_MATCHING: '@example\\.org$' });
    expect(objects.some((o) => o.kind === 'Secret')).toBe(false);
  });

  it('serves POP3 and metrics, SMTP on a LoadBalancer on port 25, the UI on an HTTPRoute too', () => {
    expect(mailpit().ports.map((p: any) => p.name)).toEqual(['smtp', 'http', 'pop3', 'metrics']);
    expect(only(objects, 'Deployment').spec.template.metadata.annotations).toMatchObject({ 'prometheus.io/port': '9090' });
    expect(only(objects, 'Service', 'mailpit-smtp').spec).toMatchObject({
      type: 'LoadBalancer',
      loadBalancerSourceRanges: ['203.0.113.0/24'],
      externalTrafficPolicy: 'Local',
      ports: [
        { name: 'smtp', port: 25, targetPort: 'smtp' },
        { name: 'pop3', port: 1110, targetPort: 'pop3' },
      ],
    });
    expect(only(objects, 'HTTPRoute').spec.parentRefs).toEqual([{ name: 'public', namespace: 'gateways', sectionName: 'https' }]);
  });

  it('schedules, runs on the existing claim, and admits SMTP from one namespace only', () => {
    expect(pod()).toMatchObject({
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      priorityClassName: 'tools',
      serviceAccountName: 'mailpit',
      imagePullSecrets: [{ name: 'registry-credentials' }],
      terminationGracePeriodSeconds: 10,
      enableServiceLinks: false,
    });
    expect(only(objects, 'Deployment').spec.revisionHistoryLimit).toBe(3);
    expect(objects.every((o) => o.metadata.labels['app.kubernetes.io/part-of'] === 'qa-tools')).toBe(true);
    expect(pod().tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'tools', effect: 'NoSchedule' }]);
    expect(pod().affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(pod().topologySpreadConstraints).toHaveLength(1);
    expect(pod().volumes).toContainEqual({ name: 'maildir', persistentVolumeClaim: { claimName: 'mailpit-data' } });
    expect(objects.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    const [smtp, ui] = only(objects, 'NetworkPolicy').spec.ingress;
    expect(smtp.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }]);
    expect(ui.ports).toEqual([
      { protocol: 'TCP', port: 8025 },
      { protocol: 'TCP', port: 9090 },
    ]);
  });
});
