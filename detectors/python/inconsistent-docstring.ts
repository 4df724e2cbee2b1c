import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import type { Fix } from '../../src/types.js';
import { type DocstringStyle, clearMajority, docstringStyle } from './shared/docstring-style.js';
import { docstringOf } from './shared/function-defs.js';
import { replaceBytes } from './shared/source-text.js';

interface Docstring {
  /** The string node. */
  node: Node;
  /** `module`, `function \`f\``, `class \`C\``. */
  owner: string;
  style: DocstringStyle;
}

/** The docstring string node of a module (its first statement, when a string). */
function moduleDocstring(root: Node): Node | null {
  const first = root.namedChildren.find((c) => c !== null && c.type !== 'comment') ?? null;
  const e = first?.type === 'expression_statement' ? first.firstNamedChild : null;
  return e?.type === 'string' ? e : null;
}

/** Rewrites `'''...'''` as `"""..."""` when the content cannot clash with the new quotes. */
function quoteFix(node: Node, lines: readonly string[]): Fix | undefined {
  const text = node.text;
  const prefix = /^[rRuU]*/.exec(text)?.[0] ?? '';
  const inner = text.slice(prefix.length + 3, -3);
  if (!text.endsWith("'''") || inner.includes('"""') || inner.endsWith('"') || inner.endsWith('\\')) return undefined;
  const start = node.startPosition;
  const end = node.endPosition;
  const open = start.column + prefix.length;
  if (start.row === end.row) {
    const line = replaceBytes(replaceBytes(lines[start.row] ?? '', end.column - 3, end.column, '"""'), open, open + 3, '"""');
    return { line: start.row + 1, endLine: start.row + 1, replacement: line };
  }
  const first = replaceBytes(lines[start.row] ?? '', open, open + 3, '"""');
  const last = replaceBytes(lines[end.row] ?? '', end.column - 3, end.column, '"""');
  return { line: start.row + 1, endLine: end.row + 1, replacement: [first, ...lines.slice(start.row + 1, end.row), last].join('\n') };
}

/** Docstrings whose quotes or section format differ from their module's clear majority. */
export default definePyDetector({
  meta: {
    id: 'inconsistent-docstring',
    severity: 'low',
    category: 'maintainability',
    description: 'A docstring whose quotes (`"""` / `\'\'\'`) or format (Google, NumPy, reST, epytext) differ from the clear majority of its module.',
    recommendation: 'Write it like the module\'s other docstrings: the same quotes and the same section format (Sphinx, pydoc and IDEs parse one format per project).',
    docs: {
      why: 'Documentation tools (Sphinx napoleon, pydoc, IDE tooltips) parse one docstring format; a docstring in another format renders as a wall of text, and mixed quotes are noise in review. The rule compares each docstring of a module (module, classes, functions) with the others: quotes among triple-quoted docstrings, format among docstrings that show one (Google `Args:` sections, NumPy underlined sections, reST `:param x:` fields, epytext `@param`). One-line and plain docstrings fit any format and are not counted. It reports only when at least 3 docstrings share a style and they outnumber all the others at least two to one; a module split half and half has no majority to follow. The fix rewrites `\'\'\'` as `"""` when the content allows it.',
      flagged: [
        'def a():\n    """Return a."""\n\ndef b():\n    """Return b."""\n\ndef c():\n    """Return c."""\n\ndef d():\n    \'\'\'Return d.\'\'\'\n',
        'def a(x):\n    """Do a.\n\n    Args:\n        x: the value.\n    """\n\ndef b(x):\n    """Do b.\n\n    Args:\n        x: the value.\n    """\n\ndef c(x):\n    """Do c.\n\n    Args:\n        x: the value.\n    """\n\ndef d(x):\n    """Do d.\n\n    :param x: the value.\n    """\n',
      ],
      ignored: [
        'def a():\n    """Return a."""\n\ndef b():\n    \'\'\'Return b.\'\'\'\n',
        'def a():\n    """Return a."""\n\ndef b():\n    """Return b."""\n\ndef c():\n    \'\'\'Return c.\'\'\'\n\ndef d():\n    \'\'\'Return d.\'\'\'\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const docstrings: Docstring[] = [];
    const collect = (def: Node, kind: string): void => {
      const statement = docstringOf(def);
      const node = statement?.firstNamedChild;
      if (node?.type === 'string') docstrings.push({ node, owner: `${kind} \`${def.childForFieldName('name')?.text ?? ''}\``, style: docstringStyle(node) });
    };
    return {
      enter: {
        module(root) {
          const node = moduleDocstring(root);
          if (node) docstrings.push({ node, owner: 'the module', style: docstringStyle(node) });
        },
        function_definition(def) {
          collect(def, 'function');
        },
        class_definition(def) {
          collect(def, 'class');
        },
      },
      end() {
        const quotes = clearMajority(docstrings.flatMap((d) => (d.style.quotes ? [d.style.quotes] : [])));
        const formats = docstrings.flatMap((d) => (d.style.format ? [d.style.format] : []));
        const format = clearMajority(formats);
        for (const d of docstrings) {
          const problems: string[] = [];
          // A docstring that holds the majority's quotes in its text needs the other ones.
          if (quotes && d.style.quotes && d.style.quotes !== quotes && !d.node.text.slice(3, -3).includes(quotes)) problems.push(`uses \`${d.style.quotes}\` where the module's other docstrings use \`${quotes}\``);
          if (format && d.style.format && d.style.format !== format) problems.push(`is in ${d.style.format} format where the module's other docstrings use ${format}`);
          if (problems.length === 0) continue;
          const fix = problems.length === 1 && quotes === '"""' && d.style.quotes === "'''" ? quoteFix(d.node, ctx.file.lines) : undefined;
          ctx.report({
            line: d.node.startPosition.row + 1,
            endLine: d.node.endPosition.row + 1,
            message: `The docstring of ${d.owner} ${problems.join(' and ')}.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
