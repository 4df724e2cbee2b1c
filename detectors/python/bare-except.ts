import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { reraisesWithContext } from './shared/error-context.js';
import { isPythonTestPath } from './shared/python-paths.js';

/** `sys.exc_info()`, `sys.exception()`: the handler keeps the exception it caught. */
const SAVES = /^(sys\.)?(exc_info|exception)$/;
const SCOPES = new Set(['function_definition', 'lambda', 'class_definition', 'module']);

/** Whether every path through `statements` ends in a `raise` (cleanup, then `raise`; `if ...: raise` / `else: raise`). */
function endsInRaise(block: Node | null): boolean {
  const last = block?.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
  if (!last) return false;
  if (last.type === 'raise_statement') return last.namedChildCount === 0;
  if (last.type === 'if_statement') {
    const alternatives = last.childrenForFieldName('alternative').filter((c): c is Node => c !== null);
    if (!alternatives.some((a) => a.type === 'else_clause')) return false;
    return endsInRaise(last.childForFieldName('consequence')) && alternatives.every((a) => endsInRaise(a.childForFieldName(a.type === 'else_clause' ? 'body' : 'consequence')));
  }
  return false;
}

/** The names a handler stores the caught exception in: `exc = sys.exc_info()`, `err = sys.exception()`. */
function savedNames(body: Node): Set<string> {
  const names = new Set<string>();
  const visit = (n: Node): void => {
    if (n.type === 'assignment') {
      const right = n.childForFieldName('right');
      const left = n.childForFieldName('left');
      const calls = right ? [right, ...right.descendantsOfType('call')].filter((c): c is Node => c?.type === 'call') : [];
      if (left && calls.some((c) => SAVES.test((c.childForFieldName('function')?.text ?? '').replace(/\s+/g, '')))) {
        for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) if (id) names.add(id.text);
      }
    }
    for (const c of n.namedChildren) if (c && !SCOPES.has(c.type)) visit(c);
  };
  visit(body);
  // `exc_details = new_exc_details`: a copy of what was saved is saved too.
  for (let size = -1; size !== names.size; ) {
    size = names.size;
    for (const a of body.descendantsOfType('assignment')) {
      const right = a?.childForFieldName('right');
      const left = a?.childForFieldName('left');
      if (left?.type === 'identifier' && right?.descendantsOfType('identifier').some((id) => !!id && names.has(id.text))) names.add(left.text);
    }
  }
  return names;
}

/**
 * The exception is kept and raised again after the `try`, as `ExitStack.__exit__` does: the handler
 * saves `sys.exc_info()` and a later `raise` in the same function uses what it saved.
 */
function deferredReraise(handler: Node, body: Node): boolean {
  const names = savedNames(body);
  if (names.size === 0) return false;
  let scope: Node | null = handler.parent;
  while (scope && !SCOPES.has(scope.type)) scope = scope.parent;
  if (!scope) return false;
  return scope.descendantsOfType('raise_statement').some(
    (r) => !!r && r.startIndex > handler.endIndex && r.descendantsOfType('identifier').some((id) => !!id && names.has(id.text)),
  );
}

/** A bare `raise` in the handler (not in a nested function): the author re-raises on the paths that matter (`if raiseExceptions: raise`). */
function raisesOnSomePath(body: Node): boolean {
  const visit = (n: Node): boolean => n.namedChildren.some((c) => !!c && !SCOPES.has(c.type) && ((c.type === 'raise_statement' && c.namedChildCount === 0) || visit(c)));
  return visit(body);
}

/** Calls that run user code: `eval`, `exec`, `shell.run_cell`, `self._exec_file`, `execfile`. */
const RUNS_CODE = /(^|\.)(eval|exec|_?exec_\w+|execfile|safe_execfile|run_?cell|run_?code|runcode|run_?source|runsource|run_ast_nodes)$/;
const REPORTS_TRACEBACK = /^(print_exc|print_exception|format_exc|format_exception|showtraceback|excepthook|exception)$/;

function calleeLast(call: Node | null): string {
  const fn = call?.childForFieldName('function');
  return fn?.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn?.type === 'identifier' ? fn.text : '';
}

/** Bases of interactive shells: `cmd.Cmd`, `bdb.Bdb`/`pdb.Pdb`, `code.InteractiveInterpreter`. */
const SHELL_BASES = /\b(Cmd|Bdb|Pdb|InteractiveInterpreter|InteractiveConsole)\b/;
const EXITS = /^(os\._exit|sys\.exit|exit|_exit)$/;
const STOP_EXCEPTIONS = /\b(SystemExit|KeyboardInterrupt|BaseException|GeneratorExit)\b/;

/**
 * Catching everything is the design:
 * - an earlier clause of the same `try` handles `SystemExit`/`KeyboardInterrupt` (`code.py`'s
 *   `except SystemExit: raise` before showing any other traceback);
 * - the handler ends the process (`os._exit(127)` in a forked child);
 * - the `try` runs code with `eval`/`exec` (user code may raise anything, `SystemExit` included),
 *   or sits in an interactive shell class (`cmd.Cmd`, `bdb.Bdb`, `code.InteractiveInterpreter`);
 * - teardown: in a `finally` or another handler, or in `close`/`__del__`/`__exit__`/`shutdown`.
 */
