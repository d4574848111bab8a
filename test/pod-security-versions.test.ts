import { describe, expect, it } from 'vitest';
import { evaluatePod, highestLevel, passes, type PodSecurityLevel } from '../lib/check/pod-security';
import { CHECKS, checksAt } from '../lib/check/policy/registry';
import { NEWEST_MINOR, parseKubernetesVersion, parseVersionLabel } from '../lib/check/policy/version';

// Every rule that changes with the Kubernetes version, at the version where it changes and on each
// side of it: our own cases, written from the rules of kubernetes/pod-security-admission.

/** The smallest pod that passes restricted at `version`, as that version's rules ask. */
function restrictedAt(version: number): any {
  const container = (name: string) => ({
    name,
    securityContext: {
      ...(version >= 8 ? { allowPrivilegeEscalation: false } : {}),
      ...(version >= 22 ? { capabilities: { drop: ['ALL'] } } : {}),
    },
  });
  return {
    metadata: { annotations: {} },
    spec: {
      securityContext: { runAsNonRoot: true, ...(version >= 19 ? { seccompProfile: { type: 'RuntimeDefault' } } : {}) },
      initContainers: [container('init')],
      containers: [container('app')],
    },
  };
}

type Edit = (pod: any) => void;
const app = (pod: any) => pod.spec.containers[0];

/**
 * [check, the version where its rule changes, a change to the smallest restricted pod of each
 * version, the level that pod meets just before, at, and just after that version].
 */
const CHANGES: [string, number, Edit, [PodSecurityLevel, PodSecurityLevel, PodSecurityLevel]][] = [
  ['hostProbesAndHostLifecycle', 34, (p) => (app(p).readinessProbe = { tcpSocket: { host: '10.0.0.1', port: 53 } }), ['restricted', 'privileged', 'privileged']],
  ['hostProbesAndHostLifecycle', 34, (p) => (app(p).lifecycle = { postStart: { httpGet: { host: 'example.org', port: 80 } } }), ['restricted', 'privileged', 'privileged']],
  ['seLinuxOptions', 31, (p) => (app(p).securityContext.seLinuxOptions = { type: 'container_engine_t' }), ['privileged', 'restricted', 'restricted']],
  // A user namespace frees /proc at baseline from 1.35, not at restricted.
  ['procMount', 35, (p) => ((p.spec.hostUsers = false), (app(p).securityContext.procMount = 'Unmasked')), ['privileged', 'baseline', 'baseline']],
  ['procMount', 35, (p) => ((p.spec.hostUsers = true), (app(p).securityContext.procMount = 'Unmasked')), ['privileged', 'privileged', 'privileged']],
  // Seccomp: the alpha annotations until 1.19, the fields from then on.
  ['seccompProfile_baseline', 19, (p) => (p.metadata.annotations['seccomp.security.alpha.kubernetes.io/pod'] = 'unconfined'), ['privileged', 'restricted', 'restricted']],
  ['seccompProfile_baseline', 19, (p) => (p.metadata.annotations['container.seccomp.security.alpha.kubernetes.io/app'] = ''), ['privileged', 'restricted', 'restricted']],
  ['seccompProfile_baseline', 19, (p) => (app(p).securityContext.seccompProfile = { type: 'Unconfined' }), ['restricted', 'privileged', 'privileged']],
  ['sysctls', 27, (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '80' }]), ['privileged', 'restricted', 'restricted']],
  ['sysctls', 29, (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_probes', value: '5' }]), ['privileged', 'restricted', 'restricted']],
  ['sysctls', 32, (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }]), ['privileged', 'restricted', 'restricted']],
  ['sysctls', 37, (p) => (p.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }]), ['privileged', 'restricted', 'restricted']],
  ['allowPrivilegeEscalation', 8, (p) => delete app(p).securityContext.allowPrivilegeEscalation, ['restricted', 'baseline', 'baseline']],
  ['allowPrivilegeEscalation', 25, (p) => ((p.spec.os = { name: 'windows' }), delete app(p).securityContext.allowPrivilegeEscalation), ['baseline', 'restricted', 'restricted']],
  ['runAsNonRoot', 35, (p) => ((p.spec.hostUsers = false), delete p.spec.securityContext.runAsNonRoot), ['baseline', 'restricted', 'restricted']],
  ['runAsUser', 23, (p) => (app(p).securityContext.runAsUser = 0), ['restricted', 'baseline', 'baseline']],
  ['runAsUser', 35, (p) => ((p.spec.hostUsers = false), (p.spec.securityContext.runAsUser = 0)), ['baseline', 'restricted', 'restricted']],
  ['seccompProfile_restricted', 19, (p) => delete p.spec.securityContext.seccompProfile, ['restricted', 'baseline', 'baseline']],
  ['seccompProfile_restricted', 25, (p) => ((p.spec.os = { name: 'windows' }), delete p.spec.securityContext.seccompProfile), ['baseline', 'restricted', 'restricted']],
  ['capabilities_restricted', 22, (p) => delete app(p).securityContext.capabilities, ['restricted', 'baseline', 'baseline']],
  ['capabilities_restricted', 22, (p) => (app(p).securityContext.capabilities = { drop: ['ALL'], add: ['CHOWN'] }), ['restricted', 'baseline', 'baseline']],
  ['capabilities_restricted', 25, (p) => ((p.spec.os = { name: 'windows' }), delete app(p).securityContext.capabilities), ['baseline', 'restricted', 'restricted']],
  // The same pod as procMount's above: baseline frees it from 1.35, restricted (procMount_restricted) does not.
  ['procMount_restricted', 35, (p) => ((p.spec.hostUsers = false), (app(p).securityContext.procMount = 'Unmasked')), ['privileged', 'baseline', 'baseline']],
];

