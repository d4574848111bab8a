import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_DOMAIN, DEFAULT_NAMESPACE_PREFIX, quotaEntry } from '../classroom/classroom';
import { parseRoster, parseStudentList } from '../classroom/student-ids';
import { UI_AUTH_SECRET_HOWTO } from '../stages/hardened';
import { StageName, StageProps, StageSpecificProp, STAGE_NAMES, STAGES } from '../stages';
import { OutputFile } from '../synth/output-dir';
import { renderClassroomInParallel } from '../synth/parallel';
import { STAGE_FILE_NAME, synthStage, toManifestYaml } from '../synth/render';
import { dnsLabel, InvalidOptionError, validate, validateOptional } from '../validation';

// From the synth command's flags to files: which flags each stage takes, how each becomes a prop,
// and how a prop's error is reported under the flag that set it.

/** Flags as commander parses them; each maps to a stage prop below. */
export interface SynthFlags {
  readonly stage: StageName;
  readonly outdir: string;
  readonly namespace?: string;
  readonly host?: string;
  readonly image?: string;
  readonly runAsUser?: number;
  readonly storageClass?: string;
  readonly storageSize?: string;
  readonly uiAuthSecret?: { name: string; key: string };
  readonly uiAuthPassword?: string;
  readonly networkPolicy?: boolean;
  readonly webroot?: string;
  readonly cpuRequest?: string;
  readonly cpuLimit?: string;
  readonly memoryRequest?: string;
  readonly memoryLimit?: string;
  readonly roster?: string;
  readonly students?: string;
  readonly namespacePrefix?: string;
  readonly domain?: string;
  readonly quota?: Record<string, string>;
  readonly rbac?: boolean;
}

/** Flags that only make sense for a class, and flags that a class sets per student. */
const CLASS_FLAGS = ['--namespace-prefix', '--domain', '--quota', '--rbac'];
const PER_STUDENT_FLAGS = ['--namespace', '--host'];

/** Stage-specific flags: the prop each sets, and the prop path its errors name. */
const STAGE_FLAGS: Record<string, { prop: StageSpecificProp; errors: RegExp }> = {
  '--run-as-user': { prop: 'runAsUser', errors: /Props\.runAsUser$/ },
  '--storage-class': { prop: 'storageClassName', errors: /Props\.storageClassName$/ },
  '--storage-size': { prop: 'storageSize', errors: /Props\.storageSize$/ },
  '--ui-auth-secret': { prop: 'uiAuthSecret', errors: /Props\.uiAuthSecret/ },
  '--network-policy': { prop: 'networkPolicy', errors: /Props\.networkPolicy$/ },
  '--webroot': { prop: 'webroot', errors: /Props\.webroot$/ },
  '--cpu-request': { prop: 'resources', errors: /Props\.resources\.requests\.cpu$/ },
  '--cpu-limit': { prop: 'resources', errors: /Props\.resources\.limits\.cpu$/ },
  '--memory-request': { prop: 'resources', errors: /Props\.resources\.requests\.memory$/ },
  '--memory-limit': { prop: 'resources', errors: /Props\.resources\.limits\.memory$/ },
};
/** Common and class flags, and the prop paths whose errors they answer for. */
const OTHER_FLAG_ERRORS: Record<string, RegExp> = {
  '--host': /Props\.host$/,
  '--image': /Props\.image$/,
  '--domain': /^ClassroomProps\.domain$/,
  '--namespace-prefix': /^ClassroomProps\.namespacePrefix$/,
  '--quota': /^ClassroomProps\.quota/,
};

export function stagesAccepting(prop: StageSpecificProp): StageName[] {
  return STAGE_NAMES.filter((stage) => (STAGES[stage].accepts as readonly string[]).includes(prop));
}

export function parseUid(value: string): number {
  if (!/^-?[0-9]+$/.test(value)) {
    throw new InvalidOptionError('--run-as-user', value, 'a whole number from 1 to 2147483647');
  }
  return Number(value);
}

export function parseSecretKey(value: string): { name: string; key: string } {
  const [name, key = 'htpasswd', ...rest] = value.split(':');
  if (name === '' || key === '' || rest.length > 0) {
    throw new InvalidOptionError('--ui-auth-secret', value, 'NAME or NAME:KEY of an existing Secret holding an htpasswd file (KEY defaults to htpasswd)');
  }
  return { name, key };
}

export function parseQuota(entry: string, previous: Record<string, string> = {}): Record<string, string> {
  const [field, ...value] = validate('--quota', entry, quotaEntry).split('=');
  return { ...previous, [field]: value.join('=') };
}

