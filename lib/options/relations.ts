import type { Problem } from './option';

// The simple rules between two props, as data: a prop that needs another, a prop that another
// excludes. The rules run them; the tests read the same pairs to make valid sets of flags.

/** A prop that is set: given, and not switched off. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** A rule between `prop`, which is blamed, and other props. */
export type Relation<K extends string = string> =
  /** `prop` is refused unless one of `needs` is set. */
  | { readonly prop: K; readonly needs: readonly K[]; readonly allowed: string }
  /** `prop` is refused while `notWith` is set. */
  | { readonly prop: K; readonly notWith: K; readonly allowed: string };

/** The first relation that `props` break, in the order given, blaming its prop. */
export function relationProblem<K extends string>(relations: readonly Relation<K>[], props: { readonly [P in K]?: unknown }): Problem | undefined {
  for (const relation of relations) {
    const value = props[relation.prop];
    if (!isSet(value)) {
      continue;
    }
    const broken = 'needs' in relation ? !relation.needs.some((other) => isSet(props[other])) : isSet(props[relation.notWith]);
    if (broken) {
      return { at: [relation.prop], value, allowed: relation.allowed };
    }
  }
  return undefined;
}
