import { Size } from 'cdk8s';
import * as v from 'valibot';
import { LAB_MAILDIR_OPTIONS } from '../building-blocks/lab-maildir';
import { MAILPIT_OPTIONS } from '../building-blocks/mailpit';
import { RQLITE_OPTIONS, RQLITE_SIZE_NOTE } from '../building-blocks/rqlite';
import { HARDENED, PRODUCTION, PRODUCTION_OPTIONS } from './production-options';
import type { Option, PropsOf, ResolvedOf } from '../options/option';
import { cpu, sizeValue } from '../options/quantities';
import { cpuOrNoneText, sizeOrNoneText, sizeText, wholeNumberText } from '../options/text-forms';
import * as rules from '../options/rules';
import { RQLITE_STAGES, type StageName, STAGE_NAMES } from './names';

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
  // biome-ignore lint/suspicious/noExplicitAny: each option converts its own value type; the table holds them side by side
  readonly asVariable?: (value: any) => string | undefined;
  /** What differs for one stage: a stricter rule, another default. */
  readonly perStage?: { readonly [S in StageName]?: Partial<Pick<Option, 'value' | 'default' | 'defaultText' | 'refine'>> };
  /** Why a class cannot take it from the teacher (it is set per student, or shared it would break). */
  readonly inClass?: string;
}

function stageOption<const O extends StageOption>(spec: O): O {
  return spec;
}

/** The Mailpit release the hardened and ha stages run unless told otherwise, and the new version of TD 10. */
export const MAILPIT_RELEASE_IMAGE = 'axllent/mailpit:v1.30.5';

/** The release before it: the version in production that TD 10's canary and green slot replace. */
export const MAILPIT_PREVIOUS_IMAGE = 'axllent/mailpit:v1.30.4';

/** How to create the Secret that `uiAuthSecret` reads; the config stage reads mailpit-auth already. */
export const UI_AUTH_SECRET_HOWTO =
  'create a Secret with an htpasswd file (kubectl create secret generic mailpit-auth --from-file=htpasswd=./htpasswd, ' +
  'the file made with `htpasswd -cB htpasswd USER`) and pass uiAuthSecret {name: "mailpit-auth", key: "htpasswd"} ' +
  '(CLI: --ui-auth-secret mailpit-auth:htpasswd; the config stage reads that Secret by default)';

const ALL = STAGE_NAMES;
/** The stages of one version of Mailpit: all but those that run two, each with its own image. */
const ONE_IMAGE = STAGE_NAMES.filter((stage) => stage !== 'canary' && stage !== 'blue-green');
const LAB_STORAGE = ['pvc', 'pvc-secure'] as const;
const SECURE = ['pvc-secure', 'hardened', 'ha'] as const;
const ON_RQLITE = RQLITE_STAGES;
const pinned = { value: rules.pinnedImageReference, default: MAILPIT_RELEASE_IMAGE };

/**
 * A track of a canary, or a slot of a blue-green pair: a Deployment `mailpit-<id>` beside the
 * other, with its own image and pods, on the database both share.
 */
function variantOption<const S extends StageName>(id: string, what: string, defaults: { image: string; replicas: number }, stage: S) {
  const value = v.strictObject({ image: v.optional(rules.pinnedImageReference), replicas: v.optional(rules.wholeNumber(0)) }, 'an object { image, replicas }');
  return {
    value,
    default: defaults,
    help: `${what}: the Deployment <name>-${id}, its image and its pods`,
    defaultText: `${defaults.image}, ${defaults.replicas} pod${defaults.replicas === 1 ? '' : 's'}`,
    flags: [
      { flag: `--${id}-image <image>`, at: ['image'], help: `image of the ${id} ${stage === 'canary' ? 'track' : 'slot'}` },
      { flag: `--${id}-replicas <count>`, at: ['replicas'], parse: wholeNumberText, help: `pods of the ${id} ${stage === 'canary' ? 'track' : 'slot'}` },
    ],
    stages: [stage] as const,
  };
}

