import type { PodSecurityContext, SecurityContext } from '../../imports/core';

// What Pod Security "restricted" asks of a pod that runs as a user of its own, written once for
// every workload that passes it: Mailpit in the hardened stage, and rqlite.

/**
 * The pod: never root, the volumes given to its group without a recursive chown on every start,
 * and the runtime's default seccomp profile.
 */
export function restrictedPodSecurityContext(user: number, group: number): PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: user,
    runAsGroup: group,
    fsGroup: group,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Each container: no privilege escalation, no capability, a read-only root filesystem. */
export function restrictedContainerSecurityContext(): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  };
}
