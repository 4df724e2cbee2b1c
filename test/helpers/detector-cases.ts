/**
 * The shared detector case runner: `flags` must each produce exactly the listed findings of the
 * detector, `ignores` must produce none. Any extra finding fails as noisy, any absent one as missing.
 */
import type { Detector } from '../../detectors/define.js';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../src/config/defaults.js';
import { createAnalyzer } from '../../src/analysis/engine.js';
import type { Finding, Fix } from '../../src/types.js';
import { loadPythonParser } from '../../src/analysis/parse-python.js';
import { parseTypeScript, syntaxErrorCount } from '../../src/analysis/parse-typescript.js';

export interface FlagCase {
  code: string;
  /** The line (or lines) the detector must report, 1-based. */
  line: number | number[];
  /** A fragment each reported message must contain. */
  message?: string;
  /** The expected fix replacement text of the first finding. */
  fix?: string;
  options?: Record<string, unknown>;
  /** File name the code is analysed as (default by language: sample.ts / sample.py). */
  path?: string;
  /** Why this case exists (an issue, a false positive seen on real code). */
  note?: string;
}

export interface IgnoreCase {
  code: string;
  options?: Record<string, unknown>;
  path?: string;
  note?: string;
}

export type CaseInput = string | IgnoreCase;

/** Trims the common indentation of a template literal so cases read naturally. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)?.[0].length ?? 0);
  const strip = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(strip)).join('\n');
}

/** The detector switched on (even one off by default) with `options` over its defaults. */
function configWith(detector: Detector, options?: Record<string, unknown>): ResolvedConfig {
  return { ...DEFAULT_CONFIG, rules: { [detector.meta.id]: { enabled: true, options: options ?? {} } } };
}

/** Runs one detector alone over `code` and returns its findings plus any engine notes. */
export async function runDetector(
  detector: Detector,
  code: string,
  options?: Record<string, unknown>,
  path?: string,
): Promise<Finding[]> {
  const analyzer = createAnalyzer([detector]);
  const file = path ?? (detector.meta.language === 'python' ? 'sample.py' : 'sample.ts');
  const result = await analyzer.analyzeFile({ path: file, text: dedent(code) }, configWith(detector, options));
  if (result.notes.length > 0) throw new Error(`engine notes: ${result.notes.map((n) => n.message).join('; ')}`);
  return result.findings.filter((f) => f.ruleId === detector.meta.id);
}

function preview(code: string): string {
  const flat = dedent(code).trim().replace(/\s+/g, ' ');
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}

/** `text` with `fix` applied: lines `line..endLine` replaced (an empty replacement deletes them). */
export function applyFix(text: string, fix: Fix): string {
  const lines = text.split('\n');
  const replacement = fix.replacement === '' ? [] : fix.replacement.split('\n');
  lines.splice(fix.line - 1, fix.endLine - fix.line + 1, ...replacement);
  return lines.join('\n');
}

/** True when `text` parses without a syntax error as the detector's language. */
export async function parsesCleanly(detector: Detector, text: string, path?: string): Promise<boolean> {
  if (detector.meta.language === 'typescript') return syntaxErrorCount(parseTypeScript(path ?? 'sample.ts', text)) === 0;
  const parsed = (await loadPythonParser()).parse(path ?? 'sample.py', text);
  if (!parsed) return false;
  try {
    return !parsed.tree.rootNode.hasError;
  } finally {
    parsed.tree.delete();
  }
}

/**
 * Every fix must do what it says: applied, the code still parses (when it did before) and the
 * detector no longer reports the fixed place.
 */
export async function expectFixesHold(detector: Detector, code: string, findings: Finding[], options?: Record<string, unknown>, path?: string): Promise<void> {
  const text = dedent(code);
  const parsedBefore = await parsesCleanly(detector, text, path);
  for (const finding of findings) {
    if (!finding.fix) continue;
    const fixed = applyFix(text, finding.fix);
    if (parsedBefore) expect({ fix: finding.fix, parses: await parsesCleanly(detector, fixed, path) }).toEqual({ fix: finding.fix, parses: true });
    const after = await runDetector(detector, fixed, options, path);
    const added = finding.fix.replacement === '' ? 0 : finding.fix.replacement.split('\n').length;
    const inFixedRange = after.filter((f) => f.line >= finding.fix!.line && f.line < finding.fix!.line + Math.max(added, 1) && f.message === finding.message);
    expect({ fix: finding.fix, stillReported: inFixedRange.map((f) => f.message) }).toEqual({ fix: finding.fix, stillReported: [] });
    expect(after.length).toBeLessThan(findings.length);
  }
}

/** Declares the jest tests of a detector from its two tables. */
export function describeDetector(detector: Detector, cases: { flags: FlagCase[]; ignores: CaseInput[] }): void {
  describe(`${detector.meta.id} (${detector.meta.language})`, () => {
    describe('flags', () => {
      test.each(cases.flags.map((c, i) => [`#${i + 1} ${preview(c.code)}`, c] as const))('%s', async (_name, c) => {
        const findings = await runDetector(detector, c.code, c.options, c.path);
        const expected = Array.isArray(c.line) ? c.line : [c.line];
        const lines = findings.map((f) => f.line).sort((a, b) => a - b);
        expect({ lines, messages: findings.map((f) => f.message) }).toEqual({
          lines: [...expected].sort((a, b) => a - b),
          messages: expect.any(Array),
        });
        if (c.message) for (const f of findings) expect(f.message).toContain(c.message);
        if (c.fix !== undefined) expect(findings[0]?.fix?.replacement).toBe(c.fix);
        await expectFixesHold(detector, c.code, findings, c.options, c.path);
      });
    });
    describe('ignores', () => {
      test.each(cases.ignores.map((c, i) => [`#${i + 1} ${preview(typeof c === 'string' ? c : c.code)}`, c] as const))(
        '%s',
        async (_name, c) => {
          const input = typeof c === 'string' ? { code: c } : c;
          const findings = await runDetector(detector, input.code, input.options, input.path);
          expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
        },
      );
    });
  });
}
