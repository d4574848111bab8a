import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// docs/API.md: the package's exports, written by typedoc (tools/api-docs, which has a TypeScript 5
// of its own) from the declarations the build ships. The page records a hash of those
// declarations; a test recomputes it, so that a changed export fails until `npm run docs` runs.

const ROOT = path.resolve(__dirname, '..');
const TOOL = path.join(ROOT, 'tools', 'api-docs');

/** Where the page is written, from the project's root. */
export const API_FILE = 'docs/API.md';

/** The entries of the package, each a page of typedoc's output. */
const ENTRIES = [
  { page: 'index.md', heading: 'cdk8s-mailpit' },
  { page: 'pod-security.md', heading: 'cdk8s-mailpit/pod-security' },
];

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

/** A hash of what the page is written from: the shipped declarations and typedoc's settings. */
export function declarationsHash(root = ROOT): string {
  const tool = path.join(root, 'tools', 'api-docs');
  const inputs = [
    ...['lib', 'imports'].flatMap((folder) => filesUnder(path.join(root, 'build', folder)).filter((file) => file.endsWith('.d.ts'))),
    ...['typedoc.json', 'no-external-inherited.mjs', 'package.json'].map((file) => path.join(tool, file)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(`${path.relative(root, file)}\0${fs.readFileSync(file, 'utf8')}\0`);
  }
  return hash.digest('hex');
}

/** The hash a page records. */
export function recordedHash(page: string): string | undefined {
  return /<!-- declarations sha256: ([0-9a-f]{64}) -->/.exec(page)?.[1];
}

/** Builds, runs typedoc, and writes docs/API.md. */
export function writeApiDocs(): void {
  const run = (command: string, args: string[], cwd: string) => {
    const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
    if (result.status !== 0) {
      throw new Error(`${path.basename(args[0] ?? command)} failed`);
    }
  };
  run(process.execPath, [path.join(ROOT, 'scripts', 'run-fresh.cjs'), '--build-only'], ROOT);
  const out = path.join(ROOT, 'build', 'api-docs');
  fs.rmSync(out, { recursive: true, force: true });
  const typedoc = path.join(path.dirname(require.resolve('typedoc/package.json', { paths: [TOOL] })), 'bin', 'typedoc');
  run(process.execPath, [typedoc], TOOL);
  // One page: a link to another entry's page becomes a link within it.
  const pages = ENTRIES.map(({ page }) => page.replace('.', '\\.')).join('|');
  const sections = ENTRIES.map(({ page, heading }) =>
    fs
      .readFileSync(path.join(out, page), 'utf8')
      .replace(/^# .*\n/, `# ${heading}\n`)
      .replace(new RegExp(`\\]\\((?:${pages})#`, 'g'), '](#')
      .trimEnd(),
  );
  const text = [
    '<!-- Written by `npm run docs` (scripts/api-docs.ts) from the declarations the package ships: do not edit. -->',
    `<!-- declarations sha256: ${declarationsHash()} -->`,
    '',
    ...sections.flatMap((section) => [section, '']),
  ].join('\n');
  fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, API_FILE), text);
}
