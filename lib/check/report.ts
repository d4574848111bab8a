import * as fs from 'node:fs';
import * as path from 'node:path';
import { STAGE_NAMES, STAGES } from '../stages';
import { InvalidOptionError } from '../options/errors';
import { KubeObject, synthStage } from '../synth/render';
import { InputFileError, readInputFile } from '../synth/input-file';
import { cdk8sYaml } from '../synth/yaml';
import { isPlainObject } from '../options/option';
import { podShapeProblem } from './pod-shape';
import { evaluatePod, highestLevel, meets, PodLike, PodSecurityLevel, Violation } from './pod-security';

/** The verdict on one workload. */
export interface ReportRow {
  /** A stage name (`stage: Kind/name` for a stage of several workloads), or `file: Kind/name` for a folder of manifests. */
  readonly subject: string;
  /** The level it must pass. */
  readonly declares: PodSecurityLevel;
  /** The highest level it passes. */
  readonly passes: PodSecurityLevel;
  readonly violations: readonly Violation[];
}

/** Whether every row passes the level it declares. */
export function allMeetDeclared(rows: readonly ReportRow[]): boolean {
  return rows.every((row) => meets(row.passes, row.declares));
}

const NAMESPACE_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** Where each kind of workload keeps its pod: the path to its pod template; a Pod is one. */
const POD_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
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
  const path = POD_PATHS[object.kind];
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
  declared: (object: KubeObject) => PodSecurityLevel,
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
    const violations = evaluatePod(pod);
    return [{ subject: subject(object), declares: declared(object), passes: highestLevel(violations), violations }];
  });
}

/** Every stage with default props, against the level it declares. */
export function checkStages(): ReportRow[] {
  return STAGE_NAMES.flatMap((stage) => {
    const objects = synthStage(stage);
    // A stage of several workloads (rqlite beside Mailpit, two Deployments) names each of them.
    const several = objects.filter((object) => POD_PATHS[object.kind] !== undefined).length > 1;
    return checkObjects(objects, (object) => (several ? `${stage}: ${object.kind}/${object.metadata.name}` : stage), () => STAGES[stage].podSecurity);
  });
}

/**
 * Every workload in a folder of manifests (`.yaml`, `.yml`, `.json`, searched recursively). A
 * workload must pass the `pod-security.kubernetes.io/enforce` level of its Namespace when the
 * folder defines it, and `fallback` otherwise.
 */
export function checkDirectory(dir: string, fallback: PodSecurityLevel): ReportRow[] {
  const refuse = (why: string) => new InvalidOptionError('--dir', dir, `a folder of YAML or JSON manifests, but ${why}`);
  const documents = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort()
    .flatMap((file) => {
      let text: string;
      try {
        text = readInputFile(path.join(dir, file));
      } catch (error) {
        if (error instanceof InputFileError && /^is a folder/.test(error.reason)) {
          return []; // a folder named like a manifest: its files are listed on their own
        }
        throw error instanceof InputFileError ? refuse(`${file} ${error.reason}`) : error;
      }
      return cdk8sYaml.parseAllDocuments(text).map((doc) => {
        if (doc.errors.length > 0) {
          throw refuse(`${file}: ${doc.errors[0].message.split('\n')[0]}`);
        }
        try {
          return { file, object: doc.toJS() as KubeObject };
        } catch (error) {
          throw refuse(`${file}: ${(error as Error).message.split('\n')[0]}`); // such as too many aliases
        }
      });
    })
    .filter(({ object }) => isPlainObject(object) && typeof object.kind === 'string')
    .map(({ file, object }) => ({ file, object: isPlainObject(object.metadata) ? object : { ...object, metadata: {} as KubeObject['metadata'] } }));

  const enforced = new Map<string, PodSecurityLevel>();
  for (const { object } of documents) {
    const level = (object.metadata as any)?.labels?.[NAMESPACE_ENFORCE_LABEL];
    if (object.kind === 'Namespace' && ['privileged', 'baseline', 'restricted'].includes(level)) {
      enforced.set(object.metadata.name, level);
    }
  }
  const fileOf = new Map(documents.map(({ file, object }) => [object, file]));
  try {
    return checkObjects(
      documents.map(({ object }) => object),
      (object) => `${fileOf.get(object)}: ${object.kind}/${object.metadata.name}`,
      (object) => enforced.get(String(object.metadata.namespace ?? '')) ?? fallback,
    );
  } catch (error) {
    throw error instanceof WorkloadShapeError ? refuse(error.message) : error;
  }
}

/** The report as a Markdown table: readable in a terminal, and pasted as is into the README. */
export function formatReport(rows: readonly ReportRow[], subject: 'stage' | 'workload' = 'stage'): string {
  const header = [subject, 'declares', 'passes', 'failing control', 'container', 'field'];
  const lines = rows.flatMap((row) => {
    const verdict = [row.subject, row.declares, meets(row.passes, row.declares) ? row.passes : `**${row.passes}** (below)`];
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
