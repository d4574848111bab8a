import type { KubeObject } from '../synth/render';

// How the objects of a set of manifests hold together, read from the manifests alone: which
// Service an Ingress reaches, which pods a Service or a NetworkPolicy selects, which claim a pod
// mounts and which volume the claim binds, which ConfigMaps and Secrets a pod loads, which rqlite
// Service MP_DATABASE names. The same reading gives the links a diagram draws and the problems
// the tests refuse: a link that does not resolve is a problem, never a second description.

/** The objects' fields, as parsed manifests: plain JSON whose shape each kind's rules read. */
// biome-ignore lint/suspicious/noExplicitAny: parsed manifests, read field by field below
type Json = any;

/** Objects that exist in the cluster already, outside the manifests. */
export interface Existing {
  /** Claims made outside the manifests, such as hardened's existingClaim. */
  readonly claims?: readonly string[];
  /** ConfigMaps made outside the manifests, which their pods may load. */
  readonly configMaps?: readonly string[];
  /** rqlite databases outside the manifests, by the URL Mailpit is given. */
  readonly databases?: readonly string[];
}

/** An object of the manifests, or one they name that lives elsewhere (a Secret, a source of traffic). */
export interface GraphNode {
  /** Unique in the graph: `Kind/namespace/name`. */
  readonly key: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Not in the manifests: it must exist already, or it is traffic from outside. */
  readonly external: boolean;
}

/** A link from one node to another, with what it is. */
export interface GraphLink {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

/** The nodes and links of the manifests, and what does not link. */
export interface LinkGraph {
  readonly nodes: readonly GraphNode[];
  readonly links: readonly GraphLink[];
  readonly problems: readonly string[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'];

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return selector !== undefined && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The amount of a Kubernetes quantity such as `10Mi`, `1G` or `500m`, for comparisons. */
export function quantityValue(quantity: string): number {
  const factors: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    P: 1e15,
    E: 1e18,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    Pi: 2 ** 50,
    Ei: 2 ** 60,
  };
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity);
  return match && match[2] in factors ? Number(match[1]) * factors[match[2]] : Number.NaN;
}

/** The ConfigMaps and Secrets a pod template names, with where: envFrom, or a volume. */
export function configReferences(template: Json): { kind: 'ConfigMap' | 'Secret'; name: string; via: 'envFrom' | 'volume'; volume?: string }[] {
  const spec = template.spec;
  const fromEnv = [...(spec.initContainers ?? []), ...spec.containers].flatMap((c: Json) =>
    (c.envFrom ?? []).map((from: Json) =>
      from.configMapRef ? { kind: 'ConfigMap' as const, name: from.configMapRef.name, via: 'envFrom' as const } : { kind: 'Secret' as const, name: from.secretRef.name, via: 'envFrom' as const },
    ),
  );
  const fromVolumes = (spec.volumes ?? []).flatMap((v: Json) => {
    const sources = [...(v.projected?.sources ?? []), v];
    return sources.flatMap((source: Json) => [
      ...(source.configMap ? [{ kind: 'ConfigMap' as const, name: source.configMap.name, via: 'volume' as const, volume: v.name }] : []),
      ...(source.secret ? [{ kind: 'Secret' as const, name: source.secret.secretName ?? source.secret.name, via: 'volume' as const, volume: v.name }] : []),
    ]);
  });
  return [...fromEnv, ...fromVolumes];
}

/** Builds the graph of a set of manifests. */
class GraphBuilder {
  public readonly nodes = new Map<string, GraphNode>();
  public readonly links: GraphLink[] = [];
  public readonly problems: string[] = [];
  /** The objects of each kind, in the order of the manifests: every rule looks them up, often in a loop. */
  private readonly byKind = new Map<string, Json[]>();

