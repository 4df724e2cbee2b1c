import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { detectorFolder, isProjectDetector } from '../../detectors/define.js';
import { renderDetectorDocs } from '../../detectors/docs.js';
import { registry } from '../../detectors/index.js';
import { runDetector } from '../helpers/detector-cases.js';
import { runProjectDetector } from '../helpers/project-cases.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('detector registry', () => {
  test('ids are kebab-case and unique per language; the registry is sorted and frozen', () => {
    const keys = registry.map((d) => `${d.meta.id}/${detectorFolder(d)}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of registry) expect(d.meta.id).toMatch(/^[a-z]+(-[a-z0-9]+)*$/);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(Object.isFrozen(registry)).toBe(true);
  });

  test.each(registry.map((d) => [`${detectorFolder(d)}/${d.meta.id}`]))('%s has its file and its test', (name) => {
    expect(existsSync(`${root}detectors/${name}.ts`)).toBe(true);
    expect(existsSync(`${root}test/detectors/${name}.test.ts`)).toBe(true);
  });

  test('detectors/README.md is up to date (run `npm run docs`)', () => {
    expect(readFileSync(`${root}detectors/README.md`, 'utf8')).toBe(renderDetectorDocs(registry));
  });
});

describe('docs examples run through their detector', () => {
  const cases = registry.flatMap((d) =>
    isProjectDetector(d)
      ? []
      : [
          ...d.meta.docs.flagged.map((code) => [d.meta.id, d.meta.language, 'flagged', code, d] as const),
          ...d.meta.docs.ignored.map((code) => [d.meta.id, d.meta.language, 'ignored', code, d] as const),
        ],
  );
  test.each(cases)('%s (%s) %s example', async (_id, _language, kind, code, detector) => {
    const findings = await runDetector(detector, code);
    if (kind === 'flagged') expect(findings.length).toBeGreaterThan(0);
    else expect(findings).toEqual([]);
  });

  // A project detector's examples are small repositories: every changed file counts as added.
  const projectCases = registry.filter(isProjectDetector).flatMap((d) => [
    ...d.meta.docs.flagged.map((example, i) => [d.meta.id, 'flagged', i + 1, example, d] as const),
    ...d.meta.docs.ignored.map((example, i) => [d.meta.id, 'ignored', i + 1, example, d] as const),
  ]);
  test.each(projectCases)('%s (project) %s example %d', async (_id, kind, _n, example, detector) => {
    const run = await runProjectDetector(detector, example);
    expect(run.notes).toEqual([]);
    if (kind === 'flagged') expect(run.findings.length).toBeGreaterThan(0);
    else expect(run.findings).toEqual([]);
  });
});
