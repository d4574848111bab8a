import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { DataFormError, fromData } from '../options/data-forms';
import { formatPath, InvalidOptionError, type PropPath } from '../options/errors';
import { isPlainObject } from '../options/plain-data';
import { tableOf } from '../stages/resolve';
import type { StageName } from '../stages/names';
import { InputFileError, readInputFile } from '../synth/input-file';

// A values file: the props of a stage in YAML, for users who do not write TypeScript. Its keys are
// the props of the library; quantities are written as in a manifest (64Mi, 500m, 7d). Every key
// keeps its line, so that an error names the file, the line and the key path.

/**
 * A key of the values file, and where it is. Errors show the value as the stage saw it, never the
 * text: under a key nobody declared, it may be a misspelt password.
 */
export interface ValuesSource {
  /** The prop path it sets, inside the stage's props. */
  readonly path: PropPath;
  /** How errors name it: `values.yaml:12 smtpService.port`. */
  readonly name: string;
}

export interface ValuesFile {
  /** The stage's props, with quantities made typed values: plain data otherwise, checked by the stage. */
  readonly props: Record<string, unknown>;
  readonly sources: readonly ValuesSource[];
}

/** A values file is a few kilobytes; a megabyte is far above any. */
export const VALUES_FILE_LIMIT = 1024 * 1024;

/** An anchor used more often than this is refused: a file of aliases can expand exponentially. */
const MAX_ALIAS_COUNT = 100;

/** The props of `stage` that a values file sets, and where each is. */
export function readValuesFile(file: string, stage: StageName): ValuesFile {
  const refuse = (allowed: string): never => {
    throw new InvalidOptionError('--values', file, allowed);
  };
  let text = '';
  try {
    text = readInputFile(file, VALUES_FILE_LIMIT);
  } catch (error) {
    if (!(error instanceof InputFileError)) {
      throw error;
    }
    refuse(`a regular YAML file of ${stage} props, 1 MiB at most, but it ${error.reason}`);
  }
  const lines = new LineCounter();
  // YAML 1.2 core: `yes` and `on` stay strings; keys are strings; a key given twice is an error;
  // a tag beyond the core schema, such as !!binary, is refused rather than made into a Buffer.
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    stringKeys: true,
    version: '1.2',
    schema: 'core',
    resolveKnownTags: false,
  });
  const where = (offset: number) => `line ${lines.linePos(offset).line}`;
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    refuse(`YAML, but at ${where(problem.pos[0])}: ${problem.message.replace(/\s+/g, ' ').trim()}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    refuse(`YAML without excessive aliases, but ${(error as Error).message.replace(/\s+/g, ' ').trim()}`);
  }
  if (data === null || data === undefined) {
    return { props: {}, sources: [] };
  }
  if (!isPlainObject(data)) {
    refuse(`a YAML mapping of ${stage} props, such as "maxMessages: 5000"`);
  }

  const sources: ValuesSource[] = [];
  const visit = (node: unknown, path: PropPath, line: number) => {
    const name = `${file}:${line} ${formatPath(path)}`;
    sources.push({ path, name });
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined) {
          visit(pair.value, [...path, key], lineOf(pair.key, lines) ?? line);
        }
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i], lineOf(item, lines) ?? line));
    }
  };
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key)) {
        visit(pair.value, [String(pair.key.value)], lineOf(pair.key, lines) ?? 1);
      }
    }
  }

  const table = tableOf(stage, false);
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    try {
      // Defined, not assigned: a key __proto__ stays a key, which the stage refuses.
      const prop = Object.hasOwn(table, key) ? fromData(table[key].value, value, [key]) : value;
      Object.defineProperty(props, key, { value: prop, enumerable: true, writable: true, configurable: true });
    } catch (error) {
      if (!(error instanceof DataFormError)) {
        throw error;
      }
      const source = sources.find((s) => formatPath(s.path) === formatPath(error.path));
      throw new InvalidOptionError(source?.name ?? `${file} ${formatPath(error.path)}`, error.data, error.allowed, error.path);
    }
  }
  return { props, sources };
}

function lineOf(node: unknown, lines: LineCounter): number | undefined {
  const range = (node as Node | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}
