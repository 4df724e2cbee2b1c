// Writes detectors/README.md from the built detector metadata (run through `npm run docs`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDetectorDocs } from '../dist/detectors/docs.js';
import { registry } from '../dist/detectors/index.js';

const target = fileURLToPath(new URL('../detectors/README.md', import.meta.url));
writeFileSync(target, renderDetectorDocs(registry));
process.stdout.write(`wrote ${target} (${registry.length} detectors)\n`);

// The configuration's JSON Schema for editors, from the schema the app validates with.
const { editorSchema } = await import('../dist/src/config/editor-schema.js');
const schemaTarget = fileURLToPath(new URL('../docs/pr-reviewer.schema.json', import.meta.url));
mkdirSync(dirname(schemaTarget), { recursive: true });
writeFileSync(schemaTarget, `${JSON.stringify(editorSchema(registry), null, 2)}\n`);
process.stdout.write(`wrote ${schemaTarget}\n`);
