/** Renders `detectors/README.md` from detector metadata: the metadata is the documentation. */
import type { Detector } from './define.js';

const LANGUAGE_LABEL = { typescript: 'TS/JS', python: 'Python' } as const;

function fence(language: string, code: string): string {
  return ['```' + language, code.replace(/\n$/, ''), '```'].join('\n');
}

function options(detector: Detector): string[] {
  const entries = Object.entries(detector.defaultOptions);
  if (entries.length === 0) return [];
  return ['**Options** (defaults):', '', ...entries.map(([key, value]) => `- \`${key}\`: \`${JSON.stringify(value)}\``), ''];
}

/** The catalog: a table of every detector, then why / flagged / ignored / options for each. */
export function renderDetectorDocs(registry: readonly Detector[]): string {
  const ids = [...new Set(registry.map((d) => d.meta.id))];
  const out: string[] = [
    '# Detectors',
    '',
    '<!-- Generated from detector metadata by `npm run docs`; do not edit by hand. -->',
    '',
    'Severity is the default; change it, switch a rule off or set its options in `.github/pr-reviewer.yml`',
    '(`rules: { RULE-ID: off | SEVERITY | { severity, ...options } }`). Silence one finding with a comment',
    '`pr-reviewer-ignore RULE-ID -- reason` on its line or the line above.',
    '',
    '| id | languages | severity | category | what |',
    '|---|---|---|---|---|',
  ];
  for (const id of ids) {
    const variants = registry.filter((d) => d.meta.id === id);
    const first = variants[0].meta;
    const languages = variants.map((d) => LANGUAGE_LABEL[d.meta.language]).join(', ');
    const off = first.enabledByDefault === false ? ' (off by default)' : '';
    out.push(`| [\`${id}\`](#${id}) | ${languages} | ${first.severity}${off} | ${first.category} | ${first.description.replaceAll('|', '\\|')} |`);
  }
  out.push('');
  for (const id of ids) {
    out.push(`## ${id}`, '');
    for (const detector of registry.filter((d) => d.meta.id === id)) {
      const { meta } = detector;
      const lang = meta.language === 'python' ? 'python' : 'ts';
      out.push(`### ${LANGUAGE_LABEL[meta.language]}`, '', meta.description, '', `**Why:** ${meta.docs.why}`, '');
      if (meta.enabledByDefault === false) out.push('**Off by default:** turn it on with `rules: { ' + meta.id + ': on }`.', '');
      out.push(`**Instead:** ${meta.recommendation}`, '');
      out.push('**Flagged:**', '', ...meta.docs.flagged.flatMap((code) => [fence(lang, code), '']));
      out.push('**Not flagged:**', '', ...meta.docs.ignored.flatMap((code) => [fence(lang, code), '']));
      out.push(...options(detector));
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
