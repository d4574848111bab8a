import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeSections, withSections } from '../scripts/docs-tables';

const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

describe('the README', () => {
  it.each(Object.entries(readmeSections()))('holds the current %s table (npm run docs writes it)', (name, table) => {
    expect(README).toContain(`<!-- ${name}:start -->\n${table}\n<!-- ${name}:end -->`);
  });

  it('documents every flag of --help, each with its stages', () => {
    const flags = readmeSections().flags;
    for (const flag of ['--stage <stage>', '--run-as-group <gid>', '--cpu-request <cpu>', '--quota <field=value>', '--rbac']) {
      expect(flags).toContain(`\`${flag}\``);
    }
    expect(flags).toMatch(/`--run-as-group <gid>` \| group id of the pod, never 0, .*\(default: 1000\) \[hardened, ha\] \|/);
  });
});

describe('withSections', () => {
  it('replaces what is between the markers, and only that', () => {
    const text = 'a\n<!-- t:start -->\nold\n<!-- t:end -->\nb\n';
    expect(withSections(text, { t: 'new' })).toBe('a\n<!-- t:start -->\nnew\n<!-- t:end -->\nb\n');
  });

  it('refuses a README without the section', () => {
    expect(() => withSections('no markers', { t: 'x' })).toThrow(/no <!-- t:start -->/);
  });
});
