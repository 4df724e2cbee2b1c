import { ts } from 'ts-morph';
import { documentOrderOf } from '../../src/analysis/parse-typescript.js';
import { defineTsDetector } from '../define.js';
import { enclosingFunction, resolveBinding } from './shared/bindings.js';
import { isServerModule, perCallFunction } from './shared/call-frequency.js';
import { importsOf } from './shared/imports.js';
import { isScriptOrCli, isTestFile } from './shared/file-role.js';
import { type ClientConstruction, clientConstruction } from './shared/service-clients.js';

/** Methods that keep a client alive on purpose (a subscriber, a listener): it is meant to outlive the call. */
const LONG_LIVED_USES = new Set(['on', 'once', 'subscribe', 'psubscribe', 'ssubscribe', 'addListener', 'listen', 'monitor']);

/** A client bound to a local variable, followed until the traversal ends. */
interface Candidate {
  client: ClientConstruction;
  declaration: ts.VariableDeclaration;
  fn: ts.Node;
  how: string;
  closed: boolean;
  escaped: boolean;
}

/** The expression around `node` that uses its value, past parentheses, `await`, `as` and `!`. */
function valueParent(node: ts.Node): { parent: ts.Node; child: ts.Node } {
  let child = node;
  let parent = node.parent;
  while (ts.isParenthesizedExpression(parent) || ts.isAwaitExpression(parent) || ts.isAsExpression(parent) || ts.isNonNullExpression(parent) || ts.isSatisfiesExpression(parent)) {
    child = parent;
    parent = parent.parent;
  }
  return { parent, child };
}

/** `using` / `await using` declarations dispose of their value at the end of the block. */
function isUsing(declaration: ts.VariableDeclaration): boolean {
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Using) !== 0;
}

/** Applies one mention of a candidate's variable: a close, a plain method call, or an escape. */
function noteUse(candidate: Candidate, id: ts.Identifier): void {
  if (id === candidate.declaration.name) return;
  // Used from a nested function (a route registered in a set-up function): the client outlives the call.
  if (enclosingFunction(id) !== candidate.fn) {
    candidate.escaped = true;
    return;
  }
  const { parent, child } = valueParent(id);
  if (ts.isPropertyAccessExpression(parent) && parent.expression === child) {
    const method = parent.name.text;
    if (candidate.client.closers.has(method)) candidate.closed = true;
    else if (LONG_LIVED_USES.has(method)) candidate.escaped = true;
    return;
  }
  // `db('todos')`: knex instances are called directly.
  if (ts.isCallExpression(parent) && parent.expression === child) return;
  // Returned, stored, passed on, spread: someone else may own and close it.
  candidate.escaped = true;
}

