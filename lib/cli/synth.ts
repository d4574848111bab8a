import * as path from 'node:path';
import { Command, Option as CommanderOption } from 'commander';
import { formatPath, HIDDEN, InvalidOptionError, type PropPath } from '../options/errors';
import { STAGES } from '../stages';
import { DEFAULT_STAGE, type StageName, STAGE_NAMES } from '../stages/names';
import { InputFileError, readInputFile } from '../synth/input-file';
import { replaceOutputDir } from '../synth/output-dir';
import { type KubeObject, type OutputFile, STAGE_FILE_NAME, synthStage, toManifestYaml } from '../synth/render';
import { flagValue, propFlags, type PropFlag, setAt, startsWith } from './flags';
import type { Io } from './io';
import type { ClassroomProps } from '../classroom/classroom';

/** What set a prop, as errors name it: a flag, a student of --roster, a key of --values. */
interface Source {
  /** `--run-as-user`, `--roster class.txt:4`, `values.yaml:12 smtpService.port`. */
  readonly name: string;
  /** The prop it sets, in the stage's props (single stage) or the class's. */
  readonly path: PropPath;
  /** What the user typed, shown in errors; undefined shows the value at fault, as the stage saw it. */
  readonly text?: unknown;
}

/** A flag as given on this command line, or one student of --roster and --students. */
interface Given extends Source {
  readonly target?: PropFlag['target'];
  readonly value: unknown;
}

/** The synth command: flags derived from the tables of options, and its own --stage, --outdir and --roster. */
export function synthCommand(io: Io): Command {
  const flags = propFlags();
  const stages = STAGE_NAMES.map((name) => `  ${name.padEnd(11)} ${STAGES[name].summary}`).join('\n');
  const command = new Command('cdk8s-mailpit [synth]')
    .description('Synthesizes Kubernetes manifests for Mailpit, one stage of the lab at a time (the default command).')
    .addOption(new CommanderOption('--stage <stage>', 'stage to synthesize').choices(STAGE_NAMES).default(DEFAULT_STAGE))
    .addOption(new CommanderOption('--outdir <dir>', 'output folder; it ends up holding exactly this stage, or this class').default(io.env.CDK8S_OUTDIR || 'dist'))
    .addOption(new CommanderOption('--roster <file>', 'a class: one student id per line, # comments; one Mailpit per student'))
    .addOption(new CommanderOption('--values <file>', "a YAML file of the stage's props, named as in the library, quantities as in a manifest; a flag given too wins"))
    .addOption(
      new CommanderOption(
        '--format <format>',
        'yaml writes the manifests to --outdir; mermaid prints a Mermaid graph of what they deploy, with a class the shared database and the first student, and writes nothing',
      )
        .choices(['yaml', 'mermaid'])
        .default('yaml'),
    );
  for (const flag of flags) {
    command.addOption(flag.option);
  }
  return command
    .addHelpText('after', `\nStages:\n${stages}\n\nThen: kubectl apply -f <outdir>\nSecurity report: npm run check -- --help\n`)
    .allowExcessArguments(false)
    .action(async () => {
      const outdir = command.getOptionValue('outdir') as string;
      const output = await synthFiles(command, flags, outdir);
      if (command.getOptionValue('format') === 'mermaid') {
        const { mermaidOf } = await import('../links/mermaid.js');
        io.out(mermaidOf(output.drawn));
        return;
      }
      replaceOutputDir(outdir, output.files);
      io.out(`${output.summary}\n`);
    });
}

