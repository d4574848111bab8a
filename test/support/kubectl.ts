import type { PolicyRule } from '../../imports/rbac';
import type { KubeObject } from '../../lib/synth/render';

// A namespace of a simulated cluster, in which the kubectl commands of a lab sheet are replayed:
// each command must find the objects, labels and ports it names, the pods it reaches must be able
// to start (their ConfigMaps, Secrets and claims exist, each claim of class manual finds a free
// volume), `kubectl apply` must not change an immutable field, the namespace stays within its
// quota, and the student Role must let the command's API requests through. On a student's own
// cluster (the sheets' setting) the student also creates cluster-scoped objects, such as TD 9's
// PersistentVolumes; in a class (`inClass`) the teacher's files hold those, and the Role is asked.

/** A resource as kubectl and RBAC name it. */
interface Resource {
  readonly kind: string;
  readonly group: string;
  readonly plural: string;
  readonly clusterScoped?: boolean;
}

const RESOURCES: readonly Resource[] = [
  { kind: 'Pod', group: '', plural: 'pods' },
  { kind: 'Service', group: '', plural: 'services' },
  { kind: 'PersistentVolumeClaim', group: '', plural: 'persistentvolumeclaims' },
  { kind: 'PersistentVolume', group: '', plural: 'persistentvolumes', clusterScoped: true },
  { kind: 'ConfigMap', group: '', plural: 'configmaps' },
  { kind: 'Secret', group: '', plural: 'secrets' },
  { kind: 'Endpoints', group: '', plural: 'endpoints' },
  { kind: 'Namespace', group: '', plural: 'namespaces', clusterScoped: true },
  { kind: 'Deployment', group: 'apps', plural: 'deployments' },
  { kind: 'StatefulSet', group: 'apps', plural: 'statefulsets' },
  { kind: 'PodDisruptionBudget', group: 'policy', plural: 'poddisruptionbudgets' },
  { kind: 'Ingress', group: 'networking.k8s.io', plural: 'ingresses' },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', plural: 'networkpolicies' },
];

/** What kubectl accepts for each kind: plural, singular and short names. */
const KIND_NAMES: Readonly<Record<string, string>> = {
  pod: 'Pod',
  pods: 'Pod',
  po: 'Pod',
  service: 'Service',
  services: 'Service',
  svc: 'Service',
  persistentvolumeclaim: 'PersistentVolumeClaim',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  pvc: 'PersistentVolumeClaim',
  persistentvolume: 'PersistentVolume',
  persistentvolumes: 'PersistentVolume',
  pv: 'PersistentVolume',
  configmap: 'ConfigMap',
  configmaps: 'ConfigMap',
  cm: 'ConfigMap',
  secret: 'Secret',
  secrets: 'Secret',
  endpoints: 'Endpoints',
  ep: 'Endpoints',
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  poddisruptionbudget: 'PodDisruptionBudget',
  poddisruptionbudgets: 'PodDisruptionBudget',
  pdb: 'PodDisruptionBudget',
  ingress: 'Ingress',
  ingresses: 'Ingress',
  ing: 'Ingress',
};

function resource(kind: string): Resource {
  const found = RESOURCES.find((r) => r.kind === kind);
  if (!found) throw new Error(`no resource for kind ${kind}`);
  return found;
}

/** An API request: verb, group, resource (with its subresource). */
export type Request = readonly [verb: string, group: string, resource: string];

/** Whether `rules` let a request through. */
export function allows(rules: readonly PolicyRule[], [verb, group, res]: Request): boolean {
  return rules.some((rule) => (rule.apiGroups ?? []).includes(group) && (rule.resources ?? []).includes(res) && rule.verbs.includes(verb));
}

/** One row of what `kubectl get` prints, as the simulated state has it. */
export interface SimRow {
  readonly name: string;
  /** A pod's workload: `Deployment mailpit`, `StatefulSet mailpit`. */
  readonly owner?: string;
  /** A workload's replicas. */
  readonly replicas?: number;
  /** A claim's volume, when it is bound to one. */
  readonly volume?: string;
}

/** What a `kubectl get` prints as a table: its kind and rows. */
export interface SimTable {
  readonly kind: string;
  readonly rows: readonly SimRow[];
}

/** A pod the simulated controllers made. */
export interface SimPod {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly owner: KubeObject;
  readonly ordinal?: number;
}

