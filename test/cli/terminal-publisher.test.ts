import { TerminalPublisher } from '../../src/cli/terminal-publisher.js';
import { DEFAULT_CONFIG } from '../../src/config/defaults.js';
import type { ReviewResult } from '../../src/pipeline/types.js';
import type { Conclusion } from '../../src/types.js';

function result(conclusion: Conclusion): ReviewResult {
  return {
    findings: [],
    notes: [],
    skipped: [],
    stats: { filesChanged: 1, filesAnalyzed: conclusion === 'neutral' ? 0 : 1, addedLines: 1, suppressed: 0 },
    counts: { critical: 0, high: 0, medium: 0, low: 0 },
    gate: { conclusion, title: conclusion },
    config: DEFAULT_CONFIG,
    goodPatterns: [],
  };
}

function publisher() {
  const out: string[] = [];
  const err: string[] = [];
  const p = new TerminalPublisher('json', [], { write: (s: string) => out.push(s) }, { write: (s: string) => err.push(s) });
  return { p, out, err };
}

describe('TerminalPublisher', () => {
  test.each([
    ['success', 0],
    ['neutral', 0],
    ['failure', 1],
  ] as const)('a published %s review exits %i, output on stdout only', async (conclusion, code) => {
    const { p, out, err } = publisher();
    await p.begin();
    await p.publish(result(conclusion));
    expect(p.exitCode()).toBe(code);
    expect(JSON.parse(out.join(''))).toEqual({ findings: [], summary: { total: 0, critical: 0, high: 0, medium: 0, low: 0 } });
    expect(err).toEqual([]);
  });

  test('an aborted review exits 2 with its reason on stderr', async () => {
    const { p, out, err } = publisher();
    await p.abort({ conclusion: 'failure', title: 'Invalid configuration', detail: 'cfg.yml: failOn: must be one of ...' });
    expect(p.exitCode()).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('')).toBe('pr-reviewer: Invalid configuration: cfg.yml: failOn: must be one of ...\n');
  });
});
