/** The detector registry: every detector, sorted by id then language. Frozen. */
import type { Detector } from './define.js';
import pyBareExcept from './python/bare-except.js';
import pyCodeInjection from './python/code-injection.js';
import pyDuplicateImport from './python/duplicate-import.js';
import pyHardcodedSecret from './python/hardcoded-secret.js';
import pySqlInjection from './python/sql-injection.js';
import pySwallowedException from './python/swallowed-exception.js';
import pyUndefinedName from './python/undefined-name.js';
import pyUnusedImport from './python/unused-import.js';
import tsCodeInjection from './typescript/code-injection.js';
import tsDuplicateImport from './typescript/duplicate-import.js';
import tsHardcodedSecret from './typescript/hardcoded-secret.js';
import tsSqlInjection from './typescript/sql-injection.js';
import tsSwallowedException from './typescript/swallowed-exception.js';
import tsUnusedImport from './typescript/unused-import.js';

const detectors: Detector[] = [
  pyBareExcept,
  pyCodeInjection,
  pyDuplicateImport,
  pyHardcodedSecret,
  pySqlInjection,
  pySwallowedException,
  pyUndefinedName,
  pyUnusedImport,
  tsCodeInjection,
  tsDuplicateImport,
  tsHardcodedSecret,
  tsSqlInjection,
  tsSwallowedException,
  tsUnusedImport,
];

export const registry: readonly Detector[] = Object.freeze(
  [...detectors].sort((a, b) => a.meta.id.localeCompare(b.meta.id) || a.meta.language.localeCompare(b.meta.language)),
);
