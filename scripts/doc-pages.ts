import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatReport } from '../lib/check/report';
import { checkStages } from '../lib/check/stages-report';
import { diagramBlock, diagramSections } from './diagrams';
import { classroomPropsTable, flagsTable, stagePropsTable, withSections } from './docs-tables';

// The pages of the documentation and their generated sections: each table lives in the page of
// its topic, each diagram wherever a page asks for it. `npm run docs` writes them; a test holds
// every page to what this gives.

const ROOT = path.resolve(__dirname, '..');

/** The README, the pages of docs/ but the API reference (scripts/api-docs.ts), and the lab sheets. */
export function docPages(): string[] {
  const under = (folder: string) =>
    fs
      .readdirSync(path.join(ROOT, folder))
      .filter((name) => name.endsWith('.md'))
      .sort()
      .map((name) => `${folder}/${name}`);
  return ['README.md', ...under('docs').filter((page) => page !== 'docs/API.md'), ...under('labs')];
}

/** The generated tables, by section, with the page each lives in. */
export function tableSections(): Readonly<Record<string, { readonly page: string; readonly content: () => string }>> {
  return {
    flags: { page: 'docs/cli.md', content: flagsTable },
    'stage-props': { page: 'docs/library.md', content: stagePropsTable },
    'classroom-props': { page: 'docs/library.md', content: classroomPropsTable },
    'check-report': { page: 'docs/security.md', content: () => formatReport(checkStages()).trimEnd() },
  };
}

/** A page with its generated sections made current. */
export function currentPage(page: string, text: string): string {
  const sections: Record<string, string> = {};
  for (const [name, section] of Object.entries(tableSections())) {
    if (section.page === page) {
      sections[name] = section.content();
    }
  }
  for (const name of diagramSections(text)) {
    sections[`diagram:${name}`] = diagramBlock(name);
  }
  return withSections(text, sections);
}

/** Writes every page's generated sections; returns the pages that changed. */
export function writeDocPages(): string[] {
  const changed: string[] = [];
  for (const page of docPages()) {
    const file = path.join(ROOT, page);
    const text = fs.readFileSync(file, 'utf8');
    const current = currentPage(page, text);
    if (current !== text) {
      fs.writeFileSync(file, current);
      changed.push(page);
    }
  }
  return changed;
}
