#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_STAGE, STAGE_NAMES, STAGES } from './lib/stages';
import { OutputDirError, replaceOutputDir } from './lib/synth/output-dir';
import { STAGE_FILE_NAME, synthStage, toManifestYaml } from './lib/synth/render';
import { dnsLabel, imageReference, ingressHost, InvalidOptionError, validate, validateOptional } from './lib/validation';

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

interface SynthFlags {
  readonly stage: (typeof STAGE_NAMES)[number];
  readonly outdir: string;
  readonly namespace?: string;
  readonly host: string;
  readonly image: string;
}

function synthCommand(io: Io): Command {
  const stages = STAGE_NAMES.map((name) => `  ${name.padEnd(11)} ${STAGES[name].summary}`).join('\n');
  return new Command('cdk8s-mailpit')
    .description('Synthesizes Kubernetes manifests for Mailpit, one stage of the lab at a time.')
    .addOption(new Option('--stage <stage>', 'stage to synthesize').choices(STAGE_NAMES).default(DEFAULT_STAGE))
    .addOption(
      new Option('--outdir <dir>', 'output folder; it ends up holding exactly this stage')
        .default(io.env.CDK8S_OUTDIR || 'dist'),
    )
    .option('--namespace <namespace>', "namespace of every namespaced object (default: kubectl's current one)")
    .option('--host <host>', 'host of the Ingress that serves the web UI', 'mailpit.test')
    .option('--image <image>', 'Mailpit image, also used by init containers', 'axllent/mailpit')
    .addHelpText('after', `\nStages:\n${stages}\n\nThen: kubectl apply -f <outdir>\n`)
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err, outputError: () => undefined });
}

/** Runs the command line and returns its exit code. */
export function run(argv: readonly string[], io: Io = processIo): number {
  const command = synthCommand(io);
  try {
    command.parse([...argv], { from: 'user' });
    const flags = command.opts<SynthFlags>();
    const namespace = validateOptional('--namespace', flags.namespace, dnsLabel);
    const host = validate('--host', flags.host, ingressHost);
    const image = validate('--image', flags.image, imageReference);
    const objects = synthStage({ stage: flags.stage, namespace, host, image });
    replaceOutputDir(flags.outdir, [{ name: STAGE_FILE_NAME, content: toManifestYaml(objects) }]);
    io.out(`${flags.stage}: wrote ${objects.length} objects to ${flags.outdir}/${STAGE_FILE_NAME}\n`);
    return 0;
  } catch (error) {
    return reportError(error, command, io);
  }
}

function reportError(error: unknown, command: Command, io: Io): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) {
      return 0; // --help or --version
    }
    const allowed = command.options.map((option) => option.long).join(', ');
    const message =
      error.code === 'commander.unknownOption'
        ? `${error.message}; allowed: ${allowed}, --help`
        : error.code === 'commander.excessArguments'
          ? `error: unexpected argument ${JSON.stringify(command.args[0])}: this command takes only options (${allowed}, --help)`
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
function rerunIfBuildIsStale(): number | undefined {
  const root = path.dirname(__dirname);
  const tsconfig = path.join(root, 'tsconfig.build.json');
  if (path.basename(__dirname) !== 'build' || !fs.existsSync(tsconfig)) {
    return undefined; // running from sources, or installed as a package
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
  return spawnSync(process.execPath, [__filename, ...process.argv.slice(2)], { stdio: 'inherit' }).status ?? 1;
}

if (require.main === module) {
  process.exitCode = rerunIfBuildIsStale() ?? run(process.argv.slice(2));
}
