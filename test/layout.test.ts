import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

// The folders show the architecture: these rules keep them showing it.

const ROOT = path.resolve(__dirname, '..');

/** Every TypeScript file below these folders of the project. */
function sources(...folders: string[]): string[] {
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? (entry.name === 'node_modules' ? [] : walk(full)) : /\.(ts|mts|cts)$/.test(entry.name) ? [full] : [];
    });
  return folders.flatMap((folder) => walk(path.join(ROOT, folder)));
}

/** An import or export of kubernetes-types: a closing brace, then its module. */
const KUBERNETES_TYPES = /\}\s*from\s*['"]kubernetes-types/;

describe('imports/', () => {
  it('is the only place that takes Kubernetes types from kubernetes-types', () => {
    const outside = sources('lib', 'test', 'bench', 'scripts', 'examples').filter((file) => KUBERNETES_TYPES.test(fs.readFileSync(file, 'utf8')));
    expect(outside.map((file) => path.relative(ROOT, file))).toEqual([]);
    expect(sources('imports').filter((file) => KUBERNETES_TYPES.test(fs.readFileSync(file, 'utf8'))).length).toBeGreaterThan(3);
  });

  it('names each apiVersion once: the constructs write none as a literal', () => {
    const literal = sources('lib').filter((file) => /apiVersion: '/.test(fs.readFileSync(file, 'utf8')));
    expect(literal.map((file) => path.relative(ROOT, file))).toEqual([]);
  });
});
