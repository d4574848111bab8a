import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../../lib/stages';
import { type KubeObject, synthStage } from '../../lib/synth/render';
import { Rqlite } from '../../lib/building-blocks/rqlite';
import { effectiveUser, linkProblems, only, quantityValue, synthChart, validateSchema } from './manifests';
import { validateEverywhere } from './schemas';

// The helpers that judge manifests are tested like the code: each rule must catch a broken manifest.

/** A fresh copy of the pvc-secure stage in namespace lab: PV, claim, Service, Deployment, Ingress. */
function stage(): any[] {
  return structuredClone(synthStage('pvc-secure', { namespace: 'lab' })) as any[];
}
const pod = (objects: any[]) => only(objects, 'Deployment').spec.template;

describe('linkProblems', () => {
  it('finds nothing wrong in a stage that links', () => {
    expect(linkProblems(stage())).toEqual([]);
  });

  const BROKEN: [string, (objects: any[]) => void, string][] = [
    ['a selector that misses its pods', (o) => (only(o, 'Deployment').spec.selector.matchLabels = { app: 'other' }), 'Deployment mailpit: selector does not match its pod labels'],
    ['a mount of no volume', (o) => pod(o).spec.containers[0].volumeMounts.push({ name: 'ghost', mountPath: '/g' }), 'container mailpit: mount ghost names no volume'],
    ['a claim that does not exist', (o) => (pod(o).spec.volumes[0].persistentVolumeClaim.claimName = 'ghost'), 'volume maildir: claim ghost does not exist in the namespace'],
    ['a claim in another namespace', (o) => (only(o, 'PersistentVolumeClaim').metadata.namespace = 'other'), 'volume maildir: claim pvc-mailpit does not exist in the namespace'],
    ['a Service that selects no pod', (o) => (only(o, 'Service').spec.selector = { app: 'other' }), 'Service mailpit: selector matches no pod'],
    ['a Service in another namespace', (o) => (only(o, 'Service').metadata.namespace = 'other'), 'Service mailpit: selector matches no pod'],
    ['a Service port no container exposes', (o) => (only(o, 'Service').spec.ports[0].targetPort = 'pop3'), 'Service mailpit: port smtp targets pop3, which no container exposes'],
    ['an Ingress to a missing Service', (o) => (only(o, 'Ingress').spec.rules[0].http.paths[0].backend.service.name = 'ghost'), 'Ingress mailpit: backend ghost:http does not exist'],
    ['an Ingress to a missing port', (o) => (only(o, 'Ingress').spec.rules[0].http.paths[0].backend.service.port = { number: 80 }), 'Ingress mailpit: backend mailpit:80 does not exist'],
    ['a claim bound to a missing volume', (o) => (only(o, 'PersistentVolumeClaim').spec.volumeName = 'ghost'), 'PVC pvc-mailpit: volumeName ghost does not exist'],
    ['a volume reserved for another claim', (o) => (only(o, 'PersistentVolume').spec.claimRef = { namespace: 'lab', name: 'other' }), 'PVC pvc-mailpit: its PV is reserved for lab/other'],
    [
      'a volume reserved in another namespace',
      (o) => (only(o, 'PersistentVolume').spec.claimRef = { namespace: 'other', name: 'pvc-mailpit' }),
      'PVC pvc-mailpit: its PV is reserved for other/pvc-mailpit',
    ],
    ['another storage class', (o) => (only(o, 'PersistentVolume').spec.storageClassName = 'fast'), 'PVC pvc-mailpit: storage class differs from its PV'],
    ['an access mode the volume lacks', (o) => (only(o, 'PersistentVolumeClaim').spec.accessModes = ['ReadWriteMany']), 'PVC pvc-mailpit: access modes not offered by its PV'],
    ['a claim larger than its volume', (o) => (only(o, 'PersistentVolumeClaim').spec.resources.requests.storage = '1Gi'), 'PVC pvc-mailpit: requests more than its PV holds'],
    ['a volume of unreadable size', (o) => (only(o, 'PersistentVolume').spec.capacity.storage = 'lots'), 'PVC pvc-mailpit: requests more than its PV holds'],
  ];

  it.each(BROKEN)('catches %s', (_, breakIt, problem) => {
    const objects = stage();
    breakIt(objects);
    expect(linkProblems(objects)).toContain(problem);
  });

  it('links an HTTPRoute to its Service and port', () => {
    const routed = () => structuredClone(synthStage('hardened', { httpRoute: { parentRefs: [{ name: 'gw' }] } })) as any[];
    expect(linkProblems(routed())).toEqual([]);
    const wrongPort = routed();
    only(wrongPort, 'HTTPRoute').spec.rules[0].backendRefs[0].port = 80;
    expect(linkProblems(wrongPort)).toContain('HTTPRoute mailpit: backend mailpit:80 does not exist');
  });

  it('links a StatefulSet: its governing headless Service, and its claim templates as volumes', () => {
    const rqlite = () => structuredClone(synthChart((chart) => new Rqlite(chart, 'r'), 'db')) as any[];
    expect(linkProblems(rqlite())).toEqual([]);
    const notHeadless = rqlite();
    delete only(notHeadless, 'Service', 'rqlite-internal').spec.clusterIP;
    expect(linkProblems(notHeadless)).toContain('StatefulSet rqlite: serviceName rqlite-internal is not headless, so its pods, each with its own claim, get no DNS name of their own');
    const missing = rqlite();
    only(missing, 'StatefulSet').spec.serviceName = 'ghost';
    expect(linkProblems(missing)).toContain('StatefulSet rqlite: serviceName ghost is not a Service selecting its pods');
    const noTemplate = rqlite();
    only(noTemplate, 'StatefulSet').spec.volumeClaimTemplates[0].metadata.name = 'other';
    expect(linkProblems(noTemplate)).toContain('container rqlite: mount data names no volume');
    const badSelector = rqlite();
    only(badSelector, 'StatefulSet').spec.selector.matchLabels.app = 'x';
    expect(linkProblems(badSelector)).toContain('StatefulSet rqlite: selector does not match its pod labels');
  });

  it('links ConfigMaps: each one loaded by a pod, each one loaded made, each Secret or ConfigMap volume mounted', () => {
    const config = () => structuredClone(synthStage('config', { namespace: 'lab' })) as any[];
    expect(linkProblems(config())).toEqual([]);
    const renamed = config();
    only(renamed, 'ConfigMap').metadata.name = 'other';
    expect(linkProblems(renamed)).toEqual(expect.arrayContaining(['Deployment mailpit: ConfigMap mailpit-config does not exist', 'ConfigMap other: no pod loads it']));
    expect(linkProblems(renamed, { configMaps: ['mailpit-config'] })).toEqual(['ConfigMap other: no pod loads it']);
    const unmounted = config();
    pod(unmounted).spec.containers[0].volumeMounts = [];
    expect(linkProblems(unmounted)).toContain('Deployment mailpit: volume mailpit-secrets of Secret mailpit-auth is mounted by no container');
  });

  it('links the rqlite URL to the client Service and its port, in this namespace or the one it names', () => {
    const ha = () => structuredClone(synthStage('ha', { namespace: 'lab' })) as any[];
    expect(linkProblems(ha())).toEqual([]);
    const wrongPort = ha();
    only(wrongPort, 'Service', 'rqlite').spec.ports[0].port = 4002;
    expect(linkProblems(wrongPort)).toContain('StatefulSet mailpit: MP_DATABASE http://rqlite:4001?disableClusterDiscovery=true names no Service and port of the manifests');
    const elsewhere = ha();
    only(elsewhere, 'ConfigMap').data.MP_DATABASE = 'http://rqlite.db.svc:4001';
    expect(linkProblems(elsewhere)).toContain('StatefulSet mailpit: MP_DATABASE http://rqlite.db.svc:4001 names no Service and port of the manifests');
    const discovering = ha();
    only(discovering, 'ConfigMap').data.MP_DATABASE = 'http://rqlite:4001';
    expect(linkProblems(discovering)).toEqual([
      "StatefulSet mailpit: MP_DATABASE http://rqlite:4001 lets Mailpit's client go past the Service to the nodes it discovers: add disableClusterDiscovery=true",
    ]);
    const headless = ha();
    only(headless, 'ConfigMap').data.MP_DATABASE = 'http://rqlite-internal:4001';
    expect(linkProblems(headless)).toContain('StatefulSet mailpit: MP_DATABASE http://rqlite-internal:4001 names a headless Service, which lists nodes that are not ready');
  });

  it('takes a claim that exists outside the manifests only when told, and only that one', () => {
    const objects = stage();
    pod(objects).spec.volumes[0].persistentVolumeClaim.claimName = 'existing';
    expect(linkProblems(objects)).toContain('volume maildir: claim existing does not exist in the namespace');
    expect(linkProblems(objects, { claims: ['existing'] })).toEqual([]);
    expect(linkProblems(objects, { claims: ['other'] })).toContain('volume maildir: claim existing does not exist in the namespace');
  });

  it('finds nothing wrong in any stage, for any namespace, name and host (property)', () => {
    const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(fc.constantFrom(...STAGE_NAMES), label, label, label, (name, namespace, objectName, host) => {
        const objects = synthStage(name, { namespace, name: objectName, host: `${host}.test` });
        expect(linkProblems(objects)).toEqual([]);
        objects.forEach(validateSchema);
      }),
      { numRuns: 60 },
    );
  });
});