/** Splits a command line as a POSIX shell would, for the quoting that lab sheets use. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started || current !== '') words.push(current);
      current = '';
      started = false;
    } else {
      current += char;
    }
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`);
  if (started || current !== '') words.push(current);
  return words;
}

const key = (kind: string, name: string) => `${kind}/${name}`;
const matches = (labels: Readonly<Record<string, string>> | undefined, selector: Readonly<Record<string, string>>) => Object.entries(selector).every(([k, v]) => labels?.[k] === v);

/** A label selector as `-l key=value`. */
function selectorOf(text: string): Record<string, string> {
  return Object.fromEntries(text.split(',').map((pair) => pair.split('=') as [string, string]));
}

/**
 * One student namespace of a cluster, with the objects applied to it, the Secrets created in it,
 * and the pods its workloads would run.
 */
export interface SimulatedNamespaceOptions {
  /** The student Role, which every request in the namespace must pass. */
  readonly rules: readonly PolicyRule[];
  /** The namespace's ResourceQuota: pods, persistentvolumeclaims and services are counted. */
  readonly quota?: Readonly<Record<string, string>>;
  /** A student of a class: cluster-scoped objects need the Role too, which grants none. */
  readonly inClass?: boolean;
}

export class SimulatedNamespace {
  private readonly objects = new Map<string, KubeObject>();
  private readonly secrets = new Map<string, Set<string>>();
  /** The claims StatefulSets made for their pods: they outlive the pods and the StatefulSet. */
  private readonly madeClaims = new Set<string>();
  /** Each volume ever bound, with its claim: a volume whose claim is deleted is Released, never bound again. */
  private readonly boundVolumes = new Map<string, string>();
  /** The manifests in `dist/`, from the last `npm run synth`. */
  private dist?: readonly KubeObject[];
  private readonly rules: readonly PolicyRule[];

  public constructor(private readonly options: SimulatedNamespaceOptions) {
    this.rules = options.rules;
  }

  /** A deleted claim leaves its volume Released: bound to no claim ever again. */
  private release(claim: string): void {
    for (const [volume, owner] of this.boundVolumes) {
      if (owner === claim) this.boundVolumes.set(volume, `(released by ${claim})`);
    }
  }

  /** Objects someone else applied, such as the teacher's file of a class. */
  public applied(objects: readonly KubeObject[]): void {
    for (const object of objects) this.objects.set(key(object.kind, object.metadata.name), object);
    this.settle();
  }

  /** The output of `npm run synth`, which the next `kubectl apply -f dist` applies. */
  public synthesized(objects: readonly KubeObject[]): void {
    this.dist = objects;
  }

  /** The pods the workloads run now. */
  public pods(): SimPod[] {
    return [...this.objects.values()].flatMap((object): SimPod[] => {
      const replicas = (object.spec as any)?.replicas ?? 1;
      const labels = (object.spec as any)?.template?.metadata?.labels ?? {};
      if (object.kind === 'StatefulSet') {
        return Array.from({ length: replicas }, (_, ordinal) => ({ name: `${object.metadata.name}-${ordinal}`, labels, owner: object, ordinal }));
      }
      if (object.kind === 'Deployment') {
        return Array.from({ length: replicas }, (_, i) => ({ name: `${object.metadata.name}-5c76b9bb6c-${i}`, labels, owner: object }));
      }
      return [];
    });
  }

