import { Size } from 'cdk8s';
import * as v from 'valibot';
import { LAB_MAILDIR_OPTIONS, nfsOrStorage } from '../building-blocks/lab-maildir';
import { envRule, MAILPIT_OPTIONS, VARIABLES_OF_PROPS } from '../building-blocks/mailpit';
import { PRODUCTION_OPTIONS, productionRules } from './production-options';
import { didYouMean, PropPath } from '../options/errors';
import { Option, OptionTable, parser, PropsOf, resolveProps, ResolvedOf, wholeNumberText } from '../options/option';
import { cpu, CPU_TEXT_ALLOWED, parseCpu, parseSize, SIZE_TEXT_ALLOWED, sizeValue } from '../options/quantities';
import * as rules from '../options/rules';
import { StageName, STAGE_NAMES } from './names';

// Every option of every stage, declared once: its prop, type and rules, default, help, flags, and
// the stages that take it. The stage constructs, the Classroom and the command line all derive
// from this table.

/** An option of the stages. */
export interface StageOption extends Option {
  /** The stages that take it. Any other stage refuses it. */
  readonly stages: readonly StageName[];
  /** The Mailpit setting it becomes, such as MP_MAX_MESSAGES; env may not set it too. */
  readonly variable?: string;
  /** The setting's text, for a value that is not one already; undefined leaves the setting out. */
  readonly asVariable?: (value: any) => string | undefined;
  /** What differs for one stage: a stricter rule, another default. */
  readonly perStage?: { readonly [S in StageName]?: Pick<Option, 'value' | 'default' | 'defaultText' | 'refine'> };
  /** Why a class cannot take it from the teacher (it is set per student, or shared it would break). */
  readonly inClass?: string;
}

function stageOption<const O extends StageOption>(spec: O): O {
  return spec;
}

/** The Mailpit release the hardened stage runs unless told otherwise. */
export const MAILPIT_RELEASE_IMAGE = 'axllent/mailpit:v1.30.5';

/** How to create the Secret that `uiAuthSecret` reads. */
export const UI_AUTH_SECRET_HOWTO =
  'create a Secret with an htpasswd file (kubectl create secret generic mailpit-ui-auth --from-file=htpasswd=./htpasswd, ' +
  'the file made with `htpasswd -cB htpasswd USER`) and pass uiAuthSecret {name: "mailpit-ui-auth", key: "htpasswd"} ' +
  '(CLI: --ui-auth-secret mailpit-ui-auth:htpasswd)';

const ALL = STAGE_NAMES;
const LAB_STORAGE = ['pvc', 'pvc-secure'] as const;
const SECURE = ['pvc-secure', 'hardened'] as const;
const HARDENED = ['hardened'] as const;


const HARDENED_RESOURCES = {
  cpu: { request: cpu('50m'), limit: cpu('500m') },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};
const cpuText = parser(parseCpu, CPU_TEXT_ALLOWED);
const sizeText = parser(parseSize, SIZE_TEXT_ALLOWED);

