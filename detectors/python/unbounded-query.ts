import type { PyNode as Node } from '../define.js';
import { definePyDetector } from '../define.js';
import { calleeName } from './shared/call-target.js';
import { insideReturn, isChainEnd, unboundedRead } from './shared/list-queries.js';
import { isPythonTestPath } from './shared/python-paths.js';
import { enclosingRequestHandler } from './shared/request-handlers.js';

/** List queries with no limit or pagination inside a view. */
export default definePyDetector({
  meta: {
    id: 'unbounded-query',
    severity: 'medium',
    category: 'performance',
    description: 'A list query with no limit or pagination on a request path (`.all()` on an unfiltered SQLAlchemy query, Django `Model.objects.all()` returned from a view).',
    recommendation: 'Bound the query (`.limit()`, slicing, `.paginate()`, a `Paginator`) and page through the rest with a cursor or an offset the client passes.',
    docs: {
      why: 'A query that returns every row is fast on a developer database and grows with the table in production: the response, the worker\'s memory and the database load all scale with data nobody asked for. The rule looks only inside request handlers: functions with a route decorator (`@app.get`, `@router.post`, `@bp.route`, `@app.api_route`, `@api_view`, ...), functions whose first parameter is `request` in a Django `views` module, and HTTP-verb methods of view classes (`View`, `APIView`, `ViewSet`, `MethodView`, `Resource`); helpers they call are not followed. It flags SQLAlchemy `.all()` on `session.query(X)`, `X.query` (Flask-SQLAlchemy), `session.execute(select(X)).scalars()` and `session.scalars(select(X))` with no `filter`/`filter_by`/`where`/`limit`/`slice`/`paginate` on the chain, and Django `X.objects.all()` (optionally ordered) inside a `return` of the view. Filtered queries (a foreign key usually bounds them), querysets kept in a variable (Django\'s are lazy and often paginated later) and class attributes such as `queryset = X.objects.all()` (DRF paginates those) are left alone.',
      flagged: [
        'from flask import jsonify\n\n@app.get("/users")\ndef list_users():\n    return jsonify([u.to_dict() for u in User.query.all()])\n',
        '@router.get("/orders")\nasync def orders(session: AsyncSession = Depends(get_session)):\n    result = await session.execute(select(Order))\n    return result.scalars().all()\n',
        '@api_view(["GET"])\ndef product_list(request):\n    return Response(ProductSerializer(Product.objects.all(), many=True).data)\n',
      ],
      ignored: [
        '@app.get("/users")\ndef list_users():\n    return jsonify([u.to_dict() for u in User.query.limit(100).all()])\n',
        'def export_all(session):\n    return session.query(User).all()\n',
        '@app.get("/users/<int:team>")\ndef team_users(team):\n    return jsonify([u.to_dict() for u in User.query.filter_by(team_id=team).all()])\n',
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    if (isPythonTestPath(ctx.file.path)) return {};
    const handlers = ctx.file.memo('python/request-handler-cache', () => new Map<number, { def: Node; phrase: string } | null>());
    return {
      enter: {
        call(call) {
          const name = calleeName(call.childForFieldName('function'));
          if (name !== 'all' && name !== 'order_by' && name !== 'values' && name !== 'select_related' && name !== 'prefetch_related') return;
          if (!isChainEnd(call)) return;
          const read = unboundedRead(call) ?? viaResult(call);
          if (!read || (read.django && !insideReturn(call))) return;
          const handler = enclosingRequestHandler(call, ctx.file.path, handlers);
          if (!handler) return;
          ctx.report({
            line: call.startPosition.row + 1,
            endLine: call.endPosition.row + 1,
            message: `\`${read.text}\` in ${handler.phrase} reads every row: it has no ${read.bound}.`,
          });
        },
      },
    };
  },
});

/**
 * `result = await session.execute(select(X))` then `result.scalars().all()`: the statement is on the
 * variable's single assignment in the same block.
 */
function viaResult(call: Node): ReturnType<typeof unboundedRead> {
  const fn = call.childForFieldName('function');
  const scalars = fn?.childForFieldName('object');
  const variable = scalars?.type === 'call' ? scalars.childForFieldName('function')?.childForFieldName('object') : null;
  if (calleeName(fn) !== 'all' || calleeName(scalars?.childForFieldName('function') ?? null) !== 'scalars' || variable?.type !== 'identifier') return null;
  const statement = enclosingStatement(call);
  for (let s = statement?.previousNamedSibling ?? null; s; s = s.previousNamedSibling) {
    const assign = s.type === 'expression_statement' ? s.namedChild(0) : null;
    if (assign?.type !== 'assignment' || assign.childForFieldName('left')?.text !== variable.text) continue;
    const value = assign.childForFieldName('right');
    if (!value) return null;
    return unfilteredExecute(value) ? { text: `${variable.text}.scalars().all()`, bound: '`.limit()` on the `select()`', django: false } : null;
  }
  return null;
}

/** The statement holding `node`, directly in a block or module. */
function enclosingStatement(node: Node): Node | null {
  for (let a: Node | null = node; a; a = a.parent) if (a.parent?.type === 'block' || a.parent?.type === 'module') return a;
  return null;
}

/** True for `[await] session.execute(select(X))` with an unfiltered select. */
function unfilteredExecute(value: Node): boolean {
  let v: Node | null = value;
  while (v && (v.type === 'await' || v.type === 'parenthesized_expression')) v = v.namedChild(0);
  if (v?.type !== 'call' || calleeName(v.childForFieldName('function')) !== 'execute') return false;
  const arg = v.childForFieldName('arguments')?.namedChildren.find((a) => a !== null && a.type !== 'comment') ?? null;
  if (arg?.type !== 'call') return false;
  let head: Node | null = arg;
  while (head?.type === 'call' && head.childForFieldName('function')?.type === 'attribute') {
    const method = head.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
    if (/^(where|filter|filter_by|limit|offset|slice|fetch)$/.test(method)) return false;
    head = head.childForFieldName('function')?.childForFieldName('object') ?? null;
  }
  return head?.type === 'call' && head.childForFieldName('function')?.text === 'select';
}