  /**
   * The table a `kubectl get` line prints now, one kind at a time; undefined for a line that prints
   * none (another command, or an output format such as jsonpath).
   */
  public table(line: string): SimTable | undefined {
    const words = shellWords(line);
    const output = words.includes('-o') ? words[words.indexOf('-o') + 1] : undefined;
    if (words[1] !== 'get' || (output !== undefined && output !== 'wide')) {
      return undefined;
    }
    const args = words.slice(2);
    const positional = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && ['-l', '-o'].includes(args[i - 1])));
    const [kinds, name] = positional;
    const selector = args.includes('-l') ? args[args.indexOf('-l') + 1] : undefined;
    const kind = KIND_NAMES[kinds ?? ''];
    if (kind === undefined || (kinds ?? '').includes(',')) {
      return undefined;
    }
    const rows = (this.find(kind, name, selector) as { name: string }[]).map((found): SimRow => {
      if (kind === 'Pod') {
        const pod = found as SimPod;
        return { name: pod.name, owner: `${pod.owner.kind} ${pod.owner.metadata.name}` };
      }
      if (kind === 'PersistentVolumeClaim') {
        const volume = [...this.boundVolumes].find(([, claim]) => claim === found.name)?.[0];
        return { name: found.name, volume };
      }
      const object = this.objects.get(key(kind, found.name));
      return { name: found.name, replicas: (object?.spec as any)?.replicas };
    });
    return { kind, rows };
  }

  /** The problems of one `kubectl` command line, in order; none when it would do what the sheet says. */
  public run(line: string): string[] {
    const words = shellWords(line);
    if (words[0] !== 'kubectl') {
      return [`not a kubectl command: ${line}`];
    }
    const [verb, ...args] = words.slice(1);
    const flags = (name: string) => {
      const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
      if (at < 0) return undefined;
      return args[at].includes('=') && args[at].startsWith(`${name}=`) ? args[at].slice(name.length + 1) : args[at + 1];
    };
    const positional = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && ['-l', '-o', '-f', '-n', '--type', '-p'].includes(args[i - 1])));
    const handler = this.commands[verb];
    if (!handler) {
      return [`kubectl ${verb}: not a command the sheets may use`];
    }
    const requests: Request[] = [];
    const problems = handler.call(this, { args, positional, flag: flags, request: (r: Request) => requests.push(r) });
    const denied = requests.filter((r) => !allows(this.rules, r)).map((r) => `the student Role denies ${r[0]} ${r[1] || 'core'}/${r[2]}`);
    return [...problems, ...denied];
  }

  private readonly commands: Record<string, (this: SimulatedNamespace, c: Command) => string[]> = {
    apply(c) {
      if (c.flag('-f') !== 'dist' && c.flag('-f') !== 'dist/') return [`apply: only -f dist, not ${c.flag('-f')}`];
      if (!this.dist) return ['apply -f dist before any npm run synth: dist/ holds nothing of this sheet'];
      const problems: string[] = [];
      for (const object of this.dist) {
        const r = resource(object.kind);
        if (!r.clusterScoped || this.options.inClass) {
          c.request(['get', r.group, r.plural]);
          c.request(['create', r.group, r.plural]);
          c.request(['patch', r.group, r.plural]);
        }
        const before = this.objects.get(key(object.kind, object.metadata.name));
        if (before) problems.push(...immutableChanges(before, object));
        this.objects.set(key(object.kind, object.metadata.name), object);
      }
      problems.push(...this.strayPods(), ...this.settle());
      return problems;
    },
    delete(c) {
      const ignore = c.args.includes('--ignore-not-found');
      const selector = c.flag('-l');
      const [kinds, ...names] = c.positional;
      const problems: string[] = [];
      for (const kind of this.kinds(kinds, problems)) {
        const r = resource(kind);
        c.request(['delete', r.group, r.plural]);
        if (kind === 'Pod') {
          const pods = selector ? this.pods().filter((p) => matches(p.labels, selectorOf(selector))) : this.pods().filter((p) => names.includes(p.name));
          if (pods.length === 0 && !ignore) problems.push(`delete: no pod ${selector ? `-l ${selector}` : names.join(' ')}`);
          if (selector) c.request(['list', '', 'pods']);
          continue; // its controller makes it again
        }
        if (selector) {
          problems.push('delete -l: only for pods in the sheets');
          continue;
        }
        for (const name of names) {
          const gone = this.objects.delete(key(kind, name)) || (kind === 'PersistentVolumeClaim' && this.madeClaims.delete(name));
          if (!gone && !ignore) problems.push(`delete: no ${kind} ${name} (add --ignore-not-found where it may be absent)`);
          if (kind === 'PersistentVolumeClaim') this.release(name);
        }
      }
      problems.push(...this.settle());
      return problems;
    },
    get(c) {
      const [kinds, name] = c.positional;
      const selector = c.flag('-l');
      const problems: string[] = [];
      for (const kind of this.kinds(kinds, problems)) {
        const r = resource(kind);
        c.request([name ? 'get' : 'list', r.group, r.plural]);
        const found = this.find(kind, name, selector);
        if (found.length === 0) problems.push(`get: no ${kind}${name ? ` ${name}` : ''}${selector ? ` with ${selector}` : ''}`);
      }
      return problems;
    },
    describe(c) {
      const [kinds, name] = c.positional;
      const problems: string[] = [];
      for (const kind of this.kinds(kinds, problems)) {
        const r = resource(kind);
        c.request(['get', r.group, r.plural]);
        c.request(['list', '', 'events']);
        if (kind === 'Service') c.request(['list', 'discovery.k8s.io', 'endpointslices']);
        if (this.find(kind, name).length === 0) problems.push(`describe: no ${kind} ${name}`);
      }
      return problems;
    },
    create(c) {
      const [what, type, name] = c.positional;
      const file = c.flag('--from-file');
      if (what !== 'secret' || type !== 'generic' || !name || !file) return ['create: only `create secret generic NAME --from-file=KEY=PATH` in the sheets'];
      c.request(['create', '', 'secrets']);
      if (this.secrets.has(name)) return [`create: the Secret ${name} already exists`];
      const [secretKey] = file.split('=');
      this.secrets.set(name, new Set([secretKey]));
      return [];
    },
    rollout(c) {
      const [action, target] = c.positional;
      const { kind, name } = this.target(target);
      const r = resource(kind);
      if (!['restart', 'status', 'undo', 'history'].includes(action)) return [`rollout ${action}: not in the sheets`];
      c.request(['get', r.group, r.plural]);
      if (action === 'restart' || action === 'undo') c.request(['patch', r.group, r.plural]);
      if (action === 'status') c.request(['watch', r.group, r.plural]);
      c.request(['list', 'apps', kind === 'Deployment' ? 'replicasets' : 'controllerrevisions']);
      const workload = this.objects.get(key(kind, name));
      if (!workload) return [`rollout ${action}: no ${kind} ${name}`];
      return action === 'status' || action === 'restart' ? this.startProblems(this.pods().filter((p) => p.owner === workload)) : [];
    },
    scale(c) {
      const { kind, name } = this.target(c.positional[0]);
      const r = resource(kind);
      c.request(['get', r.group, `${r.plural}/scale`]);
      c.request(['patch', r.group, `${r.plural}/scale`]);
      const workload = this.objects.get(key(kind, name));
      const replicas = Number(c.flag('--replicas'));
      if (!workload) return [`scale: no ${kind} ${name}`];
      if (!Number.isInteger(replicas) || replicas < 0) return [`scale: --replicas ${c.flag('--replicas')} is not a count`];
      const scaled = { ...workload, spec: { ...(workload.spec as object), replicas } } as KubeObject;
      this.objects.set(key(kind, name), scaled);
      return [...this.settle(), ...this.startProblems(this.pods().filter((p) => p.owner === scaled))];
    },
    'port-forward'(c) {
      const [target, ports] = c.positional;
      const remote = Number((ports ?? '').split(':').pop());
      const { kind, name, pods } = this.reach(c, target, 'pods/portforward');
      if (pods.length === 0) return [`port-forward: ${target} reaches no pod`];
      const containerPorts = pods.flatMap((p) => ((p.owner.spec as any).template.spec.containers as any[]).flatMap((ct) => (ct.ports ?? []).map((port: any) => port.containerPort)));
      const offered = kind === 'Service' ? ((this.objects.get(key(kind, name))!.spec as any).ports as any[]).map((port) => port.port) : containerPorts;
      const problems = offered.includes(remote) ? [] : [`port-forward: ${target} has no port ${remote} (it has ${offered.join(', ')})`];
      return [...problems, ...this.startProblems(pods)];
    },
    exec(c) {
      const dash = c.args.indexOf('--');
      const target = c.args.slice(0, dash < 0 ? undefined : dash).filter((a) => !a.startsWith('-'))[0];
      const { pods } = this.reach(c, target, 'pods/exec');
      return pods.length === 0 ? [`exec: ${target} reaches no pod`] : this.startProblems(pods);
    },
    logs(c) {
      const selector = c.flag('-l');
      c.request(['get', '', 'pods/log']);
      if (selector) {
        c.request(['list', '', 'pods']);
        return this.pods().some((p) => matches(p.labels, selectorOf(selector))) ? [] : [`logs: no pod with ${selector}`];
      }
      const { kind, name } = this.target(c.positional[0], 'Pod');
      const r = resource(kind);
      c.request(['get', r.group, r.plural]);
      return this.podsOf(kind, name).length === 0 ? [`logs: ${c.positional[0]} reaches no pod`] : [];
    },
  };

  /** The pods a command reaches through `kind/name` (a bare name is a pod), with the requests it makes on the way. */
  private reach(c: Command, target: string | undefined, subresource: string): { kind: string; name: string; pods: SimPod[] } {
    const { kind, name } = this.target(target);
    const r = resource(kind);
    c.request(['get', r.group, r.plural]);
    if (kind !== 'Pod') c.request(['list', '', 'pods']);
    c.request(['create', '', subresource]);
    c.request(['get', '', subresource]);
    return { kind, name, pods: this.podsOf(kind, name) };
  }

  /** `deployment/mailpit`, or a bare name of `defaultKind`. */
  private target(text: string | undefined, defaultKind = 'Pod'): { kind: string; name: string } {
    const [kindText, name] = (text ?? '').includes('/') ? (text ?? '').split('/') : [undefined, text ?? ''];
    return { kind: kindText === undefined ? defaultKind : (KIND_NAMES[kindText] ?? `unknown kind ${kindText}`), name };
  }

  private kinds(text: string | undefined, problems: string[]): string[] {
    return (text ?? '').split(',').flatMap((k) => {
      const kind = KIND_NAMES[k];
      if (!kind) problems.push(`unknown kind ${k}`);
      return kind ? [kind] : [];
    });
  }

  private find(kind: string, name?: string, selector?: string): unknown[] {
    const candidates: { name: string; labels?: Record<string, string> }[] =
      kind === 'Pod'
        ? this.pods()
        : kind === 'Secret'
          ? [...this.secrets.keys()].map((n) => ({ name: n }))
          : kind === 'Endpoints'
            ? [...this.objects.values()].filter((o) => o.kind === 'Service').map((o) => ({ name: o.metadata.name }))
            : kind === 'PersistentVolumeClaim'
              ? [...this.claims().map((n) => ({ name: n }))]
              : [...this.objects.values()].filter((o) => o.kind === kind).map((o) => ({ name: o.metadata.name, labels: o.metadata.labels as Record<string, string> }));
    return candidates.filter((c) => (name === undefined || c.name === name) && (selector === undefined || matches(c.labels, selectorOf(selector))));
  }

  /** The claims: those applied, and those the StatefulSets made for their pods. */
  private claims(): string[] {
    const applied = [...this.objects.values()].filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name);
    return [...applied, ...this.madeClaims];
  }

  /**
   * What the controllers do after a change: each StatefulSet pod gets its claims, which stay; then
   * the namespace's counts are held to its quota.
   */
  private settle(): string[] {
    for (const pod of this.pods()) {
      for (const template of (pod.owner.spec as any).volumeClaimTemplates ?? []) {
        this.madeClaims.add(`${template.metadata.name}-${pod.name}`);
      }
    }
    for (const claim of [...this.objects.values()].filter((o) => o.kind === 'PersistentVolumeClaim' && (o.spec as any).volumeName)) {
      this.boundVolumes.set((claim.spec as any).volumeName, claim.metadata.name);
    }
    const volumes = [...this.objects.values()].filter((o) => o.kind === 'PersistentVolume' && (o.spec as any).storageClassName === 'manual');
    const bound = new Set(this.boundVolumes.values());
    for (const claim of [...this.madeClaims].filter((c) => !bound.has(c))) {
      const free = volumes.find((v) => !this.boundVolumes.has(v.metadata.name) && ((v.spec as any).claimRef === undefined || (v.spec as any).claimRef.name === claim));
      if (free) this.boundVolumes.set(free.metadata.name, claim);
    }
    const quota = this.options.quota ?? {};
    const counts: Record<string, number> = {
      pods: this.pods().length,
      persistentvolumeclaims: this.claims().length,
      services: [...this.objects.values()].filter((o) => o.kind === 'Service').length,
    };
    return Object.entries(counts)
      .filter(([field, count]) => quota[field] !== undefined && count > Number(quota[field]))
      .map(([field, count]) => `the quota allows ${quota[field]} ${field}, the namespace would hold ${count}`);
  }

  private podsOf(kind: string, name: string): SimPod[] {
    if (kind === 'Pod') return this.pods().filter((p) => p.name === name);
    const object = this.objects.get(key(kind, name));
    if (!object) return [];
    const selector = kind === 'Service' ? (object.spec as any).selector : (object.spec as any).selector?.matchLabels;
    return this.pods().filter((p) => (kind === 'Service' ? matches(p.labels, selector) : p.owner === object));
  }

  /** Why these pods would not start: a ConfigMap, Secret, key or claim they need is missing. */
  private startProblems(pods: readonly SimPod[]): string[] {
    const problems = new Set<string>();
    for (const pod of pods) {
      const spec = (pod.owner.spec as any).template.spec;
      for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
        for (const from of container.envFrom ?? []) {
          if (from.configMapRef && !this.objects.has(key('ConfigMap', from.configMapRef.name))) problems.add(`pod ${pod.name}: no ConfigMap ${from.configMapRef.name}`);
          if (from.secretRef && !this.secrets.has(from.secretRef.name)) problems.add(`pod ${pod.name}: no Secret ${from.secretRef.name}`);
        }
      }
      for (const volume of spec.volumes ?? []) {
        const secrets = [
          ...(volume.secret ? [{ name: volume.secret.secretName, items: volume.secret.items }] : []),
          ...(volume.projected?.sources ?? []).filter((s: any) => s.secret).map((s: any) => s.secret),
        ];
        for (const secret of secrets) {
          const keys = this.secrets.get(secret.name);
          if (!keys) problems.add(`pod ${pod.name}: no Secret ${secret.name} (create it first)`);
          for (const item of secret.items ?? []) {
            if (keys && !keys.has(item.key)) problems.add(`pod ${pod.name}: the Secret ${secret.name} has no key ${item.key}`);
          }
        }
        if (volume.persistentVolumeClaim && !this.objects.has(key('PersistentVolumeClaim', volume.persistentVolumeClaim.claimName))) {
          problems.add(`pod ${pod.name}: no claim ${volume.persistentVolumeClaim.claimName}`);
        }
      }
      if (pod.ordinal !== undefined) {
        const bound = new Set(this.boundVolumes.values());
        for (const template of (pod.owner.spec as any).volumeClaimTemplates ?? []) {
          const claim = `${template.metadata.name}-${pod.name}`;
          if (template.spec.storageClassName === 'manual' && !bound.has(claim)) {
            problems.add(`pod ${pod.name}: its claim ${claim} finds no free manual PersistentVolume`);
          }
        }
      }
    }
    return [...problems];
  }

  /** Pods that a Service selects but that its stage did not make: left over from an earlier stage. */
  private strayPods(): string[] {
    const current = new Set((this.dist ?? []).map((o) => key(o.kind, o.metadata.name)));
    return [...this.objects.values()]
      .filter((o) => o.kind === 'Service' && current.has(key(o.kind, o.metadata.name)))
      .flatMap((service) =>
        this.pods()
          .filter((p) => matches(p.labels, (service.spec as any).selector) && !current.has(key(p.owner.kind, p.owner.metadata.name)))
          .map((p) => `Service ${service.metadata.name} also selects pod ${p.name} of ${p.owner.kind} ${p.owner.metadata.name}, left from before: delete it first`),
      )
      .filter((problem, i, all) => all.indexOf(problem) === i);
  }
}

