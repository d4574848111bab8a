import type { KubeObject } from '../../lib/synth/render';

// What the API server, or Mailpit at start, would refuse in a set of manifests, beyond what the
// Kubernetes schema says (kubernetes-models checks types and required fields): names and their
// lengths, what must be unique in a Service, a pod and a cluster, and Mailpit's own settings.

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// k8s.io/apimachinery IsDNS1123Subdomain: 253 characters in all, with no limit per label.
const isSubdomain = (name: string) => name.length <= 253 && name.split('.').every((label) => DNS1123.test(label));
const CLUSTER_SCOPED = new Set(['Namespace', 'PersistentVolume']);

/** Duplicated values of a list, each once. */
const duplicates = <T>(items: readonly T[]) => items.filter((item, i) => items.indexOf(item) !== i).filter((item, i, all) => all.indexOf(item) === i);

/** The problems the API server would find, one line each; none when it would take every object. */
export function apiServerProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const identities = objects.map((o) => `${o.apiVersion.split('/')[0]} ${o.kind} ${CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? '')}/${o.metadata.name}`);
  problems.push(...duplicates(identities).map((id) => `two objects are ${id}`));
  const nodePorts: number[] = [];
  for (const object of objects as any[]) {
    const what = `${object.kind} ${object.metadata.name}`;
    const name: string = object.metadata.name;
    if (object.kind === 'Service') {
      if (name.length > 63 || !DNS1035.test(name)) problems.push(`${what}: not a DNS-1035 label of 63 characters at most`);
      const ports: any[] = object.spec.ports ?? [];
      problems.push(...duplicates(ports.map((p) => p.port)).map((p) => `${what}: port ${p} twice`));
      problems.push(...duplicates(ports.map((p) => p.name)).map((p) => `${what}: port name ${p} twice`));
      nodePorts.push(...ports.flatMap((p) => (p.nodePort === undefined ? [] : [p.nodePort])));
    } else if (!isSubdomain(name)) {
      problems.push(`${what}: not a DNS-1123 subdomain`);
    }
    if (object.kind === 'StatefulSet' && name.length > 52) problems.push(`${what}: longer than 52 characters, its pods' controller-revision-hash label would pass 63`);
    for (const [key, value] of Object.entries<string>(object.metadata.labels ?? {})) {
      if (value.length > 63) problems.push(`${what}: label ${key} longer than 63 characters`);
    }
    const pod = object.spec?.template?.spec;
    if (pod) problems.push(...podProblems(what, pod));
  }
  problems.push(...duplicates(nodePorts).map((p) => `node port ${p} on two Services`));
  return problems;
}

function podProblems(what: string, pod: any): string[] {
  const problems: string[] = [];
  const containers: any[] = [...(pod.initContainers ?? []), ...pod.containers];
  const volumes: string[] = (pod.volumes ?? []).map((v: any) => v.name);
  problems.push(...duplicates(containers.map((c) => c.name)).map((c) => `${what}: container ${c} twice`));
  problems.push(...duplicates(volumes).map((v) => `${what}: volume ${v} twice`));
  problems.push(...[...containers.map((c) => c.name), ...volumes].filter((n) => typeof n !== 'string' || n.length > 63 || !DNS1123.test(n)).map((n) => `${what}: name ${n} is not a DNS-1123 label`));
  for (const c of containers) {
    problems.push(...duplicates((c.volumeMounts ?? []).map((m: any) => m.mountPath)).map((p) => `${what}: container ${c.name} mounts ${p} twice`));
    problems.push(...duplicates((c.ports ?? []).map((p: any) => p.containerPort)).map((p) => `${what}: container ${c.name} port ${p} twice`));
    problems.push(...duplicates((c.ports ?? []).map((p: any) => p.name)).map((p) => `${what}: container ${c.name} port name ${p} twice`));
    for (const probe of [c.startupProbe, c.livenessProbe, c.readinessProbe].filter(Boolean)) {
      const port = probe.httpGet?.port;
      if (typeof port === 'string' && !(c.ports ?? []).some((p: any) => p.name === port)) problems.push(`${what}: a probe of ${c.name} on port ${port}, which it does not name`);
    }
  }
  return problems;
}

/**
 * What makes Mailpit exit at start, or move away from what the manifests expect, from the
 * settings of each Mailpit container (env, and the ConfigMaps of the manifests it loads):
 * axllent/mailpit v1.30.5, config/config.go VerifyConfig and cmd/root.go.
 */
export function mailpitStartProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const configMaps = objects.filter((o) => o.kind === 'ConfigMap') as any[];
  for (const workload of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet') as any[]) {
    for (const c of workload.spec.template.spec.containers.filter((c: any) => c.name === 'mailpit')) {
      const fromMaps = (c.envFrom ?? []).flatMap((from: any) => Object.entries<string>(configMaps.find((m) => m.metadata.name === from.configMapRef?.name)?.data ?? {}));
      const settings = new Map<string, string>([...fromMaps, ...(c.env ?? []).map((e: any) => [e.name, e.value] as [string, string])]);
      const what = `${workload.kind} ${workload.metadata.name}`;
      const webroot = settings.get('MP_WEBROOT');
      if (webroot !== undefined && /[^0-9a-zA-Z/\-_.@]/.test(webroot)) problems.push(`${what}: invalid characters in Webroot (${webroot})`);
      const maxAge = settings.get('MP_MAX_AGE');
      if (maxAge !== undefined && !/^\d+(h|d)$/.test(maxAge)) problems.push(`${what}: max-age must be either <int>h for hours or <int>d for days: ${maxAge}`);
      const prometheus = settings.get('MP_ENABLE_PROMETHEUS');
      if (prometheus !== undefined && prometheus !== 'true' && prometheus !== 'false' && !/^[^:]*:\d{1,5}$/.test(prometheus)) problems.push(`${what}: [prometheus] ${prometheus} is no address`);
      for (const listener of ['MP_UI_BIND_ADDR', 'MP_SMTP_BIND_ADDR', 'MP_POP3_BIND_ADDR']) {
        if (settings.has(listener)) problems.push(`${what}: ${listener} moves a listener away from the container ports`);
      }
      const tenant = settings.get('MP_TENANT_ID');
      if (tenant !== undefined && /^[0-9]/.test(tenant.trim())) problems.push(`${what}: tenant ${tenant} starts with a digit, which no SQL name may`);
      if (tenant !== undefined && /^sqlite([^a-z0-9]|$)/i.test(tenant.trim())) problems.push(`${what}: tenant ${tenant} makes names that start with sqlite_, which SQLite reserves`);
      if ((settings.get('MP_SMTP_REQUIRE_TLS') === 'true' || settings.get('MP_SMTP_REQUIRE_STARTTLS') === 'true') && !settings.has('MP_SMTP_TLS_CERT')) {
        problems.push(`${what}: [smtp] TLS cannot be required without an SMTP TLS certificate and key`);
      }
    }
  }
  return problems;
}
