/** Facts about values for `value-class.ts`: combining classes, text-free types, known-safe calls. */
import { ts } from 'ts-morph';

export type ValueClass = 'constant' | 'dynamic' | 'unknown';

/** Results that keep the receiver's class (`name.trim()`, `ids.join(',')`). */
export const STRING_TRANSFORMS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'slice', 'substring', 'substr',
  'padStart', 'padEnd', 'join', 'concat', 'split', 'at', 'replace', 'replaceAll', 'normalize',
]);
/** Callbacks whose first parameter is an element of the receiver and second an index. */
export const ELEMENT_CALLBACKS = new Set(['map', 'flatMap', 'forEach', 'filter', 'find', 'some', 'every']);
/** Calls whose result cannot carry injected text (numbers, escaped or quoted values). */
export const SAFE_CALLEES = /^(Number|parseInt|parseFloat|Boolean|isNaN|escape\w*|quote\w*|format|sanitize\w*|toFixed|getTime|valueOf|now|max|min|round|floor|ceil|abs|indexOf|lastIndexOf|includes)$/;
export const ARITHMETIC = new Set([
  ts.SyntaxKind.MinusToken, ts.SyntaxKind.AsteriskToken, ts.SyntaxKind.SlashToken, ts.SyntaxKind.PercentToken,
  ts.SyntaxKind.AsteriskAsteriskToken, ts.SyntaxKind.AmpersandToken, ts.SyntaxKind.BarToken, ts.SyntaxKind.CaretToken,
  ts.SyntaxKind.LessThanLessThanToken, ts.SyntaxKind.GreaterThanGreaterThanToken, ts.SyntaxKind.GreaterThanGreaterThanGreaterThanToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.LessThanToken, ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.GreaterThanEqualsToken, ts.SyntaxKind.InstanceOfKeyword, ts.SyntaxKind.InKeyword,
]);

/** Worst of several classes: any dynamic wins, then unknown. */
export function combine(classes: Iterable<ValueClass>): ValueClass {
  let result: ValueClass = 'constant';
  for (const c of classes) {
    if (c === 'dynamic') return 'dynamic';
    if (c === 'unknown') result = 'unknown';
  }
  return result;
}

/** A type that cannot hold arbitrary text: number, boolean, bigint, Date, unions of literals. */
export function isTextFreeType(type: ts.TypeNode | undefined): boolean {
  if (!type) return false;
  switch (type.kind) {
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.LiteralType:
      return true;
  }
  if (ts.isUnionTypeNode(type)) return type.types.every(isTextFreeType);
  if (ts.isParenthesizedTypeNode(type)) return isTextFreeType(type.type);
  if (ts.isArrayTypeNode(type)) return isTextFreeType(type.elementType);
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && type.typeName.text === 'Date';
}
