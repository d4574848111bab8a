import { didYouMean, type PropPath } from '../options/errors';
import { type OptionTable, resolveProps } from '../options/option';
import type { StageName } from './names';
import { type ResolvedStageProps, STAGE_OPTIONS, type StageOption } from './options';
import { STAGE_RULES, type StageRule } from './rules';

// How a stage's props are checked and completed: its table of options, then its rules.

const tables = new Map<string, OptionTable>();

/** The option of a key, if the table has one: a key such as `__proto__` finds none. */
function optionOf(key: string): StageOption | undefined {
  return Object.hasOwn(STAGE_OPTIONS, key) ? (STAGE_OPTIONS as Record<string, StageOption>)[key] : undefined;
}

/** The options of one stage, with what differs for it; in a class, without those set per student. */
export function tableOf(stage: StageName, inClass: boolean): OptionTable {
  const id = `${stage}${inClass ? ' class' : ''}`;
  let table = tables.get(id);
  if (!table) {
    table = Object.fromEntries(
      Object.entries(STAGE_OPTIONS as Record<string, StageOption>)
        .filter(([, spec]) => spec.stages.includes(stage) && !(inClass && spec.inClass))
        .map(([key, spec]) => [key, { ...spec, ...spec.perStage?.[stage] }]),
    );
    tables.set(id, table);
  }
  return table;
}

/** Where a stage's props are checked from, for errors. */
export interface StagePropsSource {
  /** The name of the props the caller gave, which errors start with. */
  readonly root: string;
  /** Where the stage's props sit in what the caller gave. */
  readonly at?: PropPath;
  /** The props come from a class, which sets some of them per student. */
  readonly inClass?: boolean;
}

/**
 * A stage's props, checked and with every default applied, then held to the stage's rules. A prop
 * the stage does not take is refused with the stages that do take it.
 */
export function resolveStageProps<S extends StageName>(stage: S, props: unknown, source: StagePropsSource): ResolvedStageProps<S> {
  const inClass = source.inClass ?? false;
  const rules = STAGE_RULES[stage] as readonly StageRule<S>[];
  return resolveProps(tableOf(stage, inClass), props, {
    root: source.root,
    at: source.at,
    refine: (p, given) => {
      for (const rule of rules) {
        const problem = rule(p as ResolvedStageProps<S>, given, stage);
        if (problem) return problem;
      }
      return undefined;
    },
    unknown: (key) => {
      const spec = optionOf(key);
      if (spec === undefined) {
        const known = Object.keys(tableOf(stage, inClass));
        return `not a prop of any stage${didYouMean(key, known)}; stage ${stage} takes ${known.join(', ')}`;
      }
      if (inClass && spec.inClass && spec.stages.includes(stage)) {
        return spec.inClass;
      }
      return `not used by stage ${stage}; it applies to stage ${spec.stages.join(' or ')}`;
    },
  }) as ResolvedStageProps<S>;
}
