#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { asFlagError, parseQuota, parseSecretKey, parseUid, stagesAccepting, SynthFlags, synthFiles } from './lib/cli/synth-flags';
import { POD_SECURITY_LEVELS, PodSecurityLevel } from './lib/check/pod-security';
import { allMeetDeclared, checkDirectory, checkStages, formatReport } from './lib/check/report';
import { DEFAULT_STAGE, StageSpecificProp, STAGE_NAMES, STAGES } from './lib/stages';
import { OutputDirError, replaceOutputDir } from './lib/synth/output-dir';
import { InvalidOptionError } from './lib/validation';

/** Where the command writes: injectable so that tests run it in-process. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
};

function synthCommand(io: Io): Command {
  const stages = STAGE_NAMES.map((name) => `  ${name.padEnd(11)} ${STAGES[name].summary}`).join('\n');
  const onlyFor = (prop: StageSpecificProp) => ` [${stagesAccepting(prop).join(', ')}]`;
  return new Command('synth')
    .description('Synthesizes Kubernetes manifests for Mailpit, one stage of the lab at a time (the default command).')
    .addOption(new Option('--stage <stage>', 'stage to synthesize').choices(STAGE_NAMES).default(DEFAULT_STAGE))
    .addOption(new Option('--outdir <dir>', 'output folder; it ends up holding exactly this stage, or this class').default(io.env.CDK8S_OUTDIR || 'dist'))
    .option('--namespace <namespace>', "namespace of every namespaced object (default: kubectl's current one)")
    .option('--host <host>', 'host of the Ingress that serves the web UI (default: "mailpit.test")')
    .option('--image <image>', 'Mailpit image, also used by init containers (default: "axllent/mailpit"; hardened: a pinned release)')
    .option('--run-as-user <uid>', `user id of Mailpit, never 0 (default: 1000)${onlyFor('runAsUser')}`, parseUid)
    .option('--storage-class <class>', `StorageClass of the database claim (default: the cluster's default)${onlyFor('storageClassName')}`)
    .option('--storage-size <size>', `size of the database claim (default: 1Gi)${onlyFor('storageSize')}`)
    .option('--ui-auth-secret <name[:key]>', `Secret with an htpasswd file for UI basic auth (key default: htpasswd)${onlyFor('uiAuthSecret')}`, parseSecretKey)
    .option('--ui-auth-password <password>', 'refused: a password must not be written into manifests; use --ui-auth-secret')
    .option('--network-policy', `add a NetworkPolicy admitting only SMTP and UI traffic${onlyFor('networkPolicy')}`)
    .option('--webroot <path>', `serve the UI under this path, probes follow (default: /)${onlyFor('webroot')}`)
    .option('--cpu-request <cpu>', `CPU request (default: 50m)${onlyFor('resources')}`)
    .option('--cpu-limit <cpu>', `CPU limit (default: 500m)${onlyFor('resources')}`)
    .option('--memory-request <memory>', `memory request (default: 64Mi)${onlyFor('resources')}`)
    .option('--memory-limit <memory>', `memory limit (default: 256Mi)${onlyFor('resources')}`)
    .option('--roster <file>', 'a class: one student id per line, # comments; one Mailpit per student')
    .option('--students <ids>', 'a class, inline: comma-separated student ids')
    .option('--namespace-prefix <prefix>', 'class: namespace of each student is prefix + id (default: "mailpit-")')
    .option('--domain <domain>', 'class: Ingress host of each student is <id>.<domain> (default: "mailpit.test")')
    .option('--quota <field=value>', 'class: ResourceQuota field of each namespace, repeatable (defaults in the README)', parseQuota)
    .option('--rbac', 'class: a Role and RoleBinding giving user <id> the lab steps in their namespace')
    .addHelpText('after', `\nStages:\n${stages}\n\nThen: kubectl apply -f <outdir>\nSecurity report: npm run check -- --help\n`)
    .allowExcessArguments(false);
}

function checkCommand(): Command {
  return new Command('check')
    .description(
      'Evaluates pod specs against the Pod Security Standards (baseline and restricted) and prints a table. ' +
        'Exits 1 when a workload falls below the level it declares.',
    )
    .option('--dir <dir>', 'check this folder of manifests instead of the stages')
    .addOption(
      new Option('--level <level>', "level the folder's workloads must pass, unless their Namespace in the folder enforces one")
        .choices(POD_SECURITY_LEVELS)
        .default('baseline'),
    )
    .allowExcessArguments(false);
}

async function synth(flags: SynthFlags, io: Io): Promise<number> {
  let output;
  try {
    output = await synthFiles(flags);
  } catch (error) {
    throw error instanceof InvalidOptionError ? asFlagError(error) : error;
  }
  replaceOutputDir(flags.outdir, output.files);
  io.out(`${output.summary}\n`);
  return 0;
}

function check(flags: { dir?: string; level: PodSecurityLevel }, io: Io): number {
  if (flags.dir !== undefined && !(fs.existsSync(flags.dir) && fs.statSync(flags.dir).isDirectory())) {
    throw new InvalidOptionError('--dir', flags.dir, 'an existing folder of manifests');
  }
  const rows = flags.dir === undefined ? checkStages() : checkDirectory(flags.dir, flags.level);
  io.out(formatReport(rows, flags.dir === undefined ? 'stage' : 'workload'));
  const ok = allMeetDeclared(rows);
  io.out(ok ? `\nall ${rows.length} workloads pass the level they declare\n` : '\nsome workloads fall below the level they declare\n');
  return ok ? 0 : 1;
}

/** Runs the command line and returns its exit code. */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let exitCode = 0;
  const program = new Command('cdk8s-mailpit')
    .description('Kubernetes manifests for Mailpit, stage by stage of the TD7 lab.')
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined })
    .exitOverride();
  const synthesize = synthCommand(io).action(async (flags: SynthFlags) => {
    exitCode = await synth(flags, io);
  });
  const report = checkCommand().action((flags) => {
    exitCode = check(flags, io);
  });
  for (const command of [synthesize, report]) {
    command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
  }
  program.addCommand(synthesize).addCommand(report);
  // synth is the default command, --help included: `npm run synth -- --help` documents its flags.
  const args = argv[0] === report.name() || argv[0] === synthesize.name() ? [...argv] : [synthesize.name(), ...argv];
  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, argv[0] === report.name() ? report : synthesize, io);
  }
}