/** The level a pod meets at a version, by the admission controller's evaluations. */
const met = (pod: unknown, version: number): PodSecurityLevel => (passes(pod as never, 'restricted', version) ? 'restricted' : passes(pod as never, 'baseline', version) ? 'baseline' : 'privileged');

describe('Pod Security rules that change with the Kubernetes version', () => {
  it.each(CHANGES)('%s from v1.%i: %s', (_, version, edit, [before, at, after]) => {
    const levels = [version - 1, version, version + 1].map((v) => {
      const pod = restrictedAt(v);
      edit(pod);
      return met(pod, v);
    });
    expect(levels).toEqual([before, at, after]);
    // The report's violations rank the pod the same way.
    const pod = restrictedAt(version);
    edit(pod);
    expect(highestLevel(evaluatePod(pod, version))).toBe(at);
  });

  it('has a case at every version where a rule of a check changes', () => {
    const changes = CHECKS.flatMap((check) => check.rules.filter((rule) => rule.since > 0).map((rule) => `${check.id}@${rule.since}`));
    const tested = new Set(CHANGES.map(([check, version]) => `${check}@${version}`));
    expect(changes.filter((change) => !tested.has(change))).toEqual([]);
  });

  it('exempts Windows pods from the restricted seccomp control from v1.25, as from privilege escalation and capabilities', () => {
    const windows = restrictedAt(25);
    windows.spec.os = { name: 'windows' };
    delete windows.spec.securityContext.seccompProfile;
    delete app(windows).securityContext.capabilities;
    delete app(windows).securityContext.allowPrivilegeEscalation;
    expect(evaluatePod(windows, 25)).toEqual([]);
    // At v1.24 the same pod fails all three.
    expect(new Set(evaluatePod(windows, 24).map((v) => v.check))).toEqual(new Set(['seccompProfile_restricted', 'capabilities_restricted', 'allowPrivilegeEscalation']));
  });

  it('passes restricted and fails baseline with a Windows pod that the restricted checks exempt: it meets privileged', () => {
    const pod = restrictedAt(25);
    pod.spec.os = { name: 'windows' };
    app(pod).securityContext.capabilities = { add: ['NET_RAW'] };
    expect(passes(pod, 'restricted', 25)).toBe(true);
    expect(passes(pod, 'baseline', 25)).toBe(false);
    expect(highestLevel(evaluatePod(pod, 25))).toBe('privileged');
  });

  it('runs as many checks at each level and version as the admission controller', () => {
    const count = (level: 'baseline' | 'restricted', version: number) => checksAt(level, version).length;
    expect([0, 33, 34].map((v) => count('baseline', v))).toEqual([11, 11, 12]);
    expect([0, 7, 8, 22, 23, 33, 34, 37].map((v) => count('restricted', v))).toEqual([12, 12, 13, 13, 14, 14, 15, 15]);
  });

  it('treats a volume without a source as the emptyDir the API server makes of it, and an empty object as set', () => {
    const pod = restrictedAt(NEWEST_MINOR);
    pod.spec.volumes = [{ name: 'bare' }, { name: 'projected', projected: { sources: [] } }];
    expect(evaluatePod(pod)).toEqual([]);
    pod.spec.volumes.push({ name: 'nfs', nfs: { server: 'n', path: '/' }, rbd: null });
    expect(evaluatePod(pod).map((v) => v.check)).toEqual(['restrictedVolumes']);
    app(pod).securityContext.capabilities = {};
    expect(evaluatePod(pod).map((v) => v.check)).toContain('capabilities_restricted');
  });

  it('never throws on a shape it does not expect', () => {
    for (const spec of [5, null, 'x', [], { containers: 5 }, { containers: [5, null, 'x'] }, { securityContext: [], volumes: {}, initContainers: [{ securityContext: 7 }] }]) {
      expect(() => evaluatePod({ metadata: 5, spec } as never, 0)).not.toThrow();
      expect(() => evaluatePod({ spec } as never)).not.toThrow();
    }
  });

  it.each([
    ['latest', NEWEST_MINOR],
    ['v1.0', 0],
    ['v1.25', 25],
    ['1.25', 25],
    [`v1.${NEWEST_MINOR}`, NEWEST_MINOR],
    ['v1.38', undefined],
    ['v1.05', undefined],
    ['v2.0', undefined],
    ['v1', undefined],
    ['', undefined],
    ['LATEST', undefined],
  ] as const)('reads the version %s given to --k8s-version', (text, minor) => {
    expect(parseKubernetesVersion(text)).toBe(minor);
  });

  it.each([
    ['latest', NEWEST_MINOR],
    ['v1.0', 0],
    ['v1.25', 25],
    ['v1.38', NEWEST_MINOR],
    ['v1.10000', NEWEST_MINOR],
    ['1.25', undefined],
    ['v1.05', undefined],
    ['v2.0', undefined],
    ['Latest', undefined],
  ] as const)('reads the enforce-version label %s as the admission controller does (undefined: it takes latest)', (text, minor) => {
    expect(parseVersionLabel(text)).toBe(minor);
  });
});