function deliberate(handler: Node, body: Node, fileText: string): boolean {
  const statement = handler.parent;
  if (!statement) return false;
  for (const clause of statement.namedChildren) {
    if (!clause || clause.id === handler.id) break;
    if (clause.type !== 'except_clause') continue;
    const type = clause.childForFieldName('value')?.text ?? '';
    if (STOP_EXCEPTIONS.test(type)) return true;
    // `except _reraised_exceptions: raise`, a tuple constant holding them.
    const name = /^\(?\s*([A-Za-z_][\w.]*)\s*\)?$/.exec(type)?.[1];
    if (name && new RegExp(`(^|\\n)${name.replace(/\./g, '\\.')}\\s*=\\s*\\([^)]*(SystemExit|KeyboardInterrupt)`).test(fileText)) return true;
  }
  // The handler shows the whole traceback (`traceback.print_exc()`, `log.exception(...)`,
  // `sys.excepthook(*sys.exc_info())`): a reporting boundary where nothing is hidden.
  if (body.descendantsOfType('call').some((c) => REPORTS_TRACEBACK.test(calleeLast(c)))) return true;
  const last = body.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
  const lastCall = last?.type === 'expression_statement' && last.namedChild(0)?.type === 'call' ? last.namedChild(0)?.childForFieldName('function')?.text ?? '' : '';
  if (EXITS.test(lastCall)) return true;
  const tried = statement.childForFieldName('body');
  if (tried?.descendantsOfType('call').some((c) => RUNS_CODE.test(c?.childForFieldName('function')?.text ?? ''))) return true;
  // Interactive shells and debuggers evaluate what the user typed: anything, `SystemExit`
  // included, must leave the prompt alive.
  for (let p = statement.parent; p; p = p.parent) {
    if (p.type === 'class_definition' && SHELL_BASES.test(p.childForFieldName('superclasses')?.text ?? '')) return true;
  }
  for (let p = statement.parent; p; p = p.parent) {
    if (p.type === 'finally_clause' || p.type === 'except_clause') return true;
    if (p.type === 'function_definition') return /^(__del__|__exit__|__aexit__|_?(close|shutdown|cleanup|teardown|dispose|destroy)\w*|\w*finali[sz]e\w*)$/i.test(p.childForFieldName('name')?.text ?? '');
  }
  return false;
}

/** `except:` with no type also traps KeyboardInterrupt and SystemExit. */
export default definePyDetector({
  meta: {
    id: 'bare-except',
    severity: 'medium',
    category: 'reliability',
    description: 'A bare `except:` catches everything, including KeyboardInterrupt and SystemExit.',
    recommendation: 'Catch the specific exceptions you expect, or `except Exception:` at a top-level boundary.',
    docs: {
      why: 'A bare `except:` also traps `KeyboardInterrupt` and `SystemExit`, so Ctrl-C and `sys.exit()` stop working inside the block and real bugs are hidden. Not reported where catching everything is the design: a handler that re-raises on any path, or saves the exception (`sys.exc_info()`) and raises it again later in the function; an earlier clause of the same `try` handling `SystemExit`/`KeyboardInterrupt`; a handler that ends the process (`os._exit`) or shows the whole traceback (`traceback.print_exc()`, `log.exception`, `sys.excepthook`); a `try` running user code (`eval`, `exec`, `run_cell`...) or in an interactive shell class (`cmd.Cmd`, `bdb.Bdb`); teardown (`finally`, another handler, `close`/`__del__`/`__exit__`); `# noqa: E722`; test files, which use the syntax on purpose.',
      flagged: ['try:\n    load()\nexcept:\n    log.warning("failed")\n'],
      ignored: [
        'try:\n    load()\nexcept ValueError:\n    log.warning("failed")\n',
        'try:\n    load()\nexcept:\n    cleanup()\n    raise\n',
        'import sys\n\ndef close_all(callbacks):\n    pending = None\n    for cb in callbacks:\n        try:\n            cb()\n        except:\n            pending = sys.exc_info()\n    if pending:\n        raise pending[1]\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    // Tests exercise the syntax, `GeneratorExit` and error paths on purpose.
    if (isPythonTestPath(ctx.file.path)) return {};
    return {
      enter: {
        except_clause(node) {
          const handler = node.namedChildren.find((c) => c?.type === 'block');
          // Seen here rather than in swallowed-exception, which is off by default for Python.
          if (handler && reraisesWithContext(handler)) ctx.praise({ line: node.startPosition.row + 1, pattern: 'error-context' });
          // `except X:` / `except X as e:` have a value; only the bare form is flagged.
          if (node.childForFieldName('value')) return;
          const body = node.namedChildren.find((c) => c?.type === 'block') ?? null;
          // A handler that ends by re-raising (cleanup, then `raise`) hides nothing, nor one that
          // keeps the exception to raise it after the loop or the cleanup.
          if (!body || endsInRaise(body) || raisesOnSomePath(body) || deferredReraise(node, body) || deliberate(node, body, ctx.file.text)) return;
          const line = node.startPosition.row + 1;
          const text = ctx.file.lines[line - 1] ?? '';
          // `except:  # noqa: E722`: the author acknowledged the linter's same warning.
          if (/#\s*noqa\b(?!:(?![^#]*\bE722\b))/i.test(text)) return;
          const fixed = text.replace(/except\s*:/, 'except Exception:');
          ctx.report({
            line,
            message: 'Bare `except:` catches every exception, including KeyboardInterrupt and SystemExit.',
            ...(fixed !== text ? { fix: { line, endLine: line, replacement: fixed } } : {}),
          });
        },
      },
    };
  },
});
