import type { Node } from 'web-tree-sitter';
import { definePyDetector } from '../define.js';

/** Statements that do nothing with the exception. */
function isInert(statement: Node): boolean {
  if (statement.type === 'pass_statement' || statement.type === 'continue_statement' || statement.type === 'comment') return true;
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  const e = statement.namedChild(0);
  // `...` and a bare string (a docstring-like note) do nothing either.
  return e?.type === 'ellipsis' || e?.type === 'string' || e?.type === 'concatenated_string';
}

/**
 * Handlers whose silence is the point: Ctrl-C at the top of a CLI, a cancelled task being awaited
 * after `task.cancel()`, a generator being closed.
 */
const DELIBERATE = /^\(?\s*(KeyboardInterrupt|(asyncio\.)?CancelledError|GeneratorExit)\s*\)?$/;

/**
 * "Already gone / not there" errors around a single statement are the expected outcome, not a
 * failure: `os.remove(p)` / FileNotFoundError, `del d[k]` / KeyError, `os.kill(pid, 0)` / ProcessLookupError.
 */
const ABSENCE = /^\(?\s*(FileNotFoundError|FileExistsError|ProcessLookupError|KeyError|AttributeError|IndexError|NotADirectoryError|IsADirectoryError|ChildProcessError)(\s*,\s*(FileNotFoundError|FileExistsError|ProcessLookupError|KeyError|AttributeError|IndexError|NotADirectoryError|IsADirectoryError|ChildProcessError))*\s*\)?$/;

function singleStatementTry(handler: Node): boolean {
  const body = handler.parent?.childForFieldName('body');
  const statements = body?.namedChildren.filter((s) => s?.type !== 'comment') ?? [];
  return statements.length === 1 && !['if_statement', 'for_statement', 'while_statement', 'with_statement', 'try_statement'].includes(statements[0]?.type ?? '');
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'comment', 'pass_statement']);

/** `try: import x / except ImportError: pass`: an availability probe, not a hidden failure. */
function guardsOnlyImports(handler: Node): boolean {
  const body = handler.parent?.childForFieldName('body');
  return !!body && body.namedChildren.every((s) => !s || IMPORTS.has(s.type));
}

/** The exception type text of a handler (`ValueError`, `(A, B)`), or `everything` for a bare one. */
function caughtText(handler: Node): string | null {
  const value = handler.childForFieldName('value');
  if (!value) return null;
  const type = value.type === 'as_pattern' ? value.namedChild(0) : value;
  return type?.text.replace(/\s+/g, ' ') ?? null;
}

/** An `except` that only passes, continues or does nothing: the failure disappears without a trace. */
/**
 * `raise DomainError("...") from err` or `logger.exception(...)` directly in the handler: the error
 * goes on with its cause, or is logged with its traceback.
 */
function reraisesWithContext(body: Node): boolean {
  return body.namedChildren.some((s) => {
    if (s?.type === 'raise_statement') return s.childForFieldName('cause') !== null;
    if (s?.type !== 'expression_statement') return false;
    const call = s.namedChild(0);
    const fn = call?.type === 'call' ? call.childForFieldName('function') : null;
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'exception';
  });
}

export default definePyDetector({
  meta: {
    id: 'swallowed-exception',
    severity: 'medium',
    category: 'reliability',
    description: 'An `except` block only passes or continues, so the failure disappears without a trace.',
    recommendation: 'Log the exception, handle it, or re-raise; if ignoring it is intended, say so with `contextlib.suppress(...)`.',
    docs: {
      why: 'A handler that does nothing turns a failure into silently wrong behaviour: the data is missing, the file was not written, and nothing in the logs says why. When ignoring an error is really intended, `contextlib.suppress(SomeError)` says so explicitly and narrowly.',
      flagged: ['try:\n    save(record)\nexcept Exception:\n    pass\n', 'for item in items:\n    try:\n        process(item)\n    except ValueError:\n        continue\n'],
      ignored: [
        'try:\n    save(record)\nexcept Exception:\n    log.exception("save failed")\n',
        'try:\n    import ujson as json\nexcept ImportError:\n    pass\n',
        'try:\n    main()\nexcept KeyboardInterrupt:\n    pass\n',
        'try:\n    value = int(text)\nexcept ValueError:\n    value = 0\n',
        'try:\n    os.remove(path)\nexcept FileNotFoundError:\n    pass\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      enter: {
        except_clause(handler) {
          const body = handler.namedChildren.find((c) => c?.type === 'block');
          if (body && reraisesWithContext(body)) ctx.praise({ line: handler.startPosition.row + 1, pattern: 'error-context' });
          if (!body || !body.namedChildren.every((s) => !s || isInert(s))) return;
          const caught = caughtText(handler);
          if (caught && DELIBERATE.test(caught)) return;
          if (guardsOnlyImports(handler) || (caught && ABSENCE.test(caught) && singleStatementTry(handler))) return;
          const what = caught === null ? 'every exception' : `\`${caught.length > 60 ? `${caught.slice(0, 57)}...` : caught}\``;
          const does = body.namedChildren.some((s) => s?.type === 'continue_statement') ? 'continues' : 'passes';
          ctx.report({
            line: handler.startPosition.row + 1,
            message: `This handler catches ${what} and only ${does}: the failure disappears without a trace`,
            recommendation: caught
              ? `Log it, handle it or re-raise; if ignoring it is intended, use \`with contextlib.suppress(${caught.replace(/^\((.*)\)$/, '$1')}):\`.`
              : 'Catch the specific exception and log or handle it; a bare `except:` that passes also hides KeyboardInterrupt and SystemExit.',
          });
        },
      },
    };
  },
});
