import * as fs from 'node:fs';
import * as path from 'node:path';
import { STAGE_NAMES, STAGES } from '../stages';
import { InvalidOptionError } from '../options/errors';
import { KubeObject, synthStage } from '../synth/render';
import { cdk8sYaml } from '../synth/yaml';
import { evaluatePod, highestLevel, meets, PodLike, PodSecurityLevel, Violation } from './pod-security';

/** The verdict on one workload. */
export interface ReportRow {
  /** A stage name, or `file: Kind/name` for a folder of manifests. */
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

/** The pod template of a workload object, with what the template says of itself. */
export function podOf(object: KubeObject): PodLike | undefined {
  const spec = object.spec as any;
  switch (object.kind) {
    case 'Pod':
      return { metadata: object.metadata as PodLike['metadata'], spec };
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job':
      return spec?.template;
    case 'CronJob':
      return spec?.jobTemplate?.spec?.template;
    default:
      return undefined;
  }
}

/** One row per workload in `objects`. */
export function checkObjects(
  objects: readonly KubeObject[],
  subject: (object: KubeObject) => string,
  declared: (object: KubeObject) => PodSecurityLevel,
): ReportRow[] {
  return objects.flatMap((object) => {
    const pod = podOf(object);
    if (!pod) {
      return [];
    }
    const violations = evaluatePod(pod);
    return [{ subject: subject(object), declares: declared(object), passes: highestLevel(violations), violations }];
  });
}

/** Every stage with default props, against the level it declares. */
export function checkStages(): ReportRow[] {
  return STAGE_NAMES.flatMap((stage) =>
    checkObjects(synthStage(stage), () => stage, () => STAGES[stage].podSecurity),
  );
}

/**
 * Every workload in a folder of manifests (`.yaml`, `.yml`, `.json`, searched recursively). A
 * workload must pass the `pod-security.kubernetes.io/enforce` level of its Namespace when the
 * folder defines it, and `fallback` otherwise.
 */
export function checkDirectory(dir: string, fallback: PodSecurityLevel): ReportRow[] {
  const documents = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .sort()
    .flatMap((file) =>
      cdk8sYaml.parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((doc) => {
        if (doc.errors.length > 0) {
          throw new InvalidOptionError('--dir', dir, `a folder of YAML or JSON manifests, but ${file}: ${doc.errors[0].message.split('\n')[0]}`);
        }
        return { file, object: doc.toJS() as KubeObject };
      }),
    )
    .filter(({ object }) => object && typeof object === 'object' && typeof object.kind === 'string');

  const enforced = new Map<string, PodSecurityLevel>();
  for (const { object } of documents) {
    const level = (object.metadata as any)?.labels?.[NAMESPACE_ENFORCE_LABEL];
    if (object.kind === 'Namespace' && ['privileged', 'baseline', 'restricted'].includes(level)) {
      enforced.set(object.metadata.name, level);
    }
  }
  const fileOf = new Map(documents.map(({ file, object }) => [object, file]));
  return checkObjects(
    documents.map(({ object }) => object),
    (object) => `${fileOf.get(object)}: ${object.kind}/${object.metadata?.name}`,
    (object) => enforced.get(object.metadata?.namespace ?? '') ?? fallback,
  );
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
