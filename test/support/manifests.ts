import assert from 'node:assert/strict';
import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { PersistentVolume } from 'kubernetes-models/v1/PersistentVolume';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { Service } from 'kubernetes-models/v1/Service';
import { KubeObject, renderChart } from '../../lib/synth/render';

/** Objects of a chart built by `build`, in apply order, as the command line renders them. */
export function synthChart(build: (chart: Chart) => void, namespace?: string): KubeObject[] {
  const chart = new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
  build(chart);
  return renderChart(chart);
}

/** The identity of an object in a cluster: kind, namespace and name. */
export function objectKey(object: KubeObject): string {
  return `${object.kind} ${object.metadata.namespace ?? '-'}/${object.metadata.name}`;
}

/** A chart to build constructs in. */
export function newChart(namespace?: string): Construct {
  return new Chart(Testing.app(), 'test', { namespace, disableResourceNameHashes: true });
}

/** The one object of this kind (and name, if given). */
export function only(objects: readonly KubeObject[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `one ${kind} ${name ?? ''}, found ${found.length}`);
  return found[0];
}

export function kinds(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => o.kind);
}

/** The pod of the one workload (Deployment or StatefulSet) that runs a container named mailpit. */
export function podSpec(objects: readonly KubeObject[]): any {
  const found = objects.filter(
    (o: any) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.spec?.template?.spec?.containers?.some((c: any) => c.name === 'mailpit'),
  );
  assert.equal(found.length, 1, `one workload running mailpit, found ${found.length}`);
  return (found[0] as any).spec.template.spec;
}

export function container(objects: readonly KubeObject[], name: string): any {
  const spec = podSpec(objects);
  const all = [...(spec.initContainers ?? []), ...spec.containers];
  const found = all.filter((c: any) => c.name === name);
  assert.equal(found.length, 1, `one container ${name}, found ${found.length}`);
  return found[0];
}

/** A kubernetes-models class: it knows its apiVersion and kind, and validates an object. */
export interface SchemaModel {
  readonly apiVersion: string;
  readonly kind: string;
  new (data: any): { validate(): void };
}

/** The models by `apiVersion kind`, as a validator looks them up. */
export function modelsByKind(models: readonly SchemaModel[]): ReadonlyMap<string, SchemaModel> {
  return new Map(models.map((model) => [`${model.apiVersion} ${model.kind}`, model]));
}

// Every kind the manifests hold; the Gateway API's HTTPRoute has its own schema (schemas.ts).
const MODELS = modelsByKind([Deployment, StatefulSet, PodDisruptionBudget, Ingress, NetworkPolicy, Role, RoleBinding, ConfigMap, LimitRange, Namespace, PersistentVolume, PersistentVolumeClaim, ResourceQuota, Service]);

/** Validates types, required fields and enums against the Kubernetes OpenAPI schema. */
export function validateSchema(object: KubeObject): void {
  const Model = MODELS.get(`${object.apiVersion} ${object.kind}`);
  if (!Model) {
    throw new Error(`no schema model for ${object.apiVersion} ${object.kind}`);
  }
  new Model(object).validate();
}

/** The user settings a container really runs with: its own, falling back to the pod's. */
export function effectiveUser(pod: any, c: any): { runAsUser?: number; runAsNonRoot?: boolean } {
  return {
    runAsUser: c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser,
    runAsNonRoot: c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot,
  };
}

/** Objects that exist in the cluster already, outside the manifests: an existing claim. */
export interface Existing {
  readonly claims?: readonly string[];
  /** ConfigMaps made outside the manifests, which their pods may load. */
  readonly configMaps?: readonly string[];
  /** rqlite databases outside the manifests, by the URL Mailpit is given. */
  readonly databases?: readonly string[];
}

/**
 * What does not hold together between objects: selectors, ports, Ingress backends, claims,
 * volumes and the PV/PVC binding. Empty when everything links.
 */
