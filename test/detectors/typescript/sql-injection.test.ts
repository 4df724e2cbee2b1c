import detector from '../../../detectors/typescript/sql-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    {
      code: `
        async function find(userId: string) {
          return db.query(\`SELECT * FROM users WHERE id = \${userId}\`);
        }
      `,
      line: 2,
      message: '`userId` is interpolated into the SQL passed to `db.query`',
    },
    {
      code: `
        function remove(name) {
          const sql = "DELETE FROM users WHERE name = '" + name + "'";
          return connection.execute(sql);
        }
      `,
      line: 2,
      message: '`name` is concatenated into `sql`, the SQL passed to `connection.execute` on line 3',
    },
    {
      code: `
        async function search(name?: string) {
          let sql = 'SELECT * FROM users WHERE 1 = 1';
          if (name) sql += " AND name = '" + name + "'";
          return pool.query(sql);
        }
      `,
      line: 3,
      message: '`name`',
    },
    {
      code: `
        app.get('/users', async (req, res) => {
          res.json(await knex.raw(\`select * from users where email = '\${req.query.email}'\`));
        });
      `,
      line: 2,
      message: '`req.query.email`',
    },
    {
      code: `
        export async function byName(name: string) {
          return prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE name = '\${name}'\`);
        }
      `,
      line: 2,
    },
    {
      code: `
        router.delete('/posts/:id', async (req) => {
          const { id } = req.params;
          await client.query(\`DELETE FROM posts WHERE id = \${id}\`);
        });
      `,
      line: 3,
    },
    {
      code: `
        async function load(ids: string[]) {
          for (const id of ids) await db.query(\`SELECT * FROM t WHERE id = \${id}\`);
        }
      `,
      line: 2,
    },
    {
      code: `
        function inList(ids: string[]) {
          return db.query(\`SELECT * FROM t WHERE id IN (\${ids.map((id) => \`'\${id}'\`).join(',')})\`);
        }
      `,
      line: 2,
      note: 'the map callback quotes the elements themselves: still their text',
    },
    {
      code: `
        function update(id: number, patch: Record<string, unknown>) {
          const sets = Object.keys(patch).map((k) => \`\${k} = ?\`).join(', ');
          return db.query(\`UPDATE users SET \${sets} WHERE id = ?\`, [...Object.values(patch), id]);
        }
      `,
      line: 3,
      message: '`sets`',
      note: 'column names taken from a caller-supplied object',
    },
    {
      code: `
        async function find(user) {
          return sequelize.query(
            \`SELECT *
             FROM accounts
             WHERE owner = '\${user.name.trim()}'\`,
          );
        }
      `,
      line: 5,
    },
    {
      code: `
        function byEmail(email: string) {
          return pool.query({ text: 'SELECT * FROM users WHERE email = ' + "'" + email + "'", rowMode: 'array' });
        }
      `,
      line: 2,
    },
    {
      code: `
        function a(x: string) { return db.query('SELECT * FROM a WHERE x = ' + x); }
        function b(y: string) { return db.query('SELECT * FROM b WHERE y = ' + y); }
      `,
      line: [1, 2],
    },
    {
      code: `
        function byName(name) {
          return db.query(\`SELECT * FROM users WHERE name = '\${name}'\`);
        }
        app.get('/users', (req, res) => byName(req.query.name));
      `,
      line: 2,
      note: 'a private helper is judged by what its callers pass',
    },
    {
      code: `
        exports.findById = function (id, callback) {
          client.query("SELECT * FROM users WHERE id = " + id, callback);
        };
      `,
      line: 2,
      note: 'an exported function may be called with anything',
    },
    {
      code: `
        function list(req) {
          const col = req.query.sort;
          if (!ALLOWED.includes(col)) console.warn('unexpected sort', col);
          return db.query(\`SELECT * FROM t ORDER BY \${col}\`);
        }
      `,
      line: 4,
      note: 'a check that does not leave the function is no guard',
    },
    {
      code: `
        function setNullable(column, nullable) {
          return knex.from(table).columnInfo(column).then((columnInfo) => {
            const columnType = columnInfo.type + (columnInfo.maxLength ? \`(\${columnInfo.maxLength})\` : '');
            const defaultValue = columnInfo.defaultValue != null ? \`default '\${columnInfo.defaultValue}'\` : '';
            const sql = \`alter table \${table} alter column \${formatter.wrap(column)} \${columnType} \${defaultValue}\`;
            return client.raw(sql);
          });
        }
      `,
      line: 5,
      message: '`defaultValue`',
      note: 'knex setNullable: a row field put between quotes unescaped (the type beside it is a keyword, left alone)',
    },
  ],
  ignores: [
    {
      code: `
        function createFKRefs(runner, refs) {
          return Promise.all(refs.map(function (ref) {
            const keyName = wrap(ref.CONSTRAINT_NAME);
            const onUpdate = \` ON UPDATE \${ref.UPDATE_RULE}\`;
            const onDelete = \` ON DELETE \${ref.DELETE_RULE}\`;
            return runner.query({ sql: 'ALTER TABLE t ADD CONSTRAINT ' + keyName + ' FOREIGN KEY (a) REFERENCES b (c)' + onUpdate + onDelete });
          }));
        }
      `,
      note: "knex: keywords from a row of the database's own catalog (information_schema) are of unknown origin",
    },
    {
      code: `
        async function retype(pool, table) {
          const { rows } = await pool.query('SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1', [table]);
          for (const row of rows) {
            await pool.query(\`ALTER TABLE t ALTER COLUMN c TYPE \${row.data_type}\`);
          }
        }
      `,
      note: 'a field of an awaited query result used as a keyword',
    },
    "async function find(userId: string) {\n  return db.query('SELECT * FROM users WHERE id = $1', [userId]);\n}\n",
    "function find(id: string) {\n  return connection.execute('SELECT * FROM users WHERE id = ?', [id]);\n}\n",
    'function find(id: string) {\n  return db.query(sql`SELECT * FROM users WHERE id = ${id}`);\n}\n',
    'function find(id: string) {\n  return prisma.$queryRaw`SELECT * FROM users WHERE id = ${id}`;\n}\n',
    "const TABLE = 'users';\nconst q = 'SELECT * FROM ' + TABLE + ' WHERE active = true';\nexport const all = () => db.query(q);\n",
    "const COLUMNS = ['id', 'name'];\nconst TABLE = 'users';\nfunction f(id: string) {\n  return db.query(`SELECT ${COLUMNS.join(', ')} FROM ${TABLE} WHERE id = $1`, [id]);\n}\n",
    {
      code: 'function page(limit: number, offset: number) {\n  return db.query(`SELECT * FROM t LIMIT ${limit} OFFSET ${offset}`);\n}\n',
      note: 'numbers cannot carry SQL',
    },
    {
      code: "function list(dir: 'ASC' | 'DESC') {\n  return db.query(`SELECT * FROM t ORDER BY name ${dir}`);\n}\n",
      note: 'a union of literals is an allow-list',
    },
    "function f(ids: string[]) {\n  return db.query(`SELECT * FROM t WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);\n}\n",
    "function f(ids: string[]) {\n  const ph = ids.map((_, i) => `$${i + 1}`).join(', ');\n  return pool.query(`SELECT * FROM t WHERE id IN (${ph})`, ids);\n}\n",
    "function f(name: string) {\n  return db.query('SELECT * FROM t WHERE name = ' + connection.escape(name));\n}\n",
    'class Repo {\n  table = "users";\n  find(id: string) {\n    return this.db.query(`SELECT * FROM ${this.table} WHERE id = $1`, [id]);\n  }\n}\n',
    "import { TABLE } from './schema';\nexport function f(id: string) {\n  return db.query(`SELECT * FROM ${TABLE} WHERE id = $1`, [id]);\n}\n",
    'export function run(sql: string, params: unknown[]) {\n  return db.query(sql, params);\n}\n',
    { code: 'function f(key: string) {\n  return cache.query(`user:${key}`);\n}\n', note: 'not SQL text' },
    { code: 'function f(n: string) {\n  logger.info(`SELECT ${n} FROM somewhere`);\n}\n', note: 'not a query call' },
    "function f(id: string) {\n  return cp.exec(`psql -c \"SELECT * FROM t WHERE id = ${id}\"`);\n}\n",
    "function f(desc: boolean) {\n  const order = desc ? 'DESC' : 'ASC';\n  return db.query(`SELECT * FROM t ORDER BY created ${order}`);\n}\n",
    "function f(id: string) {\n  const where = `id = $1`;\n  return db.query('SELECT * FROM t WHERE ' + where, [id]);\n}\n",
    {
      code: `
        router.patch('/:id', async (req, res) => {
          const allowed = ['name', 'ratio'];
          const fields = Object.keys(req.body).filter((k) => allowed.includes(k));
          const sets = fields.map((f, i) => \`\${f} = $\${i + 1}\`);
          await pool.query(\`UPDATE wards SET \${sets.join(', ')} WHERE id = $\${fields.length + 1}\`, [...fields.map((f) => req.body[f]), req.params.id]);
        });
      `,
      note: 'keys filtered through an allow-list (seen in an express router)',
    },
    {
      code: `
        router.get('/', async (req, res) => {
          const conditions = [];
          const params = [];
          if (req.query.facility) {
            conditions.push(\`facility = $\${params.length + 1}\`);
            params.push(req.query.facility);
          }
          const where = conditions.length ? 'WHERE ' + conditions.join(' AND ') : '';
          res.json(await pool.query(\`SELECT * FROM wards \${where} ORDER BY name\`, params));
        });
      `,
      note: 'a WHERE clause assembled from placeholders',
    },
    {
      code: `
        const TABLES = ['Santri', 'Ledger'];
        async function countRows(pool, tableName) {
          const res = await pool.query(\`SELECT COUNT(*) AS "total" FROM "\${tableName}"\`);
          return Number(res.rows[0].total);
        }
        async function getSum(pool, tableName, columnName) {
          return pool.query(\`SELECT COALESCE(SUM("\${columnName}"), 0) AS "sum" FROM "\${tableName}"\`);
        }
        async function verify(pool) {
          for (const table of TABLES) await countRows(pool, table);
          await getSum(pool, 'Santri', 'saldo');
        }
        module.exports = { verify };
      `,
      note: 'private helpers called with constant table and column names (seen in a backup script)',
    },
    {
      code: 'export async function count(pool: Pool, table: string) {\n  return pool.query(`SELECT COUNT(*) FROM ${table}`);\n}\n',
      note: 'a plain parameter in table position: table names come from code',
    },
    {
      code: "app.get('/items', (req, res) => {\n  const sort = SORTS.includes(req.query.sort) ? req.query.sort : 'created_at';\n  return db.query(`SELECT * FROM items ORDER BY ${sort}`);\n});\n",
      note: 'allow-listed by a conditional',
    },
    {
      code: "function list(col: string) {\n  if (!ALLOWED_COLUMNS.has(col)) {\n    throw new Error(`bad column ${col}`);\n  }\n  return db.query(`SELECT * FROM t ORDER BY ${col}`);\n}\n",
      note: 'allow-listed by an exiting guard',
    },
    "function list(col: string) {\n  if (!/^[a-z_]+$/.test(col)) return [];\n  return db.query(`SELECT * FROM t ORDER BY ${col} DESC`);\n}\n",
  ],
});