function reportError(error: unknown, command: Command, io: Io): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) {
      return 0; // --help
    }
    const allowed = `${command.options.map((option) => option.long).join(', ')}, --help`;
    const message =
      error.code === 'commander.unknownOption'
        ? `${error.message}; allowed: ${allowed}`
        : error.code === 'commander.excessArguments'
          ? `error: unexpected argument ${JSON.stringify(command.args[0])}: this command takes only options (${allowed})`
          : error.message;
    io.err(`${message}\n`);
    return 2;
  }
  if (error instanceof InvalidOptionError || error instanceof OutputDirError) {
    io.err(`error: ${error.message}\n`);
    return 2;
  }
  throw error;
}

/**
 * `npm run synth` runs the compiled `build/main.js`, because loading TypeScript on the fly costs
 * more than the whole synthesis. In a checkout whose sources are newer than that build, rebuild and
 * run the fresh build instead, so that manifests never come from stale code.
 */
const REBUILT = 'CDK8S_MAILPIT_REBUILT';

function rerunIfBuildIsStale(): number | undefined {
  const root = path.dirname(__dirname);
  const tsconfig = path.join(root, 'tsconfig.build.json');
  if (path.basename(__dirname) !== 'build' || !fs.existsSync(tsconfig) || process.env[REBUILT]) {
    return undefined; // running from sources, installed as a package, or just rebuilt
  }
  const builtAt = fs.statSync(__filename).mtimeMs;
  const sources = ['main.ts', ...['lib', 'imports'].flatMap((dir) =>
    fs.readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)),
  )].filter((file) => file.endsWith('.ts'));
  if (sources.every((file) => fs.statSync(path.join(root, file)).mtimeMs <= builtAt)) {
    return undefined;
  }
  process.stderr.write('build/ is older than the sources: rebuilding first\n');
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    return 1;
  }
  // The fresh build runs once, without this check: a source dated in the future (clock skew)
  // would otherwise look newer than every build.
  return spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [REBUILT]: '1' },
  }).status ?? 1;
}

if (require.main === module) {
  // `npm run check | head` closes the pipe early; that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') {
      throw error;
    }
  });
  const stale = rerunIfBuildIsStale();
  if (stale !== undefined) {
    process.exitCode = stale;
  } else {
    void run(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    });
  }
}
