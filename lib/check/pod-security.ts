/**
 * The Kubernetes Pod Security Standards (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * evaluated offline on a pod spec, as the admission controller of a given Kubernetes version
 * evaluates them: the checks and their versioned rules are in policy/.
 */
import type { PodLike } from './policy/check';
import { CHECKS, failures } from './policy/registry';
import { NEWEST_MINOR } from './policy/version';
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from '../pod-security-level';

export { PodLike } from './policy/check';

export { POD_SECURITY_LEVELS, PodSecurityLevel } from '../pod-security-level';

/** One failed control. */
export interface Violation {
  /** The level whose control failed. */
  readonly level: 'baseline' | 'restricted';
  /** The control's name on the Pod Security Standards page. */
  readonly control: string;
  /** The check's id in the official policy, such as `capabilities_restricted`. */
  readonly check: string;
  /** The container at fault, or undefined for a pod-level field. */
  readonly container?: string;
  /** The offending field, relative to the pod spec or the container. */
  readonly field: string;
  /** What the field holds, and what the control wants. */
  readonly detail: string;
}

/** Every check, in the order of the Pod Security Standards page: baseline ones first. */
export const POD_SECURITY_CONTROLS: readonly { level: 'baseline' | 'restricted'; control: string; check: string }[] = CHECKS.map((check) => ({
  level: check.level,
  control: check.control,
  check: check.id,
}));

/**
 * Every control the pod fails at `version` (the newest known by default): those of a baseline
 * evaluation, then those that a restricted evaluation adds. A restricted check that replaces a
 * baseline one reports in its place at restricted.
 */
export function evaluatePod(pod: PodLike, version = NEWEST_MINOR): Violation[] {
  return judge(pod, version).violations;
}

/**
 * The highest level a pod passes at `version`, whether it passes `declared` as the admission
 * controller decides, and why not higher: one baseline and one restricted evaluation.
 */
export function judge(pod: PodLike, version = NEWEST_MINOR, declared: PodSecurityLevel = 'restricted'): { passes: PodSecurityLevel; meetsDeclared: boolean; violations: Violation[] } {
  const baseline = failures(pod, 'baseline', version);
  const restricted = failures(pod, 'restricted', version);
  const violations = [...baseline, ...restricted.filter(({ check }) => check.level === 'restricted')].flatMap(({ check, findings }) =>
    findings.map((finding) => ({ level: check.level, control: check.control, check: check.id, ...finding })),
  );
  const failed = { privileged: [], baseline, restricted }[declared];
  return { passes: baseline.length > 0 ? 'privileged' : restricted.length > 0 ? 'baseline' : 'restricted', meetsDeclared: failed.length === 0, violations };
}

/**
 * The highest level whose evaluation the pod passes. A Windows pod may pass restricted and fail
 * baseline from v1.25 (restricted exempts it from checks that replace baseline ones): it is then
 * privileged, as it fails baseline.
 */
export function highestLevel(violations: readonly Violation[]): PodSecurityLevel {
  if (violations.some((v) => v.level === 'baseline')) {
    return 'privileged';
  }
  return violations.length > 0 ? 'baseline' : 'restricted';
}

/** Whether the pod passes an evaluation at `level` and `version`, as the admission controller decides. */
export function passes(pod: PodLike, level: PodSecurityLevel, version = NEWEST_MINOR): boolean {
  return level === 'privileged' || failures(pod, level, version).length === 0;
}

/** Whether `level` is at least `required`. */
export function meets(level: PodSecurityLevel, required: PodSecurityLevel): boolean {
  return POD_SECURITY_LEVELS.indexOf(level) >= POD_SECURITY_LEVELS.indexOf(required);
}