/** commander's attribute for a flag: `--run-as-user` is `runAsUser`. */
function attributeOf(flag: string): keyof SynthFlags {
  return flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof SynthFlags;
}

/** The props the flags set, refusing flags that the chosen stage does not use. */
function stageProps(flags: SynthFlags): StageProps {
  if (flags.uiAuthPassword !== undefined) {
    throw new InvalidOptionError('--ui-auth-password', '<hidden>', `refused, a password must never be written into manifests: ${UI_AUTH_SECRET_HOWTO}`);
  }
  for (const [flag, { prop }] of Object.entries(STAGE_FLAGS)) {
    const value = flags[attributeOf(flag)];
    const accepted = stagesAccepting(prop);
    if (value !== undefined && !accepted.includes(flags.stage)) {
      throw new InvalidOptionError(flag, value, `not used by --stage ${flags.stage}; it applies to --stage ${accepted.join(' or ')}`);
    }
  }
  const compute = [flags.cpuRequest, flags.cpuLimit, flags.memoryRequest, flags.memoryLimit];
  return {
    host: flags.host,
    image: flags.image,
    runAsUser: flags.runAsUser,
    storageClassName: flags.storageClass,
    storageSize: flags.storageSize,
    uiAuthSecret: flags.uiAuthSecret,
    networkPolicy: flags.networkPolicy,
    webroot: flags.webroot,
    resources: compute.some((value) => value !== undefined)
      ? {
          requests: { cpu: flags.cpuRequest, memory: flags.memoryRequest },
          limits: { cpu: flags.cpuLimit, memory: flags.memoryLimit },
        }
      : undefined,
  };
}

/** A prop error, renamed after the flag that set the prop. */
export function asFlagError(error: InvalidOptionError): InvalidOptionError {
  const flags = { ...OTHER_FLAG_ERRORS, ...Object.fromEntries(Object.entries(STAGE_FLAGS).map(([flag, { errors }]) => [flag, errors])) };
  const flag = Object.entries(flags).find(([, pattern]) => pattern.test(error.option))?.[0];
  return flag ? new InvalidOptionError(flag, error.value, error.allowed) : error;
}

/** The class's student ids, from --roster or --students, checked with their line or position. */
function classIds(flags: SynthFlags, prefix: string, domain: string): string[] {
  if (flags.roster !== undefined && flags.students !== undefined) {
    throw new InvalidOptionError('--students', flags.students, 'either --roster or --students, not both');
  }
  if (flags.students !== undefined) {
    return parseStudentList(flags.students, prefix, domain);
  }
  let text: string;
  try {
    text = fs.readFileSync(flags.roster!, 'utf8');
  } catch (error) {
    throw new InvalidOptionError('--roster', flags.roster, `a readable file of student ids (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseRoster(text, flags.roster!, prefix, domain);
}

/** The files to write: one stage, or one file per student of a class. */
export async function synthFiles(flags: SynthFlags): Promise<{ files: OutputFile[]; summary: string }> {
  const isClass = flags.roster !== undefined || flags.students !== undefined;
  for (const flag of isClass ? PER_STUDENT_FLAGS : CLASS_FLAGS) {
    const value = flags[attributeOf(flag)];
    if (value !== undefined) {
      const allowed = isClass ? 'set per student in a class (see --namespace-prefix and --domain)' : 'used only with --roster or --students';
      throw new InvalidOptionError(flag, value, allowed);
    }
  }
  const props = stageProps(flags);
  if (!isClass) {
    const namespace = validateOptional('--namespace', flags.namespace, dnsLabel);
    const objects = synthStage({ stage: flags.stage, namespace, props });
    return {
      files: [{ name: STAGE_FILE_NAME, content: toManifestYaml(objects) }],
      summary: `${flags.stage}: wrote ${objects.length} objects to ${path.join(flags.outdir, STAGE_FILE_NAME)}`,
    };
  }
  const namespacePrefix = flags.namespacePrefix ?? DEFAULT_NAMESPACE_PREFIX;
  const domain = flags.domain ?? DEFAULT_DOMAIN;
  const students = classIds(flags, namespacePrefix, domain);
  const { files } = await renderClassroomInParallel({
    students,
    stage: flags.stage,
    stageProps: props,
    namespacePrefix,
    domain,
    quota: flags.quota,
    rbac: flags.rbac,
  });
  return { files, summary: `${flags.stage}: wrote ${files.length} students to ${flags.outdir}/, one file each` };
}

