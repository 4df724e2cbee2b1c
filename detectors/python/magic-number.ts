import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { isPythonTestPath } from './shared/python-paths.js';

/** Values everyone reads without a name: zero, one, minus one, two (pairs, `% 2`), a half. */
const OBVIOUS = new Set([0, 1, -1, 2, 0.5]);

/**
 * `len(parts) == 3`, `i == 4`, `kind != 7`: equality with a small integer is a shape check or one arm
 * of a dispatch over cases, read in context; thresholds (`<`, `>=`) are where unnamed numbers hurt.
 */
const SMALL_CASE = 10;

/** `len(h) >= 3`, `n_len > 8`: a small length bound guards the indexing that follows and reads with it. */
const LENGTH_SUBJECT = /\blen\(|\blen_|_len\b|\blength\b/i;

/** 127/128, 255/256, 65535/65536: the limits of a byte or a 16-bit field read as such. */
const FIELD_LIMITS = new Set([127, 128, 255, 256, 65535, 65536]);

/** Units everyone reads: days of a week, months, hours, minutes/seconds, days of a year, bit widths, SI steps. */
const WELL_KNOWN = new Set([7, 8, 12, 16, 24, 32, 60, 64, 100, 365, 366, 1000, 1024, 3600, 86400, 1000000]);

/** The other side names what the number is: versions, argv counts, protocols, debug levels, character codes. */
const SELF_EXPLAINING_SUBJECT = /\bord\(|\bchr\(|version|vsn\b|(^|[^a-z])ver\b|\bmajor\b|\bminor\b|\bproto(col)?\b|debug|verbos|\blevel\b|argv|maxsize|maxunicode|platform|\bbyteorder\b/i;
/** `resp.status == 404`, `code >= 500`: an HTTP status is its own name. */
const STATUS_SUBJECT = /status|code\b|\bcode|reason/i;

/** Calls whose positional number is a duration nobody can read: `time.sleep(30)`, `sock.settimeout(5)`. */
const DURATION_CALL = /(^|\.)(sleep|settimeout)$/;

/** A numeric literal reached through parentheses and a sign, with its signed value; else null. */
function numberIn(node: Node): { node: Node; value: number; text: string } | null {
  let n: Node | null = node;
  let sign = 1;
  let prefix = '';
  for (;;) {
    if (n?.type === 'parenthesized_expression') n = n.namedChild(0);
    else if (n?.type === 'unary_operator' && /^[-+]/.test(n.text)) {
      if (n.text.startsWith('-')) sign = -sign;
      prefix = sign < 0 ? '-' : '';
      n = n.childForFieldName('argument');
    } else break;
  }
  if (!n || (n.type !== 'integer' && n.type !== 'float')) return null;
  const raw = n.text.replace(/_/g, '');
  // Hex, octal and binary literals are written in the notation of their domain (masks, modes, code points).
  if (/^0[xob]/i.test(raw) || /[jJ]$/.test(raw)) return null;
  const value = sign * Number(raw.replace(/[lL]$/, ''));
  return Number.isFinite(value) ? { node: n, value, text: `${prefix}${n.text}` } : null;
}

/** True when `value` needs a name. */
function isMagic(value: number): boolean {
  return !OBVIOUS.has(value);
}

const short = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
};

/** The numbers in a comparison that need a name (none when the other side explains them). */
function magicInComparison(cmp: Node): Array<{ node: Node; text: string }> {
  const operands = cmp.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  const numbers = operands.map(numberIn);
  const subjects = operands.filter((_, i) => numbers[i] === null);
  // `0 < 5`: nothing is being measured; `x == (3, 8)` tuples are versions and are not numbers here.
  if (subjects.length === 0) return [];
  // `0 <= digit <= 9`, `48 <= code <= 57`: an interval between two literals is a domain range, read as a whole.
  if (operands.length === 3 && numbers[0] && numbers[2]) return [];
  const subjectText = subjects.map((s) => s.text).join(' ');
  if (SELF_EXPLAINING_SUBJECT.test(subjectText)) return [];
  const equality = cmp.childrenForFieldName('operators').every((o) => o.text === '==' || o.text === '!=');
  const found: Array<{ node: Node; text: string }> = [];
  for (const n of numbers) {
    if (!n || !isMagic(n.value)) continue;
    const small = Number.isInteger(n.value) && Math.abs(n.value) <= SMALL_CASE;
    if (small && (equality || LENGTH_SUBJECT.test(subjectText))) continue;
    if (FIELD_LIMITS.has(Math.abs(n.value)) || WELL_KNOWN.has(Math.abs(n.value))) continue;
    const httpStatus = Number.isInteger(n.value) && n.value >= 100 && n.value <= 599;
    if (httpStatus && STATUS_SUBJECT.test(subjectText)) continue;
    found.push(n);
  }
  return found;
}

/** Unexplained numbers in conditions and durations. */
export default definePyDetector({
  meta: {
    id: 'magic-number',
    severity: 'low',
    category: 'maintainability',
    description: 'An unexplained numeric literal in a comparison or a sleep/timeout call.',
    enabledByDefault: false,
    recommendation: 'Give the number a name: a module-level constant (`MAX_RETRIES = 5`) or a keyword argument says what it means.',
    docs: {
      why: 'Off by default: on the Python standard library 7 of 20 sampled findings were domain constants a careful reviewer reads in context (decimal exponent adjustments, ISO week 52, offsets in a fixed date format), so the rule is for teams that want every threshold named. A bare number in a condition (`if retries > 5`, `if len(name) > 253`) or a duration (`time.sleep(30)`) says nothing about why it has that value, and the same value copied elsewhere drifts. Only the places where a number is a threshold or a delay are checked: comparisons, and the positional argument of `sleep`/`settimeout`. Left alone: 0, 1, -1, 2 and 0.5; equality with a small integer (`kind == 4`: one arm of a dispatch) and small length bounds (`len(parts) >= 3`: a guard for the indexing that follows), |n| <= 10; byte and 16-bit limits (127, 128, 255, 256, 65535, 65536); well-known units (7, 8, 12, 16, 24, 32, 60, 64, 100, 365, 366, 1000, 1024, 3600, 86400, 1000000); debug and verbosity levels; bounds in `assert` statements; protocol numbers (`proto < 5`); hex, octal and binary literals (masks, modes, code points); indices and slices; arithmetic; assignments (`MAX_RETRIES = 5`, `x = 30` name the value); default parameter values; keyword arguments (`timeout=30` is named by its keyword); `range(10)` and other positional arguments; intervals between two literals (`0 <= digit <= 9`); comparisons with version tuples, `sys.version_info`, `sys.argv` counts, character codes (`ord(c) < 32`); HTTP statuses (100-599) compared with a status or code; test files.',
      flagged: ['if retries > 5:\n    give_up()\n', 'time.sleep(30)\n', 'def valid(name):\n    return len(name) <= 253\n'],
      ignored: [
        'MAX_RETRIES = 5\nif retries > MAX_RETRIES:\n    give_up()\n',
        'requests.get(url, timeout=30)\n',
        'if response.status_code == 404:\n    return None\n',
        'if sys.version_info >= (3, 11):\n    import tomllib\n',
        'last = items[-1]\nhead = items[:3]\n',
        'def fetch(url, retries=3):\n    pass\n',
        'if flags & 0x80:\n    pass\n',
        'for i in range(10):\n    pass\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const skip = isPythonTestPath(ctx.file.path);
    // `assert abs(us) < 3.1e6`: an invariant's bound documents itself; nobody names it.
    let inAssert = 0;
    const report = (n: { node: Node; text: string }, where: string) => {
      ctx.report({
        line: n.node.startPosition.row + 1,
        message: `Magic number \`${n.text}\` in \`${short(where)}\``,
        recommendation: `Name \`${n.text}\` with a constant (\`MAX_… = ${n.text}\`) that says what it means, and use the name here.`,
      });
    };
    return {
      enter: {
        assert_statement() {
          inAssert += 1;
        },
        comparison_operator(cmp) {
          if (skip || inAssert > 0) return;
          for (const n of magicInComparison(cmp)) report(n, cmp.text);
        },
        call(call) {
          if (skip) return;
          const fn = call.childForFieldName('function');
          if (!fn || !DURATION_CALL.test(fn.text)) return;
          const first = call.childForFieldName('arguments')?.firstNamedChild;
          const n = first ? numberIn(first) : null;
          if (n && isMagic(n.value)) report(n, call.text);
        },
      },
      exit: {
        assert_statement() {
          inAssert -= 1;
        },
      },
    };
  },
});
