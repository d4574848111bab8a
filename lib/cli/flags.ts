import { Option as CommanderOption } from 'commander';
import { CLASSROOM_OPTIONS } from '../classroom/options';
import { HIDDEN, InvalidOptionError, type PropPath } from '../options/errors';
import type { Option } from '../options/option';
import { FlagValueError } from '../options/text-forms';
import { STAGE_NAMES } from '../stages/names';
import { STAGE_OPTIONS, type StageOption } from '../stages/options';
import type { Flag } from './flag';

// The synth command's flags, derived from the tables of options: each flag knows the prop it sets,
// its parser, and its help. The command's own --stage, --outdir and --roster are in synth.ts.

/** A flag of the synth command, and where its value goes. */
export interface PropFlag {
  /** `--run-as-user` */
  readonly name: string;
  /** Which props it sets: a stage's, or a class's. */
  readonly target: 'stage' | 'class';
  /** The prop path it sets, inside the stage's or the class's props. */
  readonly path: PropPath;
  readonly option: CommanderOption;
  /** The stages that take it; undefined for a class flag. */
  readonly stages?: readonly string[];
  /** What was typed after the flag, the last time it was given; errors show it. */
  readonly typed: () => string | undefined;
}

/** A default as help shows it: `"mailpit.test"`, `1000`, `off`, `1Gi`, `50m`. */
export function shownDefault(value: unknown): string | undefined {
  switch (typeof value) {
    case 'boolean':
      return value ? 'on' : 'off';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return String(value);
    case 'object': {
      // A cdk8s Size and a cdk8s-plus Cpu read as their quantities; other objects are described.
      const typed = value as { asString?: () => string; amount?: unknown } | null;
      return typeof typed?.asString === 'function' ? typed.asString() : typeof typed?.amount === 'string' ? typed.amount : undefined;
    }
    default:
      return undefined;
  }
}

/** The value at `path` inside `value`. */
function at(value: unknown, path: PropPath = []): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
}

/** How an option's default reads, with what differs per stage: `"axllent/mailpit"; hardened: "axllent/mailpit:v1.30.5"`. */
export function defaultDescription(spec: Option, part: PropPath = []): string | undefined {
  const text = (o: Pick<Option, 'default' | 'defaultText'>) => (part.length === 0 ? o.defaultText : undefined) ?? shownDefault(at(o.default, part));
  const perStage = Object.entries((spec as Partial<StageOption>).perStage ?? {}).flatMap(([stage, differs]) => {
    const shown = differs && text(differs);
    return shown === undefined ? [] : [`${stage}: ${shown}`];
  });
  return [text(spec), ...perStage].filter((t) => t !== undefined).join('; ') || undefined;
}

function description(spec: Option, flag: Flag, stages?: readonly string[]): string {
  const defaultText = defaultDescription(spec, flag.at);
  const only = stages && stages.length < STAGE_NAMES.length ? ` [${stages.join(', ')}]` : '';
  return `${flag.help ?? spec.help}${defaultText === undefined ? '' : ` (default: ${defaultText})`}${only}`;
}

/**
 * A flag's parsed value, boxed: commander turns a parser's null into '', and null is a value here
 * (`--cpu-limit none`).
 */
class Parsed {
  public constructor(public readonly value: unknown) {}
}

/** The value a flag's parser made, as commander holds it. */
export function flagValue(held: unknown): unknown {
  return held instanceof Parsed ? held.value : held;
}

function commanderOption(spec: Option, flag: Flag, name: string, typed: { text?: string }, stages?: readonly string[]): CommanderOption {
  const option = new CommanderOption(flag.flag, description(spec, flag, stages));
  // A switch and its --no- form take no text: commander sets them true and false itself.
  if (!option.isBoolean() && !option.negate) {
    option.argParser((text: string, previous: unknown) => {
      typed.text = text;
      try {
        return new Parsed(flag.parse ? flag.parse(text, flagValue(previous)) : text);
      } catch (error) {
        throw error instanceof FlagValueError ? new InvalidOptionError(name, spec.secret ? HIDDEN : text, error.allowed) : error;
      }
    });
  }
  return option;
}

function flagsOf(table: Record<string, Option>, target: PropFlag['target']): PropFlag[] {
  return Object.entries(table).flatMap(([key, spec]) =>
    (spec.flags ?? []).map((flag) => {
      const name = flag.flag.split(' ')[0];
      const stages = (spec as Partial<StageOption>).stages;
      const typed: { text?: string } = {};
      const option = commanderOption(spec, flag, name, typed, stages);
      return {
        name,
        target,
        path: [key, ...(flag.at ?? [])],
        option,
        stages,
        typed: () => typed.text,
      };
    }),
  );
}

/** Every flag that sets a stage prop, then every flag that sets a class prop. */
export function propFlags(): PropFlag[] {
  return [...flagsOf(STAGE_OPTIONS, 'stage'), ...flagsOf(CLASSROOM_OPTIONS, 'class')];
}

/** Sets `value` at `path` inside `target`, creating the objects on the way. */
export function setAt(target: Record<string, unknown>, path: PropPath, value: unknown): void {
  let node = target;
  path.slice(0, -1).forEach((key) => {
    // biome-ignore lint/suspicious/noAssignInExpressions: walks down, making each missing level
    node = (node[key] ??= {}) as Record<string, unknown>;
  });
  node[path[path.length - 1]] = value;
}

/** Whether `prefix` is the start of `path`. */
export function startsWith(path: PropPath, prefix: PropPath): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}
