import type { PropPath } from '../options/errors';

// How the command line sets an option of a table. A type only: the tables declare their flags
// without loading the command line, and lib/cli/flags.ts builds commander's options from them.

/** A command-line flag that sets an option, or one part of it. */
export interface Flag {
  /** In commander's syntax: `--run-as-user <uid>`, or `--network-policy` for a switch. */
  readonly flag: string;
  /** Where the flag's value goes inside the option's value: `['cpu', 'request']`. */
  readonly at?: PropPath;
  /**
   * From the flag's text to the value, throwing a FlagValueError (lib/options/text-forms.ts) for
   * text it cannot read; `previous` makes the flag repeatable. The option's rules then check the value.
   */
  // biome-ignore lint/suspicious/noExplicitAny: a repeatable flag accumulates values of its own type
  readonly parse?: (text: string, previous?: any) => unknown;
  /** Help of this flag, when it sets a part of the option. */
  readonly help?: string;
}
