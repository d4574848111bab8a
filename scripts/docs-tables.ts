import { CLASSROOM_OPTIONS } from '../lib/classroom/options';
import type { Option } from '../lib/options/option';
import { STAGE_NAMES } from '../lib/stages/names';
import { STAGE_OPTIONS, type StageOption } from '../lib/stages/options';
import { defaultDescription } from '../lib/cli/flags';
import { synthCommand } from '../lib/cli/synth';

// The reference tables of the documentation, made from the tables of options and from the command itself, so
// that the documentation cannot drift. `npm run docs` writes them; a test keeps them current.

/** Markdown would read `<id>` as a tag, and `|` as a column. */
const cell = (text: string) => text.replace(/\|/g, '\\|');
const prose = (text: string) => cell(text).replace(/</g, '\\<').replace(/>/g, '\\>');
const code = (text: string) => `\`${text}\``;

function row(cells: readonly string[]): string {
  return `| ${cells.map((text) => (text.startsWith('`') ? cell(text) : prose(text))).join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n');
}

/** Every flag of `npm run synth`, with its help as `--help` prints it. */
export function flagsTable(): string {
  const command = synthCommand({ out: () => undefined, err: () => undefined, env: {} });
  return table(
    ['flag', 'what it does'],
    command.options.map((option) => [code(option.flags), option.description + (option.defaultValue === undefined ? '' : ` (default: ${JSON.stringify(option.defaultValue)})`)]),
  );
}

function defaultOf(spec: Option): string {
  return defaultDescription(spec) ?? (spec.required ? 'required' : 'none');
}

function flagsOf(spec: Option): string {
  return (spec.flags ?? []).map((flag) => code(flag.flag.split(' ')[0])).join(', ');
}

/** Every prop of the stages: which stages take it, its default, its flag, what it does. */
export function stagePropsTable(): string {
  const all = (stages: readonly string[]) => (stages.length === STAGE_NAMES.length ? 'all' : stages.join(', '));
  return table(
    ['prop', 'stages', 'default', 'flag', 'what it does'],
    Object.entries(STAGE_OPTIONS as Record<string, StageOption>).map(([key, spec]) => [
      code(key),
      all(spec.stages),
      defaultOf(spec),
      flagsOf(spec),
      spec.help + (spec.inClass ? `; ${spec.inClass}` : ''),
    ]),
  );
}

/** Every prop of a Classroom. */
export function classroomPropsTable(): string {
  return table(
    ['prop', 'default', 'flag', 'what it does'],
    Object.entries(CLASSROOM_OPTIONS as Record<string, Option>).map(([key, spec]) => [code(key), defaultOf(spec), flagsOf(spec), spec.help]),
  );
}

/** A page with its generated sections, between `<!-- NAME:start -->` and `<!-- NAME:end -->`, made current. */
export function withSections(page: string, sections: Record<string, string>): string {
  let text = page;
  for (const [name, content] of Object.entries(sections)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from === -1 || to < from) {
      throw new Error(`the page has no ${start} ... ${end} section`);
    }
    text = `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
  }
  return text;
}
