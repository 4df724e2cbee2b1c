import { definePyDetector } from '../define.js';

/** `except:` with no type also traps KeyboardInterrupt and SystemExit. */
export default definePyDetector({
  meta: {
    id: 'bare-except',
    severity: 'medium',
    category: 'reliability',
    description: 'A bare `except:` catches everything, including KeyboardInterrupt and SystemExit.',
    recommendation: 'Catch the specific exceptions you expect, or `except Exception:` at a top-level boundary.',
    docs: {
      why: 'A bare `except:` also traps `KeyboardInterrupt` and `SystemExit`, so Ctrl-C and `sys.exit()` stop working inside the block and real bugs are hidden.',
      flagged: ['try:\n    load()\nexcept:\n    log.warning("failed")\n'],
      ignored: [
        'try:\n    load()\nexcept ValueError:\n    log.warning("failed")\n',
        'try:\n    load()\nexcept:\n    cleanup()\n    raise\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    return {
      enter: {
        except_clause(node) {
          // `except X:` / `except X as e:` have a value; only the bare form is flagged.
          if (node.childForFieldName('value')) return;
          const body = node.namedChildren.find((c) => c?.type === 'block');
          // A handler that ends by re-raising (cleanup, then `raise`) hides nothing.
          const last = body?.namedChildren.at(-1);
          if (last?.type === 'raise_statement' && last.namedChildCount === 0) return;
          const line = node.startPosition.row + 1;
          const text = ctx.file.lines[line - 1] ?? '';
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
