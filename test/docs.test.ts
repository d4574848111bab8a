import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES } from '../lib/stages/names';
import { diagramBlock, diagramSections, DIAGRAMS } from '../scripts/diagrams';
import { currentPage, docPages, tableSections } from '../scripts/doc-pages';
import { withSections } from '../scripts/docs-tables';

const ROOT = path.join(__dirname, '..');
const read = (page: string) => fs.readFileSync(path.join(ROOT, page), 'utf8');

describe('the pages', () => {
  it.each(docPages())('%s holds its current generated sections (npm run docs writes them)', (page) => {
    const text = read(page);
    expect(currentPage(page, text)).toBe(text);
  });

  it.each(Object.entries(tableSections()))('%s lives in its page', (name, { page }) => {
    expect(read(page)).toContain(`<!-- ${name}:start -->`);
  });

  it('documents every flag of --help, each with its stages', () => {
    const flags = tableSections().flags.content();
    for (const flag of ['--stage <stage>', '--format <format>', '--run-as-group <gid>', '--cpu-request <cpu>', '--quota <field=value>', '--rbac']) {
      expect(flags).toContain(`\`${flag}\``);
    }
    expect(flags).toMatch(/`--run-as-group <gid>` \| group id of the pod, never 0, .*\(default: 1000\) \[hardened, ha\] \|/);
  });

  it('draw every stage in docs/, a class too, and the lab sheets draw the stage each introduces', () => {
    const drawnIn = (pages: readonly string[]) => new Set(pages.flatMap((page) => diagramSections(read(page))));
    const docs = drawnIn(docPages().filter((page) => page.startsWith('docs/')));
    expect([...STAGE_NAMES, 'class-ha'].filter((name) => !docs.has(name))).toEqual([]);
    expect(diagramSections(read('labs/td8-configmap-secret.md'))).toEqual(['config']);
    expect(diagramSections(read('labs/td9-statefulset.md'))).toEqual(['statefulset']);
    expect(diagramSections(read('labs/td10-strategies.md'))).toEqual(['canary', 'blue-green']);
    expect(diagramSections(read('README.md'))).toEqual(['pvc-secure']);
  });

  it('keep the README the front door: under 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThan(250);
  });
});

describe('the diagrams', () => {
  it('are Mermaid blocks of what the command prints, one per name', () => {
    expect(Object.keys(DIAGRAMS)).toEqual([...STAGE_NAMES, 'class-ha']);
    expect(diagramBlock('pvc-secure')).toMatch(/^```mermaid\nflowchart LR\n[\s\S]*\n```$/);
    expect(() => diagramBlock('nope')).toThrow(/no diagram nope: the diagrams are baseline, /);
  });
});

describe('withSections', () => {
  it('replaces what is between the markers, and only that', () => {
    const text = 'a\n<!-- t:start -->\nold\n<!-- t:end -->\nb\n';
    expect(withSections(text, { t: 'new' })).toBe('a\n<!-- t:start -->\nnew\n<!-- t:end -->\nb\n');
  });

  it('refuses a page without the section', () => {
    expect(() => withSections('no markers', { t: 'x' })).toThrow(/no <!-- t:start -->/);
  });
});
