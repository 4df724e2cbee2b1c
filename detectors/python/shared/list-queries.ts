/**
 * Recognises ORM list queries that read every row, for unbounded-query: SQLAlchemy `.all()` on an
 * unfiltered `session.query(X)` / `X.query` (Flask-SQLAlchemy) / `session.execute(select(X))` /
 * `session.scalars(select(X))`, and Django `X.objects.all()`. Purely syntactic, narrow shapes.
 */
import type { PyNode as Node } from '../../define.js';
import { shorten, unparenthesized } from './call-target.js';

/** One link of `a.b(...).c.d(...)`: a member name and the call it is, if called. */
export interface ChainLink {
  name: string;
  call: Node | null;
}

/** A chain from the outermost link to the innermost, and the expression at its head. */
export interface MethodChain {
  links: ChainLink[];
  head: Node | null;
}

const MAX_LINKS = 40;

/** Skips parentheses and `await`. */
function inner(node: Node | null): Node | null {
  let n = unparenthesized(node);
  while (n?.type === 'await') n = unparenthesized(n.namedChild(0));
  return n;
}

/** Splits `session.query(User).order_by(x).all()` into its links (outermost first) and head. */
export function methodChain(node: Node): MethodChain {
  const links: ChainLink[] = [];
  let n: Node | null = inner(node);
  while (n && links.length < MAX_LINKS) {
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (fn?.type !== 'attribute') return { links, head: n };
      links.push({ name: fn.childForFieldName('attribute')?.text ?? '', call: n });
      n = inner(fn.childForFieldName('object'));
    } else if (n.type === 'attribute') {
      links.push({ name: n.childForFieldName('attribute')?.text ?? '', call: null });
      n = inner(n.childForFieldName('object'));
    } else return { links, head: n };
  }
  return { links, head: n };
}

/** Methods that filter, bound, page or aggregate a query: the read is not "every row". */
const NARROWING = /^(filter|filter_by|where|limit|slice|offset|first|one|one_or_none|scalar|get|get_or_404|first_or_404|paginate|having|group_by|with_parent|exclude|count|exists|aggregate|in_bulk|iterator|values_list|distinct_on|fetch|yield_per|execution_options|from_statement|params|union\w*)$/;

/** An unbounded list read: how it reads in a message and what bounds it. */
export interface UnboundedRead {
  text: string;
  bound: string;
  /** Django querysets are lazy: only one returned from the view is a clear case. */
  django: boolean;
}

function narrowed(links: readonly ChainLink[]): boolean {
  return links.some((l) => NARROWING.test(l.name));
}

/** `select(User)` / `select(User).order_by(...)` with no where/limit: the statement reads a whole table. */
function unfilteredSelect(statement: Node | null): boolean {
  const s = inner(statement);
  if (!s || s.type !== 'call') return false;
  const chain = methodChain(s);
  const head = chain.head?.type === 'call' ? chain.head.childForFieldName('function') : null;
  if (head?.type !== 'identifier' || head.text !== 'select') return false;
  return !narrowed(chain.links);
}

const firstArgument = (call: Node | null): Node | null => call?.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment' && a.type !== 'keyword_argument') ?? null;

/**
 * The unbounded read the chain ending at `call` makes, when `call` is an `.all()` (possibly followed
 * by Django's `order_by`/`values`/`select_related`) on an unfiltered query; null otherwise.
 */
export function unboundedRead(call: Node): UnboundedRead | null {
  const { links } = methodChain(call);
  const allIndex = links.findIndex((l) => l.name === 'all' && l.call !== null);
  if (allIndex < 0 || narrowed(links)) return null;
  const below = links.slice(allIndex + 1);
  const text = shorten(call.text, 60);
  // Django: `X.objects.all()` (the manager right below `.all()`).
  if (below[0]?.name === 'objects' && below[0].call === null && below.length === 1) {
    return { text, bound: 'slicing (`[:100]`) or a `Paginator`', django: true };
  }
  if (allIndex !== 0) return null;
  // Flask-SQLAlchemy `User.query.all()` / `User.query.order_by(x).all()`.
  const queryIndex = below.findIndex((l) => l.name === 'query');
  if (queryIndex >= 0 && below[queryIndex].call === null && queryIndex === below.length - 1) {
    return { text, bound: '`.limit()` or `.paginate()`', django: false };
  }
  // `session.query(User).all()`.
  if (queryIndex >= 0 && below[queryIndex].call !== null && firstArgument(below[queryIndex].call)) {
    return { text, bound: '`.limit()` (and `.offset()` or a keyset filter to page)', django: false };
  }
  // `session.execute(select(User)).scalars().all()` / `session.scalars(select(User)).all()`.
  const run = below.find((l) => (l.name === 'execute' || l.name === 'scalars') && l.call !== null && firstArgument(l.call));
  if (run && unfilteredSelect(firstArgument(run.call))) {
    return { text, bound: '`.limit()` on the `select()`', django: false };
  }
  return null;
}

/** True when `call` is the outermost link of its chain (not the object of a further attribute or subscript). */
export function isChainEnd(call: Node): boolean {
  let n: Node = call;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'await')) n = n.parent;
  const parent = n.parent;
  if (parent?.type === 'attribute' && parent.childForFieldName('object')?.id === n.id) return false;
  return !(parent?.type === 'subscript' && parent.childForFieldName('value')?.id === n.id);
}

/** True when `node` sits inside a `return` statement of its own function. */
export function insideReturn(node: Node): boolean {
  for (let a = node.parent; a; a = a.parent) {
    if (a.type === 'return_statement') return true;
    if (a.type === 'function_definition' || a.type === 'lambda' || a.type === 'block') return false;
  }
  return false;
}