/** The files to write, one stage or one file per student, with errors named after the flags given. */
async function synthFiles(command: Command, flags: readonly PropFlag[], outdir: string): Promise<{ files: OutputFile[]; summary: string; drawn: readonly KubeObject[] }> {
  const stage = command.getOptionValue('stage') as StageName;
  const given: Given[] = flags.flatMap((flag) => {
    // Only what was typed: a negated flag such as --no-ingress has a default that was not.
    if (command.getOptionValueSource(flag.option.attributeName()) !== 'cli') {
      return [];
    }
    const value = flagValue(command.getOptionValue(flag.option.attributeName()));
    // --verbose and --no-verbose share one value: the one typed is the one that set it.
    if (typeof value === 'boolean' && flag.option.isBoolean() && value === flag.option.negate) {
      return [];
    }
    return [{ name: flag.name, path: flag.path, target: flag.target, value, text: flag.typed() ?? value }];
  });
  const stageGiven = given.filter((g) => g.target === 'stage');
  // A values file sets the stage's props first; a flag given too replaces the value at its path.
  const valuesFile = command.getOptionValue('values') as string | undefined;
  let stageProps: Record<string, unknown> = {};
  let stageSources: Source[] = stageGiven;
  if (valuesFile !== undefined) {
    const { readValuesFile } = await import('../values/values-file.js');
    const values = readValuesFile(valuesFile, stage);
    stageProps = values.props;
    const replaced = (source: Source) => stageGiven.some((g) => startsWith(source.path, g.path));
    stageSources = [...stageGiven, ...values.sources.filter((source) => !replaced(source))];
  }
  stageProps = propsOf(stageGiven, stageProps);
  const roster = command.getOptionValue('roster') as string | undefined;
  const studentsFlag = given.find((g) => g.name === '--students');
  const isClass = roster !== undefined || studentsFlag !== undefined;
  if (roster !== undefined && studentsFlag !== undefined) {
    throw new InvalidOptionError('--students', studentsFlag.text, 'either --roster or --students, not both');
  }
  if (!isClass) {
    const classFlag = given.find((g) => g.target === 'class');
    if (classFlag) {
      throw new InvalidOptionError(classFlag.name, classFlag.text, 'used only with --roster or --students');
    }
    const objects = named(stageSources, () => synthStage(stage, stageProps));
    return {
      files: [{ name: STAGE_FILE_NAME, content: toManifestYaml(objects) }],
      summary: `${stage}: wrote ${objects.length} objects to ${path.join(outdir, STAGE_FILE_NAME)}`,
      drawn: objects,
    };
  }

  // A class's modules load only for a class, for a faster single stage.
  const { parseRoster } = await import('../classroom/roster.js');
  const { synthClassroom } = await import('../classroom/render.js');
  const students: Given[] = [];
  let ids: string[];
  if (roster !== undefined) {
    const entries = parseRoster(readRoster(roster), roster);
    ids = entries.map((entry) => entry.id);
    students.push({ name: '--roster', path: ['students'], value: ids, text: roster });
    entries.forEach((entry, i) => students.push({ name: entry.where, path: ['students', i], value: entry.id, text: entry.id }));
  } else {
    ids = studentsFlag!.value as string[];
    students.push(studentsFlag!);
    ids.forEach((id, i) => students.push({ name: `--students item ${i + 1}`, path: ['students', i], value: id, text: id }));
  }
  const classGiven = given.filter((g) => g.target === 'class' && g !== studentsFlag);
  const props = { ...propsOf(classGiven), stage, students: ids, stageProps };
  const naming: Source[] = [...students, ...classGiven, ...stageSources.map((source) => ({ ...source, path: ['stageProps', ...source.path] }))];
  // Plain data from the flags, checked by the Classroom like any caller's props.
  const manifests = named(naming, () => synthClassroom(props as unknown as ClassroomProps));
  const files = manifests.map((file) => ({ name: file.name, content: toManifestYaml(file.objects) }));
  const shared = files.length - ids.length;
  const database = shared > 0 ? `, and ${files[0].name}: the rqlite database they share` : '';
  // One student stands for the class in a diagram, beside what the class shares.
  const drawn = manifests.slice(0, shared + 1).flatMap((file) => file.objects);
  return { files, summary: `${stage}: wrote ${ids.length} students to ${outdir}/, one file each${database}`, drawn };
}

/** The props that the given flags set, each at its path, over `props`. */
function propsOf(given: readonly Given[], props: Record<string, unknown> = {}): Record<string, unknown> {
  for (const { path, value } of given) {
    setAt(props, path, value);
  }
  return props;
}

/**
 * Runs `build`, renaming a prop error after what set the prop: the source at its path, else the
 * deepest one above or below it; the first listed among equals.
 */
function named<T>(given: readonly Source[], build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) {
      throw error;
    }
    const flagAt = (where: PropPath) =>
      given.find((g) => g.path.length === where.length && startsWith(where, g.path)) ??
      given.filter((g) => startsWith(where, g.path) || startsWith(g.path, where)).sort((a, b) => b.path.length - a.path.length)[0];
    const source = flagAt(error.path);
    if (!source) {
      throw error;
    }
    // Inside the flag's value, show the part at fault; at the flag or above it, what was typed.
    const inside = error.path.length > source.path.length;
    const keep = error.value === HIDDEN || inside || source.text === undefined;
    const value = keep ? error.value : source.text;
    throw error.withNames((where) => flagAt(where)?.name ?? formatPath(where), value);
  }
}

/** A roster of 3,000 students takes 20 KiB. */
const ROSTER_LIMIT = 1024 * 1024;

function readRoster(file: string): string {
  try {
    return readInputFile(file, ROSTER_LIMIT);
  } catch (error) {
    if (error instanceof InputFileError) {
      throw new InvalidOptionError('--roster', file, `a regular file of student ids, 1 MiB at most, but it ${error.reason}`);
    }
    throw error;
  }
}