/**
 * The rqlite database of a stage's Mailpits: a cluster of its own, or an existing one by its URL.
 * Mailpit's documentation asks for disableClusterDiscovery=true on Kubernetes: its client then
 * reaches rqlite through the Service alone, never the nodes it would discover.
 */
const rqliteOfStage = v.strictObject(
  {
    nodes: v.optional(RQLITE_OPTIONS.nodes.value),
    storageClassName: v.optional(RQLITE_OPTIONS.storageClassName.value),
    storageSize: v.optional(RQLITE_OPTIONS.storageSize.value),
    resources: v.optional(RQLITE_OPTIONS.resources.value),
    url: v.optional(
      rules.text(
        'an http:// or https:// URL of an rqlite cluster with disableClusterDiscovery=true, such as http://rqlite.db.svc:4001?disableClusterDiscovery=true',
        (value) => value.length <= 2048 && /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?\?(?:[^\s#]*&)?disableClusterDiscovery=true(?:&[^\s#]*)?$/.test(value),
      ),
    ),
  },
  'an object { nodes, storageClassName, storageSize, resources } for a cluster of its own, or { url } for an existing one',
);

const HARDENED_RESOURCES = {
  cpu: { request: cpu('50m'), limit: cpu('500m') },
  memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
};

/** The stages of TD 8's switches: config, which turns them on, and the production stages. */
const CONFIG_AND_PRODUCTION = ['config', ...PRODUCTION] as const;

/** A Mailpit switch of the production stages that TD 8 turns on, with a flag that turns it off. */
function onInConfig<const O extends StageOption>(spec: O, off: string): Omit<O, 'stages'> & { readonly stages: typeof CONFIG_AND_PRODUCTION } {
  return {
    ...spec,
    stages: CONFIG_AND_PRODUCTION,
    perStage: { config: { default: true } },
    flags: [...(spec.flags ?? []), { flag: off, help: `${spec.variable} off, for config, which turns it on` }],
  };
}

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
    help: 'image of Mailpit, and of the init-pv init container',
    flags: [{ flag: '--image <image>' }],
    stages: ONE_IMAGE,
    perStage: { hardened: pinned, ha: pinned },
  }),
  imagePullPolicy: stageOption({ ...MAILPIT_OPTIONS.imagePullPolicy, stages: ALL }),
  host: stageOption({
    ...MAILPIT_OPTIONS.host,
    flags: [{ flag: '--host <host>' }],
    stages: ALL,
    inClass: "set per student in a class, as the id under the class's domain (domain, --domain)",
  }),
  ingressClassName: stageOption({ ...MAILPIT_OPTIONS.ingressClassName, stages: ALL }),
  // Its rule is the stage's: a variable is refused where the stage has the prop that sets it (lib/stages/rules.ts).
  env: stageOption({ ...MAILPIT_OPTIONS.env, refine: undefined, stages: ALL }),
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
    help: 'user id of Mailpit, never 0; in pvc-secure also the owner init-pv gives /maildir',
    flags: [{ flag: '--run-as-user <uid>', parse: wholeNumberText }],
    stages: SECURE,
  }),
  runAsGroup: stageOption({
    value: rules.nonRootId,
    default: 1000,
    help: 'group id of the pod, never 0, and its fsGroup, which gives the volume to that group',
    flags: [{ flag: '--run-as-group <gid>', parse: wholeNumberText }],
    stages: PRODUCTION,
  }),
  storageClassName: stageOption({
    value: rules.dnsSubdomain,
    help: "StorageClass of Mailpit's database claim, each pod's in a StatefulSet (instead of the hostPath PVs). Any well-formed name is passed through, the cluster knows its classes",
    defaultText: "the cluster's default StorageClass; statefulset: manual, on the hostPath PVs",
    flags: [{ flag: '--storage-class <class>' }],
    stages: ['statefulset', ...HARDENED],
  }),
  storageSize: stageOption({
    value: sizeValue,
    default: Size.gibibytes(1),
    help: "size of Mailpit's database claim, each pod's in a StatefulSet (and of its hostPath PV)",
    flags: [{ flag: '--storage-size <size>', parse: sizeText }],
    stages: ['statefulset', ...HARDENED],
    perStage: { statefulset: { default: Size.mebibytes(10) } },
  }),
  persistentVolumes: stageOption({
    value: rules.wholeNumberFrom(0, 'a whole number of volumes from 0 to 32', 32),
    default: 2,
    help: 'hostPath PersistentVolumes of class manual made for the claims, one per ordinal the StatefulSet may scale to: pv-<name>-<ordinal> at /tmp/pv-<name>-<ordinal> (in a namespace: pv-<namespace>-<name>-<ordinal>, reserved for its claim); none with storageClassName',
    flags: [{ flag: '--persistent-volumes <count>', parse: wholeNumberText }],
    stages: ['statefulset'],
  }),
  replicas: stageOption({
    value: rules.wholeNumber(1),
    default: 1,
    help: 'pods of Mailpit: in a StatefulSet, each with its own claim and inbox (statefulset), or on one rqlite database (ha, at least 2)',
    flags: [{ flag: '--replicas <count>', parse: wholeNumberText }],
    stages: ['statefulset', 'ha'],
    perStage: { ha: { value: rules.wholeNumberFrom(2, 'a whole number from 2 to 2147483647: ha runs at least two Mailpits'), default: 2 } },
  }),
  stable: stageOption(variantOption('stable', 'the stable track: the version in production, on most of the traffic', { image: MAILPIT_PREVIOUS_IMAGE, replicas: 3 }, 'canary')),
  canary: stageOption(
    variantOption(
      'canary',
      'the canary track: the new version, on a share of the traffic, canary.replicas / (stable.replicas + canary.replicas); 0 pods rolls it back',
      { image: MAILPIT_RELEASE_IMAGE, replicas: 1 },
      'canary',
    ),
  ),
  blue: stageOption(variantOption('blue', 'the blue slot: the version in production', { image: MAILPIT_PREVIOUS_IMAGE, replicas: 1 }, 'blue-green')),
  green: stageOption(variantOption('green', 'the green slot: the new version, tried before the Service switches to it', { image: MAILPIT_RELEASE_IMAGE, replicas: 1 }, 'blue-green')),
  active: stageOption({
    value: rules.oneOf(['blue', 'green']),
    default: 'blue',
    help: 'the slot the Service selects: changing it and applying again is the switch, and the way back',
    flags: [{ flag: '--active <slot>' }],
    stages: ['blue-green'],
  }),
  configChecksum: stageOption({
    ...MAILPIT_OPTIONS.configChecksum,
    default: false,
    help: 'a hash of the ConfigMap on the pod template, so that a changed setting rolls the pod by itself; without it a change waits for kubectl rollout restart',
    flags: [{ flag: '--config-checksum' }],
    stages: ['config'],
  }),
  rqlite: stageOption({
    value: rqliteOfStage,
    default: { nodes: 1 },
    help: `the rqlite database the Mailpits share: a cluster of their own, <name>-rqlite beside a Mailpit of another name than mailpit ({ nodes, storageClassName, storageSize, resources }; 1 node for a lab, 3 survive the loss of one; ${RQLITE_SIZE_NOTE.replace(/^It/, 'nodes')}), or an existing one ({ url }), shared with other Mailpits through tenantId`,
    defaultText: 'a cluster of its own of 1 node; ha: 3 nodes',
    flags: [
      { flag: '--rqlite-nodes <count>', at: ['nodes'], parse: wholeNumberText, help: 'nodes of its own rqlite cluster: 1 for a lab, 3 survive the loss of one' },
      { flag: '--rqlite-storage-class <class>', at: ['storageClassName'], help: "StorageClass of each rqlite node's claim" },
      { flag: '--rqlite-storage-size <size>', at: ['storageSize'], parse: sizeText, help: "size of each rqlite node's claim" },
      { flag: '--rqlite-url <url>', at: ['url'], help: 'an existing rqlite cluster instead of one of its own, with disableClusterDiscovery=true' },
    ],
    stages: ON_RQLITE,
    perStage: { ha: { default: { nodes: 3 } } },
  }),
  claimName: stageOption({ value: rules.dnsSubdomain, default: 'pvc-mailpit', help: 'name of the database claim', stages: HARDENED }),
  resources: stageOption({
    ...MAILPIT_OPTIONS.resources,
    help: 'requests and limits of the Mailpit container, each field replacing its default, null for none (none on the command line); a limit below its request is refused',
    default: HARDENED_RESOURCES,
    defaultText: `requests ${HARDENED_RESOURCES.cpu.request.amount} CPU and ${HARDENED_RESOURCES.memory.request.asString()} memory, limits ${HARDENED_RESOURCES.cpu.limit.amount} CPU and ${HARDENED_RESOURCES.memory.limit.asString()} memory`,
    flags: [
      { flag: '--cpu-request <cpu>', at: ['cpu', 'request'], parse: cpuOrNoneText, help: 'CPU request, or none' },
      { flag: '--cpu-limit <cpu>', at: ['cpu', 'limit'], parse: cpuOrNoneText, help: 'CPU limit, or none (no throttling)' },
      { flag: '--memory-request <size>', at: ['memory', 'request'], parse: sizeOrNoneText, help: 'memory request, or none' },
      { flag: '--memory-limit <size>', at: ['memory', 'limit'], parse: sizeOrNoneText, help: 'memory limit, or none' },
    ],
    stages: PRODUCTION,
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
    stages: PRODUCTION,
  }),
  webroot: stageOption({
    ...MAILPIT_OPTIONS.webroot,
    flags: [{ flag: '--webroot <path>' }],
    stages: PRODUCTION,
  }),
  ...PRODUCTION_OPTIONS,
  // The settings of TD 8, with the lab's values: they show in the ConfigMap. The switches it turns
  // on get a --no- flag, to turn them off there.
  maxMessages: stageOption({ ...PRODUCTION_OPTIONS.maxMessages, stages: ['config', ...PRODUCTION], perStage: { config: { default: 100 } } }),
  verbose: onInConfig(PRODUCTION_OPTIONS.verbose, '--no-verbose'),
  smtpAuthAcceptAny: onInConfig(PRODUCTION_OPTIONS.smtpAuthAcceptAny, '--no-smtp-auth-accept-any'),
  smtpAuthAllowInsecure: onInConfig(PRODUCTION_OPTIONS.smtpAuthAllowInsecure, '--no-smtp-auth-allow-insecure'),
  uiAuthSecret: stageOption({
    ...PRODUCTION_OPTIONS.uiAuthSecret,
    stages: ['config', ...PRODUCTION],
    perStage: { config: { default: { name: 'mailpit-auth', key: 'htpasswd' }, defaultText: 'mailpit-auth:htpasswd, the Secret the student creates' } },
  }),
  tenantId: stageOption({
    ...PRODUCTION_OPTIONS.tenantId,
    stages: [...PRODUCTION, 'canary', 'blue-green'],
    inClass: "set per student in a class on rqlite: the student id, '-' written '_'",
  }),
};

/** Every option of the stages. */
export type StageOptionTable = typeof STAGE_OPTIONS;
/** The options a stage takes. */
export type StageOptionKey<S extends StageName> = { [K in keyof StageOptionTable]: S extends StageOptionTable[K]['stages'][number] ? K : never }[keyof StageOptionTable];
/** The props of one stage, as callers write them. */
export type StageProps<S extends StageName> = PropsOf<Pick<StageOptionTable, StageOptionKey<S>>>;
/** The props of one stage with every default applied. */
export type ResolvedStageProps<S extends StageName> = ResolvedOf<Pick<StageOptionTable, StageOptionKey<S>>>;
/** The options every stage takes. */
export type TakenByAll = { [K in keyof StageOptionTable]: StageName extends StageOptionTable[K]['stages'][number] ? K : never }[keyof StageOptionTable];
/** The options a class cannot take from the teacher: those with an `inClass` reason. */
type NotInClass = { [K in keyof StageOptionTable]: StageOptionTable[K] extends { readonly inClass: string } ? K : never }[keyof StageOptionTable];
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
