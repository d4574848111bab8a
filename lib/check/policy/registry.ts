import { type Check, type Finding, type PodLike, PodView, type VersionedRule } from './check';
import { BASELINE_CHECKS, RESTRICTED_CHECKS } from './checks';
import { NEWEST_MINOR } from './version';

/** Every check, baseline ones first. */
export const CHECKS: readonly Check[] = [...BASELINE_CHECKS, ...RESTRICTED_CHECKS];

/** The rule a check applies at a version: the newest one from before it; none before its first. */
function ruleAt(check: Check, version: number) {
  return [...check.rules].reverse().find((rule) => rule.since <= version);
}

/** The selection of each level and version, made once: every workload of a folder asks for it. */
const selections = new Map<string, readonly { check: Check; evaluate: VersionedRule['evaluate'] }[]>();

/**
 * The checks an evaluation at `level` and `version` runs, with their rules, as the admission
 * controller chooses them: at restricted, every restricted check that exists then, and every
 * baseline check that none of them replaces then.
 */
export function checksAt(level: 'baseline' | 'restricted', version: number): readonly { check: Check; evaluate: VersionedRule['evaluate'] }[] {
  const at = Math.min(version, NEWEST_MINOR);
  const key = `${level} ${at}`;
  let selected = selections.get(key);
  if (selected === undefined) {
    selected = select(level, at);
    selections.set(key, selected);
  }
  return selected;
}

function select(level: 'baseline' | 'restricted', at: number): { check: Check; evaluate: VersionedRule['evaluate'] }[] {
  const chosen = (checks: readonly Check[]) =>
    checks.flatMap((check) => {
      const rule = ruleAt(check, at);
      return rule ? [{ check, evaluate: rule.evaluate }] : [];
    });
  if (level === 'baseline') {
    return chosen(BASELINE_CHECKS);
  }
  const restricted = chosen(RESTRICTED_CHECKS);
  const replaced = new Set(restricted.flatMap(({ check }) => (check.overrides && check.overrides.since <= at ? check.overrides.ids : [])));
  return [...chosen(BASELINE_CHECKS).filter(({ check }) => !replaced.has(check.id)), ...restricted];
}

/** A failed check, with what failed it. */
export interface Failure {
  readonly check: Check;
  readonly findings: Finding[];
}

/** The checks a pod fails in an evaluation at `level` and `version`. */
export function failures(pod: PodLike, level: 'baseline' | 'restricted', version: number): Failure[] {
  const view = new PodView(pod);
  return checksAt(level, version).flatMap(({ check, evaluate }) => {
    const findings = evaluate(view);
    return findings.length > 0 ? [{ check, findings }] : [];
  });
}