export function linkProblems(objects: readonly KubeObject[], existing: Existing = {}): string[] {
  const problems: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind) as any[];
  const sameNamespace = (a: any, b: any) => (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '');
  const pods = [...of('Deployment'), ...of('StatefulSet')].map((d) => ({ deployment: d, template: d.spec.template }));

  for (const { deployment, template } of pods) {
    if (!matches(deployment.spec.selector.matchLabels, template.metadata.labels)) {
      problems.push(`${deployment.kind} ${deployment.metadata.name}: selector does not match its pod labels`);
    }
    const spec = template.spec;
    // A StatefulSet's claim templates are volumes of its pods, one claim per pod.
    const claimTemplates = (deployment.spec.volumeClaimTemplates ?? []).map((t: any) => [t.metadata.name, { name: t.metadata.name }]);
    const volumes = new Map<string, any>([...(spec.volumes ?? []).map((v: any) => [v.name, v]), ...claimTemplates]);
    if (deployment.kind === 'StatefulSet') {
      // A headless governing Service gives each pod a DNS name; one that gives none, as ha's Mailpits need none, is a ClusterIP.
      const governing = of('Service').find((svc) => svc.metadata.name === deployment.spec.serviceName && sameNamespace(svc, deployment));
      if (!governing || !matches(governing.spec.selector, template.metadata.labels)) {
        problems.push(`StatefulSet ${deployment.metadata.name}: serviceName ${deployment.spec.serviceName} is not a Service selecting its pods`);
      } else if (deployment.spec.volumeClaimTemplates !== undefined && governing.spec.clusterIP !== 'None') {
        problems.push(`StatefulSet ${deployment.metadata.name}: serviceName ${deployment.spec.serviceName} is not headless, so its pods, each with its own claim, get no DNS name of their own`);
      }
    }
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      for (const mount of c.volumeMounts ?? []) {
        if (!volumes.has(mount.name)) {
          problems.push(`container ${c.name}: mount ${mount.name} names no volume`);
        }
      }
    }
    for (const volume of volumes.values()) {
      const claimName = volume.persistentVolumeClaim?.claimName;
      const made = of('PersistentVolumeClaim').some((p) => p.metadata.name === claimName && sameNamespace(p, deployment));
      if (claimName && !made && !existing.claims?.includes(claimName)) {
        problems.push(`volume ${volume.name}: claim ${claimName} does not exist in the namespace`);
      }
    }
  }

  for (const service of of('Service')) {
    const selected = pods.filter(({ deployment, template }) => sameNamespace(service, deployment) && matches(service.spec.selector, template.metadata.labels));
    if (selected.length === 0) {
      problems.push(`Service ${service.metadata.name}: selector matches no pod`);
    }
    for (const port of service.spec.ports) {
      const target = port.targetPort ?? port.port;
      const found = selected.some(({ template }) =>
        template.spec.containers.some((c: any) => (c.ports ?? []).some((p: any) => p.name === target || p.containerPort === target)),
      );
      if (!found) {
        problems.push(`Service ${service.metadata.name}: port ${port.name} targets ${target}, which no container exposes`);
      }
    }
  }

  for (const ingress of of('Ingress')) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = of('Service').find((s) => s.metadata.name === backend.name && sameNamespace(s, ingress));
        const port = service?.spec.ports.find((p: any) => p.name === backend.port.name || p.port === backend.port.number);
        if (!port) {
          problems.push(`Ingress ${ingress.metadata.name}: backend ${backend.name}:${backend.port.name ?? backend.port.number} does not exist`);
        }
      }
    }
  }

  for (const route of of('HTTPRoute')) {
    for (const ref of (route.spec.rules ?? []).flatMap((rule: any) => rule.backendRefs ?? [])) {
      const service = of('Service').find((svc) => svc.metadata.name === ref.name && sameNamespace(svc, route));
      if (!service?.spec.ports.some((p: any) => p.port === ref.port)) {
        problems.push(`HTTPRoute ${route.metadata.name}: backend ${ref.name}:${ref.port} does not exist`);
      }
    }
  }

  for (const claim of of('PersistentVolumeClaim')) {
    if (!claim.spec.volumeName) {
      continue;
    }
    const volume = of('PersistentVolume').find((v) => v.metadata.name === claim.spec.volumeName);
    if (!volume) {
      problems.push(`PVC ${claim.metadata.name}: volumeName ${claim.spec.volumeName} does not exist`);
      continue;
    }
    const ref = volume.spec.claimRef;
    if (ref && (ref.name !== claim.metadata.name || ref.namespace !== (claim.metadata.namespace ?? ref.namespace))) {
      problems.push(`PVC ${claim.metadata.name}: its PV is reserved for ${ref.namespace}/${ref.name}`);
    }
    if (volume.spec.storageClassName !== claim.spec.storageClassName) {
      problems.push(`PVC ${claim.metadata.name}: storage class differs from its PV`);
    }
    if (!claim.spec.accessModes.every((mode: string) => volume.spec.accessModes.includes(mode))) {
      problems.push(`PVC ${claim.metadata.name}: access modes not offered by its PV`);
    }
    if (!(quantityValue(volume.spec.capacity.storage) >= quantityValue(claim.spec.resources.requests.storage))) {
      problems.push(`PVC ${claim.metadata.name}: requests more than its PV holds`);
    }
  }
  problems.push(...fileProblems(objects), ...configProblems(objects, existing), ...databaseProblems(objects, existing));
  return problems;
}