/** Database, Redis and HTTP-pool clients built per call and never closed or handed on. */
export default defineTsDetector({
  meta: {
    id: 'connection-per-call',
    severity: 'high',
    category: 'performance',
    description: 'A database, Redis or HTTP-pool client (`new PrismaClient()`, `new Redis()`, `new Pool()`, `createClient()`) is built inside a function that runs per call and is never closed or reused.',
    recommendation: 'Create the client once at module level (or inject it) and reuse it; when a short-lived client is really needed, close it in `finally` (`await client.end()`, `$disconnect()`, `quit()`).',
    docs: {
      why:
        'Each client opens its own connection pool: built on every request and never closed, it leaks sockets and server-side connections until the database or Redis refuses new ones, and it pays the connection handshake on every call. Only code that clearly runs per call is judged: request handlers and listeners, async functions and methods, and any function of a module that imports a server framework (express, fastify, Next.js, ws, BullMQ, ...). Clients built at module level, in constructors, in set-up functions (`main`, `start*`, `init*`, ...), IIFEs and callbacks of unknown callers are left alone, as are clients that are closed anywhere in the function (`end`, `$disconnect`, `quit`, `destroy`, `close`), declared with `using`, returned (a factory: the caller owns it), stored (`this.x = ...`, a module-level singleton), passed to another function, used from a nested function, or kept as a subscriber (`.on`, `.subscribe`). Scripts and tests are not checked.',
      flagged: [
        "import { PrismaClient } from '@prisma/client';\napp.get('/users', async (req, res) => {\n  const prisma = new PrismaClient();\n  res.json(await prisma.user.findMany());\n});\n",
        "import Redis from 'ioredis';\nexport async function getSession(id: string) {\n  const redis = new Redis(process.env.REDIS_URL);\n  return redis.get(`session:${id}`);\n}\n",
      ],
      ignored: [
        "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\napp.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany());\n});\n",
        "import { Client } from 'pg';\nexport async function count() {\n  const client = new Client();\n  await client.connect();\n  try {\n    return (await client.query('select count(*) from users')).rows[0];\n  } finally {\n    await client.end();\n  }\n}\n",
        "import Redis from 'ioredis';\nexport function makeRedis(url: string) {\n  return new Redis(url);\n}\n",
      ],
    },
  },
  defaultOptions: {},
  create(ctx) {
    const file = ctx.file;
    if (isTestFile(file.path) || isScriptOrCli(file)) return {};
    const byName = new Map<string, Candidate[]>();
    const reported: Array<{ node: ts.Node; message: string }> = [];
    const serverModule = (): boolean =>
      file.memo('typescript/server-module', () => {
        const { imports, requires } = importsOf(file);
        return isServerModule([...imports, ...requires].map((i) => i.specifier));
      });
    const onClient = (node: ts.NewExpression | ts.CallExpression): void => {
      const client = clientConstruction(node);
      if (!client) return;
      const fn = enclosingFunction(node);
      const how = fn ? perCallFunction(fn, serverModule()) : undefined;
      if (!fn || !how) return;
      const { parent, child } = valueParent(node);
      if (ts.isVariableDeclaration(parent) && parent.initializer === child && ts.isIdentifier(parent.name) && !isUsing(parent)) {
        const candidate: Candidate = { client, declaration: parent, fn, how, closed: false, escaped: false };
        const list = byName.get(parent.name.text) ?? [];
        list.push(candidate);
        byName.set(parent.name.text, list);
      } else if (ts.isPropertyAccessExpression(parent) && parent.expression === child && !client.closers.has(parent.name.text)) {
        // `new PrismaClient().user.findMany()`: used once and dropped.
        reported.push({ node, message: `\`${client.text}\` is built on ${how}, used once and never closed: every call opens a new ${client.kind} connection.` });
      }
    };
    return {
      enter: {
        NewExpression(node) {
          onClient(node as ts.NewExpression);
        },
        CallExpression(node) {
          onClient(node as ts.CallExpression);
        },
      },
      end() {
        // The uses of each client, read from the file's identifiers only when there is a client: not a
        // handler called for every identifier of every file. A use counts from the client's creation on.
        if (byName.size > 0) {
          const { nodes, kinds } = documentOrderOf(file.sourceFile);
          for (let i = 0; i < kinds.length; i++) {
            if (kinds[i] !== ts.SyntaxKind.Identifier) continue;
            const id = nodes[i] as ts.Identifier;
            const candidates = byName.get(id.text);
            if (!candidates) continue;
            const declaration = resolveBinding(id)?.declaration;
            const candidate = candidates.find((c) => c.declaration === declaration && c.client.node.pos <= id.pos);
            if (candidate) noteUse(candidate, id);
          }
        }
        for (const { node, message } of reported) ctx.report({ line: file.lineOf(node.getStart()), message });
        for (const list of byName.values()) {
          for (const c of list) {
            if (c.closed || c.escaped) continue;
            const name = (c.declaration.name as ts.Identifier).text;
            ctx.report({
              line: file.lineOf(c.client.node.getStart()),
              message: `\`${name} = ${c.client.text}\` is built on ${c.how} and never closed or reused: every call opens a new ${c.client.kind} connection.`,
            });
          }
        }
      },
    };
  },
});
