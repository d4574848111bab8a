import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { API_FILE, declarationsHash, recordedHash } from '../../scripts/api-docs';

// docs/API.md is typedoc's page of the shipped declarations (npm run docs writes it, in 15 s):
// here only the hash it records is held to the declarations of the current build.
const ROOT = path.resolve(__dirname, '..', '..');

it('docs/API.md is written from the declarations of this build (npm run docs writes it)', () => {
  const page = fs.readFileSync(path.join(ROOT, API_FILE), 'utf8');
  expect(recordedHash(page)).toBe(declarationsHash());
  for (const name of ['MailpitHardenedProps', 'MailpitDatabase', 'MailpitWorkload', 'PodSecurityValidation']) {
    expect(page).toMatch(new RegExp(`^### (\`abstract\` )?${name}$`, 'm'));
  }
});

it('the hash changes with any declaration, and with the settings of typedoc', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-mailpit-api-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  for (const file of ['typedoc.json', 'no-external-inherited.mjs', 'package.json']) {
    write(`tools/api-docs/${file}`, '{}');
  }
  write('build/lib/index.d.ts', 'export declare const a: string;\n');
  write('build/imports/core.d.ts', 'export {};\n');
  write('build/lib/index.js', 'exports.a = "a";\n');
  const first = declarationsHash(root);
  write('build/lib/index.js', 'exports.a = "b";\n');
  expect(declarationsHash(root)).toBe(first);
  write('build/lib/index.d.ts', 'export declare const a: number;\n');
  const second = declarationsHash(root);
  expect(second).not.toBe(first);
  write('tools/api-docs/typedoc.json', '{ "excludePrivate": false }');
  expect(declarationsHash(root)).not.toBe(second);
  fs.rmSync(root, { recursive: true, force: true });
});
