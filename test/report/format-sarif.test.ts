import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildSarifLog, renderSarif, sarifLevel, type RuleDescriptor } from '../../src/report/format-sarif.js';
import { keyedFinding, reviewResult } from '../helpers/review-result.js';

const require = createRequire(import.meta.url);
// The official schema shipped with @microsoft/jest-sarif; its `$schema` is draft-04, which Ajv 8
// validates only through the ajv-draft-04 class.
const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as { $schema: string };

// CommonJS packages: under ESM the default import is `module.exports`, whose `default` is the export.
// `unicodeRegExp: false`: the schema's language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$` has a
// stray `]`, valid in a plain RegExp but a syntax error under the `u` flag Ajv uses by default.
const ajv = new AjvDraft04.default({ strict: false, allErrors: true, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const RULES: RuleDescriptor[] = [
  { id: 'unused-import', description: 'An imported name is never used', recommendation: 'Remove the import.', severity: 'low', category: 'maintainability' },
  { id: 'sql-injection', description: 'Query text built from non-constant values', recommendation: 'Use bound parameters.', severity: 'critical', category: 'security' },
  // The Python variant shares the id: one rule in the log.
  { id: 'sql-injection', description: 'Query text built from non-constant values (Python)', recommendation: 'Use bound parameters.', severity: 'critical', category: 'security' },
  { id: 'missing-timeout', description: 'Network call without a timeout', recommendation: 'Pass a timeout.', severity: 'high', category: 'reliability' },
];

describe('SARIF output', () => {
  it('uses a draft-04 schema (hence ajv-draft-04)', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
  });

  it('validates against the official SARIF 2.1.0 schema', () => {
    const text = renderSarif(reviewResult(), RULES, { version: '0.1.0', informationUri: 'https://example.com/pr-reviewer' });
    expect(text.endsWith('\n')).toBe(true);
    expectValid(JSON.parse(text));
  });

  it('validates with odd paths, no rules, no version and no findings', () => {
    const findings = [keyedFinding({ file: 'app/[id]/page #1?.ts', column: 0 }), keyedFinding({ file: 'src/a b.ts', fix: { line: 10, endLine: 10, replacement: '' } })];
    expectValid(buildSarifLog(reviewResult({ findings }), []));
    expectValid(buildSarifLog(reviewResult({ findings: [], notes: [], skipped: [] }), RULES));
  });

  it('fails validation on an invalid log (the check is real)', () => {
    const log = buildSarifLog(reviewResult(), RULES) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }>; version: string };
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
    const badLevel = structuredClone(log);
    badLevel.runs[0].results[0].level = 'fatal';
    expect(validate(badLevel)).toBe(false);
    const badLine = structuredClone(log);
    (badLine.runs[0].results[0].locations as Array<{ physicalLocation: { region: { startLine: number } } }>)[0].physicalLocation.region.startLine = 0;
    expect(validate(badLine)).toBe(false);
    // Formats are checked too (ajv-formats): informationUri must be an absolute URI.
    expect(validate(buildSarifLog(reviewResult(), RULES, { informationUri: 'not a uri' }))).toBe(false);
  });

  it('describes the tool, one rule per id (sorted), and each result with location, fingerprint and fix', () => {
    const log = buildSarifLog(reviewResult(), RULES, { version: '0.1.0' });
    const [run] = log.runs;
    expect(run.tool.driver).toMatchObject({ name: 'pr-reviewer', version: '0.1.0' });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['missing-timeout', 'sql-injection', 'unused-import']);
    expect(run.tool.driver.rules[1]).toEqual({
      id: 'sql-injection',
      shortDescription: { text: 'Query text built from non-constant values' },
      help: { text: 'Use bound parameters.' },
      defaultConfiguration: { level: 'error' },
      properties: { category: 'security', tags: ['security'], 'security-severity': '9.5' },
    });
    const sql = run.results.find((r) => r.ruleId === 'sql-injection');
    expect(sql).toMatchObject({
      ruleIndex: 1,
      level: 'error',
      message: { text: 'Query text built from a template literal interpolating `req.params.id`, passed to `db.query`' },
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/db/users.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 42, endLine: 42, startColumn: 22 } } }],
      partialFingerprints: { 'prReviewer/v1': reviewResult().findings[0].fingerprint },
    });
    expect(sql?.fixes?.[0].artifactChanges[0].replacements[0]).toEqual({
      deletedRegion: { startLine: 42, endLine: 42 },
      insertedContent: { text: "  const rows = await db.query('SELECT * FROM users WHERE id = $1', [req.params.id]);" },
    });
    expect(run.results.find((r) => r.ruleId === 'missing-timeout')?.fixes).toBeUndefined();
    expect(run.results.find((r) => r.ruleId === 'magic-number')?.ruleIndex).toBeUndefined();
    expect(run.invocations[0].toolExecutionNotifications).toHaveLength(3);
  });

  it('percent-encodes path segments into URI references', () => {
    const log = buildSarifLog(reviewResult({ findings: [keyedFinding({ file: 'app/[id]/page #1.ts' })] }), []);
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('app/%5Bid%5D/page%20%231.ts');
  });

  it('maps critical/high to error, medium to warning, low to note', () => {
    expect((['critical', 'high', 'medium', 'low'] as const).map(sarifLevel)).toEqual(['error', 'error', 'warning', 'note']);
  });
});