  public constructor(objects: readonly KubeObject[]) {
    for (const object of objects) {
      this.node(object.kind, object.metadata.name, object.metadata.namespace, false);
      const same = this.byKind.get(object.kind);
      if (same) {
        same.push(object);
      } else {
        this.byKind.set(object.kind, [object]);
      }
    }
  }

  public of(kind: string): readonly Json[] {
    return this.byKind.get(kind) ?? [];
  }

  /** The Deployments, then the StatefulSets. */
  public workloads(): readonly Json[] {
    return WORKLOAD_KINDS.flatMap((kind) => this.of(kind));
  }

  public node(kind: string, name: string, namespace: string | undefined, external: boolean): string {
    const key = `${kind}/${namespace ?? ''}/${name}`;
    if (!this.nodes.has(key)) {
      this.nodes.set(key, { key, kind, name, namespace, external });
    }
    return key;
  }

  public keyOf(object: Json): string {
    return this.node(object.kind, object.metadata.name, object.metadata.namespace, false);
  }

  public link(from: string, to: string, label: string): void {
    if (!this.links.some((link) => link.from === from && link.to === to && link.label === label)) {
      this.links.push({ from, to, label });
    }
  }
}

const sameNamespace = (a: Json, b: Json) => (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '');

/** Workloads: their selectors, governing Services, mounts and claims. */
function workloadLinks(g: GraphBuilder, existing: Existing): void {
  for (const workload of g.workloads()) {
    const template = workload.spec.template;
    if (!matches(workload.spec.selector.matchLabels, template.metadata.labels)) {
      g.problems.push(`${workload.kind} ${workload.metadata.name}: selector does not match its pod labels`);
    }
    const spec = template.spec;
    // A StatefulSet's claim templates are volumes of its pods, one claim per pod.
    const claimTemplates = (workload.spec.volumeClaimTemplates ?? []).map((t: Json) => [t.metadata.name, { name: t.metadata.name, template: t }]);
    const volumes = new Map<string, Json>([...(spec.volumes ?? []).map((v: Json) => [v.name, v]), ...claimTemplates]);
    if (workload.kind === 'StatefulSet') {
      // A headless governing Service gives each pod a DNS name; one that gives none, as ha's Mailpits need none, is a ClusterIP.
      const governing = g.of('Service').find((svc) => svc.metadata.name === workload.spec.serviceName && sameNamespace(svc, workload));
      if (!governing || !matches(governing.spec.selector, template.metadata.labels)) {
        g.problems.push(`StatefulSet ${workload.metadata.name}: serviceName ${workload.spec.serviceName} is not a Service selecting its pods`);
      } else if (workload.spec.volumeClaimTemplates !== undefined && governing.spec.clusterIP !== 'None') {
        g.problems.push(`StatefulSet ${workload.metadata.name}: serviceName ${workload.spec.serviceName} is not headless, so its pods, each with its own claim, get no DNS name of their own`);
      }
    }
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      for (const mount of c.volumeMounts ?? []) {
        if (!volumes.has(mount.name)) {
          g.problems.push(`container ${c.name}: mount ${mount.name} names no volume`);
        }
      }
    }
    const from = g.keyOf(workload);
    for (const volume of volumes.values()) {
      if (volume.template) {
        const claims = g.node('PersistentVolumeClaim', `${volume.name}-${workload.metadata.name}-<ordinal>`, workload.metadata.namespace, false);
        g.link(from, claims, `${volume.name}: one claim per pod`);
        // Each claim binds a free volume of its class, or the one reserved for it by name.
        const storageClass = volume.template.spec?.storageClassName;
        const ownClaim = new RegExp(`^${volume.name}-${workload.metadata.name}-[0-9]+$`);
        for (const pv of g.of('PersistentVolume').filter((pv) => storageClass !== undefined && pv.spec.storageClassName === storageClass)) {
          const ref = pv.spec.claimRef;
          if (ref === undefined) {
            g.link(claims, g.keyOf(pv), 'binds a free one');
          } else if (ownClaim.test(ref.name) && (ref.namespace ?? '') === (workload.metadata.namespace ?? ref.namespace ?? '')) {
            g.link(claims, g.keyOf(pv), `reserved for ${ref.name}`);
          }
        }
        continue;
      }
      const claimName = volume.persistentVolumeClaim?.claimName;
      if (!claimName) {
        continue;
      }
      const made = g.of('PersistentVolumeClaim').some((p) => p.metadata.name === claimName && sameNamespace(p, workload));
      if (!made && !existing.claims?.includes(claimName)) {
        g.problems.push(`volume ${volume.name}: claim ${claimName} does not exist in the namespace`);
      }
      g.link(from, g.node('PersistentVolumeClaim', claimName, workload.metadata.namespace, !made), volume.name);
    }
  }
}