interface Command {
  readonly args: readonly string[];
  readonly positional: readonly string[];
  flag(name: string): string | undefined;
  request(r: Request): void;
}

/** What the API server refuses to change in place: the cause of a failed `kubectl apply`. */
export function immutableChanges(before: KubeObject, after: KubeObject): string[] {
  const b = before.spec as any;
  const a = after.spec as any;
  const what = `${after.kind} ${after.metadata.name}`;
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  const problems: string[] = [];
  if (after.kind === 'Service' && (b?.clusterIP === 'None') !== (a?.clusterIP === 'None')) {
    problems.push(`${what}: spec.clusterIP is immutable (between a headless Service and a ClusterIP one): delete it first`);
  }
  if ((after.kind === 'Deployment' || after.kind === 'StatefulSet') && !same(b?.selector, a?.selector)) {
    problems.push(`${what}: spec.selector is immutable: delete it first`);
  }
  if (after.kind === 'StatefulSet' && (!same(b?.volumeClaimTemplates, a?.volumeClaimTemplates) || b?.serviceName !== a?.serviceName)) {
    problems.push(`${what}: only replicas, template, updateStrategy and a few more may change: delete it first`);
  }
  if (after.kind === 'Deployment' && b?.strategy?.type === undefined && a?.strategy?.type === 'Recreate') {
    problems.push(`${what}: the server-defaulted rollingUpdate refuses the Recreate strategy: delete it first`);
  }
  return problems;
}
