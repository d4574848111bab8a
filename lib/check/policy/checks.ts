import { at, type Check, type ContainerView, type Finding, list, type PodView, record, shown } from './check';

// Every check of the Pod Security Standards, with the Kubernetes version from which each rule
// applies, as kubernetes/pod-security-admission's policy package defines them (read for facts:
// fields, allowed values, versions). An empty object counts as set, `null` as unset; a field of an
// unexpected type reads as unset, so no check ever throws.

const set = (value: unknown) => value !== undefined && value !== null;

/** A finding for each container whose `field` (under its securityContext) is bad. */
function perContainer(pod: PodView, field: string, bad: (value: unknown, c: ContainerView) => string | undefined): Finding[] {
  return pod.containers.flatMap((c) => {
    const detail = bad(at(c.securityContext, field), c);
    return detail === undefined ? [] : [{ container: c.name, field: `securityContext.${field}`, detail }];
  });
}

/** A finding for the pod's own `field` (under spec.securityContext) when bad. */
function atPod(pod: PodView, field: string, bad: (value: unknown) => string | undefined): Finding[] {
  const detail = bad(at(pod.securityContext, field));
  return detail === undefined ? [] : [{ field: `spec.securityContext.${field}`, detail }];
}

const isTrue = (value: unknown) => (value === true ? 'true, must be unset or false' : undefined);

// ---- baseline ----

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

/** The safe sysctls, by the version that added them. */
const SYSCTLS_ADDED: readonly [number, readonly string[]][] = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

function sysctlsSince(since: number) {
  const allowed = new Set(SYSCTLS_ADDED.filter(([added]) => added <= since).flatMap(([, names]) => names));
  return (pod: PodView): Finding[] =>
    list(pod.securityContext.sysctls)
      .map((entry) => record(entry).name)
      .filter((name) => !allowed.has(name as string))
      .map((name) => ({ field: 'spec.securityContext.sysctls', detail: `${shown(name)} is not a safe sysctl in this version` }));
}

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];

function seLinux(types: readonly string[]) {
  const allowed = new Set(types);
  const problems = (options: Record<string, unknown>): string[] => [
    ...(allowed.has((options.type ?? '') as string) ? [] : [`type ${shown(options.type)}, must be ${types.filter(Boolean).join(', ')}`]),
    ...(options.user ? [`user ${shown(options.user)}, must be unset`] : []),
    ...(options.role ? [`role ${shown(options.role)}, must be unset`] : []),
  ];
  return (pod: PodView): Finding[] => {
    const findings: Finding[] = [];
    if (set(pod.securityContext.seLinuxOptions)) {
      findings.push(...problems(record(pod.securityContext.seLinuxOptions)).map((detail) => ({ field: 'spec.securityContext.seLinuxOptions', detail })));
    }
    for (const c of pod.containers.filter((c) => set(c.securityContext.seLinuxOptions))) {
      findings.push(...problems(record(c.securityContext.seLinuxOptions)).map((detail) => ({ container: c.name, field: 'securityContext.seLinuxOptions', detail })));
    }
    return findings;
  };
}

const procMountDefault = (pod: PodView) => perContainer(pod, 'procMount', (value) => (set(value) && value !== 'Default' ? `${shown(value)}, must be unset or Default` : undefined));

const SECCOMP_ANNOTATION_OK = (value: unknown) => value === 'runtime/default' || value === 'docker/default' || (typeof value === 'string' && value.startsWith('localhost/'));
const SECCOMP_TYPES = ['RuntimeDefault', 'Localhost'];

/** A set seccompProfile whose type is not RuntimeDefault or Localhost. */
const badSeccomp = (profile: unknown) =>
  set(profile) && !SECCOMP_TYPES.includes(record(profile).type as string) ? `type ${shown(record(profile).type)}, must be RuntimeDefault or Localhost` : undefined;

/** Every host field of the probes and lifecycle handlers of a container. */
function hostFields(c: ContainerView): [string, unknown][] {
  const handlers: [string, unknown][] = [
    ...['livenessProbe', 'readinessProbe', 'startupProbe'].map((probe): [string, unknown] => [probe, c.raw[probe]]),
    ...['postStart', 'preStop'].map((hook): [string, unknown] => [`lifecycle.${hook}`, at(c.raw, `lifecycle.${hook}`)]),
  ];
  return handlers.flatMap(([path, handler]) => ['httpGet', 'tcpSocket'].map((kind): [string, unknown] => [`${path}.${kind}.host`, at(handler, `${kind}.host`)]));
}

