/**
 * The Kubernetes Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * evaluated offline on a pod spec. No maintained JavaScript library does this, so each control of
 * the page is one entry below, checked on every container, init and ephemeral ones included.
 */

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** One failed control. */
export interface Violation {
  /** The level whose control failed. */
  readonly level: 'baseline' | 'restricted';
  /** The control's name on the Pod Security Standards page. */
  readonly control: string;
  /** The container at fault, or undefined for a pod-level field. */
  readonly container?: string;
  /** The offending field, relative to the pod spec or the container. */
  readonly field: string;
  /** What the field holds, and what the control wants. */
  readonly detail: string;
}

/** The parts of a pod we read. Everything is optional, as in any manifest. */
export interface PodLike {
  readonly metadata?: { readonly annotations?: Record<string, string> };
  readonly spec: any;
}

interface ContainerRef {
  readonly name: string;
  readonly securityContext?: any;
  readonly ports?: any[];
}

type Control = (pod: PodLike) => Omit<Violation, 'level' | 'control'>[];

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);
const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
]);

function containers(pod: PodLike): ContainerRef[] {
  const spec = pod.spec ?? {};
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

/** A check of one field on every container. */
function eachContainer(field: string, bad: (value: any, c: ContainerRef) => string | undefined): Control {
  return (pod) =>
    containers(pod).flatMap((c) => {
      const detail = bad(get(c, field), c);
      return detail === undefined ? [] : [{ container: c.name, field, detail }];
    });
}

/** A check of one field of the pod spec. */
function podField(field: string, bad: (value: any) => string | undefined): Control {
  return (pod) => {
    const detail = bad(get(pod.spec, field));
    return detail === undefined ? [] : [{ field: `spec.${field}`, detail }];
  };
}

function get(object: any, field: string): any {
  return field.split('.').reduce((value, key) => value?.[key], object);
}

const shown = (value: unknown) => (value === undefined ? 'unset' : JSON.stringify(value));
const isWindows = (pod: PodLike) => pod.spec?.os?.name === 'windows';

/** The pod-level value of a container setting, which applies where the container leaves it unset. */
function effective(pod: PodLike, c: ContainerRef, field: string): any {
  return get(c.securityContext, field) ?? get(pod.spec?.securityContext, field);
}

const BASELINE: Record<string, Control[]> = {
  HostProcess: [
    podField('securityContext.windowsOptions.hostProcess', (v) => (v === true ? 'true, must be unset or false' : undefined)),
    eachContainer('securityContext.windowsOptions.hostProcess', (v) => (v === true ? 'true, must be unset or false' : undefined)),
  ],
  'Host Namespaces': ['hostNetwork', 'hostPID', 'hostIPC'].map((field) =>
    podField(field, (v) => (v === true ? 'true, must be unset or false' : undefined)),
  ),
  'Privileged Containers': [
    eachContainer('securityContext.privileged', (v) => (v === true ? 'true, must be unset or false' : undefined)),
  ],
  Capabilities: [
    eachContainer('securityContext.capabilities.add', (added) => {
      const extra = (added ?? []).filter((cap: string) => !BASELINE_CAPABILITIES.has(cap));
      return extra.length > 0 ? `adds ${extra.join(', ')}, beyond the default set` : undefined;
    }),
  ],
  'HostPath Volumes': [
    (pod) =>
      (pod.spec?.volumes ?? [])
        .filter((v: any) => v.hostPath !== undefined)
        .map((v: any) => ({ field: `spec.volumes[${v.name}].hostPath`, detail: `${v.hostPath.path}, hostPath volumes are forbidden` })),
  ],
  'Host Ports': [
    (pod) =>
      containers(pod).flatMap((c) =>
        (c.ports ?? [])
          .filter((p: any) => p.hostPort !== undefined && p.hostPort !== 0)
          .map((p: any) => ({ container: c.name, field: 'ports[].hostPort', detail: `${p.hostPort}, must be unset or 0` })),
      ),
  ],
  AppArmor: [
    (pod) =>
      Object.entries(pod.metadata?.annotations ?? {})
        .filter(([key, value]) => key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/'))
        .map(([key, value]) => ({ field: `metadata.annotations[${key}]`, detail: `${value}, must be runtime/default or localhost/*` })),
    podField('securityContext.appArmorProfile.type', (v) => (v === 'Unconfined' ? 'Unconfined, must be RuntimeDefault or Localhost' : undefined)),
    eachContainer('securityContext.appArmorProfile.type', (v) => (v === 'Unconfined' ? 'Unconfined, must be RuntimeDefault or Localhost' : undefined)),
  ],
  SELinux: [
    ...[podField, eachContainer].flatMap((at) => [
      at('securityContext.seLinuxOptions.type', (v) => (v !== undefined && !SELINUX_TYPES.has(v) ? `${shown(v)}, must be container_t, container_init_t, container_kvm_t or container_engine_t` : undefined)),
      at('securityContext.seLinuxOptions.user', (v) => (v ? `${shown(v)}, must be unset` : undefined)),
      at('securityContext.seLinuxOptions.role', (v) => (v ? `${shown(v)}, must be unset` : undefined)),
    ]),
  ],
  '/proc Mount Type': [
    eachContainer('securityContext.procMount', (v) => (v !== undefined && v !== 'Default' ? `${shown(v)}, must be unset or Default` : undefined)),
  ],
  Seccomp: [
    podField('securityContext.seccompProfile.type', (v) => (v === 'Unconfined' ? 'Unconfined, must not be' : undefined)),
    eachContainer('securityContext.seccompProfile.type', (v) => (v === 'Unconfined' ? 'Unconfined, must not be' : undefined)),
  ],
  Sysctls: [
    (pod) =>
      (pod.spec?.securityContext?.sysctls ?? [])
        .filter((s: any) => !SAFE_SYSCTLS.has(s.name))
        .map((s: any) => ({ field: 'spec.securityContext.sysctls', detail: `${s.name} is not a safe sysctl` })),
  ],
};

const RESTRICTED: Record<string, Control[]> = {
  'Volume Types': [
    (pod) =>
      (pod.spec?.volumes ?? []).flatMap((v: any) => {
        const types = Object.keys(v).filter((key) => key !== 'name');
        const forbidden = types.filter((type) => !RESTRICTED_VOLUME_TYPES.has(type));
        return forbidden.length > 0 ? [{ field: `spec.volumes[${v.name}]`, detail: `${forbidden.join(', ')} volume, not an allowed type` }] : [];
      }),
  ],
  'Privilege Escalation': [
    (pod) => (isWindows(pod) ? [] : eachContainer('securityContext.allowPrivilegeEscalation', (v) => (v !== false ? `${shown(v)}, must be false` : undefined))(pod)),
  ],
  'Running as Non-root': [
    podField('securityContext.runAsNonRoot', (v) => (v === false ? 'false, must be true or unset' : undefined)),
    (pod) =>
      containers(pod).flatMap((c) =>
        effective(pod, c, 'runAsNonRoot') === true
          ? []
          : [{ container: c.name, field: 'securityContext.runAsNonRoot', detail: `${shown(get(c.securityContext, 'runAsNonRoot'))} here and at pod level: it may run as root, must be true` }],
      ),
  ],
  'Running as Non-root user': [
    podField('securityContext.runAsUser', (v) => (v === 0 ? '0, must not be root' : undefined)),
    eachContainer('securityContext.runAsUser', (v) => (v === 0 ? '0, must not be root' : undefined)),
  ],
  'Seccomp (restricted)': [
    (pod) =>
      containers(pod).flatMap((c) => {
        const type = effective(pod, c, 'seccompProfile.type');
        return type === 'RuntimeDefault' || type === 'Localhost'
          ? []
          : [{ container: c.name, field: 'securityContext.seccompProfile.type', detail: `${shown(type)} here and at pod level, must be RuntimeDefault or Localhost` }];
      }),
  ],
  'Capabilities (restricted)': [
    (pod) =>
      isWindows(pod)
        ? []
        : containers(pod).flatMap((c) => {
            const caps = c.securityContext?.capabilities ?? {};
            const problems: Omit<Violation, 'level' | 'control'>[] = [];
            if (!(caps.drop ?? []).includes('ALL')) {
              problems.push({ container: c.name, field: 'securityContext.capabilities.drop', detail: `${shown(caps.drop)}, must include ALL` });
            }
            const added = (caps.add ?? []).filter((cap: string) => cap !== 'NET_BIND_SERVICE');
            if (added.length > 0) {
              problems.push({ container: c.name, field: 'securityContext.capabilities.add', detail: `adds ${added.join(', ')}, only NET_BIND_SERVICE is allowed` });
            }
            return problems;
          }),
  ],
};

/** Every control, in the order of the Pod Security Standards page. */
export const POD_SECURITY_CONTROLS: readonly { level: 'baseline' | 'restricted'; control: string }[] = [
  ...Object.keys(BASELINE).map((control) => ({ level: 'baseline' as const, control })),
  ...Object.keys(RESTRICTED).map((control) => ({ level: 'restricted' as const, control })),
];

/** Every control that the pod fails, baseline ones first. */
export function evaluatePod(pod: PodLike): Violation[] {
  const run = (level: 'baseline' | 'restricted', controls: Record<string, Control[]>) =>
    Object.entries(controls).flatMap(([control, checks]) => checks.flatMap((check) => check(pod).map((v) => ({ level, control, ...v }))));
  return [...run('baseline', BASELINE), ...run('restricted', RESTRICTED)];
}

/** The highest level with no failed control. */
export function highestLevel(violations: readonly Violation[]): PodSecurityLevel {
  if (violations.some((v) => v.level === 'baseline')) {
    return 'privileged';
  }
  return violations.length > 0 ? 'baseline' : 'restricted';
}

/** Whether `level` is at least `required`. */
export function meets(level: PodSecurityLevel, required: PodSecurityLevel): boolean {
  return POD_SECURITY_LEVELS.indexOf(level) >= POD_SECURITY_LEVELS.indexOf(required);
}