export const STAGE_OPTIONS = {
  namespace: stageOption({
    ...MAILPIT_OPTIONS.namespace,
    help: 'namespace of every namespaced object; the PersistentVolume stays cluster-scoped',
    defaultText: "the Chart's namespace; on the command line, kubectl's current one",
    flags: [{ flag: '--namespace <namespace>' }],
    stages: ALL,
    inClass: 'set per student in a class, as the namespace prefix followed by the id (namespacePrefix, --namespace-prefix)',
  }),
  name: stageOption({ ...MAILPIT_OPTIONS.name, stages: ALL }),
  image: stageOption({
    ...MAILPIT_OPTIONS.image,
    help: 'image of Mailpit and of the init-pv init container',
    flags: [{ flag: '--image <image>' }],
    stages: ALL,
    perStage: { hardened: { value: rules.pinnedImageReference, default: MAILPIT_RELEASE_IMAGE } },
  }),
  imagePullPolicy: stageOption({ ...MAILPIT_OPTIONS.imagePullPolicy, stages: ALL }),
  host: stageOption({
    ...MAILPIT_OPTIONS.host,
    flags: [{ flag: '--host <host>' }],
    stages: ALL,
    inClass: "set per student in a class, as the id under the class's domain (domain, --domain)",
  }),
  ingressClassName: stageOption({ ...MAILPIT_OPTIONS.ingressClassName, stages: ALL }),
  env: stageOption({
    ...MAILPIT_OPTIONS.env,
    stages: ALL,
    // A variable is refused only where the stage has the prop that sets it: baseline has no maxMessages.
    perStage: Object.fromEntries(
      ALL.map((stage) => [stage, { refine: (env: Readonly<Record<string, string>>) => envRule(variablesSetElsewhere(stage))(env) }]),
    ),
  }),
  storage: stageOption({
    ...LAB_MAILDIR_OPTIONS.storage,
    stages: LAB_STORAGE,
    inClass: 'set per student in a class: PV pv-mailpit-<id> at /tmp/pv-mailpit-<id>, reserved for its claim',
  }),
  nfs: stageOption({
    ...LAB_MAILDIR_OPTIONS.nfs,
    stages: LAB_STORAGE,
    inClass: 'not for a class: every student would open the same database file',
  }),
  runAsUser: stageOption({
    value: rules.nonRootId,
    default: 1000,
    help: "user id of Mailpit, never 0; in pvc-secure also the owner init-pv gives /maildir",
    flags: [{ flag: '--run-as-user <uid>', parse: wholeNumberText }],
    stages: SECURE,
  }),
  runAsGroup: stageOption({
    value: rules.nonRootId,
    default: 1000,
    help: "group id of the pod, never 0, and its fsGroup, which gives the volume to that group",
    flags: [{ flag: '--run-as-group <gid>', parse: wholeNumberText }],
    stages: HARDENED,
  }),
  storageClassName: stageOption({
    value: rules.dnsSubdomain,
    help: 'StorageClass of the database claim; any well-formed name is passed through, the cluster knows its classes',
    defaultText: "the cluster's default StorageClass",
    flags: [{ flag: '--storage-class <class>' }],
    stages: HARDENED,
  }),
  storageSize: stageOption({
    value: sizeValue,
    default: Size.gibibytes(1),
    help: 'size of the database claim',
    flags: [{ flag: '--storage-size <size>', parse: sizeText }],
    stages: HARDENED,
  }),
  claimName: stageOption({ value: rules.dnsSubdomain, default: 'pvc-mailpit', help: 'name of the database claim', stages: HARDENED }),
  resources: stageOption({
    ...MAILPIT_OPTIONS.resources,
    help: 'requests and limits of the Mailpit container, each field replacing its default; a limit below its request is refused',
    default: HARDENED_RESOURCES,
    defaultText: `requests ${HARDENED_RESOURCES.cpu.request.amount} CPU and ${HARDENED_RESOURCES.memory.request.asString()} memory, limits ${HARDENED_RESOURCES.cpu.limit.amount} CPU and ${HARDENED_RESOURCES.memory.limit.asString()} memory`,
    flags: [
      { flag: '--cpu-request <cpu>', at: ['cpu', 'request'], parse: cpuText, help: 'CPU request' },
      { flag: '--cpu-limit <cpu>', at: ['cpu', 'limit'], parse: cpuText, help: 'CPU limit' },
      { flag: '--memory-request <size>', at: ['memory', 'request'], parse: sizeText, help: 'memory request' },
      { flag: '--memory-limit <size>', at: ['memory', 'limit'], parse: sizeText, help: 'memory limit' },
    ],
    stages: HARDENED,
  }),
  uiAuthPassword: stageOption({
    value: v.never(`refused, a password must never be written into manifests: ${UI_AUTH_SECRET_HOWTO}`),
    help: 'always refused: a password would be written in clear into the manifests (the error says how to make the Secret)',
    secret: true,
    flags: [{ flag: '--ui-auth-password <password>' }],
    stages: ALL,
  }),
  networkPolicy: stageOption({
    value: rules.flag,
    default: false,
    help: 'a NetworkPolicy admitting only SMTP and UI traffic to the pod',
    flags: [{ flag: '--network-policy' }],
    stages: HARDENED,
  }),
  webroot: stageOption({
    ...MAILPIT_OPTIONS.webroot,
    flags: [{ flag: '--webroot <path>' }],
    stages: HARDENED,
  }),
  ...PRODUCTION_OPTIONS,
};

