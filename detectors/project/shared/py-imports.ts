/**
 * The module-level imports of a Python file, read line by line (no parser needed for import
 * statements): imports inside functions (run later, on call), under `if TYPE_CHECKING:` (never
 * run) and under `if __name__ == "__main__":` (script runs only) are left out; those in class
 * bodies, `try:` and other top-level blocks run at import time.
 */

/** One import statement: `import a.b` (level 0, module `a.b`) or `from ..m import x, y`. */
export interface PyImport {
  /** Dotted module after the leading dots ('' for `from . import x`). */
  module: string;
  /** Leading dots of a relative import; 0 for an absolute one. */
  level: number;
  /** Names of a `from` import (empty for `import a.b`). */
  names: string[];
  /** 1-based first line of the statement. */
  line: number;
  endLine: number;
}

interface LogicalLine {
  text: string;
  indent: number;
  line: number;
  endLine: number;
}

/** Blanks string contents and comments so brackets, colons and keywords can be read safely. */
function splitLogicalLines(source: string): LogicalLine[] {
  const lines = source.split('\n');
  const out: LogicalLine[] = [];
  let buffer = '';
  let start = 0;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (buffer === '' && quote === null) start = i;
    let cleaned = '';
    for (let j = 0; j < raw.length; j++) {
      const ch = raw[j];
      if (quote !== null) {
        if (ch === '\\') j++;
        else if (raw.startsWith(quote, j)) {
          j += quote.length - 1;
          quote = null;
          cleaned += '""';
        }
        continue;
      }
      if (ch === '#') break;
      if (ch === '"' || ch === "'") {
        quote = raw.startsWith(ch.repeat(3), j) ? ch.repeat(3) : ch;
        j += quote.length - 1;
        continue;
      }
      if ('([{'.includes(ch)) depth++;
      if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
      cleaned += ch;
    }
    // A one-quote string cannot span lines (unless escaped at the end): close it.
    if (quote !== null && quote.length === 1 && !raw.endsWith('\\')) quote = null;
    buffer += (buffer ? ' ' : '') + cleaned;
    if (quote !== null || depth > 0 || /\\\s*$/.test(cleaned)) {
      buffer = buffer.replace(/\\\s*$/, '');
      continue;
    }
    if (buffer.trim()) out.push({ text: buffer.trim(), indent: /^[ \t]*/.exec(lines[start])?.[0].replace(/\t/g, '        ').length ?? 0, line: start + 1, endLine: i + 1 });
    buffer = '';
  }
  return out;
}

type BlockKind = 'def' | 'type-checking' | 'script' | 'other';

function blockKind(header: string): BlockKind {
  if (/^(async\s+)?def\b/.test(header)) return 'def';
  if (/^if\s+(not\s+)?\(?\s*(typing\s*\.\s*)?TYPE_CHECKING\b/.test(header)) return /^if\s+not\b/.test(header) ? 'other' : 'type-checking';
  // `if __name__ == "__main__":` runs only when the file is executed as a script, never on import.
  if (/^if\s+\(?\s*__name__\s*==\s*""\s*\)?\s*$/.test(header)) return 'script';
  return 'other';
}

const HEADER = /^(async\s+def|def|class|if|elif|else|for|while|try|except|finally|with|async\s+with|async\s+for|match|case)\b/;

/** A compound statement's header and the body on its own line (''), split at the first top-level colon. */
function splitHeader(text: string): { head: string; body: string } | null {
  if (!HEADER.test(text)) return null;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ':' && depth === 0 && text[i + 1] !== '=') return { head: text.slice(0, i), body: text.slice(i + 1).trim() };
  }
  return null;
}

/** Parses one import statement's text (comments and strings already blanked). */
function parseImport(text: string, line: number, endLine: number): PyImport[] {
  const plain = /^import\s+(.+)$/.exec(text);
  if (plain) {
    return plain[1]
      .split(',')
      .map((part) => part.trim().split(/\s+as\s+/)[0].trim())
      .filter((m) => /^[\w.]+$/.test(m))
      .map((module) => ({ module, level: 0, names: [], line, endLine }));
  }
  const from = /^from\s+(\.*)\s*([\w.]*)\s+import\s+(.+)$/.exec(text);
  if (!from) return [];
  const names = from[3]
    .replace(/[()]/g, ' ')
    .split(',')
    .map((part) => part.trim().split(/\s+as\s+/)[0].trim())
    .filter((n) => /^(\w+|\*)$/.test(n));
  return [{ module: from[2], level: from[1].length, names, line, endLine }];
}

/**
 * The imports that run when the module is imported, in source order. With `deferred`, also those
 * inside functions (they run on call: what a test of the module exercises); never `TYPE_CHECKING` ones.
 */
export function moduleLevelImports(source: string, options: { deferred?: boolean } = {}): PyImport[] {
  const out: PyImport[] = [];
  const stack: Array<{ indent: number; kind: BlockKind }> = [];
  for (const logical of splitLogicalLines(source)) {
    while (stack.length > 0 && stack[stack.length - 1].indent >= logical.indent) stack.pop();
    const deferred = stack.some((b) => b.kind !== 'other' && !(options.deferred && b.kind === 'def'));
    // `else:` / `elif` of an `if TYPE_CHECKING:` runs at import time: the stack pop above ended it.
    const header = splitHeader(logical.text);
    if (header) {
      const kind = blockKind(header.head);
      if (header.body === '') stack.push({ indent: logical.indent, kind: deferred ? 'def' : kind });
      else if (!deferred && kind === 'other') out.push(...parseImport(header.body, logical.line, logical.endLine));
      continue;
    }
    if (deferred) continue;
    for (const statement of logical.text.split(';')) out.push(...parseImport(statement.trim(), logical.line, logical.endLine));
  }
  return out;
}
