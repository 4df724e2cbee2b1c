// Writes detectors/README.md from the built detector metadata (run through `npm run docs`).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderDetectorDocs } from '../dist/detectors/docs.js';
import { registry } from '../dist/detectors/index.js';

const target = fileURLToPath(new URL('../detectors/README.md', import.meta.url));
writeFileSync(target, renderDetectorDocs(registry));
process.stdout.write(`wrote ${target} (${registry.length} detectors)\n`);