/** Services: the pods they select, on ports a container exposes. */
function serviceLinks(g: GraphBuilder): void {
  const workloads = g.workloads();
  for (const service of g.of('Service')) {
    const selected = workloads.filter((w) => sameNamespace(service, w) && matches(service.spec.selector, w.spec.template.metadata.labels));
    if (selected.length === 0) {
      g.problems.push(`Service ${service.metadata.name}: selector matches no pod`);
    }
    for (const port of service.spec.ports) {
      const target = port.targetPort ?? port.port;
      const found = selected.some((w) => w.spec.template.spec.containers.some((c: Json) => (c.ports ?? []).some((p: Json) => p.name === target || p.containerPort === target)));
      if (!found) {
        g.problems.push(`Service ${service.metadata.name}: port ${port.name} targets ${target}, which no container exposes`);
      }
    }
    const ports = service.spec.ports.map((port: Json) => port.name ?? String(port.port)).join(', ');
    for (const workload of selected) {
      g.link(g.keyOf(service), g.keyOf(workload), ports);
    }
  }
}

/** Ingresses and HTTPRoutes: the Services and ports they route to. */
function routeLinks(g: GraphBuilder): void {
  for (const ingress of g.of('Ingress')) {
    for (const rule of ingress.spec.rules ?? []) {
      for (const path of rule.http?.paths ?? []) {
        const backend = path.backend.service;
        const service = g.of('Service').find((s) => s.metadata.name === backend.name && sameNamespace(s, ingress));
        const port = service?.spec.ports.find((p: Json) => p.name === backend.port.name || p.port === backend.port.number);
        if (!port) {
          g.problems.push(`Ingress ${ingress.metadata.name}: backend ${backend.name}:${backend.port.name ?? backend.port.number} does not exist`);
          continue;
        }
        g.link(g.keyOf(ingress), g.keyOf(service), `${rule.host ?? '*'}${path.path ?? '/'}`);
      }
    }
  }
  for (const route of g.of('HTTPRoute')) {
    for (const ref of (route.spec.rules ?? []).flatMap((rule: Json) => rule.backendRefs ?? [])) {
      const service = g.of('Service').find((svc) => svc.metadata.name === ref.name && sameNamespace(svc, route));
      if (!service?.spec.ports.some((p: Json) => p.port === ref.port)) {
        g.problems.push(`HTTPRoute ${route.metadata.name}: backend ${ref.name}:${ref.port} does not exist`);
        continue;
      }
      g.link(g.keyOf(route), g.keyOf(service), `port ${ref.port}`);
    }
  }
}

