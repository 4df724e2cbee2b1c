/**
 * Recognises list queries of the well-known Node data layers that read every matching row, for
 * unbounded-query: Prisma `findMany`, TypeORM `find`/`findAndCount` and query builders' `getMany`,
 * knex chains, and constant SQL `SELECT` text. Lexical, no type checker: each shape is narrow.
 */
import { ts } from 'ts-morph';
import { resolveBinding } from './bindings.js';
import { constantText, unwrap } from './constant-text.js';
import { moduleOf } from './node-modules.js';
import { memberNamed, propertyNameText } from './object-literal.js';
import { shortText } from './source-text.js';
import { sqlArgument } from './sql-text.js';

/** A list query without a bound: what it is in words, and the option or clause that bounds it. */
export interface UnboundedQuery {
  /** The query as written, shortened (`prisma.user.findMany()`). */
  text: string;
  /** What bounds it in this library (`take`, `.limit()`, `LIMIT`). */
  bound: string;
}

/** Options that bound or page a Prisma/TypeORM list query (or hand it to code we cannot see). */
const BOUND_OPTIONS = ['take', 'limit', 'first', 'last', 'cursor'];
const REPOSITORY_NAME = /(repo|repository)$/i;
/** Chain methods that bound, aggregate, write or otherwise make a knex/TypeORM chain not a full read. */
const KNEX_STOPS = /^(limit|first|paginate|offset|where\w*|orWhere\w*|andWhere\w*|having\w*|count\w*|sum\w*|avg\w*|min|max|insert|update|upsert|del|delete|truncate|increment|decrement|returning|pluck|modify|stream|pipe|toString|toSQL|toQuery|clone|as|then|catch|transacting|forUpdate|union\w*|with\w*|join\w*|innerJoin|leftJoin|rightJoin|distinctOn|groupBy\w*)$/;
const BUILDER_BOUNDS = /^(take|limit|skip|offset|where\w*|andWhere\w*|orWhere\w*|whereInIds)$/;

/** True when a Prisma/TypeORM options literal has a bound, a spread (unknown) or a filter on `id`. */
function optionsBounded(obj: ts.ObjectLiteralExpression): boolean {
  if (obj.properties.some((p) => ts.isSpreadAssignment(p))) return true;
  if (BOUND_OPTIONS.some((name) => memberNamed(obj, name) !== undefined)) return true;
  const where = memberNamed(obj, 'where');
  // `where: { id: { in: ids } }` / `where: { id }`: as many rows as the caller named.
  if (where && ts.isPropertyAssignment(where)) {
    const value = unwrap(where.initializer);
    if (!ts.isObjectLiteralExpression(value)) return true;
    return value.properties.some((p) => !ts.isSpreadAssignment(p) && /^(id|uuid)$/.test(propertyNameText(p.name) ?? '')) || value.properties.some(ts.isSpreadAssignment);
  }
  return false;
}

/** `x.findMany(...)` / `repo.find(...)` arguments: none, or a literal without a bound. */
function unboundedOptions(call: ts.CallExpression): boolean {
  if (call.arguments.length === 0) return true;
  if (call.arguments.length > 1) return false;
  const arg = unwrap(call.arguments[0]);
  return ts.isObjectLiteralExpression(arg) && !optionsBounded(arg);
}

/** `prisma.user.findMany()` (any `<client>.<model>.findMany`). */
function prismaFindMany(call: ts.CallExpression, callee: ts.PropertyAccessExpression): UnboundedQuery | undefined {
  if (callee.name.text !== 'findMany' || !ts.isPropertyAccessExpression(unwrap(callee.expression))) return undefined;
  return unboundedOptions(call) ? { text: shortText(call, 60), bound: '`take` (and `skip` or a `cursor` to page)' } : undefined;
}

/** `userRepository.find()`, `getRepository(User).find({ where })`, `this.repo.findAndCount()`. */
function typeormFind(call: ts.CallExpression, callee: ts.PropertyAccessExpression): UnboundedQuery | undefined {
  if (callee.name.text !== 'find' && callee.name.text !== 'findAndCount') return undefined;
  const receiver = unwrap(callee.expression);
  const name = ts.isIdentifier(receiver) ? receiver.text : ts.isPropertyAccessExpression(receiver) ? receiver.name.text : '';
  const isRepository =
    REPOSITORY_NAME.test(name) ||
    (ts.isCallExpression(receiver) && /^(getRepository|getCustomRepository)$/.test(unwrap(receiver.expression).getText().split('.').at(-1) ?? ''));
  if (!isRepository) return undefined;
  return unboundedOptions(call) ? { text: shortText(call, 60), bound: '`take` (and `skip` to page)' } : undefined;
}

