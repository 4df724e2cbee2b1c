import type { KeyedFinding } from '../../src/pipeline/types.js';
import { findingMarker, parseFindingMarkers, planInlineComments } from '../../src/report/inline.js';
import { keyedFinding, realisticFindings } from '../helpers/review-result.js';
import { expectGolden } from './golden.js';

const noneYet = new Set<string>();

function plan(findings: KeyedFinding[], max = 25, posted: ReadonlySet<string> = noneYet) {
  return planInlineComments(findings, { max, posted });
}

describe('planInlineComments', () => {
  it('renders the realistic review as in the golden file', () => {
    expectGolden('inline.golden.json', `${JSON.stringify(plan(realisticFindings()), null, 2)}\n`);
  });

  it('comments only commentable findings; the rest are summary only', () => {
    const onLine = keyedFinding({ line: 5, endLine: 5 });
    const outside = keyedFinding({ line: 90, endLine: 90, commentable: false });
    const result = plan([outside, onLine]);
    expect(result.comments.map((c) => c.fingerprints)).toEqual([[onLine.fingerprint]]);
    expect(result.summaryOnly).toEqual([outside]);
  });

  it('ranks by severity, then path and line', () => {
    const low = keyedFinding({ severity: 'low', file: 'a.ts', line: 1, endLine: 1 });
    const highB = keyedFinding({ severity: 'high', file: 'b.ts', line: 3, endLine: 3 });
    const highA9 = keyedFinding({ severity: 'high', file: 'a.ts', line: 9, endLine: 9 });
    const highA2 = keyedFinding({ severity: 'high', file: 'a.ts', line: 2, endLine: 2 });
    const critical = keyedFinding({ severity: 'critical', file: 'z.ts', line: 50, endLine: 50 });
    const { comments } = plan([low, highB, highA9, highA2, critical]);
    expect(comments.map((c) => `${c.path}:${c.line}`)).toEqual(['z.ts:50', 'a.ts:2', 'a.ts:9', 'b.ts:3', 'a.ts:1']);
  });

  it('posts at most max comments, best ranked first; the rest go to the summary in rank order', () => {
    const findings = [1, 2, 3, 4, 5].map((line) => keyedFinding({ ruleId: `rule-${line}`, line, endLine: line, severity: line === 5 ? 'critical' : 'low' }));
    const result = plan(findings, 2);
    expect(result.comments.map((c) => c.line)).toEqual([5, 1]);
    expect(result.summaryOnly.map((f) => f.line)).toEqual([2, 3, 4]);
    expect(plan(findings, 0).comments).toEqual([]);
    expect(plan(findings, 0).summaryOnly).toHaveLength(5);
  });

  it('does not comment a posted fingerprint again, nor count it against max', () => {
    const findings = [1, 2, 3].map((line) => keyedFinding({ ruleId: `rule-${line}`, line, endLine: line }));
    const posted = new Set([findings[0].fingerprint]);
    const result = plan(findings, 2, posted);
    expect(result.comments.map((c) => c.line)).toEqual([2, 3]);
    expect(result.summaryOnly).toEqual([]);
  });

  it('folds more than 3 findings of one rule in one file into one comment on the first', () => {
    const repeated = [40, 12, 31, 25].map((line) => keyedFinding({ ruleId: 'magic-number', severity: 'low', file: 'src/pricing.ts', line, endLine: line, message: `Number on ${line}` }));
    const other = keyedFinding({ ruleId: 'magic-number', severity: 'low', file: 'src/other.ts', line: 1, endLine: 1 });
    const { comments, summaryOnly } = plan([...repeated, other], 2);
    expect(summaryOnly).toEqual([]);
    expect(comments).toHaveLength(2);
    const folded = comments[1];
    expect(folded).toMatchObject({ path: 'src/pricing.ts', line: 12 });
    expect(folded.startLine).toBeUndefined();
    expect(folded.fingerprints).toEqual([12, 25, 31, 40].map((line) => repeated.find((f) => f.line === line)?.fingerprint));
    expect(folded.body).toContain('**Same rule elsewhere in this file** (3 more):\n- line 25: Number on 25\n- line 31: Number on 31\n- line 40: Number on 40');
    expect(parseFindingMarkers(folded.body)).toEqual(folded.fingerprints);
  });

  it('does not fold 3 findings of a rule in a file, nor findings already posted', () => {
    const four = [1, 2, 3, 4].map((line) => keyedFinding({ ruleId: 'magic-number', line, endLine: line }));
    expect(plan(four.slice(0, 3)).comments).toHaveLength(3);
    const { comments } = plan(four, 25, new Set([four[3].fingerprint]));
    expect(comments.map((c) => c.fingerprints.length)).toEqual([1, 1, 1]);
  });

  it('starts the body with severity, category and rule, and ends with the marker', () => {
    const finding = keyedFinding({ ruleId: 'sql-injection', severity: 'critical', category: 'security', message: 'Query from `id`', recommendation: 'Bind `id`.' });
    const [comment] = plan([finding]).comments;
    expect(comment.body).toBe(`**🔴 Critical · security** · \`sql-injection\`\n\nQuery from \`id\`\n\n**Recommendation:** Bind \`id\`.\n\n${findingMarker(finding.fingerprint)}`);
  });

  it('escapes HTML-like text outside code spans so GitHub does not drop it', () => {
    const [comment] = plan([keyedFinding({ message: 'Array<any> and `Array<any>` <!-- hidden' })]).comments;
    expect(comment.body).toContain('Array&lt;any> and `Array<any>` &lt;!-- hidden');
  });

  describe('suggestions', () => {
    const fixed = (fix: KeyedFinding['fix'], extra: Partial<KeyedFinding> = {}) => keyedFinding({ line: 10, endLine: 10, fix, ...extra });

    it('adds a suggestion block for a one-line fix on the commented line', () => {
      const [comment] = plan([fixed({ line: 10, endLine: 10, replacement: '  return cache.get(id);' })]).comments;
      expect(comment.line).toBe(10);
      expect(comment.startLine).toBeUndefined();
      expect(comment.body).toContain('\n\n```suggestion\n  return cache.get(id);\n```\n\n<!-- pr-reviewer:finding:');
    });

    it('spans a multi-line fix (startLine..line) when every fix line is commentable', () => {
      const finding = fixed({ line: 10, endLine: 12, replacement: 'a\nb' });
      const [comment] = planInlineComments([finding], { max: 5, posted: noneYet, commentableLines: new Map([[finding.file, new Set([9, 10, 11, 12])]]) }).comments;
      expect(comment).toMatchObject({ line: 12, startLine: 10 });
      expect(comment.body).toContain('```suggestion\na\nb\n```');
    });

    it('makes no suggestion when a fix line is not commentable, or unknown', () => {
      const finding = fixed({ line: 10, endLine: 12, replacement: 'a\nb' });
      for (const commentableLines of [undefined, new Map([[finding.file, new Set([10, 12])]])]) {
        const [comment] = planInlineComments([finding], { max: 5, posted: noneYet, ...(commentableLines ? { commentableLines } : {}) }).comments;
        expect(comment.line).toBe(10);
        expect(comment.startLine).toBeUndefined();
        expect(comment.body).not.toContain('suggestion');
      }
    });

    it('makes no suggestion when the fix does not cover the commented line', () => {
      const finding = fixed({ line: 1, endLine: 1, replacement: 'import os' });
      const [comment] = planInlineComments([finding], { max: 5, posted: noneYet, commentableLines: new Map([[finding.file, new Set([1, 10])]]) }).comments;
      expect(comment.line).toBe(10);
      expect(comment.body).not.toContain('suggestion');
    });

    it('deletes lines with an empty suggestion and fences replacements that contain backticks', () => {
      expect(plan([fixed({ line: 10, endLine: 10, replacement: '' })]).comments[0].body).toContain('```suggestion\n```');
      expect(plan([fixed({ line: 10, endLine: 10, replacement: 'const s = ```x```;' })]).comments[0].body).toContain('````suggestion\nconst s = ```x```;\n````');
    });

    it('puts no suggestion in a folded comment', () => {
      const four = [10, 11, 12, 13].map((line) => keyedFinding({ ruleId: 'unused-import', line, endLine: line, fix: { line, endLine: line, replacement: '' } }));
      const { comments } = plan(four);
      expect(comments).toHaveLength(1);
      expect(comments[0].body).not.toContain('suggestion');
    });
  });
});

describe('finding markers', () => {
  it('round-trips fingerprints in order, once each, ignoring other text', () => {
    const body = `text ${findingMarker('ab12')}\n${findingMarker('cd34')} <!-- other --> ${findingMarker('ab12')}`;
    expect(parseFindingMarkers(body)).toEqual(['ab12', 'cd34']);
    expect(parseFindingMarkers('<!-- pr-reviewer:summary -->')).toEqual([]);
  });
});
