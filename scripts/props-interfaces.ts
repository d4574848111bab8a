import { CLASSROOM_OPTIONS } from '../lib/classroom/options';
import { defaultDescription } from '../lib/cli/flags';
import { LAB_MAILDIR_OPTIONS } from '../lib/building-blocks/lab-maildir';
import { LAB_PERSISTENT_VOLUME_OPTIONS } from '../lib/building-blocks/lab-persistent-volume';
import { MAILPIT_OPTIONS } from '../lib/building-blocks/mailpit/options';
import { NETWORK_POLICY_OPTIONS } from '../lib/building-blocks/network-policy';
import { RQLITE_OPTIONS } from '../lib/building-blocks/rqlite';
import type { Option } from '../lib/options/option';
import { STAGE_NAMES, type StageName } from '../lib/stages/names';
import { tableOf } from '../lib/stages/resolve';
import { STAGES } from '../lib/stages';

// The props interfaces of the constructs, written from their tables of options, so that an editor
// shows each prop's help and default, and an error names the interface. The tables stay the one
// source: each member's type is the table's, and test/props-types.test.ts holds every interface
// equal to its table's props. `npm run docs` writes lib/generated/props.ts; a test keeps it current.

/** Where the interfaces are written, from the project's root. */
export const PROPS_FILE = 'lib/generated/props.ts';

/** An interface to write: its name, what it is, the type its members are taken from, and its table. */
interface Spec {
  readonly name: string;
  readonly doc: string;
  readonly source: string;
  readonly table: Readonly<Record<string, Option>>;
  readonly omit?: readonly string[];
}

/** A JSDoc block, indented by `indent`. */
function jsdoc(lines: readonly string[], indent: string): string {
  const safe = lines.flatMap((line) => line.replace(/\*\//g, '*\\/').split('\n'));
  return [`${indent}/**`, ...safe.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`), `${indent} */`].join('\n');
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?)]$/.test(text) ? '' : '.'}`;

function member(key: string, spec: Option, source: string): string {
  const lines = [sentence(spec.help)];
  const flags = (spec.flags ?? []).map((flag) => `\`${flag.flag.split(' ')[0]}\``);
  if (flags.length > 0) {
    lines.push(`Command line: ${flags.join(', ')}.`);
  }
  if (!spec.required) {
    lines.push(`@default ${defaultDescription({ ...spec, perStage: undefined } as Option) ?? 'none'}`);
  }
  return `${jsdoc(lines, '  ')}\n  readonly ${key}${spec.required ? '' : '?'}: ${source}['${key}'];`;
}

function declaration(spec: Spec): string {
  const members = Object.entries(spec.table)
    .filter(([key]) => !(spec.omit ?? []).includes(key))
    .map(([key, option]) => member(key, option, spec.source));
  return `${jsdoc([spec.doc], '')}\nexport interface ${spec.name} {\n${members.join('\n\n')}\n}`;
}

const STAGE_PROPS_NAME: { readonly [S in StageName]: string } = Object.fromEntries(STAGE_NAMES.map((stage) => [stage, `${STAGES[stage].construct.name}Props`])) as never;

/** Every interface, in the order of the file. */
function specs(): Spec[] {
  return [
    ...STAGE_NAMES.map(
      (stage): Spec => ({
        name: STAGE_PROPS_NAME[stage],
        doc: `Props of \`${STAGES[stage].construct.name}\`: stage ${stage}, ${STAGES[stage].summary}.`,
        source: `StageProps<'${stage}'>`,
        table: tableOf(stage, false) as Record<string, Option>,
        // The command line refuses a password with its own message; the library's types leave it out.
        omit: ['uiAuthPassword'],
      }),
    ),
    { name: 'MailpitBaseProps', doc: 'What every `Mailpit` takes, whatever its database and workload.', source: 'MailpitTableProps', table: MAILPIT_OPTIONS, omit: ['database', 'workload'] },
    { name: 'RqliteProps', doc: 'Props of `Rqlite`.', source: 'RqliteTableProps', table: RQLITE_OPTIONS },
    { name: 'LabPersistentVolumeProps', doc: 'Props of `LabPersistentVolume`.', source: 'LabPersistentVolumeTableProps', table: LAB_PERSISTENT_VOLUME_OPTIONS },
    { name: 'LabMaildirProps', doc: 'Props of `LabMaildir`.', source: 'LabMaildirTableProps', table: LAB_MAILDIR_OPTIONS },
    { name: 'MailpitNetworkPolicyProps', doc: 'Props of `MailpitNetworkPolicy`.', source: 'NetworkPolicyTableProps', table: NETWORK_POLICY_OPTIONS },
    {
      name: 'ClassroomBaseProps',
      doc: 'What every `Classroom` takes besides its stage and the props of that stage.',
      source: 'ClassroomOptionProps',
      table: CLASSROOM_OPTIONS,
      omit: ['stage', 'stageProps'],
    },
  ];
}

/** The text of lib/generated/props.ts. */
export function propsInterfacesText(): string {
  return [
    '// Written by `npm run docs` from the tables of options (scripts/props-interfaces.ts): do not edit.',
    "// test/props-types.test.ts holds each interface equal to its table's props.",
    "import type { LabMaildirTableProps } from '../building-blocks/lab-maildir';",
    "import type { LabPersistentVolumeTableProps } from '../building-blocks/lab-persistent-volume';",
    "import type { MailpitTableProps } from '../building-blocks/mailpit/options';",
    "import type { NetworkPolicyTableProps } from '../building-blocks/network-policy';",
    "import type { RqliteTableProps } from '../building-blocks/rqlite';",
    "import type { ClassroomOptionProps } from '../classroom/options';",
    "import type { StageProps } from '../stages/options';",
    '',
    specs().map(declaration).join('\n\n'),
    '',
  ].join('\n');
}