/** The variables that a prop of the stage, or the stage itself, sets, with what sets them: env may not set them too. */
function variablesSetElsewhere(stage: StageName): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(VARIABLES_OF_PROPS).map(([variable, prop]) => [variable, `the prop ${prop}`])),
    ...Object.fromEntries(
      Object.entries(STAGE_OPTIONS as Record<string, StageOption>).flatMap(([key, spec]) =>
        spec.variable && spec.stages.includes(stage) ? [[spec.variable, `the prop ${key}`]] : [],
      ),
    ),
    MP_DATABASE: 'the stage, which chooses where the database lives',
  };
}

/** The Mailpit settings that a stage's typed props make, by variable. */
export function settingsOf(props: Readonly<Record<string, unknown>>): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [key, spec] of Object.entries(STAGE_OPTIONS as Record<string, StageOption>)) {
    const value = props[key];
    if (spec.variable && value !== undefined) {
      const text = spec.asVariable ? spec.asVariable(value) : String(value);
      if (text !== undefined) {
        settings[spec.variable] = text;
      }
    }
  }
  return settings;
}

type Table = typeof STAGE_OPTIONS;
/** The options a stage takes. */
export type StageOptionKey<S extends StageName> = { [K in keyof Table]: S extends Table[K]['stages'][number] ? K : never }[keyof Table];
/** The props of one stage, as callers write them. */
export type StageProps<S extends StageName> = PropsOf<Pick<Table, StageOptionKey<S>>>;
/** The props of one stage with every default applied. */
export type ResolvedStageProps<S extends StageName> = ResolvedOf<Pick<Table, StageOptionKey<S>>>;
/** The options every stage takes. */
export type TakenByAll = { [K in keyof Table]: StageName extends Table[K]['stages'][number] ? K : never }[keyof Table];
/** The options a class cannot take from the teacher: those with an `inClass` reason. */
type NotInClass = { [K in keyof Table]: Table[K] extends { readonly inClass: string } ? K : never }[keyof Table];
/** The props a class gives every student's stage: all but those set per student. */
export type ClassStageProps<S extends StageName> = Omit<StageProps<S>, NotInClass>;

/** The stages that take an option. */
export function stagesTaking(key: string): readonly StageName[] {
  return optionOf(key)?.stages ?? [];
}

/** The option of a key, if the table has one: a key such as `__proto__` finds none. */
function optionOf(key: string): StageOption | undefined {
  return Object.hasOwn(STAGE_OPTIONS, key) ? (STAGE_OPTIONS as Record<string, StageOption>)[key] : undefined;
}

const tables = new Map<string, OptionTable>();

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
 * A stage's props, checked and with every default applied. A prop the stage does not take is
 * refused with the stages that do take it.
 */
export function resolveStageProps<S extends StageName>(stage: S, props: unknown, source: StagePropsSource): ResolvedStageProps<S> {
  const inClass = source.inClass ?? false;
  return resolveProps(tableOf(stage, inClass), props, {
    root: source.root,
    at: source.at,
    refine: (p: Record<string, any>, given: Record<string, unknown>) =>
      nfsOrStorage(p) ??
      (p.nfs !== undefined && p.env?.MP_DISABLE_WAL !== undefined
        ? { at: ['env', 'MP_DISABLE_WAL'], value: p.env.MP_DISABLE_WAL, allowed: 'set to true by nfs, as Mailpit advises on network file systems' }
        : undefined) ??
      (stage === 'hardened' ? productionRules(p, given) : undefined),
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
