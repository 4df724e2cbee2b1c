import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { reraisesWithContext } from './shared/error-context.js';
import { isPythonTestPath } from './shared/python-paths.js';

/** Statements that do nothing with the exception. */
function isInert(statement: Node): boolean {
  if (statement.type === 'pass_statement' || statement.type === 'continue_statement' || statement.type === 'comment') return true;
  if (statement.type !== 'expression_statement' || statement.namedChildCount !== 1) return false;
  const e = statement.namedChild(0);
  // `...` and a bare string (a docstring-like note) do nothing either.
  return e?.type === 'ellipsis' || e?.type === 'string' || e?.type === 'concatenated_string';
}

/** `Exception`, `BaseException` (also through `builtins.`): the classes that catch everything. */
const BROAD = /^(builtins\.)?(Base)?Exception$/;

/**
 * Whether the handler catches everything: a bare `except:`, `Exception`, `BaseException`, or a
 * tuple holding one of them. A specific class that passes (`KeyError`, `ImportError`, `OSError`) is
 * a deliberate fallback: the author named the one failure that is expected.
 */
function catchesEverything(handler: Node): boolean {
  const value = handler.childForFieldName('value');
  if (!value) return true;
  let type: Node | null = value.type === 'as_pattern' ? value.namedChild(0) : value;
  while (type?.type === 'parenthesized_expression') type = type.namedChild(0);
  if (!type) return false;
  const parts = type.type === 'tuple' || type.type === 'expression_list' ? type.namedChildren : [type];
  return parts.some((p) => !!p && BROAD.test(p.text.replace(/\s+/g, '')));
}

/**
 * Shapes where the silent handler is the design: `try/except/else` (the `else` runs on success, the
 * `except` is the probe's "no"), and a `try` around a `while True:` loop that the exception ends.
 */
function probeOrLoopExit(handler: Node): boolean {
  const statement = handler.parent;
  if (!statement || statement.type !== 'try_statement') return false;
  if (statement.namedChildren.some((c) => c?.type === 'else_clause')) return true;
  const body = statement.childForFieldName('body')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  const only = body.length === 1 ? body[0] : null;
  return only?.type === 'while_statement' && only.childForFieldName('condition')?.text === 'True';
}

const IMPORTS = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'comment', 'pass_statement']);

/**
 * `try: import x / except ImportError: pass`: an availability probe, not a hidden failure; also with
 * a flag set after the import (`import matplotlib; use_matplotlib = True`).
 */
function guardsOnlyImports(handler: Node): boolean {
  const body = handler.parent?.childForFieldName('body');
  const flag = (s: Node): boolean => s.type === 'expression_statement' && s.namedChild(0)?.type === 'assignment' && /^(True|False|None|\d+)$/.test(s.namedChild(0)?.childForFieldName('right')?.text ?? '');
  return !!body && body.namedChildren.some((s) => !!s && IMPORTS.has(s.type) && s.type !== 'comment' && s.type !== 'pass_statement') && body.namedChildren.every((s) => !s || IMPORTS.has(s.type) || flag(s));
}

/** The exception type text of a handler (`ValueError`, `(A, B)`), or `everything` for a bare one. */
function caughtText(handler: Node): string | null {
  const value = handler.childForFieldName('value');
  if (!value) return null;
  const type = value.type === 'as_pattern' ? value.namedChild(0) : value;
  return type?.text.replace(/\s+/g, ' ') ?? null;
}

/** An `except` that only passes, continues or does nothing: the failure disappears without a trace. */
/** A comment that explains (not only `TODO`, `FIXME`, `noqa` or a coverage pragma). */
const EXPLAINS = (text: string): boolean => !/^#\s*(TODO|FIXME|XXX|noqa|pragma|type:)\b/i.test(text.trim()) && text.replace(/^#\s*/, '').trim().length > 0;

/**
 * The author said why: a comment in the handler, on the `except` line, or on the lines directly
 * above the `try` (`# the debugger may not be running`).
 */
function explained(handler: Node, lines: readonly string[]): boolean {
  if (handler.descendantsOfType('comment').some((c) => !!c && EXPLAINS(c.text))) return true;
  const statement = handler.parent;
  const above = statement ? (lines[statement.startPosition.row - 1] ?? '').trim() : '';
  return above.startsWith('#') && EXPLAINS(above);
}