/** The ConfigMaps and Secrets a pod template names, with where: envFrom, or a volume. */
export function configReferences(template: any): { kind: 'ConfigMap' | 'Secret'; name: string; via: 'envFrom' | 'volume'; volume?: string }[] {
  const spec = template.spec;
  const fromEnv = [...(spec.initContainers ?? []), ...spec.containers].flatMap((c: any) =>
    (c.envFrom ?? []).map((from: any) =>
      from.configMapRef ? { kind: 'ConfigMap' as const, name: from.configMapRef.name, via: 'envFrom' as const } : { kind: 'Secret' as const, name: from.secretRef.name, via: 'envFrom' as const },
    ),
  );
  const fromVolumes = (spec.volumes ?? []).flatMap((v: any) => {
    const sources = [...(v.projected?.sources ?? []), v];
    return sources.flatMap((source: any) => [
      ...(source.configMap ? [{ kind: 'ConfigMap' as const, name: source.configMap.name, via: 'volume' as const, volume: v.name }] : []),
      ...(source.secret ? [{ kind: 'Secret' as const, name: source.secret.secretName ?? source.secret.name, via: 'volume' as const, volume: v.name }] : []),
    ]);
  });
  return [...fromEnv, ...fromVolumes];
}

/**
 * Every ConfigMap of the manifests is loaded by a pod, every ConfigMap a pod loads exists, and
 * every volume that holds a ConfigMap or a Secret is mounted by a container.
 */
function configProblems(objects: readonly KubeObject[], existing: Existing): string[] {
  const problems: string[] = [];
  const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as any[];
  const configMaps = objects.filter((o) => o.kind === 'ConfigMap');
  const namespace = (o: any) => o.metadata.namespace ?? '';
  const used = new Set<string>();
  for (const workload of workloads) {
    const template = workload.spec.template;
    const mounted = new Set([...(template.spec.initContainers ?? []), ...template.spec.containers].flatMap((c: any) => (c.volumeMounts ?? []).map((m: any) => m.name)));
    for (const ref of configReferences(template)) {
      if (ref.kind === 'ConfigMap') {
        used.add(`${namespace(workload)}/${ref.name}`);
        const made = configMaps.some((m) => m.metadata.name === ref.name && namespace(m) === namespace(workload));
        if (!made && !existing.configMaps?.includes(ref.name)) {
          problems.push(`${workload.kind} ${workload.metadata.name}: ConfigMap ${ref.name} does not exist`);
        }
      }
      if (ref.via === 'volume' && !mounted.has(ref.volume)) {
        problems.push(`${workload.kind} ${workload.metadata.name}: volume ${ref.volume} of ${ref.kind} ${ref.name} is mounted by no container`);
      }
    }
  }
  for (const map of configMaps) {
    if (!used.has(`${namespace(map)}/${map.metadata.name}`)) {
      problems.push(`ConfigMap ${map.metadata.name}: no pod loads it`);
    }
  }
  return problems;
}

