import * as fs from 'node:fs';
import { Command, Option as CommanderOption } from 'commander';
import { POD_SECURITY_LEVELS, type PodSecurityLevel } from '../check/pod-security';
import { NEWEST_MINOR, parseKubernetesVersion, VERSION_ALLOWED, versionText } from '../check/policy/version';
import { checkDirectory } from '../check/check';
import { allMeetDeclared, formatReport, reportRecords } from '../check/report';
import { InvalidOptionError } from '../options/errors';
import type { Io } from './io';

/** The check command: the Pod Security report of the stages, or of a folder of manifests. */
export function checkCommand(io: Io, exit: (code: number) => void): Command {
  const command: Command = new Command('cdk8s-mailpit check')
    .description(
      'Evaluates pod specs against the Pod Security Standards (baseline and restricted), as the admission controller of a Kubernetes version does, and prints a table. ' +
        'Exits 1 when a workload falls below the level it declares.',
    )
    .option('--dir <dir>', 'check this folder of manifests instead of the stages')
    .addOption(new CommanderOption('--level <level>', "level the folder's workloads must pass, unless their Namespace in the folder enforces one").choices(POD_SECURITY_LEVELS).default('baseline'))
    .addOption(
      new CommanderOption(
        '--k8s-version <version>',
        `the Kubernetes version whose rules apply, v1.0 to v1.${NEWEST_MINOR} or latest, unless a workload's Namespace in the folder says (enforce-version)`,
      ).default('latest'),
    )
    .addOption(new CommanderOption('--format <format>', 'table, or json for CI: one record per workload and control').choices(['table', 'json']).default('table'))
    .allowExcessArguments(false)
    .action(async (flags: { dir?: string; level: PodSecurityLevel; k8sVersion: string; format: 'table' | 'json' }) => {
      const version = parseKubernetesVersion(flags.k8sVersion);
      if (version === undefined) {
        throw new InvalidOptionError('--k8s-version', flags.k8sVersion, VERSION_ALLOWED);
      }
      if (flags.dir !== undefined && !(fs.existsSync(flags.dir) && fs.statSync(flags.dir).isDirectory())) {
        throw new InvalidOptionError('--dir', flags.dir, 'an existing folder of manifests');
      }
      const rows = flags.dir === undefined ? (await import('../check/stages-report.js')).checkStages(version) : checkDirectory(flags.dir, { level: flags.level, version });
      const ok = allMeetDeclared(rows);
      if (flags.format === 'json') {
        io.out(`${JSON.stringify(reportRecords(rows), null, 2)}\n`);
      } else {
        io.out(formatReport(rows, flags.dir === undefined ? 'stage' : 'workload'));
        const verdict = rows.length === 1 ? 'the one workload passes the level it declares' : `all ${rows.length} workloads pass the level they declare`;
        const rules = version === NEWEST_MINOR ? '' : ` (rules of Kubernetes ${versionText(version)})`;
        io.out(ok ? `\n${verdict}${rules}\n` : `\nsome workloads fall below the level they declare${rules}\n`);
      }
      exit(ok ? 0 : 1);
    });
  return command;
}
