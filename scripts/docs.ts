// npm run docs: writes the README's generated sections (flags, props of the stages and of a
// class, the Pod Security report) from the code. test/docs.test.ts fails when they are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkStages, formatReport } from '../lib/check/report';
import { readmeSections, withSections } from '../lib/cli/docs';

const readme = path.join(__dirname, '..', 'README.md');
const sections = { ...readmeSections(), 'check-report': formatReport(checkStages()).trimEnd() };
fs.writeFileSync(readme, withSections(fs.readFileSync(readme, 'utf8'), sections));
process.stdout.write(`README.md: ${Object.keys(sections).join(', ')} written\n`);
