// Writes the default DOCX template of each document type (src/documents/templates/<type>.docx)
// from src/documents/templates/default-templates.ts, as the built service has it (dist/); with
// --check, fails when a committed file differs from what the code makes. The files are the same
// bytes each time (every part of the package carries one fixed date), so a change shows in git
// only when the template itself changed. Run after `npx nest build`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const check = process.argv.includes('--check');

const { defaultTemplate } = require(join(root, 'dist/documents/templates/default-templates.js'));
const { DOCUMENT_TYPES } = require(join(root, 'dist/cases/steps/document/document.step.js'));

const stale = [];
for (const type of Object.keys(DOCUMENT_TYPES)) {
  const file = join(root, 'src/documents/templates', `${type}.docx`);
  const bytes = defaultTemplate(type);
  if (check) {
    if (!existsSync(file) || !readFileSync(file).equals(bytes)) stale.push(file);
  } else {
    writeFileSync(file, bytes);
  }
}
if (stale.length > 0) {
  process.stderr.write(`Out of date (run npm run templates:generate):\n${stale.join('\n')}\n`);
  process.exit(1);
}
if (!check)
  process.stdout.write(
    `Wrote ${Object.keys(DOCUMENT_TYPES).length} default templates under src/documents/templates/\n`,
  );