export const BASELINE_CHECKS: readonly Check[] = [
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    control: 'HostProcess',
    rules: [{ since: 0, evaluate: (pod) => [...atPod(pod, 'windowsOptions.hostProcess', isTrue), ...perContainer(pod, 'windowsOptions.hostProcess', isTrue)] }],
  },
  {
    id: 'hostNamespaces',
    level: 'baseline',
    control: 'Host Namespaces',
    rules: [
      {
        since: 0,
        evaluate: (pod) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((field) => pod.spec[field] === true).map((field) => ({ field: `spec.${field}`, detail: 'true, must be unset or false' })),
      },
    ],
  },
  {
    id: 'privileged',
    level: 'baseline',
    control: 'Privileged Containers',
    rules: [{ since: 0, evaluate: (pod) => perContainer(pod, 'privileged', isTrue) }],
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    control: 'Capabilities',
    rules: [
      {
        since: 0,
        evaluate: (pod) =>
          perContainer(pod, 'capabilities.add', (added) => {
            const extra = list(added).filter((cap) => !BASELINE_CAPABILITIES.has(cap as string));
            return extra.length > 0 ? `adds ${extra.map(String).join(', ')}, beyond the default set` : undefined;
          }),
      },
    ],
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    control: 'HostPath Volumes',
    rules: [
      {
        since: 0,
        evaluate: (pod) =>
          list(pod.spec.volumes)
            .map(record)
            .filter((v) => set(v.hostPath))
            .map((v) => ({ field: `spec.volumes[${String(v.name)}].hostPath`, detail: 'a hostPath volume, forbidden' })),
      },
    ],
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    control: 'Host Ports',
    rules: [
      {
        since: 0,
        evaluate: (pod) =>
          pod.containers.flatMap((c) =>
            list(c.raw.ports)
              .map((port) => record(port).hostPort)
              .filter((hostPort) => set(hostPort) && hostPort !== 0)
              .map((hostPort) => ({ container: c.name, field: 'ports[].hostPort', detail: `${shown(hostPort)}, must be unset or 0` })),
          ),
      },
    ],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    control: 'Host Probes / Lifecycle Hooks',
    rules: [
      {
        since: 34,
        evaluate: (pod) =>
          pod.containers.flatMap((c) =>
            hostFields(c)
              .filter(([, host]) => typeof host === 'string' && host !== '')
              .map(([field, host]) => ({ container: c.name, field, detail: `${shown(host)}, must be unset: the kubelet would probe another host` })),
          ),
      },
    ],
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    control: 'AppArmor',
    rules: [
      {
        since: 0,
        evaluate: (pod) => {
          const badProfile = (profile: unknown) =>
            set(profile) && !['RuntimeDefault', 'Localhost'].includes(record(profile).type as string) ? `type ${shown(record(profile).type)}, must be RuntimeDefault or Localhost` : undefined;
          const annotations = Object.entries(pod.annotations)
            .filter(([key]) => key.startsWith('container.apparmor.security.beta.kubernetes.io/'))
            .filter(([, value]) => !(value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'))))
            .map(([key, value]) => ({ field: `metadata.annotations[${key}]`, detail: `${shown(value)}, must be runtime/default or localhost/*` }));
          return [...annotations, ...atPod(pod, 'appArmorProfile', badProfile), ...perContainer(pod, 'appArmorProfile', badProfile)];
        },
      },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    control: 'SELinux',
    rules: [
      { since: 0, evaluate: seLinux(SELINUX_TYPES_1_0) },
      { since: 31, evaluate: seLinux([...SELINUX_TYPES_1_0, 'container_engine_t']) },
    ],
  },
  {
    id: 'procMount',
    level: 'baseline',
    control: '/proc Mount Type',
    rules: [
      { since: 0, evaluate: procMountDefault },
      // A pod in a user namespace may mount /proc as it likes: its root is not the node's.
      { since: 35, evaluate: (pod) => (pod.userNamespace ? [] : procMountDefault(pod)) },
    ],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    control: 'Seccomp',
    rules: [
      {
        // Before seccompProfile fields existed: the alpha annotations.
        since: 0,
        evaluate: (pod) => {
          const keys = [['seccomp.security.alpha.kubernetes.io/pod', undefined], ...pod.containers.map((c) => [`container.seccomp.security.alpha.kubernetes.io/${c.name}`, c.name])] as [
            string,
            string | undefined,
          ][];
          return keys
            .filter(([key]) => Object.hasOwn(pod.annotations, key) && !SECCOMP_ANNOTATION_OK(pod.annotations[key]))
            .map(([key, container]) => ({ container, field: `metadata.annotations[${key}]`, detail: `${shown(pod.annotations[key])}, must be runtime/default, docker/default or localhost/*` }));
        },
      },
      { since: 19, evaluate: (pod) => [...atPod(pod, 'seccompProfile', badSeccomp), ...perContainer(pod, 'seccompProfile', badSeccomp)] },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    control: 'Sysctls',
    rules: SYSCTLS_ADDED.map(([since]) => ({ since, evaluate: sysctlsSince(since) })),
  },
];

// ---- restricted ----

const RESTRICTED_VOLUME_TYPES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'];

/** A restricted rule that, from v1.25, a Windows pod is exempt from. */
const exceptWindows = (rule: (pod: PodView) => Finding[]) => (pod: PodView) => (pod.windows ? [] : rule(pod));
/** A restricted rule that, from v1.35, a pod in a user namespace is exempt from. */
const exceptUserNamespace = (rule: (pod: PodView) => Finding[]) => (pod: PodView) => (pod.userNamespace ? [] : rule(pod));

const privilegeEscalation = (pod: PodView) => perContainer(pod, 'allowPrivilegeEscalation', (value) => (value === false ? undefined : `${shown(value)}, must be false`));

function runAsNonRoot(pod: PodView): Finding[] {
  const podLevel = pod.securityContext.runAsNonRoot;
  return [
    ...(podLevel === false ? [{ field: 'spec.securityContext.runAsNonRoot', detail: 'false, must be true or unset' }] : []),
    ...pod.containers.flatMap((c) => {
      const own = c.securityContext.runAsNonRoot;
      if (own === false) return [{ container: c.name, field: 'securityContext.runAsNonRoot', detail: 'false, must be true' }];
      return own === true || (!set(own) && podLevel === true)
        ? []
        : [{ container: c.name, field: 'securityContext.runAsNonRoot', detail: `${shown(own)} here and at pod level: it may run as root, must be true` }];
    }),
  ];
}

const notRoot = (value: unknown) => (value === 0 ? '0, must not be root' : undefined);
const runAsUser = (pod: PodView) => [...atPod(pod, 'runAsUser', notRoot), ...perContainer(pod, 'runAsUser', notRoot)];

function seccompRestricted(pod: PodView): Finding[] {
  const podProfile = pod.securityContext.seccompProfile;
  const podSet = set(podProfile) && badSeccomp(podProfile) === undefined;
  return [
    ...atPod(pod, 'seccompProfile', badSeccomp),
    ...pod.containers.flatMap((c) => {
      const own = c.securityContext.seccompProfile;
      const detail = set(own) ? badSeccomp(own) : podSet ? undefined : 'unset here and at pod level, must be RuntimeDefault or Localhost';
      return detail === undefined ? [] : [{ container: c.name, field: 'securityContext.seccompProfile.type', detail }];
    }),
  ];
}

function capabilitiesRestricted(pod: PodView): Finding[] {
  return pod.containers.flatMap((c) => {
    const caps = c.securityContext.capabilities;
    const findings: Finding[] = [];
    if (!list(record(caps).drop).includes('ALL')) {
      findings.push({ container: c.name, field: 'securityContext.capabilities.drop', detail: `${shown(record(caps).drop)}, must include ALL` });
    }
    const added = list(record(caps).add).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      findings.push({ container: c.name, field: 'securityContext.capabilities.add', detail: `adds ${added.map(String).join(', ')}, only NET_BIND_SERVICE is allowed` });
    }
    return findings;
  });
}

export const RESTRICTED_CHECKS: readonly Check[] = [
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    control: 'Volume Types',
    rules: [
      {
        since: 0,
        evaluate: (pod) =>
          list(pod.spec.volumes)
            .map(record)
            .flatMap((v) => {
              const sources = Object.keys(v).filter((key) => key !== 'name' && set(v[key]));
              // A volume with no source at all is an emptyDir: the API server defaults it so.
              return sources.length === 0 || sources.some((source) => RESTRICTED_VOLUME_TYPES.includes(source))
                ? []
                : [{ field: `spec.volumes[${String(v.name)}]`, detail: `${sources.join(', ')} volume, not an allowed type (${RESTRICTED_VOLUME_TYPES.join(', ')})` }];
            }),
      },
    ],
    overrides: { since: 0, ids: ['hostPathVolumes'] },
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    control: 'Privilege Escalation',
    rules: [
      { since: 8, evaluate: privilegeEscalation },
      { since: 25, evaluate: exceptWindows(privilegeEscalation) },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    control: 'Running as Non-root',
    rules: [
      { since: 0, evaluate: runAsNonRoot },
      { since: 35, evaluate: exceptUserNamespace(runAsNonRoot) },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    control: 'Running as Non-root user',
    rules: [
      { since: 23, evaluate: runAsUser },
      { since: 35, evaluate: exceptUserNamespace(runAsUser) },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    control: 'Seccomp (restricted)',
    rules: [
      { since: 19, evaluate: seccompRestricted },
      { since: 25, evaluate: exceptWindows(seccompRestricted) },
    ],
    overrides: { since: 19, ids: ['seccompProfile_baseline'] },
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    control: 'Capabilities (restricted)',
    rules: [
      { since: 22, evaluate: capabilitiesRestricted },
      { since: 25, evaluate: exceptWindows(capabilitiesRestricted) },
    ],
    overrides: { since: 22, ids: ['capabilities_baseline'] },
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    control: '/proc Mount Type (restricted)',
    // A user namespace does not relax it at this level.
    rules: [{ since: 35, evaluate: procMountDefault }],
    overrides: { since: 35, ids: ['procMount'] },
  },
];
