import { describe, expect, it } from 'vitest';
import { type StageName, STAGE_NAMES } from '../lib/stages';
import { synthStage, toManifestYaml } from '../lib/synth/render';
import { container, effectiveUser, kinds, linkProblems, only, podSpec } from './support/manifests';
import { validateEverywhere } from './support/schemas';

const synth = (stage: StageName, namespace?: string) => synthStage(stage, { namespace });
const LAB_STAGES = ['baseline', 'pvc', 'pvc-secure'] as const;

describe.each(STAGE_NAMES)('stage %s', (stage) => {
  const objects = synth(stage);

  it('matches its YAML file snapshot (a review aid; the fields are asserted below)', async () => {
    await expect(toManifestYaml(objects)).toMatchFileSnapshot(`../__snapshots__/${stage}.k8s.yaml`);
  });

  it('validates against the Kubernetes 1.27 schema and the newest one', () => {
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects) {
      expect(() => validateEverywhere(object), `${object.kind} ${object.metadata.name}`).not.toThrow();
    }
  });

  it('links: selectors, ports, Ingress backend, claims, volumes and the PV binding', () => {
    expect(linkProblems(objects)).toEqual([]);
  });

  it('has the Service mailpit with SMTP 1025 and the UI 8025 (hardened and ha: with the appProtocol a mesh needs)', () => {
    const service = only(objects, 'Service', 'mailpit');
    expect(service).toHaveProperty('spec.selector', stage === 'blue-green' ? { app: 'mailpit', slot: 'blue' } : { app: 'mailpit' });
    const mesh = stage === 'hardened' || stage === 'ha';
    expect(service.spec.ports).toEqual([
      { name: 'smtp', port: 1025, targetPort: 'smtp', ...(mesh ? { appProtocol: 'tcp' } : {}) },
      { name: 'http', port: 8025, targetPort: 'http', ...(mesh ? { appProtocol: 'http' } : {}) },
    ]);
  });

  it('has the Ingress mailpit routing / on its host to the UI port', () => {
    const ingress = only(objects, 'Ingress', 'mailpit');
    expect(ingress.spec.rules).toHaveLength(1);
    expect(ingress).toHaveProperty('spec.rules.0.host', 'mailpit.test');
    expect(ingress.spec.rules[0].http.paths).toEqual([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'mailpit', port: { name: 'http' } } } }]);
  });
});

describe.each(LAB_STAGES)('lab stage %s', (stage) => {
  const objects = synth(stage);

  it('has the lab Deployment: label app=mailpit, one replica, container mailpit from axllent/mailpit', () => {
    const deployment = only(objects, 'Deployment', 'mailpit');
    expect(deployment).toHaveProperty('metadata.labels', { app: 'mailpit' });
    expect(deployment).toHaveProperty('spec.replicas', 1);
    expect(deployment).toHaveProperty('spec.selector.matchLabels', { app: 'mailpit' });
    expect(deployment).toHaveProperty('spec.template.metadata.labels', { app: 'mailpit' });
    const containers = deployment.spec.template.spec.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0]).toHaveProperty('name', 'mailpit');
    expect(containers[0]).toHaveProperty('image', 'axllent/mailpit');
    expect(containers[0]).toHaveProperty('imagePullPolicy', 'IfNotPresent');
    expect(containers[0].ports).toEqual([
      { name: 'smtp', containerPort: 1025 },
      { name: 'http', containerPort: 8025 },
    ]);
  });

  it('emits no cdk8s-plus default: no resources, no generated labels, no hashed names, no pod security context', () => {
    const yaml = toManifestYaml(objects);
    expect(yaml).not.toContain('cdk8s.io');
    expect(yaml).not.toContain('resources:\n        limits');
    expect(yaml).not.toMatch(/imagePullPolicy: Always/);
    expect(yaml).not.toContain('automountServiceAccountToken');
    expect(yaml).not.toContain('fsGroupChangePolicy');
    expect(podSpec(objects).securityContext).toBeUndefined();
    for (const c of [...(podSpec(objects).initContainers ?? []), ...podSpec(objects).containers]) {
      expect(c.resources, c.name).toBeUndefined();
    }
    for (const object of objects) {
      expect(object.metadata.name).toMatch(/^(mailpit|pv-mailpit|pvc-mailpit)$/);
      expect(object.metadata.namespace).toBeUndefined();
    }
  });
});

describe('baseline', () => {
  const objects = synth('baseline');

  it('is a Service, a Deployment and an Ingress, nothing else', () => {
    expect(kinds(objects)).toEqual(['Service', 'Deployment', 'Ingress']);
  });

  it("runs the image's own entrypoint on a writable root, so `mkdir /tmp/test` works", () => {
    const mailpit = container(objects, 'mailpit');
    expect(mailpit.command).toBeUndefined();
    expect(mailpit.args).toBeUndefined();
    expect(mailpit.securityContext).toBeUndefined();
    expect(mailpit.volumeMounts).toBeUndefined();
    expect(podSpec(objects).volumes).toBeUndefined();
    expect(podSpec(objects).initContainers).toBeUndefined();
  });

  it('recreates the pod on rollout like the later stages, so that `kubectl apply` can move on to them', () => {
    expect(only(objects, 'Deployment')).toHaveProperty('spec.strategy', { type: 'Recreate' });
  });
});

