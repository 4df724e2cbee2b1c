/**
 * ORM string references in Python source: SQLAlchemy `relationship("Address")` and Django
 * `ForeignKey("app.Model")` / `OneToOneField` / `ManyToManyField` (first argument or `to=`), and the
 * classes a file defines. Strings and comments are told apart from code by a small lexer, so an
 * example inside a docstring is not a reference.
 */

/** One class named by a string in ORM code. */
export interface OrmReference {
  /** The call as written: `relationship`, `ForeignKey`, ... */
  call: string;
  /** The string as written: `Address`, `shop.Order`, `app.models.Address`. */
  text: string;
  /** The class name the ORM will look up (the last dotted part). */
  className: string;
  /** Django app label (`shop` in `shop.Order`), when given. */
  appLabel?: string;
  line: number;
}

/** Marks each character that is code (1), not inside a string or comment (0). */
export function codeMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) {
        if (text[i] === '\\') i++;
        else if (quote.length === 1 && text[i] === '\n') break;
        i++;
      }
      i += quote.length;
      continue;
    }
    mask[i] = 1;
    i++;
  }
  return mask;
}

const SQLALCHEMY = /^\s*(from|import)\s+(sqlalchemy|flask_sqlalchemy|sqlmodel)\b|\bdb\s*\.\s*relationship\s*\(/m;
const DJANGO = /^\s*(from|import)\s+django\b/m;
const CALL = /\b(relationship|relation|ForeignKey|OneToOneField|ManyToManyField)\s*\(\s*(?:(?:argument|to)\s*=\s*)?(['"])([A-Za-z_][\w.]*)\2/g;
const TO_KEYWORD = /^[^()]*?\bto\s*=\s*(['"])([A-Za-z_][\w.]*)\1/;

/** The ORM string references of a Python file, in source order. */
export function ormReferences(text: string): OrmReference[] {
  const sqlalchemy = SQLALCHEMY.test(text);
  const django = DJANGO.test(text);
  if (!sqlalchemy && !django) return [];
  const mask = codeMask(text);
  const lineAt = (pos: number): number => text.slice(0, pos).split('\n').length;
  const out: OrmReference[] = [];
  const seen = new Set<number>();
  for (const match of text.matchAll(CALL)) {
    const at = match.index ?? 0;
    if (!mask[at]) continue;
    seen.add(at);
    const call = match[1];
    const isRelationship = call === 'relationship' || call === 'relation';
    // SQLAlchemy's ForeignKey names "table.column", not a class: only Django's is a model reference.
    if (isRelationship ? !sqlalchemy : !django) continue;
    const value = match[3];
    if (value === 'self') continue;
    const parts = value.split('.');
    const className = parts[parts.length - 1];
    const appLabel = !isRelationship && parts.length === 2 ? parts[0] : undefined;
    out.push({ call, text: value, className, ...(appLabel ? { appLabel } : {}), line: lineAt(at + match[0].length - value.length - 1) });
  }
  for (const match of text.matchAll(/\b(ForeignKey|OneToOneField|ManyToManyField)\s*\(/g)) {
    const at = match.index ?? 0;
    if (!django || !mask[at] || seen.has(at)) continue;
    const rest = TO_KEYWORD.exec(text.slice(at + match[0].length, at + match[0].length + 300));
    if (!rest || rest[2] === 'self' || /^\s*(['"])/.test(text.slice(at + match[0].length))) continue;
    const parts = rest[2].split('.');
    const offset = at + match[0].length + (rest.index ?? 0) + rest[0].length - rest[2].length - 1;
    out.push({ call: match[1], text: rest[2], className: parts[parts.length - 1], ...(parts.length === 2 ? { appLabel: parts[0] } : {}), line: lineAt(offset) });
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The names of the classes a Python file defines (at any depth), code only. */
export function definedClasses(text: string): Set<string> {
  const mask = codeMask(text);
  const names = new Set<string>();
  for (const match of text.matchAll(/^[ \t]*class[ \t]+([A-Za-z_]\w*)/gm)) {
    const at = (match.index ?? 0) + match[0].indexOf('class');
    if (mask[at]) names.add(match[1]);
  }
  return names;
}
