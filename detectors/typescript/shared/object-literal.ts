/**
 * Reading object literals (`{ shell: true }`, `{ rejectUnauthorized: false }`) and the mechanical fix
 * that removes one of their properties, or a whole statement, from the source lines.
 */
import { ts } from 'ts-morph';
import type { TsFile } from '../../define.js';
import type { Fix } from '../../../src/types.js';
import { unwrap } from './constant-text.js';

/** The static name of a property (`shell`, `'shell'`, `["shell"]`), or undefined when computed. */
export function propertyNameText(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** The last `name: value` property of an object literal (a later one wins), or undefined. */
export function propertyNamed(obj: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | undefined {
  let found: ts.PropertyAssignment | undefined;
  for (const p of obj.properties) if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) found = p;
  return found;
}

/** The last member of an object literal with this name, of any kind (property, method, shorthand, accessor). */
export function memberNamed(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  let found: ts.ObjectLiteralElementLike | undefined;
  for (const p of obj.properties) if (!ts.isSpreadAssignment(p) && propertyNameText(p.name) === name) found = p;
  return found;
}

/** The value of property `name` (unwrapped), or undefined when absent or only spread in. */
export function propertyValue(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const p = propertyNamed(obj, name);
  return p ? unwrap(p.initializer) : undefined;
}

/** `true` / `false` when `expr` is that boolean literal (also `!0` / `!1`), else undefined. */
export function booleanLiteral(expr: ts.Expression | undefined): boolean | undefined {
  if (!expr) return undefined;
  const e = unwrap(expr);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(e.operand)) {
    return Number(e.operand.text) === 0;
  }
  return undefined;
}

/** Offsets of the start of line `line` (1-based) and of its end (before the terminator). */
function lineBounds(file: TsFile, line: number): { start: number; end: number } {
  const start = file.sourceFile.getPositionOfLineAndCharacter(line - 1, 0);
  return { start, end: start + file.lines[line - 1].length };
}

/** Removes text [from, to) from lines `line..endLine` and returns the fix (empty replacement deletes the lines). */
function removalFix(file: TsFile, from: number, to: number): Fix {
  const line = file.lineOf(from);
  const endLine = file.lineOf(to);
  const first = lineBounds(file, line);
  const last = lineBounds(file, endLine);
  const before = file.text.slice(first.start, from);
  const after = file.text.slice(to, last.end);
  if (before.trim() === '' && after.trim() === '') return { line, endLine, replacement: '' };
  // `f(url, { rejectUnauthorized: false })` → `f(url, {})`.
  const joined = /\{\s*$/.test(before) && /^\s*\}/.test(after) ? `${before.trimEnd()}${after.trimStart()}` : `${before}${after}`;
  return { line, endLine, replacement: joined };
}

/** Skips spaces and tabs (not newlines) forward from `pos`. */
function skipBlanks(text: string, pos: number): number {
  let p = pos;
  while (text[p] === ' ' || text[p] === '\t') p++;
  return p;
}

/**
 * The fix that deletes `property` from its object literal with its comma; undefined when comments
 * sit next to it (deleting them silently would lose information).
 */
export function propertyRemovalFix(file: TsFile, property: ts.ObjectLiteralElementLike): Fix | undefined {
  const obj = property.parent as ts.ObjectLiteralExpression;
  const text = file.text;
  const index = obj.properties.indexOf(property);
  const start = property.getStart();
  let end = property.end;
  let from = start;
  const afterProp = skipBlanks(text, end);
  if (text[afterProp] === ',') {
    end = skipBlanks(text, afterProp + 1);
  } else if (index > 0) {
    const previous = obj.properties[index - 1];
    const between = text.slice(previous.end, start);
    if (!/^\s*,\s*$/.test(between)) return undefined;
    if (file.lineOf(previous.end) === file.lineOf(start)) from = previous.end;
  }
  const span = text.slice(from, end);
  if (/\/[/*]/.test(span.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, ''))) return undefined;
  return removalFix(file, from, end);
}

/** The fix that deletes a whole statement standing alone on its lines; undefined otherwise. */
export function statementRemovalFix(file: TsFile, statement: ts.Statement): Fix | undefined {
  const fix = removalFix(file, statement.getStart(), statement.end);
  return fix.replacement === '' ? fix : undefined;
}
