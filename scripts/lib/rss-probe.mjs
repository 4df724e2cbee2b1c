// Analyses the files listed in a JSON array the way a review does (one at a time, each released
// after use) and prints the process's peak resident set size. Run in a fresh process by the bench.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
const { createAnalyzer } = await dist('src/analysis/engine.js');
const { DEFAULT_CONFIG } = await dist('src/config/defaults.js');
const { registry } = await dist('detectors/index.js');

const files = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const analyzer = createAnalyzer(registry);
let findings = 0;
for (const path of files) {
  const result = await analyzer.analyzeFile({ path, text: readFileSync(path, 'utf8') }, DEFAULT_CONFIG);
  findings += result.findings.length;
}
process.stdout.write(`${JSON.stringify({ files: files.length, findings, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
