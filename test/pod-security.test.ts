import { describe, expect, it } from 'vitest';
import { evaluatePod, highestLevel, meets, POD_SECURITY_CONTROLS, type PodLike } from '../lib/check/pod-security';

/** A pod that passes "restricted": every case below breaks or bends one field of it. */
function restrictedPod(): any {
  return {
    metadata: { annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [{ name: 'init', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      containers: [{ name: 'app', ports: [{ containerPort: 8025 }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
    },
  };
}

type Edit = (pod: any) => void;
const app = (pod: any) => pod.spec.containers[0];
const init = (pod: any) => pod.spec.initContainers[0];

/** [control, a pod that fails it, a pod that passes it]. */
const CASES: [string, string, Edit, Edit][] = [
  ['HostProcess', 'pod-level hostProcess', (p) => (p.spec.securityContext.windowsOptions = { hostProcess: true }), (p) => (p.spec.securityContext.windowsOptions = { hostProcess: false })],
  ['HostProcess', 'container hostProcess', (p) => (init(p).securityContext.windowsOptions = { hostProcess: true }), () => undefined],
  ['Host Namespaces', 'hostNetwork', (p) => (p.spec.hostNetwork = true), (p) => (p.spec.hostNetwork = false)],
  ['Host Namespaces', 'hostPID', (p) => (p.spec.hostPID = true), (p) => (p.spec.hostPID = false)],
  ['Host Namespaces', 'hostIPC', (p) => (p.spec.hostIPC = true), (p) => (p.spec.hostIPC = false)],
  ['Privileged Containers', 'a privileged init container', (p) => (init(p).securityContext.privileged = true), (p) => (init(p).securityContext.privileged = false)],
  ['Capabilities', 'SYS_ADMIN added', (p) => (app(p).securityContext.capabilities.add = ['SYS_ADMIN']), (p) => (app(p).securityContext.capabilities.add = ['CHOWN'])],
  ['HostPath Volumes', 'a hostPath volume', (p) => p.spec.volumes.push({ name: 'h', hostPath: { path: '/etc' } }), (p) => p.spec.volumes.push({ name: 'e', emptyDir: {} })],
  ['Host Ports', 'a hostPort', (p) => (app(p).ports[0].hostPort = 8025), (p) => (app(p).ports[0].hostPort = 0)],
  [
    'AppArmor',
    'an unconfined annotation',
    (p) => (p.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'unconfined'),
    (p) => (p.metadata.annotations['container.apparmor.security.beta.kubernetes.io/app'] = 'runtime/default'),
  ],
  [
    'AppArmor',
    'an Unconfined profile',
    (p) => (app(p).securityContext.appArmorProfile = { type: 'Unconfined' }),
    (p) => (app(p).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'x' }),
  ],
  ['SELinux', 'a custom type', (p) => (app(p).securityContext.seLinuxOptions = { type: 'spc_t' }), (p) => (app(p).securityContext.seLinuxOptions = { type: 'container_t' })],
  ['SELinux', 'a custom user', (p) => (p.spec.securityContext.seLinuxOptions = { user: 'system_u' }), (p) => (p.spec.securityContext.seLinuxOptions = { level: 's0:c1' })],
  ['SELinux', 'a custom role', (p) => (init(p).securityContext.seLinuxOptions = { role: 'sysadm_r' }), (p) => (init(p).securityContext.seLinuxOptions = { role: '' })],
  ['/proc Mount Type', 'an unmasked /proc', (p) => (app(p).securityContext.procMount = 'Unmasked'), (p) => (app(p).securityContext.procMount = 'Default')],
  [
    'Seccomp',
    'a pod-level Unconfined profile',
    (p) => (p.spec.securityContext.seccompProfile = { type: 'Unconfined' }),
    (p) => (p.spec.securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p' }),
  ],
  ['Seccomp', 'a container Unconfined profile', (p) => (init(p).securityContext.seccompProfile = { type: 'Unconfined' }), () => undefined],
  [
    'Sysctls',
    'an unsafe sysctl',
    (p) => (p.spec.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]),
    (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]),
  ],
  [
    'Volume Types',
    'an nfs volume',
    (p) => p.spec.volumes.push({ name: 'n', nfs: { server: 's', path: '/' } }),
    (p) => p.spec.volumes.push({ name: 's', secret: { secretName: 's' } }, { name: 'c', csi: { driver: 'd' } }),
  ],
  [
    'Privilege Escalation',
    'allowPrivilegeEscalation unset',
    (p) => delete init(p).securityContext.allowPrivilegeEscalation,
    (p) => ((p.spec.os = { name: 'windows' }), delete init(p).securityContext.allowPrivilegeEscalation),
  ],
  ['Privilege Escalation', 'allowPrivilegeEscalation true', (p) => (app(p).securityContext.allowPrivilegeEscalation = true), () => undefined],
  ['Running as Non-root', 'runAsNonRoot false at pod level', (p) => (p.spec.securityContext.runAsNonRoot = false), () => undefined],
  ['Running as Non-root', 'a container overriding it with false', (p) => (app(p).securityContext.runAsNonRoot = false), () => undefined],
  [
    'Running as Non-root',
    'runAsNonRoot unset everywhere',
    (p) => delete p.spec.securityContext.runAsNonRoot,
    (p) => (delete p.spec.securityContext.runAsNonRoot, (app(p).securityContext.runAsNonRoot = true), (init(p).securityContext.runAsNonRoot = true)),
  ],
  ['Running as Non-root user', 'uid 0 at pod level', (p) => (p.spec.securityContext.runAsUser = 0), (p) => (p.spec.securityContext.runAsUser = 1000)],
  ['Running as Non-root user', 'uid 0 in a container', (p) => (init(p).securityContext.runAsUser = 0), () => undefined],
  [
    'Seccomp (restricted)',
    'no profile anywhere',
    (p) => delete p.spec.securityContext.seccompProfile,
    (p) => (
      delete p.spec.securityContext.seccompProfile,
      (app(p).securityContext.seccompProfile = { type: 'RuntimeDefault' }),
      (init(p).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p' })
    ),
  ],
  ['Capabilities (restricted)', 'ALL not dropped', (p) => (init(p).securityContext.capabilities = {}), () => undefined],
  ['Capabilities (restricted)', 'CHOWN added back', (p) => (app(p).securityContext.capabilities.add = ['CHOWN']), (p) => (app(p).securityContext.capabilities.add = ['NET_BIND_SERVICE'])],
  [
    'Host Probes / Lifecycle Hooks',
    'a probe of another host',
    (p) => (app(p).livenessProbe = { httpGet: { host: '10.0.0.1', port: 80 } }),
    (p) => (app(p).livenessProbe = { httpGet: { host: '', port: 80 } }),
  ],
  [
    'Host Probes / Lifecycle Hooks',
    'a preStop hook to another host',
    (p) => (init(p).lifecycle = { preStop: { tcpSocket: { host: 'db', port: 5432 } } }),
    (p) => (init(p).lifecycle = { preStop: { tcpSocket: { port: 5432 } } }),
  ],
  [
    '/proc Mount Type (restricted)',
    'an unmasked /proc in a user namespace',
    (p) => ((p.spec.hostUsers = false), (app(p).securityContext.procMount = 'Unmasked')),
    (p) => ((p.spec.hostUsers = false), (app(p).securityContext.procMount = 'Default')),
  ],
];

function controlsOf(edit: Edit): string[] {
  const pod = restrictedPod();
  edit(pod);
  return evaluatePod(pod as PodLike).map((v) => v.control);
}

describe('the Pod Security Standards, control by control', () => {
  it('passes the reference pod at "restricted"', () => {
    expect(evaluatePod(restrictedPod())).toEqual([]);
    expect(highestLevel(evaluatePod(restrictedPod()))).toBe('restricted');
  });

  it.each(CASES)('%s: flags %s, and passes its allowed form', (control, _, fail, pass) => {
    expect(controlsOf(fail)).toContain(control);
    expect(controlsOf(pass)).not.toContain(control);
  });

  it('has a failing case for every control of the page', () => {
    const tested = new Set(CASES.map(([control]) => control));
    expect(POD_SECURITY_CONTROLS.map((c) => c.control).filter((c) => !tested.has(c))).toEqual([]);
  });

  it('names the container and the field of each violation', () => {
    const pod = restrictedPod();
    init(pod).securityContext.privileged = true;
    expect(evaluatePod(pod)).toEqual([
      { level: 'baseline', control: 'Privileged Containers', check: 'privileged', container: 'init', field: 'securityContext.privileged', detail: 'true, must be unset or false' },
    ]);
  });

  it('ranks levels: a baseline failure means privileged, a restricted-only failure means baseline', () => {
    expect(highestLevel(evaluatePod({ spec: { hostNetwork: true, containers: [{ name: 'a' }] } }))).toBe('privileged');
    expect(highestLevel(evaluatePod({ spec: { containers: [{ name: 'a' }] } }))).toBe('baseline');
    expect(meets('restricted', 'baseline')).toBe(true);
    expect(meets('baseline', 'restricted')).toBe(false);
    expect(meets('privileged', 'privileged')).toBe(true);
  });
});
