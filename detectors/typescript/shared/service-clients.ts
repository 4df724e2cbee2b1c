/**
 * Recognises the construction of database, Redis and HTTP-pool clients of the well-known Node
 * libraries (Prisma, pg, mysql/mysql2, knex, Sequelize, TypeORM, MongoDB, mongoose, ioredis, redis,
 * undici, keep-alive `http.Agent`) and the methods that close each one.
 */
import { ts } from 'ts-morph';
import { unwrap } from './constant-text.js';
import { moduleOf } from './node-modules.js';
import { booleanLiteral, propertyValue } from './object-literal.js';

/** What a client connects to, for messages. */
export type ServiceKind = 'database' | 'Redis' | 'HTTP';

/** A client-building expression, what it connects to and how it is closed. */
export interface ClientConstruction {
  node: ts.NewExpression | ts.CallExpression;
  /** How it reads in a message: `new PrismaClient()`, `createClient()`. */
  text: string;
  kind: ServiceKind;
  /** Methods that release it (`$disconnect`, `quit`, `end`). */
  closers: ReadonlySet<string>;
}

interface ClientSpec {
  kind: ServiceKind;
  /** Constructors (`new X`) and factories (`x()`) by exported name; `*` is the module itself (default export). */
  constructors?: readonly string[];
  factories?: readonly string[];
  closers: readonly string[];
}

const SPECS: Record<string, ClientSpec> = {
  'pg': { kind: 'database', constructors: ['Pool', 'Client'], closers: ['end'] },
  'mysql': { kind: 'database', factories: ['createConnection', 'createPool', 'createPoolCluster'], closers: ['end', 'destroy'] },
  'mysql2': { kind: 'database', factories: ['createConnection', 'createPool', 'createPoolCluster'], closers: ['end', 'destroy'] },
  'mysql2/promise': { kind: 'database', factories: ['createConnection', 'createPool', 'createPoolCluster'], closers: ['end', 'destroy'] },
  'knex': { kind: 'database', factories: ['*', 'knex', 'Knex'], closers: ['destroy'] },
  'sequelize': { kind: 'database', constructors: ['Sequelize'], closers: ['close'] },
  'typeorm': { kind: 'database', constructors: ['DataSource'], factories: ['createConnection'], closers: ['destroy', 'close'] },
  'mongodb': { kind: 'database', constructors: ['MongoClient'], closers: ['close'] },
  'mongoose': { kind: 'database', factories: ['createConnection'], closers: ['close', 'destroy'] },
  'ioredis': { kind: 'Redis', constructors: ['*', 'Redis', 'Cluster'], closers: ['quit', 'disconnect'] },
  'redis': { kind: 'Redis', factories: ['createClient', 'createCluster'], closers: ['quit', 'disconnect', 'close', 'destroy'] },
  'undici': { kind: 'HTTP', constructors: ['Pool', 'Client', 'Agent'], closers: ['close', 'destroy'] },
};
const PRISMA: ClientSpec = { kind: 'database', constructors: ['PrismaClient'], closers: ['$disconnect'] };
const HTTP_AGENT: ClientSpec = { kind: 'HTTP', constructors: ['Agent'], closers: ['destroy'] };

/** Names worth resolving: a cheap test before any binding look-up. */
const CANDIDATE = /^(Pool|Client|PrismaClient|Redis|Cluster|Sequelize|DataSource|MongoClient|Agent|createConnection|createPool|createPoolCluster|createClient|createCluster|knex|Knex)$/;

/** The spec of a module: Prisma's generated clients live under any path naming prisma. */
function specOf(module: string): ClientSpec | undefined {
  if (module === '@prisma/client' || /(^|\/)(generated\/)?prisma(\/client)?$/.test(module)) return PRISMA;
  if (module === 'http' || module === 'https') return HTTP_AGENT;
  return SPECS[module];
}

/** `Pool` in `new Pool()`, `pg.Pool`, `Redis.Cluster`; with the identifier that names the module. */
function calleeParts(expr: ts.Expression): { root: ts.Identifier; name: string; member: boolean } | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return { root: e, name: e.text, member: false };
  if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(unwrap(e.expression))) {
    return { root: unwrap(e.expression) as ts.Identifier, name: e.name.text, member: true };
  }
  return undefined;
}

/** True for `new http.Agent({ keepAlive: true })`: only a keep-alive agent holds sockets open. */
function keepsAlive(node: ts.NewExpression | ts.CallExpression): boolean {
  const options = node.arguments?.[0] ? unwrap(node.arguments[0]) : undefined;
  return options !== undefined && ts.isObjectLiteralExpression(options) && booleanLiteral(propertyValue(options, 'keepAlive')) === true;
}

/** The client `node` builds (`new PrismaClient()`, `new Redis()`, `mysql.createPool()`), or undefined. */
export function clientConstruction(node: ts.NewExpression | ts.CallExpression): ClientConstruction | undefined {
  const parts = calleeParts(node.expression);
  if (!parts || !(CANDIDATE.test(parts.name) || CANDIDATE.test(parts.root.text))) return undefined;
  const module = moduleOf(parts.root);
  const spec = module === undefined ? undefined : specOf(module);
  if (!spec) return undefined;
  const isNew = ts.isNewExpression(node);
  const names = (isNew ? spec.constructors : spec.factories) ?? [];
  // `new Redis()` with `import Redis from 'ioredis'`: the default export, whatever its local name.
  const matches = names.includes(parts.name) || (!parts.member && names.includes('*'));
  if (!matches || (spec === HTTP_AGENT && !keepsAlive(node))) return undefined;
  const text = `${isNew ? 'new ' : ''}${unwrap(node.expression).getText()}()`;
  return { node, text, kind: spec.kind, closers: new Set(spec.closers) };
}
