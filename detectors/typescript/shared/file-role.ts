/**
 * What a file is for, judged from its path and first line: tests, scripts and command-line entry
 * points, declaration files. Rules about production code (magic numbers, console output) skip the rest.
 */
import type { TsFile } from '../../define.js';

const TEST_PATH = /(^|\/)(__tests__|__mocks__|tests?|spec|specs|e2e|fixtures?|__fixtures__)\/|\.(test|spec|e2e|bench)\.[cm]?[jt]sx?$|(^|\/)test[-_.][^/]*$/i;
const SCRIPT_PATH = /(^|\/)(scripts?|bin|cli|tools|examples?|demos?|benchmarks?|bench)\//i;
const CLI_NAME = /(^|\/)(cli|bin|main|gulpfile|gruntfile|jakefile)\.[cm]?[jt]sx?$/i;

/** Normalised forward-slash path. */
function slashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** True for test, spec, fixture and mock files. */
export function isTestFile(path: string): boolean {
  return TEST_PATH.test(slashes(path));
}

/** True for `.d.ts` (and `.d.mts`/`.d.cts`) declaration files. */
export function isDeclarationFile(path: string): boolean {
  return /\.d\.[cm]?ts$/i.test(path);
}

/** True for plain JavaScript files, which carry no type annotations. */
export function isJavaScriptFile(path: string): boolean {
  return /\.[cm]?jsx?$/i.test(path);
}

/** True for scripts, command-line entry points, task-runner files (`gulpfile.js`) and examples: a shebang, or a `scripts/`, `bin/`, `cli/` path. */
export function isScriptOrCli(file: TsFile): boolean {
  const path = slashes(file.path);
  return SCRIPT_PATH.test(path) || CLI_NAME.test(path) || file.text.startsWith('#!');
}

const TRANSLATION_PATH = /(^|\/)(locales?|i18n|l10n|translations?)\//i;

/** True for translation files: message tables and plural rules, data more than logic. */
export function isTranslationFile(path: string): boolean {
  return TRANSLATION_PATH.test(slashes(path));
}
