/**
 * The statically known text of an expression: literals, constant templates, `+` of constants, and
 * identifiers bound by `const x = <constant>` (followed lexically, see `bindings.ts`).
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';

const MAX_DEPTH = 8;

const {
  ParenthesizedExpression: PARENTHESIZED, AsExpression: AS, SatisfiesExpression: SATISFIES, NonNullExpression: NON_NULL,
  TypeAssertionExpression: TYPE_ASSERTION,
} = ts.SyntaxKind;

/** Strips parentheses and type-only wrappers (`as`, `satisfies`, `!`, `<T>x`). */
export function unwrap(expr: ts.Expression): ts.Expression {
  let e = expr;
  for (;;) {
    switch (e.kind) {
      case PARENTHESIZED:
      case AS:
      case SATISFIES:
      case NON_NULL:
      case TYPE_ASSERTION:
        e = (e as ts.ParenthesizedExpression | ts.AsExpression | ts.SatisfiesExpression | ts.NonNullExpression | ts.TypeAssertion).expression;
        break;
      default:
        return e;
    }
  }
}

/** The initializer of a non-destructured `const` bound to `id`, if any. */
export function constInitializer(id: ts.Identifier): ts.Expression | undefined {
  const binding = resolveBinding(id);
  if (!binding || binding.kind !== 'const' || binding.destructured) return undefined;
  return binding.initializer;
}

/** The text `expr` always evaluates to, or undefined when it is not known statically. */
export function constantText(expr: ts.Expression, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const e = unwrap(expr);
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isNumericLiteral(e)) return String(Number(e.text));
  if (ts.isTemplateExpression(e)) {
    let text = e.head.text;
    for (const span of e.templateSpans) {
      const part = constantText(span.expression, depth + 1);
      if (part === undefined) return undefined;
      text += part + span.literal.text;
    }
    return text;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = constantText(e.left, depth + 1);
    const right = left === undefined ? undefined : constantText(e.right, depth + 1);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  if (ts.isIdentifier(e)) {
    const init = constInitializer(e);
    return init ? constantText(init, depth + 1) : undefined;
  }
  return undefined;
}

/** One piece of a string built by a template or `+`: literal text, or an embedded value. */
export type StringPart = { kind: 'text'; text: string } | { kind: 'value'; expr: ts.Expression };

/**
 * Splits a template literal or a `+` chain into its pieces; constant values become text.
 * Returns undefined when `expr` is neither (a plain literal, a call, ...).
 */
export function stringParts(expr: ts.Expression): StringPart[] | undefined {
  const e = unwrap(expr);
  if (ts.isTemplateExpression(e)) {
    const parts: StringPart[] = [{ kind: 'text', text: e.head.text }];
    for (const span of e.templateSpans) {
      parts.push(...partOf(span.expression), { kind: 'text', text: span.literal.text });
    }
    return parts;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...(stringParts(e.left) ?? partOf(e.left)), ...(stringParts(e.right) ?? partOf(e.right))];
  }
  return undefined;
}

function partOf(expr: ts.Expression): StringPart[] {
  const text = constantText(expr);
  return text === undefined ? [{ kind: 'value', expr }] : [{ kind: 'text', text }];
}