/** Calls that release or stop something: failing to do so during teardown is not worth a trace. */
const CLEANUP_CALL = /^_?(close|shutdown|terminate|kill|quit|unlink|remove|rmtree|release|join|cancel|after_cancel|stop|disconnect|flush|destroy|dispose|detach|unregister|wait)(_\w+)?$|^(__exit__|__del__)$/;
/** Functions that tear down: `close`, `__del__`, `__exit__`, `shutdown`, `_finalize_manager`. */
const CLEANUP_FUNCTION = /^(__del__|__exit__|__aexit__|_?(close|shutdown|cleanup|clean_up|teardown|tear_down|dispose|destroy|quit|stop|terminate|release)\w*|\w*finali[sz]e\w*|\w*_(close|cleanup|shutdown|teardown))$/i;
/** Calls that only report: if printing the message fails there is nowhere left to report it. */
const REPORT_CALL = /^(print|print_exc|print_exception|warn|warning|debug|info|error|log|write|_mesg|message|excepthook|showwarning|showtraceback)$/;

function statementsOf(block: Node | null): Node[] {
  return block?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
}

function calledName(statement: Node): string | null {
  let e = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (e?.type === 'await') e = e.namedChild(0);
  if (e?.type !== 'call') return null;
  const fn = e.childForFieldName('function');
  return fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? null) : fn?.type === 'identifier' ? fn.text : null;
}

/** The identifiers a simple assignment binds (`x = ...`, `a, b = ...`), or null for anything else. */
function assignedNames(statement: Node): string[] | null {
  const e = statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (e?.type !== 'assignment') return null;
  const left = e.childForFieldName('left');
  if (left?.type === 'identifier') return [left.text];
  if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') {
    const ids = left.namedChildren;
    return ids.every((i) => i?.type === 'identifier') ? ids.map((i) => i?.text ?? '') : null;
  }
  return null;
}

/**
 * Best effort by design:
 * - teardown: the `try` only closes/stops something, or sits in `close`/`__del__`/`__exit__`/
 *   `shutdown`, or in a `finally` or another handler (an error is already being dealt with);
 * - the `try` only reports (print, log, warn): failing to report has nowhere else to go;
 * - the `try` only assigns names that already hold a default (`code = None` / `try: code = f()`):
 *   the default is the handling.
 */
function bestEffort(handler: Node): boolean {
  const statement = handler.parent;
  if (!statement) return false;
  const body = statementsOf(statement.childForFieldName('body'));
  if (body.length > 0 && body.every((s) => CLEANUP_CALL.test(calledName(s) ?? '') || REPORT_CALL.test(calledName(s) ?? ''))) return true;
  for (let p = statement.parent; p; p = p.parent) {
    if (p.type === 'finally_clause' || p.type === 'except_clause') return true;
    if (p.type === 'function_definition') {
      if (CLEANUP_FUNCTION.test(p.childForFieldName('name')?.text ?? '')) return true;
      break;
    }
  }
  // `try: return fast() / except: pass` followed by more code: the code after the `try` is the fallback.
  const last = body.at(-1);
  if (last?.type === 'return_statement') {
    for (let p: Node | null = statement; p && p.type !== 'function_definition'; p = p.parent) {
      let next = p.type === 'block' ? null : p.nextNamedSibling;
      while (next?.type === 'comment') next = next.nextNamedSibling;
      if (next && next.type !== 'elif_clause' && next.type !== 'else_clause' && next.type !== 'except_clause' && next.type !== 'finally_clause') return true;
    }
  }
  const names = body.map(assignedNames);
  if (body.length === 0 || names.some((n) => n === null)) return false;
  const wanted = new Set(names.flat() as string[]);
  // Each assigned name is bound by an earlier statement of the same block (the default).
  let sibling = statement.previousNamedSibling;
  const seen = new Set<string>();
  while (sibling) {
    for (const n of assignedNames(sibling) ?? []) if (wanted.has(n)) seen.add(n);
    sibling = sibling.previousNamedSibling;
  }
  if (seen.size === wanted.size) return true;
  // `try: node = getter()` then `if node is not None:`: the code after checks the result.
  const next = statement.nextNamedSibling;
  const test = next?.type === 'if_statement' ? next.childForFieldName('condition') : null;
  return !!test && (test.type === 'identifier' ? [test] : test.descendantsOfType('identifier')).some((id) => !!id && wanted.has(id.text));
}

