// npm run docs: writes the generated sections of the pages (flags, props of the stages and of a
// class, the Pod Security report, the diagrams), the JSON Schema of the values file and the constructs' props
// interfaces, from the code; then docs/API.md from the declarations.
// test/docs.test.ts and test/values.test.ts fail when they are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeDocPages } from './doc-pages';
import { API_FILE, writeApiDocs } from './api-docs';
import { PROPS_FILE, propsInterfacesText } from './props-interfaces';
import { SCHEMA_STAGES, valuesSchemaFile, valuesSchemaText } from './values-schema';

const pages = writeDocPages();
process.stdout.write(`generated sections written${pages.length > 0 ? `: ${pages.join(', ')}` : ', none changed'}\n`);
for (const stage of SCHEMA_STAGES) {
  fs.writeFileSync(path.join(__dirname, '..', valuesSchemaFile(stage)), valuesSchemaText(stage));
  process.stdout.write(`${valuesSchemaFile(stage)} written\n`);
}
fs.writeFileSync(path.join(__dirname, '..', PROPS_FILE), propsInterfacesText());
process.stdout.write(`${PROPS_FILE} written\n`);
// Last: the page is written from the declarations, the interfaces above included.
writeApiDocs();
process.stdout.write(`${API_FILE} written\n`);
