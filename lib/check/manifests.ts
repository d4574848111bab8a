import { boolYaml11Tag, CORE_SCHEMA, loadAll, mergeTag } from 'js-yaml';
import { isPlainObject } from '../options/plain-data';
import type { KubeObject } from '../synth/render';
import { InputFileError, readInputFile } from '../synth/input-file';

// Manifest files read as kubectl reads them, bounded: what a folder of manifests holds, before any
// workload in it is looked at.

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

/** A file of manifests: `file` names it in messages, `path` reads it. */
export interface ManifestFile {
  readonly file: string;
  readonly path: string;
}

/**
 * The Kubernetes objects of manifest files (those with a kind), each with its file; an object
 * without metadata gets an empty one. `refuse` makes the error for a file that cannot be read.
 */
export function readManifests(files: readonly ManifestFile[], refuse: (why: string) => Error): { file: string; object: KubeObject }[] {
  return files
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
}
