import { Size } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { RQLITE_RELEASE_IMAGE, Rqlite, type RqliteProps } from '../lib/building-blocks/rqlite';
import { evaluatePod } from '../lib/check/pod-security';
import { InvalidOptionError } from '../lib/options/errors';
import { cpu } from '../lib/options/quantities';
import { expectRelease } from './support/images';
import { linkProblems, newChart, only, synthChart } from './support/manifests';
import { validateEverywhere } from './support/schemas';

const build = (props: RqliteProps = {}, namespace = 'db') => synthChart((chart) => new Rqlite(chart, 'r', props), namespace);

describe('Rqlite, as rqlite lays itself out on Kubernetes', () => {
  const objects = build();
  const statefulSet = only(objects, 'StatefulSet');
  const pod = statefulSet.spec.template.spec;
  const container = pod.containers[0];

  it('writes the peer Service and the client Service before the StatefulSet, and a disruption budget', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/rqlite-internal', 'Service/rqlite', 'StatefulSet/rqlite', 'PodDisruptionBudget/rqlite']);
    objects.forEach(validateEverywhere);
    expect(linkProblems(objects)).toEqual([]);
  });

  it('finds its peers through the headless Service, which lists nodes before they are ready', () => {
    const peers = only(objects, 'Service', 'rqlite-internal');
    expect(peers.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true, selector: { app: 'rqlite' } });
    expect(peers.spec.ports.map((port: any) => [port.name, port.port])).toEqual([
      ['http', 4001],
      ['raft', 4002],
    ]);
    expect(statefulSet.spec.serviceName).toBe('rqlite-internal');
    // Every flag, as rqlite v10.2.7 reads it: a leader's stepdown before shutdown is its default, and
    // -raft-cluster-remove-shutdown is left off (the README says how to shrink a cluster).
    expect(container.args).toEqual(['-disco-mode=dns', '-disco-config={"name":"rqlite-internal"}', '-bootstrap-expect=3', '-join-interval=1s', '-join-attempts=120']);
    expect(statefulSet.spec).toMatchObject({ replicas: 3, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'rqlite' } } });
    expect(statefulSet.spec.template.metadata.labels).toEqual({ app: 'rqlite' });
  });

  it('serves clients through a Service of the ready nodes only', () => {
    const client = only(objects, 'Service', 'rqlite');
    expect(client.spec.publishNotReadyAddresses).toBeUndefined();
    expect(client.spec.clusterIP).toBeUndefined();
    expect(client.spec.ports).toEqual([{ name: 'http', port: 4001, targetPort: 'http', appProtocol: 'http' }]);
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/readyz?noleader', port: 'http' });
  });

  it('gives each node its own claim, mounted where the image keeps its data', () => {
    expect(statefulSet.spec.volumeClaimTemplates).toEqual([{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]);
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/rqlite/file' });
  });

  it('passes Pod Security "restricted" as the image user, 1000, and pins the image', () => {
    expect(evaluatePod(statefulSet.spec.template)).toEqual([]);
    expect(pod.securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true });
    expectRelease(container.image, RQLITE_RELEASE_IMAGE);
    expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  it('keeps a quorum through drains: 2 of 3 nodes, 3 of 5', () => {
    expect(only(objects, 'PodDisruptionBudget').spec).toEqual({ minAvailable: 2, selector: { matchLabels: { app: 'rqlite' } } });
    expect(only(build({ nodes: 5 }), 'PodDisruptionBudget').spec.minAvailable).toBe(3);
    expect(build({ nodes: 1 }).some((o) => o.kind === 'PodDisruptionBudget')).toBe(false);
  });
});

describe('Rqlite, every prop', () => {
  const all: Required<RqliteProps> = {
    name: 'mail-db',
    namespace: 'shared',
    image: 'rqlite/rqlite:10.2.6',
    nodes: 5,
    storageClassName: 'fast',
    storageSize: Size.gibibytes(4),
    resources: { cpu: { limit: cpu('2') } },
  };
  const objects = build(all, 'ignored');
  const statefulSet = only(objects, 'StatefulSet', 'mail-db');

  it('reaches the manifests', () => {
    objects.forEach(validateEverywhere);
    expect(objects.every((o) => o.metadata.namespace === 'shared')).toBe(true);
    expect(statefulSet.spec.serviceName).toBe('mail-db-internal');
    expect(statefulSet.spec.replicas).toBe(5);
    expect(statefulSet.spec.template.spec.containers[0].args).toContain('-bootstrap-expect=5');
    expect(statefulSet.spec.template.spec.containers[0].image).toBe('rqlite/rqlite:10.2.6');
    expect(statefulSet.spec.template.spec.containers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '2', memory: '256Mi' } });
    expect(statefulSet.spec.volumeClaimTemplates[0].spec).toMatchObject({ storageClassName: 'fast', resources: { requests: { storage: '4Gi' } } });
  });
});

describe('Rqlite, the URL Mailpit connects to', () => {
  it('names the client Service, with its namespace when Mailpit is elsewhere, and keeps cluster discovery off', () => {
    const rqlite = new Rqlite(newChart('db'), 'r');
    expect(rqlite.databaseUrl()).toBe('http://rqlite:4001?disableClusterDiscovery=true');
    expect(rqlite.databaseUrl('db')).toBe('http://rqlite:4001?disableClusterDiscovery=true');
    expect(rqlite.databaseUrl('alice')).toBe('http://rqlite.db.svc:4001?disableClusterDiscovery=true');
  });
});

describe('Rqlite refuses', () => {
  it.each([
    ['an even number of nodes', { nodes: 2 }, /^RqliteProps\.nodes 2 is invalid: an odd number of nodes from 1 to 9: an even number tolerates no more failures/],
    ['more than 9 nodes', { nodes: 11 }, /^RqliteProps\.nodes 11 is invalid: an odd number of nodes from 1 to 9/],
    ['no node', { nodes: 0 }, /^RqliteProps\.nodes 0 is invalid/],
    ['an unpinned image', { image: 'rqlite/rqlite' }, /^RqliteProps\.image "rqlite\/rqlite" is invalid: an image reference pinned/],
    ['a limit below the request', { resources: { memory: { limit: Size.mebibytes(32) } } }, /^RqliteProps\.resources\.memory\.limit "32Mi" is invalid: at least the request, 64Mi/],
  ] as [string, RqliteProps, RegExp][])('%s', (_, props, message) => {
    expect(() => build(props)).toThrow(InvalidOptionError);
    expect(() => build(props)).toThrow(message);
  });
});
