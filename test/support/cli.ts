import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { Io } from '../../lib/cli/io';
import { run } from '../../lib/cli/run';

/** The command line, run in this process: its exit code and everything it wrote. */
export async function cli(argv: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (text) => (out += text), err: (text) => (err += text), env };
  const code = await run(argv, io);
  return { code, out, err };
}

/** A fresh folder for this test file, removed after its tests; `next()` names a new path inside. */
export function scratch(name: string): { readonly root: string; next(): string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-mailpit-${name}-`));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let counter = 0;
  return { root, next: () => path.join(root, `case-${++counter}`) };
}

/** Every file under `dir` with its text, to prove that nothing changed. */
export function contents(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) {
    return {};
  }
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .sort()
      .map((name) => {
        const file = path.join(dir, name);
        return [name, fs.statSync(file).isDirectory() ? '<dir>' : fs.readFileSync(file, 'utf8')];
      }),
  );
}

/** The documents of a YAML file. */
export function readManifests(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((doc) => doc.toJS());
}
