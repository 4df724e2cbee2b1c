/** Renders `detectors/README.md` from detector metadata: the metadata is the documentation. */
import { isProjectDetector, type Detector, type ProjectExample } from './define.js';

const LANGUAGE_LABEL = { typescript: 'TS/JS', python: 'Python' } as const;

function fence(language: string, code: string): string {
  return ['```' + language, code.replace(/\n$/, ''), '```'].join('\n');
}

/** The languages column: TS/JS, Python, or `any` for a project rule reading every language. */
function languageLabel(detector: Detector): string {
  const { language } = detector.meta;
  if (language === 'any') return 'any';
  if (typeof language === 'string') return LANGUAGE_LABEL[language];
  return language.map((l) => LANGUAGE_LABEL[l]).join(', ');
}

/** A project example: each file of the small repository, the changed ones marked. */
function projectExample(example: ProjectExample): string {
  return Object.entries(example.files)
    .map(([path, code]) => {
      const lang = path.endsWith('.py') ? 'python' : path.endsWith('.md') ? 'md' : 'ts';
      const mark = example.changed.includes(path) ? ' (changed)' : '';
      return [`\`${path}\`${mark}`, '', fence(lang, code)].join('\n');
    })
    .join('\n\n');
}

/** The flagged or ignored examples of one detector, rendered. */
function examples(detector: Detector, kind: 'flagged' | 'ignored'): string[] {
  if (isProjectDetector(detector)) return detector.meta.docs[kind].flatMap((example, i) => [`*Repository ${i + 1}:*`, '', projectExample(example), '']);
  const lang = detector.meta.language === 'python' ? 'python' : 'ts';
  return detector.meta.docs[kind].flatMap((code) => [fence(lang, code), '']);
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
    const languages = variants.map(languageLabel).join(', ');
    const offIn = variants.filter((d) => d.meta.enabledByDefault === false).map(languageLabel);
    const off = offIn.length === 0 ? '' : offIn.length === variants.length ? ' (off by default)' : ` (off by default for ${offIn.join(', ')})`;
    out.push(`| [\`${id}\`](#${id}) | ${languages} | ${first.severity}${off} | ${first.category} | ${first.description.replaceAll('|', '\\|')} |`);
  }
  out.push('');
  for (const id of ids) {
    out.push(`## ${id}`, '');
    for (const detector of registry.filter((d) => d.meta.id === id)) {
      const { meta } = detector;
      out.push(`### ${isProjectDetector(detector) ? `Project (${languageLabel(detector)})` : languageLabel(detector)}`, '', meta.description, '', `**Why:** ${meta.docs.why}`, '');
      if (meta.enabledByDefault === false) out.push('**Off by default:** turn it on with `rules: { ' + meta.id + ': on }`.', '');
      out.push(`**Instead:** ${meta.recommendation}`, '');
      out.push('**Flagged:**', '', ...examples(detector, 'flagged'));
      out.push('**Not flagged:**', '', ...examples(detector, 'ignored'));
      out.push(...options(detector));
    }
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