/** An rqlite URL in MP_DATABASE names a Service of the manifests, by its name or namespaced name, and its port. */
function databaseProblems(objects: readonly KubeObject[], existing: Existing = {}): string[] {
  const problems: string[] = [];
  const configMaps = objects.filter((o) => o.kind === 'ConfigMap') as any[];
  for (const workload of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as any[]) {
    const ns = workload.metadata.namespace ?? '';
    for (const c of workload.spec.template.spec.containers) {
      const fromMaps = (c.envFrom ?? []).flatMap((from: any) =>
        Object.entries<string>(configMaps.find((m) => m.metadata.name === from.configMapRef?.name && (m.metadata.namespace ?? '') === ns)?.data ?? {}),
      );
      const variables = [...(c.env ?? []).map((e: any) => [e.name, e.value]), ...fromMaps];
      for (const [, url] of variables.filter(([name, value]: [string, string]) => name === 'MP_DATABASE' && /^https?:/.test(value))) {
        const match = /^https?:\/\/([a-z0-9-]+)(?:\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?)?:(\d+)/.exec(url);
        const service = match && objects.find((o: any) => o.kind === 'Service' && o.metadata.name === match[1] && (o.metadata.namespace ?? '') === (match[2] ?? ns)) as any;
        if (!/[?&]disableClusterDiscovery=true(&|$)/.test(url)) {
          problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} lets Mailpit's client go past the Service to the nodes it discovers: add disableClusterDiscovery=true`);
        }
        if (existing.databases?.includes(url)) {
          continue;
        }
        if (!service || !service.spec.ports.some((p: any) => p.port === Number(match![3]))) {
          problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} names no Service and port of the manifests`);
        } else if (service.spec.clusterIP === 'None') {
          problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} names a headless Service, which lists nodes that are not ready`);
        }
      }
    }
  }
  return problems;
}

/**
 * Files the pod's settings point at: every absolute path a variable holds (in env, or in a
 * ConfigMap of the manifests loaded with envFrom) must be under a mount, and where that mount
 * projects chosen keys of Secrets or ConfigMaps, be one of them.
 */
function fileProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const configMaps = objects.filter((o) => o.kind === 'ConfigMap') as any[];
  for (const deployment of objects.filter((o) => o.kind === 'Deployment') as any[]) {
    const spec = deployment.spec.template.spec;
    const volumes = new Map<string, any>((spec.volumes ?? []).map((v: any) => [v.name, v]));
    for (const c of spec.containers) {
      const variables: [string, string][] = (c.env ?? []).filter((e: any) => typeof e.value === 'string').map((e: any) => [e.name, e.value]);
      for (const from of c.envFrom ?? []) {
        const name = from.configMapRef?.name;
        const map = configMaps.find((m) => m.metadata.name === name && (m.metadata.namespace ?? '') === (deployment.metadata.namespace ?? ''));
        variables.push(...Object.entries<string>(map?.data ?? {}));
      }
      for (const [variable, value] of variables.filter(([, value]) => value.startsWith('/'))) {
        const mount = (c.volumeMounts ?? [])
          .filter((m: any) => value === m.mountPath || value.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
          .sort((a: any, b: any) => b.mountPath.length - a.mountPath.length)[0];
        if (!mount) {
          if (/_(FILE|CERT|KEY|CONFIG)$/.test(variable)) {
            problems.push(`container ${c.name}: ${variable} points to ${value}, which no volume mounts`);
          }
          continue;
        }
        const volume = volumes.get(mount.name);
        const items = [
          ...(volume?.projected?.sources ?? []).flatMap((source: any) => (source.secret ?? source.configMap)?.items ?? []),
          ...(volume?.secret?.items ?? []),
          ...(volume?.configMap?.items ?? []),
        ];
        const chosen = volume?.projected !== undefined || volume?.secret?.items !== undefined || volume?.configMap?.items !== undefined;
        if (chosen && !items.some((item: any) => `${mount.mountPath.replace(/\/$/, '')}/${item.path}` === value)) {
          problems.push(`container ${c.name}: ${variable} points to ${value}, which volume ${mount.name} does not hold`);
        }
      }
    }
  }
  return problems;
}

/** The amount of a Kubernetes quantity such as `10Mi`, `1G` or `500m`, for comparisons. */
export function quantityValue(quantity: string): number {
  const factors: Record<string, number> = {
    '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
    Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
  };
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity);
  return match && match[2] in factors ? Number(match[1]) * factors[match[2]] : Number.NaN;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return selector !== undefined && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
