/** The detector registry: every detector, sorted by id then language (`project` for project-level ones). Frozen. */
import { detectorFolder, type Detector } from './define.js';
import projectCircularImport from './project/circular-import.js';
import projectDanglingReference from './project/dangling-reference.js';
import projectMissingIndex from './project/missing-index.js';
import projectMissingTests from './project/missing-tests.js';
import pyAwaitInLoop from './python/await-in-loop.js';
import pyBareExcept from './python/bare-except.js';
import pyCodeInjection from './python/code-injection.js';
import pyCommandInjection from './python/command-injection.js';
import pyConnectionPerCall from './python/connection-per-call.js';
import pyConsoleLogging from './python/console-logging.js';
import pyDebugModeEnabled from './python/debug-mode-enabled.js';
import pyDeepNesting from './python/deep-nesting.js';
import pyDuplicateImport from './python/duplicate-import.js';
import pyGlobalMutableState from './python/global-mutable-state.js';
import pyHardcodedSecret from './python/hardcoded-secret.js';
import pyHighComplexity from './python/high-complexity.js';
import pyImportOrder from './python/import-order.js';
import pyInconsistentDocstring from './python/inconsistent-docstring.js';
import pyInsecureRandomness from './python/insecure-randomness.js';
import pyLongFunction from './python/long-function.js';
import pyMagicNumber from './python/magic-number.js';
import pyMissingBodyLimit from './python/missing-body-limit.js';
import pyMissingInputValidation from './python/missing-input-validation.js';
import pyMissingRetryAfter from './python/missing-retry-after.js';
import pyMissingRollback from './python/missing-rollback.js';
import pyMissingTimeout from './python/missing-timeout.js';
import pyMissingTypeHints from './python/missing-type-hints.js';
import pyPermissiveCors from './python/permissive-cors.js';
import pyPromptInjection from './python/prompt-injection.js';
import pyRaceCondition from './python/race-condition.js';
import pySqlInjection from './python/sql-injection.js';
import pySwallowedException from './python/swallowed-exception.js';
import pySyncIoInAsync from './python/sync-io-in-async.js';
import pyTlsVerificationDisabled from './python/tls-verification-disabled.js';
import pyTokenInUrl from './python/token-in-url.js';
import pyUnboundedCollection from './python/unbounded-collection.js';
import pyUnboundedQuery from './python/unbounded-query.js';
import pyUnboundedQueue from './python/unbounded-queue.js';
import pyUnboundedRecursion from './python/unbounded-recursion.js';
import pyUndefinedName from './python/undefined-name.js';
import pyUnusedImport from './python/unused-import.js';
import tsAwaitInLoop from './typescript/await-in-loop.js';
import tsCodeInjection from './typescript/code-injection.js';
import tsCommandInjection from './typescript/command-injection.js';
import tsConnectionPerCall from './typescript/connection-per-call.js';
import tsConsoleLogging from './typescript/console-logging.js';
import tsDebugModeEnabled from './typescript/debug-mode-enabled.js';
import tsDeepNesting from './typescript/deep-nesting.js';
import tsDuplicateImport from './typescript/duplicate-import.js';
import tsEventListenerLeak from './typescript/event-listener-leak.js';
import tsExplicitAny from './typescript/explicit-any.js';
import tsFloatingPromise from './typescript/floating-promise.js';
import tsGlobalMutableState from './typescript/global-mutable-state.js';
import tsHardcodedSecret from './typescript/hardcoded-secret.js';
import tsHighComplexity from './typescript/high-complexity.js';
import tsInsecureRandomness from './typescript/insecure-randomness.js';
import tsLongFunction from './typescript/long-function.js';
import tsMagicNumber from './typescript/magic-number.js';
import tsMissingBodyLimit from './typescript/missing-body-limit.js';
import tsMissingInputValidation from './typescript/missing-input-validation.js';
import tsMissingRetryAfter from './typescript/missing-retry-after.js';
import tsMissingRollback from './typescript/missing-rollback.js';
import tsMissingTimeout from './typescript/missing-timeout.js';
import tsMissingTypeHints from './typescript/missing-type-hints.js';
import tsPermissiveCors from './typescript/permissive-cors.js';
import tsPromptInjection from './typescript/prompt-injection.js';
import tsRaceCondition from './typescript/race-condition.js';
import tsSqlInjection from './typescript/sql-injection.js';
import tsSwallowedException from './typescript/swallowed-exception.js';
import tsSyncIoInAsync from './typescript/sync-io-in-async.js';
import tsTlsVerificationDisabled from './typescript/tls-verification-disabled.js';
import tsTokenInUrl from './typescript/token-in-url.js';
import tsUnboundedCollection from './typescript/unbounded-collection.js';
import tsUnboundedQuery from './typescript/unbounded-query.js';
import tsUnboundedQueue from './typescript/unbounded-queue.js';
import tsUnboundedRecursion from './typescript/unbounded-recursion.js';
import tsUnsafeJsonParse from './typescript/unsafe-json-parse.js';
import tsUnusedImport from './typescript/unused-import.js';

const detectors: Detector[] = [
  projectCircularImport,
  projectDanglingReference,
  projectMissingIndex,
  projectMissingTests,
  pyAwaitInLoop,
  pyBareExcept,
  pyCodeInjection,
  pyCommandInjection,
  pyConnectionPerCall,
  pyConsoleLogging,
  pyDebugModeEnabled,
  pyDeepNesting,
  pyDuplicateImport,
  pyGlobalMutableState,
  pyHardcodedSecret,
  pyHighComplexity,
  pyImportOrder,
  pyInconsistentDocstring,
  pyInsecureRandomness,
  pyLongFunction,
  pyMagicNumber,
  pyMissingBodyLimit,
  pyMissingInputValidation,
  pyMissingRetryAfter,
  pyMissingRollback,
  pyMissingTimeout,
  pyMissingTypeHints,
  pyPermissiveCors,
  pyPromptInjection,
  pyRaceCondition,
  pySqlInjection,
  pySwallowedException,
  pySyncIoInAsync,
  pyTlsVerificationDisabled,
  pyTokenInUrl,
  pyUnboundedCollection,
  pyUnboundedQuery,
  pyUnboundedQueue,
  pyUnboundedRecursion,
  pyUndefinedName,
  pyUnusedImport,
  tsAwaitInLoop,
  tsCodeInjection,
  tsCommandInjection,
  tsConnectionPerCall,
  tsConsoleLogging,
  tsDebugModeEnabled,
  tsDeepNesting,
  tsDuplicateImport,
  tsEventListenerLeak,
  tsExplicitAny,
  tsFloatingPromise,
  tsGlobalMutableState,
  tsHardcodedSecret,
  tsHighComplexity,
  tsInsecureRandomness,
  tsLongFunction,
  tsMagicNumber,
  tsMissingBodyLimit,
  tsMissingInputValidation,
  tsMissingRetryAfter,
  tsMissingRollback,
  tsMissingTimeout,
  tsMissingTypeHints,
  tsPermissiveCors,
  tsPromptInjection,
  tsRaceCondition,
  tsSqlInjection,
  tsSwallowedException,
  tsSyncIoInAsync,
  tsTlsVerificationDisabled,
  tsTokenInUrl,
  tsUnboundedCollection,
  tsUnboundedQuery,
  tsUnboundedQueue,
  tsUnboundedRecursion,
  tsUnsafeJsonParse,
  tsUnusedImport,
];

export const registry: readonly Detector[] = Object.freeze(
  [...detectors].sort((a, b) => a.meta.id.localeCompare(b.meta.id) || detectorFolder(a).localeCompare(detectorFolder(b))),
);
