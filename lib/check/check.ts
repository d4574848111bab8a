import * as fs from 'node:fs';
import * as path from 'node:path';
import { InvalidOptionError } from '../options/errors';
import type { KubeObject } from '../synth/render';
import { type ManifestFile, readManifests } from './manifests';
import { judge, type PodLike, POD_SECURITY_LEVELS, type PodSecurityLevel } from './pod-security';
import { NEWEST_MINOR, parseVersionLabel } from './policy/version';
import type { ReportRow } from './report';
import { podOf, WorkloadShapeError } from './workloads';

// Each workload judged against the level it must pass: objects, a folder of manifests, or the
// files cdk8s-cli hands over. The rows are formatted by report.ts.

/** What a workload must pass: a level, by the rules of a Kubernetes version. */
export interface Declared {
  readonly level: PodSecurityLevel;
  readonly version: number;
}

const NAMESPACE_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const NAMESPACE_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** One row per workload in `objects`. */
export function checkObjects(objects: readonly KubeObject[], subject: (object: KubeObject) => string, declared: (object: KubeObject) => Declared): ReportRow[] {
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
  return checkDocuments(
    files.map((file) => ({ file, path: path.join(dir, file) })),
    otherwise,
    refuse,
  ).map(({ row }) => row);
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

function checkDocuments(files: readonly ManifestFile[], otherwise: Declared, refuse: (why: string) => Error): FileRow[] {
  const documents = readManifests(files, refuse);
  const enforced = new Map<string, Declared>();
  for (const { object } of documents) {
    // biome-ignore lint/suspicious/noExplicitAny: a manifest read from a file, whose labels may be anything
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
