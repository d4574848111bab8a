import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidOptionError } from '../options/errors';
import type { KubeObject } from '../synth/render';
import { InputFileError, readInputFile } from '../synth/input-file';
import { boolYaml11Tag, CORE_SCHEMA, loadAll, mergeTag } from 'js-yaml';
import { isPlainObject } from '../options/option';
import { podShapeProblem } from './pod-shape';
import { judge, PodLike, POD_SECURITY_LEVELS, PodSecurityLevel, Violation } from './pod-security';
import { checksAt } from './policy/registry';
import { NEWEST_MINOR, parseVersionLabel, versionText } from './policy/version';

/** The verdict on one workload. */
export interface ReportRow {
  /** A stage name (`stage: Kind/name` for a stage of several workloads), or `file: Kind/name` for a folder of manifests. */
  readonly subject: string;
  /** The level it must pass. */
  readonly declares: PodSecurityLevel;
  /** The Kubernetes minor version whose rules judge it: v1.<version>. */
  readonly version: number;
  /** The highest level it passes. */
  readonly passes: PodSecurityLevel;
  /**
   * Whether it passes the level it declares, as the admission controller decides: from v1.25 a
   * Windows pod may pass restricted while failing baseline.
   */
  readonly meetsDeclared: boolean;
  readonly violations: readonly Violation[];
  /** The pod, kept for the per-control records of the JSON format. */
  readonly pod: PodLike;
}

/** What a workload must pass: a level, by the rules of a Kubernetes version. */
export interface Declared {
  readonly level: PodSecurityLevel;
  readonly version: number;
}

/** Whether every row passes the level it declares. */
export function allMeetDeclared(rows: readonly ReportRow[]): boolean {
  return rows.every((row) => row.meetsDeclared);
}

/** Aliases a manifest document may hold: manifests rarely use any. */
const MAX_ALIASES = 100;

/**
 * How manifests read, as kubectl reads them (YAML 1.1 through go-yaml): `yes`, `on` and `y` are
 * true, and `<<` merges a mapping, so `privileged: yes` is caught as kubectl would apply it.
 * Tags beyond these, such as !!binary, are refused.
 */
const KUBECTL_SCHEMA = CORE_SCHEMA.withTags(mergeTag, boolYaml11Tag);

/**
 * Nodes a file may expand to, aliases followed: a few aliases to nested aliases (an alias bomb)
 * expand exponentially, which would exhaust memory when printed.
 */
function expansionProblem(text: string, documents: readonly unknown[]): string | undefined {
  const limit = Math.max(100_000, 20 * text.length);
  let nodes = 0;
  const stack: unknown[] = [...documents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (++nodes > limit) {
      return `aliases that expand to more than ${limit.toLocaleString('en-US')} nodes, an alias bomb`;
    }
    if (typeof node === 'object' && node !== null) {
      stack.push(...(Array.isArray(node) ? node : Object.values(node)));
    }
  }
  return undefined;
}

const NAMESPACE_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const NAMESPACE_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** Where each kind of workload keeps its pod: the path to its pod template; a Pod is one. */
export const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** A workload whose pod cannot be evaluated: the field, relative to the workload, and what it must be. */
export class WorkloadShapeError extends Error {
  public constructor(
    public readonly field: string,
    public readonly allowed: string,
    /** The workload, once known: `file: Kind/name`. */
    public readonly subject?: string,
  ) {
    super(`${subject === undefined ? '' : `${subject}: `}${field} must be ${allowed}`);
    this.name = 'WorkloadShapeError';
  }
}