export default definePyDetector({
  meta: {
    id: 'swallowed-exception',
    severity: 'medium',
    category: 'reliability',
    enabledByDefault: false,
    description: 'An `except` that catches everything (bare, `Exception`, `BaseException`) only passes or continues, so any failure disappears without a trace.',
    recommendation: 'Catch the exception you expect, or log it or re-raise; if ignoring it is intended, say so with `contextlib.suppress(...)`.',
    docs: {
      why: 'Off by default: even narrowed to handlers that catch everything, 19 of 20 sampled findings in site-packages (IPython, numpy, click, hypothesis...) were deliberate best-effort code a careful reviewer reads as intended (a decode attempt with a fallback, an optional cache write, a capability probe, collecting optional details for a report); the standard library gives 7 findings, 6 true. A handler that catches everything and does nothing turns any failure, including a typo or a bug, into silently wrong behaviour: the data is missing, the file was not written, and nothing in the logs says why. Not reported: a handler for one named exception class (`except KeyError: pass` is a deliberate fallback); handlers that return a value (`return None` included) or do anything else; a comment in the handler or right above the `try` (the silence is explained); `try/except/else` probes; a `try` around a `while True:` loop the exception ends; imports (with a flag) only; teardown (close/stop calls, `close`/`__del__`/`__exit__`/`shutdown`, inside `finally` or another handler); a `try` that only prints or logs; a `try` that only assigns names holding a default or checked right after it; a `try` that returns, followed by the fallback code; test files.',
      flagged: ['try:\n    save(record)\nexcept Exception:\n    pass\n', 'for item in items:\n    try:\n        process(item)\n    except:\n        continue\n'],
      ignored: [
        'try:\n    save(record)\nexcept Exception:\n    log.exception("save failed")\n',
        'try:\n    import ujson as json\nexcept ImportError:\n    pass\n',
        'try:\n    main()\nexcept KeyboardInterrupt:\n    pass\n',
        'try:\n    value = int(text)\nexcept ValueError:\n    value = 0\n',
        'try:\n    os.remove(path)\nexcept FileNotFoundError:\n    pass\n',
        'try:\n    import fcntl\nexcept Exception:\n    pass\nelse:\n    HAVE_FCNTL = True\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests swallow on purpose: the exception is the behaviour under test, the cleanup is best effort.
    if (isPythonTestPath(ctx.file.path)) return {};
    return {
      enter: {
        except_clause(handler) {
          const body = handler.namedChildren.find((c) => c?.type === 'block');
          if (body && reraisesWithContext(body)) ctx.praise({ line: handler.startPosition.row + 1, pattern: 'error-context' });
          if (!body || !body.namedChildren.every((s) => !s || isInert(s))) return;
          if (!catchesEverything(handler) || guardsOnlyImports(handler) || probeOrLoopExit(handler) || explained(handler, ctx.file.lines) || bestEffort(handler)) return;
          const caught = caughtText(handler);
          const what = caught === null ? 'every exception' : `\`${caught.length > 60 ? `${caught.slice(0, 57)}...` : caught}\``;
          const inert = body.namedChildren.filter((s) => s && s.type !== 'comment');
          const does = inert.some((s) => s?.type === 'continue_statement') ? 'continues' : 'passes';
          ctx.report({
            line: handler.startPosition.row + 1,
            message: `This handler catches ${what} and only ${does}: any failure, bugs included, disappears without a trace`,
            recommendation: caught
              ? 'Catch the exception you expect, or log it or re-raise; if ignoring it is intended, name it in `with contextlib.suppress(...)`.'
              : 'Catch the specific exception and log or handle it; a bare `except:` that passes also hides KeyboardInterrupt and SystemExit.',
          });
        },
      },
    };
  },
});