describe.each(['pvc', 'pvc-secure'] as const)('%s: the persistence of lab part 2', (stage) => {
  const objects = synth(stage);

  it('has the PersistentVolume pv-mailpit exactly as the lab writes it', () => {
    const pv = only(objects, 'PersistentVolume', 'pv-mailpit');
    expect(pv).toHaveProperty('spec.accessModes', ['ReadWriteOnce']);
    expect(pv).toHaveProperty('spec.storageClassName', 'manual');
    expect(pv).toHaveProperty('spec.capacity.storage', '10Mi');
    expect(pv).toHaveProperty('spec.hostPath.path', '/tmp/pv-mailpit');
    expect(pv.metadata).toEqual({ name: 'pv-mailpit' });
  });

  it('has the PersistentVolumeClaim pvc-mailpit bound to it by name', () => {
    const pvc = only(objects, 'PersistentVolumeClaim', 'pvc-mailpit');
    expect(pvc).toHaveProperty('spec.accessModes', ['ReadWriteOnce']);
    expect(pvc).toHaveProperty('spec.storageClassName', 'manual');
    expect(pvc).toHaveProperty('spec.resources.requests.storage', '10Mi');
    expect(pvc).toHaveProperty('spec.volumeName', 'pv-mailpit');
  });

  it('mounts the claim as volume maildir at /maildir and keeps the database there', () => {
    expect(podSpec(objects).volumes).toContainEqual({ name: 'maildir', persistentVolumeClaim: { claimName: 'pvc-mailpit' } });
    const mailpit = container(objects, 'mailpit');
    expect(mailpit.volumeMounts).toContainEqual({ name: 'maildir', mountPath: '/maildir' });
    expect(mailpit.command).toEqual(['./mailpit', '--db-file=/maildir/mailpit.db']);
  });

  it('recreates the pod on rollout, so that two Mailpit processes never share the SQLite file', () => {
    expect(only(objects, 'Deployment')).toHaveProperty('spec.strategy', { type: 'Recreate' });
  });

  it('orders the PV and PVC before the Deployment, for a single kubectl apply', () => {
    const order = kinds(objects);
    expect(order.indexOf('PersistentVolume')).toBeLessThan(order.indexOf('PersistentVolumeClaim'));
    expect(order.indexOf('PersistentVolumeClaim')).toBeLessThan(order.indexOf('Deployment'));
  });

  it('keeps the cluster-scoped PV out of a namespace, and the rest in it', () => {
    const namespaced = synth(stage, 'lab');
    expect(only(namespaced, 'PersistentVolume').metadata.namespace).toBeUndefined();
    for (const object of namespaced.filter((o) => o.kind !== 'PersistentVolume')) {
      expect(object.metadata.namespace, object.kind).toBe('lab');
    }
    expect(linkProblems(namespaced)).toEqual([]);
  });
});

describe('pvc', () => {
  it('leaves the container as root on a writable root filesystem', () => {
    const objects = synth('pvc');
    expect(container(objects, 'mailpit').securityContext).toBeUndefined();
    expect(podSpec(objects).initContainers).toBeUndefined();
    expect(podSpec(objects).volumes.map((v: any) => v.name)).toEqual(['maildir']);
  });
});

describe('pvc-secure', () => {
  const objects = synth('pvc-secure');

  it('secures the Mailpit container as the lab writes it', () => {
    expect(container(objects, 'mailpit').securityContext).toEqual({
      runAsUser: 1000,
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
    });
  });

  it('has the init container init-pv that chowns /maildir', () => {
    const init = podSpec(objects).initContainers;
    expect(init).toHaveLength(1);
    expect(init[0]).toEqual({
      name: 'init-pv',
      image: 'axllent/mailpit',
      imagePullPolicy: 'IfNotPresent',
      volumeMounts: [{ name: 'maildir', mountPath: '/maildir' }],
      command: ['chown', '-R', '1000', '/maildir'],
    });
  });

  it('runs init-pv as root and Mailpit as uid 1000, in effect', () => {
    const pod = podSpec(objects);
    const init = effectiveUser(pod, container(objects, 'init-pv'));
    expect(init.runAsUser ?? 0).toBe(0);
    expect(init.runAsNonRoot).not.toBe(true);
    expect(effectiveUser(pod, container(objects, 'mailpit'))).toEqual({ runAsUser: 1000, runAsNonRoot: true });
  });

  it('mounts a writable emptyDir at /tmp for SQLite on the read-only root', () => {
    expect(podSpec(objects).volumes).toContainEqual({ name: 'tmp', emptyDir: {} });
    expect(container(objects, 'mailpit').volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
  });
});