/** `repo.createQueryBuilder('u').getMany()` with no `take`/`limit`/`where` on the chain. */
function builderGetMany(callee: ts.PropertyAccessExpression, call: ts.CallExpression): UnboundedQuery | undefined {
  if (callee.name.text !== 'getMany' && callee.name.text !== 'getManyAndCount') return undefined;
  let sawBuilder = false;
  for (let e: ts.Expression = unwrap(callee.expression); ; ) {
    if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(unwrap(e.expression))) {
      const member = unwrap(e.expression) as ts.PropertyAccessExpression;
      if (BUILDER_BOUNDS.test(member.name.text)) return undefined;
      if (member.name.text === 'createQueryBuilder') sawBuilder = true;
      e = unwrap(member.expression);
    } else break;
  }
  return sawBuilder ? { text: shortText(call, 60), bound: '`.take()` (and `.skip()` to page)' } : undefined;
}

/** True when `id` names a knex instance: imported from 'knex', or a const built by calling one. */
function isKnex(id: ts.Identifier): boolean {
  if (moduleOf(id) === 'knex') return true;
  const binding = resolveBinding(id);
  if (!binding) return false;
  const init = binding.initializer ? unwrap(binding.initializer) : undefined;
  if (binding.kind !== 'const' || !init || !ts.isCallExpression(init)) return false;
  const fn = unwrap(init.expression);
  if (ts.isIdentifier(fn)) return moduleOf(fn) === 'knex';
  // `const db = require('knex')(config)`.
  return ts.isCallExpression(fn) && ts.isIdentifier(fn.expression) && fn.expression.text === 'require' && fn.arguments[0]?.getText().replace(/['"`]/g, '') === 'knex';
}

/** A knex read chain `db('users')` / `db('users').select('*')` / `knex.select().from('t')` with no bound or filter. */
function knexChain(call: ts.CallExpression): UnboundedQuery | undefined {
  let table: string | undefined;
  let e: ts.Expression = call;
  for (let steps = 0; steps < 40; steps++) {
    e = unwrap(e);
    if (ts.isCallExpression(e)) {
      const fn = unwrap(e.expression);
      if (ts.isIdentifier(fn)) {
        const arg = e.arguments[0];
        if (!arg || !ts.isStringLiteralLike(arg) || !isKnex(fn)) return undefined;
        table = arg.text;
        break;
      }
      if (!ts.isPropertyAccessExpression(fn)) return undefined;
      const method = fn.name.text;
      if (KNEX_STOPS.test(method)) return undefined;
      if ((method === 'from' || method === 'table') && e.arguments[0] && ts.isStringLiteralLike(e.arguments[0])) table ??= e.arguments[0].text;
      e = fn.expression;
      continue;
    }
    if (ts.isPropertyAccessExpression(e)) return undefined;
    if (ts.isIdentifier(e) && table !== undefined && isKnex(e)) break;
    return undefined;
  }
  if (table === undefined) return undefined;
  return { text: shortText(call, 60), bound: '`.limit()` (and `.offset()` or a cursor to page)' };
}

/** SQL text that reads a whole table: `SELECT ... FROM t` with no WHERE, LIMIT, aggregate or grouping. */
const SELECT_FROM = /^\s*\(?\s*select\b[\s\S]*\bfrom\b/i;
const BOUNDED_SQL = /\b(where|limit|fetch\s+(first|next)|top\s*\(?\s*\d|offset|count|sum|avg|min|max|group\s+by|into|exists|returning)\b/i;

function sqlSelect(call: ts.CallExpression): UnboundedQuery | undefined {
  const arg = sqlArgument(call);
  if (!arg) return undefined;
  const text = constantText(arg);
  if (text === undefined || !SELECT_FROM.test(text) || BOUNDED_SQL.test(text)) return undefined;
  return { text: `\`${text.trim().replace(/\s+/g, ' ').slice(0, 60)}\``, bound: '`LIMIT` (and `OFFSET` or a keyset `WHERE` to page)' };
}

/** The unbounded list query `call` runs, or undefined (bounded, filtered by id, or not recognised). */
export function unboundedListQuery(call: ts.CallExpression): UnboundedQuery | undefined {
  const callee = unwrap(call.expression);
  if (ts.isPropertyAccessExpression(callee)) {
    const found = prismaFindMany(call, callee) ?? typeormFind(call, callee) ?? builderGetMany(callee, call);
    if (found) return found;
  }
  return sqlSelect(call) ?? (isConsumed(call) ? knexChain(call) : undefined);
}

/**
 * True when the chain ending at `call` runs right here (awaited, returned, or an arrow's body): a
 * builder kept in a variable may still get `.where()` / `.limit()` added under a condition.
 */
function isConsumed(call: ts.CallExpression): boolean {
  if (!isChainEnd(call)) return false;
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return ts.isAwaitExpression(parent) || ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === node);
}

/** True when `call` is the outermost call of its chain (not the receiver of a further `.method`). */
export function isChainEnd(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  return !(ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node);
}
