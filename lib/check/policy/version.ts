// The Kubernetes versions whose Pod Security rules the check knows: v1.0 to v1.37, by minor number.

/** The newest minor version whose rules are known; `latest` means it. */
export const NEWEST_MINOR = 37;

/** What a version is written as, for errors and help. */
export const VERSION_ALLOWED = `a Kubernetes version from v1.0 to v1.${NEWEST_MINOR}, such as v1.${NEWEST_MINOR}, or latest`;

/** The minor number of `v1.N` (or `1.N`), or of `latest`; undefined for anything else, or a version not known. */
export function parseKubernetesVersion(text: string): number | undefined {
  if (text === 'latest') {
    return NEWEST_MINOR;
  }
  const match = /^v?1\.(0|[1-9][0-9]?)$/.exec(text);
  const minor = match ? Number(match[1]) : undefined;
  return minor !== undefined && minor <= NEWEST_MINOR ? minor : undefined;
}

/** `v1.N`, as versions are written in labels and reports. */
export function versionText(minor: number): string {
  return `v1.${minor}`;
}

/**
 * The minor number of a Namespace's `enforce-version` label, read as the admission controller
 * reads it: `latest`, or exactly `v1.N` (a version newer than the rules know means the newest);
 * undefined for anything else, which the controller takes as latest.
 */
export function parseVersionLabel(text: string): number | undefined {
  if (text === 'latest') {
    return NEWEST_MINOR;
  }
  const match = /^v1\.(0|[1-9][0-9]{0,8})$/.exec(text);
  return match ? Math.min(Number(match[1]), NEWEST_MINOR) : undefined;
}