/** The pod of a workload object, with what the template says of itself; undefined for other kinds. */
export function podOf(object: KubeObject): PodLike | undefined {
  const path = Object.hasOwn(POD_PATHS, object.kind) ? POD_PATHS[object.kind] : undefined;
  if (path === undefined) {
    return undefined;
  }
  const pod = path.length === 0 ? { metadata: object.metadata, spec: object.spec } : path.reduce<any>((node, key) => node?.[key], object);
  const problem = podShapeProblem(pod);
  if (problem) {
    const field = [...path, problem.field].filter((part) => part !== '').join('.').replace(/\.\[/g, '[');
    throw new WorkloadShapeError(field || '(the pod)', problem.allowed);
  }
  return pod as PodLike;
}

/** One row per workload in `objects`. */
export function checkObjects(
  objects: readonly KubeObject[],
  subject: (object: KubeObject) => string,
  declared: (object: KubeObject) => Declared,
): ReportRow[] {
  return objects.flatMap((object) => {
    let pod: PodLike | undefined;
    try {
      pod = podOf(object);
    } catch (error) {
      throw error instanceof WorkloadShapeError ? new WorkloadShapeError(error.field, error.allowed, subject(object)) : error;
    }
    if (!pod) {
      return [];
    }
    const { level, version } = declared(object);
    return [{ subject: subject(object), declares: level, version, ...judge(pod, version, level), pod }];
  });
}

/**
 * Every workload in a folder of manifests (`.yaml`, `.yml`, `.json`, searched recursively). A
 * workload must pass what the `pod-security.kubernetes.io/enforce` and `enforce-version` labels of
 * its Namespace say when the folder defines it, as the admission controller reads them (an
 * unknown level is restricted, an unknown or missing version the newest), and `fallback` otherwise.
 */
export function checkDirectory(dir: string, fallback: PodSecurityLevel | Declared): ReportRow[] {
  const otherwise: Declared = typeof fallback === 'string' ? { level: fallback, version: NEWEST_MINOR } : fallback;
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort();
  const refuse = (why: string) => new InvalidOptionError('--dir', dir, `a folder of YAML or JSON manifests, but ${why}`);
  return checkDocuments(files.map((file) => ({ file, path: path.join(dir, file) })), otherwise, refuse).map(({ row }) => row);
}

/** A workload's verdict, with the file and the object it comes from. */
export interface FileRow {
  readonly row: ReportRow;
  readonly file: string;
  readonly object: KubeObject;
}

/** The workloads of some manifest files, judged as those of a folder (cdk8s-cli's validation hands over files). */
export function checkFiles(files: readonly string[], fallback: Declared): FileRow[] {
  return checkDocuments(
    files.map((file) => ({ file, path: file })),
    fallback,
    (why) => new InvalidOptionError('manifests', files.join(', '), `YAML or JSON manifests, but ${why}`),
  );
}

function checkDocuments(files: readonly { file: string; path: string }[], otherwise: Declared, refuse: (why: string) => Error): FileRow[] {
  const documents = files
    .flatMap(({ file, path: at }) => {
      let text: string;
      try {
        text = readInputFile(at);
      } catch (error) {
        if (error instanceof InputFileError && /^is a folder/.test(error.reason)) {
          return []; // a folder named like a manifest: its files are listed on their own
        }
        throw error instanceof InputFileError ? refuse(`${file} ${error.reason}`) : error;
      }
      let objects: unknown[];
      try {
        // js-yaml reads a folder of manifests several times faster than yaml's document model,
        // which the writer needs and the check does not. Unique keys, and bounds on aliases.
        objects = loadAll(text, { schema: KUBECTL_SCHEMA, maxAliases: MAX_ALIASES });
      } catch (error) {
        throw refuse(`${file}: ${(error as Error).message.split('\n')[0]}`);
      }
      const expansion = expansionProblem(text, objects);
      if (expansion) {
        throw refuse(`${file}: ${expansion}`);
      }
      return objects.map((object) => ({ file, object: object as KubeObject }));
    })
    .filter(({ object }) => isPlainObject(object) && typeof object.kind === 'string')
    .map(({ file, object }) => ({ file, object: isPlainObject(object.metadata) ? object : { ...object, metadata: {} as KubeObject['metadata'] } }));

  const enforced = new Map<string, Declared>();
  for (const { object } of documents) {
    const labels = (object.metadata as any)?.labels ?? {};
    if (object.kind === 'Namespace' && labels[NAMESPACE_ENFORCE_LABEL] !== undefined) {
      const level = labels[NAMESPACE_ENFORCE_LABEL];
      const version = labels[NAMESPACE_ENFORCE_VERSION_LABEL];
      enforced.set(String(object.metadata.name), {
        level: (POD_SECURITY_LEVELS as readonly unknown[]).includes(level) ? level : 'restricted',
        version: (typeof version === 'string' ? parseVersionLabel(version) : undefined) ?? NEWEST_MINOR,
      });
    }
  }
  try {
    return documents.flatMap(({ file, object }) =>
      checkObjects(
        [object],
        () => `${file}: ${object.kind}/${object.metadata.name}`,
        () => enforced.get(String(object.metadata.namespace ?? '')) ?? otherwise,
      ).map((row) => ({ row, file, object })),
    );
  } catch (error) {
    throw error instanceof WorkloadShapeError ? refuse(error.message) : error;
  }
}

/** The report as a Markdown table: readable in a terminal, and pasted as is into the README. */
export function formatReport(rows: readonly ReportRow[], subject: 'stage' | 'workload' = 'stage'): string {
  const header = [subject, 'declares', 'passes', 'failing control', 'container', 'field'];
  const lines = rows.flatMap((row) => {
    const declares = `${row.declares}${row.version === NEWEST_MINOR ? '' : ` (${versionText(row.version)})`}`;
    const verdict = [row.subject, declares, row.meetsDeclared ? row.passes : `**${row.passes}** (below)`];
    if (row.violations.length === 0) {
      return [[...verdict, 'none', '', '']];
    }
    return row.violations.map((v, i) => [
      ...(i === 0 ? verdict : ['', '', '']),
      `${v.level}: ${v.control}`,
      v.container ?? '(pod)',
      `\`${v.field}\`: ${v.detail}`,
    ]);
  });
  const table = [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`);
  return `${table.join('\n')}\n`;
}

/** One record of the JSON report: a workload and one control, at the version it is judged by. */
export interface ControlRecord {
  readonly workload: string;
  readonly kubernetesVersion: string;
  readonly declared: PodSecurityLevel;
  /** The highest level the workload passes. */
  readonly met: PodSecurityLevel;
  readonly meetsDeclared: boolean;
  readonly level: 'baseline' | 'restricted';
  readonly control: string;
  readonly check: string;
  readonly passed: boolean;
  readonly findings: readonly { readonly container?: string; readonly field: string; readonly detail: string }[];
}

/**
 * The report for CI: one record per workload and control, each control that the workload's
 * version has, at baseline and restricted.
 */
export function reportRecords(rows: readonly ReportRow[]): ControlRecord[] {
  return rows.flatMap((row) => {
    const controls = [...checksAt('baseline', row.version), ...checksAt('restricted', row.version).filter(({ check }) => check.level === 'restricted')];
    return controls.map(({ check }) => {
      const findings = row.violations.filter((v) => v.check === check.id).map(({ container, field, detail }) => ({ ...(container === undefined ? {} : { container }), field, detail }));
      return {
        workload: row.subject,
        kubernetesVersion: versionText(row.version),
        declared: row.declares,
        met: row.passes,
        meetsDeclared: row.meetsDeclared,
        level: check.level,
        control: check.control,
        check: check.id,
        passed: findings.length === 0,
        findings,
      };
    });
  });
}
