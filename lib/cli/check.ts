import * as fs from 'node:fs';
import { Command, Option as CommanderOption } from 'commander';
import { POD_SECURITY_LEVELS, PodSecurityLevel } from '../check/pod-security';
import { allMeetDeclared, checkDirectory, checkStages, formatReport } from '../check/report';
import { InvalidOptionError } from '../options/errors';
import { Io } from './io';

/** The check command: the Pod Security report of the stages, or of a folder of manifests. */
export function checkCommand(io: Io, exit: (code: number) => void): Command {
  const command: Command = new Command('cdk8s-mailpit check')
    .description(
      'Evaluates pod specs against the Pod Security Standards (baseline and restricted) and prints a table. ' +
        'Exits 1 when a workload falls below the level it declares.',
    )
    .option('--dir <dir>', 'check this folder of manifests instead of the stages')
    .addOption(
      new CommanderOption('--level <level>', "level the folder's workloads must pass, unless their Namespace in the folder enforces one")
        .choices(POD_SECURITY_LEVELS)
        .default('baseline'),
    )
    .allowExcessArguments(false)
    .action((flags: { dir?: string; level: PodSecurityLevel }) => {
      if (flags.dir !== undefined && !(fs.existsSync(flags.dir) && fs.statSync(flags.dir).isDirectory())) {
        throw new InvalidOptionError('--dir', flags.dir, 'an existing folder of manifests');
      }
      const rows = flags.dir === undefined ? checkStages() : checkDirectory(flags.dir, flags.level);
      io.out(formatReport(rows, flags.dir === undefined ? 'stage' : 'workload'));
      const ok = allMeetDeclared(rows);
      const verdict = rows.length === 1 ? 'the one workload passes the level it declares' : `all ${rows.length} workloads pass the level they declare`;
      io.out(ok ? `\n${verdict}\n` : '\nsome workloads fall below the level they declare\n');
      exit(ok ? 0 : 1);
    });
  return command;
}