/** Claims and the PersistentVolumes they bind. */
function claimLinks(g: GraphBuilder): void {
  for (const claim of g.of('PersistentVolumeClaim')) {
    if (!claim.spec.volumeName) {
      continue;
    }
    const volume = g.of('PersistentVolume').find((v) => v.metadata.name === claim.spec.volumeName);
    if (!volume) {
      g.problems.push(`PVC ${claim.metadata.name}: volumeName ${claim.spec.volumeName} does not exist`);
      continue;
    }
    const ref = volume.spec.claimRef;
    if (ref && (ref.name !== claim.metadata.name || ref.namespace !== (claim.metadata.namespace ?? ref.namespace))) {
      g.problems.push(`PVC ${claim.metadata.name}: its PV is reserved for ${ref.namespace}/${ref.name}`);
    }
    if (volume.spec.storageClassName !== claim.spec.storageClassName) {
      g.problems.push(`PVC ${claim.metadata.name}: storage class differs from its PV`);
    }
    if (!claim.spec.accessModes.every((mode: string) => volume.spec.accessModes.includes(mode))) {
      g.problems.push(`PVC ${claim.metadata.name}: access modes not offered by its PV`);
    }
    if (!(quantityValue(volume.spec.capacity.storage) >= quantityValue(claim.spec.resources.requests.storage))) {
      g.problems.push(`PVC ${claim.metadata.name}: requests more than its PV holds`);
    }
    const source = volume.spec.hostPath ? `hostPath ${volume.spec.hostPath.path}` : volume.spec.nfs ? `nfs ${volume.spec.nfs.server}:${volume.spec.nfs.path}` : 'bound';
    g.link(g.keyOf(claim), g.keyOf(volume), source);
  }
}

/**
 * ConfigMaps and Secrets: every ConfigMap of the manifests is loaded by a pod, every ConfigMap a
 * pod loads exists, and every volume that holds a ConfigMap or a Secret is mounted by a container.
 */
function configLinks(g: GraphBuilder, existing: Existing): void {
  const namespace = (o: Json) => o.metadata.namespace ?? '';
  const used = new Set<string>();
  for (const workload of g.workloads()) {
    const template = workload.spec.template;
    const mounted = new Set([...(template.spec.initContainers ?? []), ...template.spec.containers].flatMap((c: Json) => (c.volumeMounts ?? []).map((m: Json) => m.name)));
    for (const ref of configReferences(template)) {
      const made = g.of(ref.kind).some((m) => m.metadata.name === ref.name && namespace(m) === namespace(workload));
      if (ref.kind === 'ConfigMap') {
        used.add(`${namespace(workload)}/${ref.name}`);
        if (!made && !existing.configMaps?.includes(ref.name)) {
          g.problems.push(`${workload.kind} ${workload.metadata.name}: ConfigMap ${ref.name} does not exist`);
        }
      }
      if (ref.via === 'volume' && !mounted.has(ref.volume)) {
        g.problems.push(`${workload.kind} ${workload.metadata.name}: volume ${ref.volume} of ${ref.kind} ${ref.name} is mounted by no container`);
      }
      const target = g.node(ref.kind, ref.name, workload.metadata.namespace, !made);
      g.link(g.keyOf(workload), target, ref.via === 'envFrom' ? 'envFrom' : `volume ${ref.volume}`);
    }
  }
  for (const map of g.of('ConfigMap')) {
    if (!used.has(`${namespace(map)}/${map.metadata.name}`)) {
      g.problems.push(`ConfigMap ${map.metadata.name}: no pod loads it`);
    }
  }
}

/** The variables of a container: its env, and the data of the ConfigMaps of the manifests it loads. */
function variablesOf(g: GraphBuilder, workload: Json, c: Json): [string, string][] {
  const fromMaps = (c.envFrom ?? []).flatMap((from: Json) =>
    Object.entries<string>(g.of('ConfigMap').find((m) => m.metadata.name === from.configMapRef?.name && sameNamespace(m, workload))?.data ?? {}),
  );
  return [...(c.env ?? []).filter((e: Json) => typeof e.value === 'string').map((e: Json) => [e.name, e.value]), ...fromMaps];
}

