/**
 * Recognises the construction of database, Redis and HTTP clients of the well-known Python
 * libraries (psycopg/psycopg2, asyncpg, PyMySQL, aiomysql/aiopg, SQLAlchemy engines, pymongo/motor,
 * redis/aioredis, httpx, aiohttp, requests, urllib3) and the methods that release each one.
 */
import type { PyNode as Node } from '../../define.js';
import { calleeName, importedName } from './call-target.js';
import type { ScopeModel } from './scopes.js';

/** What a client connects to, for messages. */
export type ServiceKind = 'database' | 'Redis' | 'HTTP';

/** A client-building call, what it connects to and how it is released. */
export interface ClientConstruction {
  /** The dotted name (`redis.Redis`, `httpx.AsyncClient`). */
  target: string;
  kind: ServiceKind;
  /** Methods that release it (`close`, `aclose`, `dispose`). */
  closers: ReadonlySet<string>;
}

const CLOSE = new Set(['close', 'aclose', 'disconnect', 'terminate', 'dispose', 'clear', 'shutdown']);

const CLIENTS: ReadonlyArray<[RegExp, ServiceKind]> = [
  [/^(redis(\.asyncio)?(\.client)?\.(Redis|StrictRedis|RedisCluster|from_url|ConnectionPool)|redis\.cluster\.RedisCluster|aioredis\.(Redis|from_url|create_redis_pool))$/, 'Redis'],
  [/^(httpx\.(Client|AsyncClient)|aiohttp\.(client\.)?ClientSession|requests\.(sessions\.)?(Session|session)|urllib3\.(PoolManager|HTTPConnectionPool|HTTPSConnectionPool))$/, 'HTTP'],
  [/^(psycopg2\.connect|psycopg\.(connect|(Async)?Connection\.connect)|psycopg_pool\.(Async)?ConnectionPool|asyncpg\.(connect|create_pool)|pymysql\.connect|MySQLdb\.connect|mysql\.connector\.connect|aiomysql\.(connect|create_pool)|aiopg\.(connect|create_pool)|sqlalchemy\.create_engine|sqlalchemy\.ext\.asyncio\.create_async_engine|pymongo\.MongoClient|motor\.motor_asyncio\.AsyncIOMotorClient)$/, 'database'],
];

/** The last names worth resolving, checked before any import look-up. */
const CANDIDATE_NAMES = new Set([
  'Redis', 'StrictRedis', 'RedisCluster', 'from_url', 'ConnectionPool', 'AsyncConnectionPool', 'create_redis_pool', 'Client', 'AsyncClient',
  'ClientSession', 'Session', 'session', 'PoolManager', 'HTTPConnectionPool', 'HTTPSConnectionPool', 'connect', 'create_pool', 'create_engine',
  'create_async_engine', 'MongoClient', 'AsyncIOMotorClient',
]);

/** The client `call` builds (`redis.Redis(...)`, `httpx.AsyncClient()`, `psycopg2.connect(...)`), or null. */
export function clientConstruction(call: Node, model: ScopeModel): ClientConstruction | null {
  const fn = call.childForFieldName('function');
  if (!CANDIDATE_NAMES.has(calleeName(fn))) return null;
  const target = importedName(fn, model);
  if (!target) return null;
  for (const [pattern, kind] of CLIENTS) if (pattern.test(target)) return { target, kind, closers: CLOSE };
  return null;
}
