import type { PodLike, PodSecurityLevel, Violation } from './pod-security';
import { checksAt } from './policy/registry';
import { NEWEST_MINOR, versionText } from './policy/version';

// The report of the check: the verdict on each workload, as a Markdown table or as JSON records.

/** The verdict on one workload. */
export interface ReportRow {
  /** A stage name (`stage: Kind/name` for a stage of several workloads), or `file: Kind/name` for a folder of manifests. */
  readonly subject: string;
  /** The level it must pass. */
  readonly declares: PodSecurityLevel;
  /** The Kubernetes minor version whose rules judge it: v1.<version>. */
  readonly version: number;
  /** The highest level it passes. */
  readonly passes: PodSecurityLevel;
  /**
   * Whether it passes the level it declares, as the admission controller decides: from v1.25 a
   * Windows pod may pass restricted while failing baseline.
   */
  readonly meetsDeclared: boolean;
  readonly violations: readonly Violation[];
  /** The pod, kept for the per-control records of the JSON format. */
  readonly pod: PodLike;
}

/** Whether every row passes the level it declares. */
export function allMeetDeclared(rows: readonly ReportRow[]): boolean {
  return rows.every((row) => row.meetsDeclared);
}

/** The report as a Markdown table: readable in a terminal, and pasted as is into the README. */
export function formatReport(rows: readonly ReportRow[], subject: 'stage' | 'workload' = 'stage'): string {
  const header = [subject, 'declares', 'passes', 'failing control', 'container', 'field'];
  const lines = rows.flatMap((row) => {
    const declares = `${row.declares}${row.version === NEWEST_MINOR ? '' : ` (${versionText(row.version)})`}`;
    const verdict = [row.subject, declares, row.meetsDeclared ? row.passes : `**${row.passes}** (below)`];
    if (row.violations.length === 0) {
      return [[...verdict, 'none', '', '']];
    }
    return row.violations.map((v, i) => [...(i === 0 ? verdict : ['', '', '']), `${v.level}: ${v.control}`, v.container ?? '(pod)', `\`${v.field}\`: ${v.detail}`]);
  });
  const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return `${table.join('\n')}\n`;
}

/** One record of the JSON report: a workload and one control, at the version it is judged by. */
export interface ControlRecord {
  readonly workload: string;
  readonly kubernetesVersion: string;
  readonly declared: PodSecurityLevel;
  /** The highest level the workload passes. */
  readonly met: PodSecurityLevel;
  readonly meetsDeclared: boolean;
  readonly level: 'baseline' | 'restricted';
  readonly control: string;
  readonly check: string;
  readonly passed: boolean;
  readonly findings: readonly { readonly container?: string; readonly field: string; readonly detail: string }[];
}

/**
 * The report for CI: one record per workload and control, each control that the workload's
 * version has, at baseline and restricted.
 */
export function reportRecords(rows: readonly ReportRow[]): ControlRecord[] {
  return rows.flatMap((row) => {
    const controls = [...checksAt('baseline', row.version), ...checksAt('restricted', row.version).filter(({ check }) => check.level === 'restricted')];
    return controls.map(({ check }) => {
      const findings = row.violations.filter((v) => v.check === check.id).map(({ container, field, detail }) => ({ ...(container === undefined ? {} : { container }), field, detail }));
      return {
        workload: row.subject,
        kubernetesVersion: versionText(row.version),
        declared: row.declares,
        met: row.passes,
        meetsDeclared: row.meetsDeclared,
        level: check.level,
        control: check.control,
        check: check.id,
        passed: findings.length === 0,
        findings,
      };
    });
  });
}
