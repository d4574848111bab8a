import { createRequire } from 'node:module';
import { Yaml } from 'cdk8s';
import type * as YamlLibrary from 'yaml';
import { isPlainObject } from '../options/plain-data';

/**
 * The yaml library cdk8s itself writes with (cdk8s bundles its own copy): rendering scalars with
 * that very copy keeps our bytes equal to cdk8s's, and adds no second copy to load.
 */
export const cdk8sYaml: typeof YamlLibrary = createRequire(require.resolve('cdk8s'))('yaml');
const { stringify } = cdk8sYaml;

// The options of cdk8s's Yaml.stringify, so that both paths write the same bytes.
const OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/** A value this writer leaves to the yaml library. */
class Unsupported extends Error {}

/**
 * How the yaml library writes each distinct scalar or key, by the place it takes and its type. A key
 * at the start of a line reads differently (`---` there would start a document), so top-level keys
 * have their own cache.
 */
const cache = {
  topKey: new Map<string, string>(),
  key: new Map<string, string>(),
  value: new Map<unknown, string>(),
  item: new Map<unknown, string>(),
};

function cached<T>(map: Map<T, string>, value: T, render: () => string): string {
  let text = map.get(value);
  if (text === undefined) {
    text = render();
    if (text.includes('\n')) {
      throw new Unsupported(); // a block scalar or a complex key: leave the whole document to yaml
    }
    map.set(value, text);
  }
  return text;
}

function scalar(place: 'value' | 'item', value: unknown): string {
  if (value === null || value === undefined || typeof value === 'object' || Object.is(value, -0)) {
    // -0 and 0 are one Map key (SameValueZero), but yaml writes them apart.
    throw new Unsupported();
  }
  // Strings, numbers and booleans are distinct Map keys, so "1" and 1 never share an entry.
  return place === 'value'
    ? cached(cache.value, value, () => stringify({ k: value }, OPTIONS).slice('k: '.length, -1))
    : cached(cache.item, value, () => stringify([value], OPTIONS).slice('- '.length, -1));
}

function key(name: string, top: boolean): string {
  return top
    ? cached(cache.topKey, name, () => stringify({ [name]: 0 }, OPTIONS).slice(0, -': 0\n'.length))
    : cached(cache.key, name, () => stringify({ k: { [name]: 0 } }, OPTIONS).slice('k:\n  '.length, -': 0\n'.length));
}

/** Whether an object or array appears twice: yaml writes an anchor and an alias for it. */
function sharesReferences(document: unknown): boolean {
  const seen = new Set<object>();
  const visit = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null) {
      return false;
    }
    if (seen.has(value)) {
      return true;
    }
    seen.add(value);
    return Object.values(value).some(visit);
  };
  return visit(document);
}

function writeMap(map: Record<string, unknown>, indent: string, out: string[]): void {
  for (const [name, value] of Object.entries(map)) {
    const head = `${indent}${key(name, indent === '')}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out.push(`${head} []`);
      } else {
        out.push(head);
        writeSequence(value, `${indent}  `, out);
      }
    } else if (isPlainObject(value)) {
      if (Object.keys(value).length === 0) {
        out.push(`${head} {}`);
      } else {
        out.push(head);
        writeMap(value, `${indent}  `, out);
      }
    } else {
      out.push(`${head} ${scalar('value', value)}`);
    }
  }
}

function writeSequence(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (Array.isArray(item)) {
      throw new Unsupported();
    } else if (isPlainObject(item)) {
      if (Object.keys(item).length === 0) {
        out.push(`${indent}- {}`);
      } else {
        const first = out.length;
        writeMap(item, `${indent}  `, out);
        out[first] = `${indent}- ${out[first].slice(indent.length + 2)}`;
      }
    } else {
      out.push(`${indent}- ${scalar('item', item)}`);
    }
  }
}

/**
 * A multi-document YAML text, byte for byte as cdk8s's `Yaml.stringify` writes it, several times
 * faster on the plain JSON that synthesis produces: the block structure is written here, and every
 * scalar and key is rendered by the yaml library itself, once per distinct value. A document with
 * anything else (nulls, -0, multi-line strings, nested sequences, an object referenced twice) is
 * left to `Yaml.stringify`.
 */
export function stringifyDocuments(documents: readonly unknown[]): string {
  return documents
    .map((document) => {
      if (!isPlainObject(document) || Object.keys(document).length === 0 || sharesReferences(document)) {
        return Yaml.stringify(document);
      }
      try {
        const out: string[] = [];
        writeMap(document, '', out);
        return `${out.join('\n')}\n`;
      } catch (error) {
        if (error instanceof Unsupported) {
          return Yaml.stringify(document);
        }
        throw error;
      }
    })
    .join('---\n');
}
