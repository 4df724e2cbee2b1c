import detector from '../../../detectors/typescript/connection-per-call.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: "import { PrismaClient } from '@prisma/client';\napp.get('/users', async (req, res) => {\n  const prisma = new PrismaClient();\n  res.json(await prisma.user.findMany());\n});\n",
      line: 3,
      message: '`prisma = new PrismaClient()` is built on every request to `app.get` and never closed',
    },
    {
      code: "import Redis from 'ioredis';\nexport async function getSession(id: string) {\n  const redis = new Redis(process.env.REDIS_URL);\n  return redis.get(`session:${id}`);\n}\n",
      line: 3,
      message: 'every call of `getSession`',
    },
    {
      code: "import { createClient } from 'redis';\nexport async function publish(channel: string, body: string) {\n  const client = createClient({ url: process.env.REDIS_URL });\n  await client.connect();\n  await client.publish(channel, body);\n}\n",
      line: 3,
      message: 'Redis connection',
    },
    {
      code: "const { Pool } = require('pg');\nrouter.post('/orders', async (req, res) => {\n  const pool = new Pool({ connectionString: process.env.DATABASE_URL });\n  const { rows } = await pool.query('insert into orders(data) values ($1) returning id', [req.body]);\n  res.status(201).json(rows[0]);\n});\n",
      line: 3,
    },
    {
      code: "import mysql from 'mysql2/promise';\nexport class UserRepo {\n  async find(id: number) {\n    const conn = await mysql.createConnection(config);\n    const [rows] = await conn.execute('select * from users where id = ?', [id]);\n    return rows;\n  }\n}\n",
      line: 4,
      message: 'every call of `UserRepo.find`',
    },
    {
      code: "import { PrismaClient } from '@prisma/client';\nexport async function countUsers() {\n  return new PrismaClient().user.count();\n}\n",
      line: 3,
      message: 'used once and never closed',
    },
    {
      code: "import knex from 'knex';\nexport async function listTodos(req, res) {\n  const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });\n  res.json(await db('todos').select('*'));\n}\n",
      line: 3,
    },
    {
      code: "import { MongoClient } from 'mongodb';\nwss.on('connection', async (socket) => {\n  const mongo = new MongoClient(uri);\n  const history = await mongo.db('chat').collection('messages').find().toArray();\n  socket.send(JSON.stringify(history));\n});\n",
      line: 3,
      message: "every 'connection' event of `wss`",
    },
    {
      code: "import * as pg from 'pg';\nexport const handler = async (event) => {\n  const client = new pg.Client();\n  await client.connect();\n  const res = await client.query('select now()');\n  return { statusCode: 200, body: JSON.stringify(res.rows) };\n};\n",
      line: 3,
    },
    {
      code: "import express from 'express';\nimport { Pool } from 'pg';\nfunction countUsers() {\n  const pool = new Pool();\n  return pool.query('select count(*) from users');\n}\n",
      line: 4,
      note: 'a synchronous helper of a server module',
    },
  ],
  ignores: [
    { code: "import { Pool } from 'pg';\nfunction countUsers() {\n  const pool = new Pool();\n  return pool.query('select count(*) from users');\n}\n", note: 'a plain synchronous function outside server code may run once' },
    "import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\napp.get('/users', async (req, res) => {\n  res.json(await prisma.user.findMany());\n});\n",
    "import { Client } from 'pg';\nexport async function count() {\n  const client = new Client();\n  await client.connect();\n  try {\n    return (await client.query('select count(*) from users')).rows[0];\n  } finally {\n    await client.end();\n  }\n}\n",
    { code: "import Redis from 'ioredis';\nexport function makeRedis(url: string) {\n  return new Redis(url);\n}\n", note: 'a factory: the caller owns the client' },
    { code: "import Redis from 'ioredis';\nexport function makeRedis(url: string) {\n  const redis = new Redis(url);\n  redis.on('error', log);\n  return redis;\n}\n" },
    { code: "import { PrismaClient } from '@prisma/client';\nlet prisma: PrismaClient | undefined;\nexport function db() {\n  if (!prisma) prisma = new PrismaClient();\n  return prisma;\n}\n", note: 'a cached singleton' },
    { code: "import { PrismaClient } from '@prisma/client';\nexport class Repo {\n  private prisma = new PrismaClient();\n  constructor() {\n    this.client = new PrismaClient();\n  }\n}\n" },
    { code: "import Redis from 'ioredis';\nexport function createApp() {\n  const redis = new Redis();\n  app.get('/x', async (req, res) => res.json(await redis.get('x')));\n  return app;\n}\n", note: 'set-up function: the client is used by the routes it registers' },
    { code: "import Redis from 'ioredis';\nasync function listen() {\n  const sub = new Redis();\n  await sub.subscribe('events');\n  sub.on('message', onEvent);\n}\n", note: 'a subscriber meant to live on' },
    { code: "import { Pool } from 'pg';\nasync function main() {\n  const pool = new Pool();\n  await pool.query('select 1');\n}\nmain();\n", note: 'an entry point runs once' },
    { code: "import { Pool } from 'pg';\nexport async function withPool(fn) {\n  const pool = new Pool();\n  return fn(pool);\n}\n", note: 'handed to another function' },
    { code: "import { Redis } from 'ioredis';\nexport async function ping() {\n  const redis = new Redis();\n  await redis.ping();\n  await redis.quit();\n}\n" },
    { code: "import axios from 'axios';\nexport async function load() {\n  const api = axios.create({ baseURL, timeout: 5000 });\n  return api.get('/x');\n}\n", note: 'axios instances hold no connections of their own' },
    { code: "import { Pool } from './pool';\nexport async function q() {\n  const pool = new Pool();\n  return pool.query('x');\n}\n", note: 'a local class named Pool' },
    { code: "import { Pool } from 'pg';\nexport async function q() {\n  const pool = new Pool();\n  return pool.query('x');\n}\n", path: 'scripts/backfill.ts' },
  ],
});
