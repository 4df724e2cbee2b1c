// ESLint with typescript-eslint (not type-aware) configured with the closest equivalents of the
// engine's TypeScript rules, for the side-by-side figure in `npm run bench`. Rules with no ESLint
// counterpart (sql-injection, hardcoded-secret, missing-timeout, ...) simply have none: the
// comparison favours ESLint, which runs fewer checks.
import tseslint from 'typescript-eslint';

/** Engine rule → ESLint rule(s) doing the nearest job. */
const EQUIVALENTS = {
  'code-injection': { 'no-eval': 'error', 'no-new-func': 'error' },
  'swallowed-exception': { 'no-empty': 'error' },
  'duplicate-import': { 'no-duplicate-imports': 'error' },
  'unused-import': { '@typescript-eslint/no-unused-vars': 'error' },
  'explicit-any': { '@typescript-eslint/no-explicit-any': 'error' },
  'deep-nesting': { 'max-depth': ['error', 4] },
  'high-complexity': { complexity: ['error', 15] },
  'magic-number': { '@typescript-eslint/no-magic-numbers': 'error' },
  'long-function': { 'max-lines-per-function': ['error', 80] },
  'missing-type-hints': { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  'console-logging': { 'no-console': 'error' },
  'await-in-loop': { 'no-await-in-loop': 'error' },
  'global-mutable-state': { 'no-implicit-globals': 'error' },
  'unbounded-recursion': { 'no-unreachable-loop': 'error' },
  'sql-injection': { 'no-template-curly-in-string': 'error' },
};

/** The flat config and the number of ESLint rules it turns on. */
export function eslintConfig() {
  const rules = Object.assign({}, ...Object.values(EQUIVALENTS));
  return {
    ruleCount: Object.keys(rules).length,
    config: [
      {
        files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
        languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
        plugins: { '@typescript-eslint': tseslint.plugin },
        rules,
      },
    ],
  };
}