describe('validateSchema', () => {
  it('accepts a stage and refuses what the Kubernetes schema refuses', () => {
    const objects = stage();
    objects.forEach(validateSchema);
    const deployment = only(objects, 'Deployment');
    deployment.spec.replicas = 'one';
    expect(() => validateSchema(deployment)).toThrow();
    const service = only(objects, 'Service');
    delete service.spec.ports[0].port;
    expect(() => validateSchema(service)).toThrow();
  });

  it('refuses a kind it has no model for, rather than passing it unchecked', () => {
    expect(() => validateSchema({ apiVersion: 'v1', kind: 'Unknown', metadata: { name: 'x' } } as KubeObject)).toThrow(/no schema model/);
  });
});

describe('validateEverywhere', () => {
  const hardened = () => structuredClone(synthStage('hardened', { httpRoute: { parentRefs: [{ name: 'gw' }] } })) as any[];

  it('accepts the hardened stage with an HTTPRoute', () => {
    hardened().forEach(validateEverywhere);
  });

  it('refuses, by the newest schema, fields that Kubernetes 1.27 does not know and so lets through', () => {
    // validateSchema is the 1.27 schema: it knows neither a 1.28 field nor a 1.30 one.
    const service = only(hardened(), 'Service');
    service.spec.trafficDistribution = 5; // a string since Kubernetes 1.30
    expect(() => validateSchema(service)).not.toThrow();
    expect(() => validateEverywhere(service)).toThrow(/trafficDistribution/);
    const deployment = only(hardened(), 'Deployment');
    deployment.spec.template.spec.containers[0].restartPolicy = 5; // sidecars, a string since Kubernetes 1.28
    expect(() => validateSchema(deployment)).not.toThrow();
    expect(() => validateEverywhere(deployment)).toThrow(/restartPolicy/);
  });

  it('refuses a broken HTTPRoute, and a kind it has no newest model for', () => {
    const route = only(hardened(), 'HTTPRoute');
    route.spec.parentRefs = [{ port: 'eighty' }];
    expect(() => validateEverywhere(route)).toThrow();
    expect(() => validateEverywhere({ apiVersion: 'v1', kind: 'Unknown', metadata: { name: 'x' } } as KubeObject)).toThrow(/no schema model/);
  });
});

describe('effectiveUser and quantityValue', () => {
  it('lets a container setting win over the pod one, which fills what it leaves unset', () => {
    const pod = { securityContext: { runAsUser: 1, runAsNonRoot: true } };
    expect(effectiveUser(pod, { securityContext: { runAsUser: 2 } })).toEqual({ runAsUser: 2, runAsNonRoot: true });
    expect(effectiveUser({}, {})).toEqual({ runAsUser: undefined, runAsNonRoot: undefined });
  });

  it.each([
    ['10Mi', 10 * 2 ** 20],
    ['1G', 1e9],
    ['500m', 0.5],
    ['2', 2],
  ])('reads %s', (text, value) => {
    expect(quantityValue(text)).toBe(value);
  });

  it('reads nonsense as not a number', () => {
    expect(quantityValue('lots')).toBeNaN();
    expect(quantityValue('1Qi')).toBeNaN();
  });
});
