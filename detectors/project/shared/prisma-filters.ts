/**
 * The fields Prisma queries of a TypeScript/JavaScript file filter or sort on, for missing-index:
 * `prisma.job.findMany({ where: { processingStatus }, orderBy: { createdAt: 'desc' } })`. One parse
 * and one walk of the file with the TypeScript compiler; only literal keys count.
 */
import { ts } from 'ts-morph';

/** One filtered or sorted field of a query. */
export interface PrismaFilter {
  /** The client accessor (`job`). */
  accessor: string;
  method: string;
  field: string;
  kind: 'where' | 'orderBy';
  line: number;
  /** Start of the query call: fields of one call form one query. */
  query: number;
  /** A `where` key every row must match (top level or under `AND`), not one alternative of an `OR`/`NOT`. */
  conjunct: boolean;
  /** The query reads only its first rows (`take`, `findFirst`): where an index on a sort column pays. */
  limited: boolean;
}

/** List and bulk methods: `findUnique` and friends already need a unique field. */
const METHODS = new Set(['findMany', 'findFirst', 'findFirstOrThrow', 'count', 'aggregate', 'groupBy', 'updateMany', 'deleteMany']);
const CLIENT = /^(prisma|db|tx|client|prismaClient)$/i;
const COMBINATORS = new Set(['AND', 'OR', 'NOT']);

function keyText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

/** Literal keys of a `where` (through AND/OR/NOT) or an `orderBy` (object or array of objects). */
function keysOf(value: ts.Expression, out: Array<{ key: string; node: ts.Node; conjunct: boolean }>, depth = 0, conjunct = true): void {
  if (depth > 4) return;
  if (ts.isArrayLiteralExpression(value)) {
    for (const e of value.elements) keysOf(e, out, depth + 1, conjunct);
    return;
  }
  if (!ts.isObjectLiteralExpression(value)) return;
  for (const p of value.properties) {
    if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
    const key = keyText(p.name);
    if (key === undefined) continue;
    if (COMBINATORS.has(key) && ts.isPropertyAssignment(p)) keysOf(p.initializer, out, depth + 1, conjunct && key === 'AND');
    else out.push({ key, node: p, conjunct });
  }
}

/** The accessor and method of `prisma.job.findMany(...)`, or undefined. */
function queryOf(call: ts.CallExpression): { accessor: string; method: string } | undefined {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || !METHODS.has(callee.name.text)) return undefined;
  const model = callee.expression;
  if (!ts.isPropertyAccessExpression(model)) return undefined;
  const client = model.expression;
  const name = ts.isIdentifier(client) ? client.text : ts.isPropertyAccessExpression(client) ? client.name.text : '';
  return CLIENT.test(name) ? { accessor: model.name.text, method: callee.name.text } : undefined;
}

/** Every filtered or sorted field of the Prisma list queries in `text`. */
export function prismaFilters(path: string, text: string): PrismaFilter[] {
  if (!text.includes('where') && !text.includes('orderBy')) return [];
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const out: PrismaFilter[] = [];
  const stack: ts.Node[] = [source];
  while (stack.length > 0) {
    const node = stack.pop() as ts.Node;
    if (ts.isCallExpression(node)) {
      const query = queryOf(node);
      const arg = node.arguments[0];
      if (query && arg && ts.isObjectLiteralExpression(arg)) {
        const limited = query.method.startsWith('findFirst') || arg.properties.some((p) => !ts.isSpreadAssignment(p) && p.name !== undefined && keyText(p.name) === 'take');
        for (const p of arg.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const kind = keyText(p.name);
          if (kind !== 'where' && kind !== 'orderBy') continue;
          const keys: Array<{ key: string; node: ts.Node; conjunct: boolean }> = [];
          keysOf(p.initializer, keys);
          for (const k of keys) {
            out.push({ ...query, field: k.key, kind, line: source.getLineAndCharacterOfPosition(k.node.getStart(source)).line + 1, query: node.getStart(source), conjunct: kind === 'where' && k.conjunct, limited });
          }
        }
      }
    }
    node.forEachChild((child) => {
      stack.push(child);
    });
  }
  return out.sort((a, b) => a.line - b.line);
}
