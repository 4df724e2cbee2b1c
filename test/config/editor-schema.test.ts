import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { registry } from '../../detectors/index.js';
import { editorSchema } from '../../src/config/editor-schema.js';
import { parseConfig } from '../../src/config/parse-config.js';
import { validateRuleIds } from '../../src/config/validate-rules.js';

const appParse = (text: string) => validateRuleIds(parseConfig(text, 'x.yml'), registry);

const root = new URL('../../', import.meta.url);
const published = JSON.parse(readFileSync(new URL('docs/pr-reviewer.schema.json', root), 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(published);

const accepted = [
  'failOn: high\nminSeverity: low\nmaxInlineComments: 25\nreviewDrafts: false\npaths: { ignore: ["dist/**"] }\n',
  'rules:\n  sql-injection: off\n  unused-import: { severity: medium }\n',
  'rules:\n  code-injection: critical\n  bare-except: on\n',
  'failOn: none\n',
];
const refused = [
  'failOn: severe\n',
  'maxInlineComments: -1\n',
  'unknownKey: 1\n',
  'rules:\n  no-such-rule: off\n',
  'paths: { ignore: "dist/**" }\n',
];

describe('docs/pr-reviewer.schema.json', () => {
  test('is generated from the schema the app validates with (run `npm run docs`)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(editorSchema(registry))));
  });

  test.each(accepted)('accepts what the app accepts: %j', (text) => {
    expect(() => appParse(text)).not.toThrow();
    expect(validate(parse(text))).toBe(true);
  });

  test.each(refused)('refuses what the app refuses: %j', (text) => {
    expect(() => appParse(text)).toThrow();
    expect(validate(parse(text))).toBe(false);
  });

  test('names every rule id with its description', () => {
    const rules = (published.properties as Record<string, { properties: Record<string, { description: string }> }>).rules.properties;
    for (const detector of registry) {
      const first = registry.find((d) => d.meta.id === detector.meta.id);
      expect(rules[detector.meta.id]?.description).toContain(first?.meta.description);
    }
  });
});