/** An rqlite URL in MP_DATABASE names a Service of the manifests, by its name or namespaced name, and its port. */
function databaseLinks(g: GraphBuilder, existing: Existing): void {
  for (const workload of g.workloads()) {
    const ns = workload.metadata.namespace ?? '';
    for (const c of workload.spec.template.spec.containers) {
      for (const [, url] of variablesOf(g, workload, c).filter(([name, value]) => name === 'MP_DATABASE' && /^https?:/.test(value))) {
        const match = /^https?:\/\/([a-z0-9-]+)(?:\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?)?:(\d+)/.exec(url);
        const service = match && g.of('Service').find((o) => o.metadata.name === match[1] && (o.metadata.namespace ?? '') === (match[2] ?? ns));
        if (!/[?&]disableClusterDiscovery=true(&|$)/.test(url)) {
          g.problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} lets Mailpit's client go past the Service to the nodes it discovers: add disableClusterDiscovery=true`);
        }
        const port = match ? Number(match[3]) : undefined;
        const elsewhere = () => g.node('rqlite', match ? `${match[1]}:${match[3]}` : url, match?.[2] ?? workload.metadata.namespace, true);
        if (existing.databases?.includes(url)) {
          g.link(g.keyOf(workload), elsewhere(), 'MP_DATABASE');
          continue;
        }
        if (service?.spec.ports.some((p: Json) => p.port === port)) {
          g.link(g.keyOf(workload), g.keyOf(service), `MP_DATABASE :${port}`);
          if (service.spec.clusterIP === 'None') {
            g.problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} names a headless Service, which lists nodes that are not ready`);
          }
          continue;
        }
        g.problems.push(`${workload.kind} ${workload.metadata.name}: MP_DATABASE ${url} names no Service and port of the manifests`);
        g.link(g.keyOf(workload), elsewhere(), 'MP_DATABASE');
      }
    }
  }
}

/**
 * Files the pod's settings point at: every absolute path a variable holds (in env, or in a
 * ConfigMap of the manifests loaded with envFrom) must be under a mount, and where that mount
 * projects chosen keys of Secrets or ConfigMaps, be one of them.
 */
function fileProblems(g: GraphBuilder): void {
  for (const workload of g.of('Deployment')) {
    const spec = workload.spec.template.spec;
    const volumes = new Map<string, Json>((spec.volumes ?? []).map((v: Json) => [v.name, v]));
    for (const c of spec.containers) {
      for (const [variable, value] of variablesOf(g, workload, c).filter(([, value]) => value.startsWith('/'))) {
        const mount = (c.volumeMounts ?? [])
          .filter((m: Json) => value === m.mountPath || value.startsWith(`${m.mountPath.replace(/\/$/, '')}/`))
          .sort((a: Json, b: Json) => b.mountPath.length - a.mountPath.length)[0];
        if (!mount) {
          if (/_(FILE|CERT|KEY|CONFIG)$/.test(variable)) {
            g.problems.push(`container ${c.name}: ${variable} points to ${value}, which no volume mounts`);
          }
          continue;
        }
        const volume = volumes.get(mount.name);
        const items = [
          ...(volume?.projected?.sources ?? []).flatMap((source: Json) => (source.secret ?? source.configMap)?.items ?? []),
          ...(volume?.secret?.items ?? []),
          ...(volume?.configMap?.items ?? []),
        ];
        const chosen = volume?.projected !== undefined || volume?.secret?.items !== undefined || volume?.configMap?.items !== undefined;
        if (chosen && !items.some((item: Json) => `${mount.mountPath.replace(/\/$/, '')}/${item.path}` === value)) {
          g.problems.push(`container ${c.name}: ${variable} points to ${value}, which volume ${mount.name} does not hold`);
        }
      }
    }
  }
}

/** A NetworkPolicy peer as a node: pods of the manifests it selects, or traffic from elsewhere. */
function peerNodes(g: GraphBuilder, policy: Json, peer: Json): string[] {
  if (peer.ipBlock) {
    return [g.node('ipBlock', peer.ipBlock.cidr, undefined, true)];
  }
  const names: string[] | undefined =
    peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] !== undefined ? [peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']] : undefined;
  const inNamespaces = (o: Json) => (peer.namespaceSelector === undefined ? sameNamespace(o, policy) : names === undefined || names.includes(o.metadata.namespace ?? ''));
  const labels = peer.podSelector?.matchLabels ?? {};
  const selected = g.workloads().filter((w) => inNamespaces(w) && matches(labels, w.spec.template.metadata.labels));
  if (selected.length > 0 && peer.podSelector !== undefined) {
    return selected.map((w) => g.keyOf(w));
  }
  const pods =
    peer.podSelector === undefined || Object.keys(labels).length === 0
      ? 'every pod'
      : `pods ${Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`;
  const where = peer.namespaceSelector === undefined ? (policy.metadata.namespace ?? '') : (names?.join(', ') ?? 'namespaces of labels');
  return [g.node('peer', `${pods} in ${where || 'this namespace'}`, undefined, true)];
}

/** NetworkPolicies: the pods they guard, and the sources they admit, on which ports. */
function policyLinks(g: GraphBuilder): void {
  for (const policy of g.of('NetworkPolicy')) {
    const guarded = g.workloads().filter((w) => sameNamespace(w, policy) && matches(policy.spec.podSelector?.matchLabels ?? {}, w.spec.template.metadata.labels));
    for (const workload of guarded) {
      g.link(g.keyOf(policy), g.keyOf(workload), 'guards');
    }
    for (const rule of policy.spec.ingress ?? []) {
      const ports = (rule.ports ?? []).map((p: Json) => p.port).join(', ') || 'every port';
      const sources = rule.from === undefined || rule.from.length === 0 ? [g.node('peer', 'any source', undefined, true)] : rule.from.flatMap((peer: Json) => peerNodes(g, policy, peer));
      for (const source of sources) {
        g.link(source, g.keyOf(policy), `admitted on ${ports}`);
      }
    }
  }
}

/** Disruption budgets and RBAC: what they select and bind. */
function otherLinks(g: GraphBuilder): void {
  for (const budget of g.of('PodDisruptionBudget')) {
    for (const workload of g.workloads().filter((w) => sameNamespace(w, budget) && matches(budget.spec.selector?.matchLabels, w.spec.template.metadata.labels))) {
      const keeps = budget.spec.maxUnavailable !== undefined ? `maxUnavailable ${budget.spec.maxUnavailable}` : `minAvailable ${budget.spec.minAvailable}`;
      g.link(g.keyOf(budget), g.keyOf(workload), keeps);
    }
  }
  for (const binding of g.of('RoleBinding')) {
    const role = g.node(
      binding.roleRef.kind,
      binding.roleRef.name,
      binding.roleRef.kind === 'Role' ? binding.metadata.namespace : undefined,
      !g.of(binding.roleRef.kind).some((r) => r.metadata.name === binding.roleRef.name && sameNamespace(r, binding)),
    );
    g.link(g.keyOf(binding), role, 'binds');
    for (const subject of binding.subjects ?? []) {
      g.link(g.node(subject.kind, subject.name, subject.namespace, true), g.keyOf(binding), 'subject');
    }
  }
}

/** The graph of a set of manifests: every link the rules above read, and every one that does not resolve. */
export function linkGraph(objects: readonly KubeObject[], existing: Existing = {}): LinkGraph {
  const g = new GraphBuilder(objects);
  workloadLinks(g, existing);
  serviceLinks(g);
  routeLinks(g);
  claimLinks(g);
  fileProblems(g);
  configLinks(g, existing);
  databaseLinks(g, existing);
  policyLinks(g);
  otherLinks(g);
  return { nodes: [...g.nodes.values()], links: g.links, problems: g.problems };
}

/** What does not hold together between objects: selectors, ports, routes, claims, volumes, files, ConfigMaps, databases. */
export function linkProblems(objects: readonly KubeObject[], existing: Existing = {}): string[] {
  return [...linkGraph(objects, existing).problems];
}
