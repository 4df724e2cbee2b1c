/**
 * missing-index: a model field that changed code filters or sorts on with no index that leads with
 * it, judged against the repository's Prisma schema or SQLAlchemy models.
 */
import { defineProjectDetector, type ProjectChangedFile, type ProjectContext } from '../define.js';
import { prismaFilters } from './shared/prisma-filters.js';
import { type PrismaModel, prismaModels } from './shared/prisma-schema.js';
import { type SqlModel, sqlModels } from './shared/sqlalchemy-columns.js';
import { type SqlFilter, sqlFilters } from './shared/sqlalchemy-filters.js';

type Options = { maxReads: number };

const TS_FILE = /\.[cm]?[jt]sx?$/;
const TEST_FILE = /(^|\/)(tests?|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$/;
const MODEL_FILE = /(^|\/)(models?|entities|entity|schemas?|tables|orm|db|database|domain)(\/|\.py$|_)|_models?\.py$/;
const MAX_SCHEMA_FILES = 20;
/** Soft-delete and on/off columns (`deleted_at`, `is_active`): most rows share a value, an index rarely helps. */
const FLAG_LIKE = /^(is_|has_)?(deleted|archived|active|enabled|disabled|hidden|visible|removed)(_at|_on)?$/;

const isAdded = (file: ProjectChangedFile, line: number): boolean => file.wholeFile === true || file.addedLines.has(line);

/** Prisma schema files of the repository: `schema.prisma` anywhere, or `.prisma` files under a `prisma/` folder. */
function schemaPaths(paths: readonly string[]): string[] {
  return paths.filter((p) => /(^|\/)schema\.prisma$/.test(p) || /(^|\/)prisma\/.*\.prisma$/.test(p)).filter((p) => !/node_modules\//.test(p)).slice(0, MAX_SCHEMA_FILES);
}

async function checkPrisma(ctx: ProjectContext<Options>, files: readonly ProjectChangedFile[]): Promise<void> {
  const found = files.flatMap((f) => prismaFilters(f.path, f.text ?? '').filter((q) => isAdded(f, q.line)).map((q) => ({ file: f.path, q })));
  if (found.length === 0) return;
  const paths = schemaPaths(ctx.paths);
  const texts = await Promise.all(paths.map((p) => ctx.read(p)));
  if (texts.some((t) => t === null)) {
    ctx.note('stood down on Prisma queries: a schema file could not be read');
    return;
  }
  const models = prismaModels(texts as string[]);
  const where = paths.length === 1 ? paths[0] : 'the Prisma schema';
  // A `where` key every row must match that is indexed (or a relation, matched through its key) bounds the query.
  const bounded = new Set<string>();
  for (const { file, q } of found) {
    const model = models.get(q.accessor);
    if (model && q.conjunct && (!model.scalars.has(q.field) || model.indexed.has(q.field))) bounded.add(`${file}\0${q.query}`);
  }
  for (const { file, q } of found) {
    const model: PrismaModel | undefined = models.get(q.accessor);
    if (!model || !model.scalars.has(q.field) || model.indexed.has(q.field) || bounded.has(`${file}\0${q.query}`)) continue;
    // Sorting every row reads every row: an index on the sort column pays only when the query takes the first few.
    if (q.kind === 'orderBy' && !q.limited) continue;
    const verb = q.kind === 'where' ? 'filters on' : 'sorts by';
    ctx.report({
      file,
      line: q.line,
      message: `\`${q.accessor}.${q.method}\` ${verb} \`${model.name}.${q.field}\`, which no index in ${where} leads with: the query scans the table.`,
      recommendation: `Add \`@@index([${q.field}])\` to model \`${model.name}\` (or put \`${q.field}\` first in an existing composite index) and create the migration.`,
    });
  }
}

/** Python files to search for model classes: the changed ones, then model-like files, bounded. */
function modelPaths(ctx: ProjectContext<Options>): string[] {
  const py = ctx.paths.filter((p) => p.endsWith('.py') && MODEL_FILE.test(p) && !/(^|\/)(migrations|alembic\/versions)\//.test(p));
  return py.slice(0, ctx.options.maxReads);
}

async function checkSqlAlchemy(ctx: ProjectContext<Options>, files: readonly ProjectChangedFile[]): Promise<void> {
  const found = files.flatMap((f) => sqlFilters(f.text ?? '').filter((q) => isAdded(f, q.line)).map((q) => ({ file: f.path, q })));
  if (found.length === 0) return;
  const models = new Map<string, SqlModel & { path: string }>();
  const add = (path: string, text: string | null): void => {
    if (text === null) return;
    for (const [name, model] of sqlModels(text)) if (!models.has(name)) models.set(name, { ...model, path });
  };
  for (const f of files) add(f.path, f.text);
  const wanted = new Set(found.map((x) => x.q.model));
  const paths = modelPaths(ctx).filter((p) => !files.some((f) => f.path === p));
  for (let i = 0; i < paths.length && [...wanted].some((w) => !models.has(w)); i += 8) {
    const batch = paths.slice(i, i + 8);
    const texts = await Promise.all(batch.map((p) => ctx.read(p)));
    batch.forEach((p, j) => add(p, texts[j]));
  }
  // Filters of one model in one function form one query: an indexed filter (a key, an indexed or
  // foreign-key column, a relationship compared with a row) bounds the rows the others are tested on.
  const groupKey = (file: string, q: SqlFilter): string => `${file}\0${q.scope}\0${q.model}`;
  const bounded = new Set<string>();
  const reported = new Map<string, { file: string; model: SqlModel & { path: string }; fields: SqlFilter[] }>();
  for (const { file, q } of found) {
    const model = models.get(q.model);
    if (!model || q.kind !== 'filter' || !q.narrows || q.joined) continue;
    if (!model.columns.has(q.field) || model.indexed.has(q.field) || model.foreignKeys.has(q.field)) bounded.add(groupKey(file, q));
  }
  for (const { file, q } of found) {
    const model = models.get(q.model);
    // A class found nowhere, or a name that is not one of its columns (a relationship, a property): unknown.
    if (!model || !model.columns.has(q.field) || model.indexed.has(q.field)) continue;
    // Foreign keys (MySQL indexes them itself; elsewhere they are indexed with the constraint as a rule),
    // booleans (two values), join conditions, `!=` filters and queries bounded by an indexed filter.
    if (model.foreignKeys.has(q.field) || model.booleans.has(q.field) || FLAG_LIKE.test(q.field) || q.joined || (q.kind === 'filter' && !q.narrows)) continue;
    // Sorting every row reads every row: an index on the sort column pays only when the query takes the first few.
    if (q.kind === 'order_by' && !q.limited) continue;
    if (bounded.has(groupKey(file, q))) continue;
    const key = groupKey(file, q);
    const group = reported.get(key);
    if (group) {
      if (!group.fields.some((f) => f.field === q.field)) group.fields.push(q);
    } else reported.set(key, { file, model, fields: [q] });
  }
  // One finding per query (one model in one function), at its first unindexed field, naming them all.
  for (const { file, model, fields } of reported.values()) {
    const first = fields[0];
    const names = fields.slice(0, 3).map((f) => `\`${first.model}.${f.field}\``);
    const more = fields.length > 3 ? ` and ${fields.length - 3} more` : '';
    const verb = fields.every((f) => f.kind === 'order_by') ? 'sorts by' : fields.every((f) => f.kind === 'filter') ? 'filters on' : 'filters or sorts on';
    const subject = fields.length === 1 ? `${names[0]}, which has no index` : `${names.join(', ')}${more}, none of which has an index`;
    ctx.report({
      file,
      line: first.line,
      message: `This query ${verb} ${subject} (${model.path} declares ${fields.length === 1 ? 'it' : 'them'} without \`index=True\` and no \`Index\` leads with ${fields.length === 1 ? 'it' : 'them'}): the query scans the table.`,
      recommendation: fields.length === 1
        ? `Declare the column with \`index=True\` (or add \`Index("ix_${first.model.toLowerCase()}_${first.field}", "${first.field}")\` to \`__table_args__\`) and create the migration.`
        : `Add one index that leads with the most selective of them (\`Index("ix_${first.model.toLowerCase()}_${first.field}", ${fields.map((f) => `"${f.field}"`).join(', ')})\` in \`__table_args__\`) and create the migration.`,
    });
  }
}

export default defineProjectDetector<Options>({
  meta: {
    id: 'missing-index',
    language: ['typescript', 'python'],
    severity: 'low',
    category: 'performance',
    description: 'A model field that changed code filters or sorts on with no index (`@@index`, `index=True`) that leads with it',
    recommendation: 'Add an index that leads with the field (`@@index([field])`, `index=True`, `Index(...)`) and create the migration.',
    docs: {
      why: 'A filter or sort on a column without an index makes the database read the whole table: invisible on a development database, seconds per request once the table is large, and a lock-holding scan for `updateMany`/`deleteMany`. The rule reads the fields that added Prisma queries (`findMany`, `findFirst`, `count`, `aggregate`, `groupBy`, `updateMany`, `deleteMany`) put in `where` (through `AND`/`OR`/`NOT`) or `orderBy`, and the fields added SQLAlchemy queries compare in `filter`/`where`, name in `filter_by` or sort by in `order_by`; then it looks the field up in the repository\'s `schema.prisma` (or `prisma/*.prisma`) or in the model classes of the changed files and the repository\'s model-like Python files (`models.py`, `models/`, `db/`, ..., bounded by `maxReads`). A field counts as indexed when it has `@id`/`@unique`, leads an `@@index`/`@@unique`/`@@id`, or has `index=True`/`unique=True`/`primary_key=True`, or leads an `Index`/`UniqueConstraint` in `__table_args__` or at module level; MySQL schemas (which index foreign keys themselves) count relation scalars as indexed. A query is judged as a whole: one Prisma call, or the filters of one SQLAlchemy model in one function (also built over several statements); when any filter every row must match is indexed (a key, an indexed or foreign-key column, a relation compared with a row), the other fields are tested only on the rows it selects and are not reported, and one finding names all the unindexed fields of a query. Sorts are reported only when the query takes its first rows (`take`, `findFirst`, `.limit()`, `.first()`, a slice, pagination): sorting every row reads every row. SQLAlchemy foreign-key columns (MySQL indexes them itself, and they are indexed with the constraint as a rule), `Boolean` and soft-delete/on-off columns (`deleted_at`, `is_active`: most rows share a value), join conditions (`A.x == B.id`), `!=`/`not_in`/`is_not` and `like`/`ilike`/`contains` (a `%x%` pattern cannot use an index) are not reported. Fields of models it cannot find, relation fields, variables spread into `where`, raw SQL and Django are not judged. Indexes created only in migrations are invisible to it: suppress the finding there.',
      flagged: [
        { files: { 'prisma/schema.prisma': 'model Job {\n  id               Int      @id @default(autoincrement())\n  processingStatus String\n  createdAt        DateTime @default(now())\n}\n', 'src/jobs.ts': "export const pending = () => prisma.job.findMany({ where: { processingStatus: 'pending' } });\n" }, changed: ['src/jobs.ts'] },
        { files: { 'app/models.py': 'from sqlalchemy import Column, Integer, String\n\nclass Order(Base):\n    __tablename__ = "orders"\n    id = Column(Integer, primary_key=True)\n    status = Column(String)\n', 'app/queries.py': 'def open_orders(session):\n    return session.query(Order).filter(Order.status == "open").limit(50).all()\n' }, changed: ['app/queries.py'] },
      ],
      ignored: [
        { files: { 'prisma/schema.prisma': 'model Job {\n  id               Int      @id @default(autoincrement())\n  processingStatus String\n\n  @@index([processingStatus])\n}\n', 'src/jobs.ts': "export const pending = () => prisma.job.findMany({ where: { processingStatus: 'pending' } });\n" }, changed: ['src/jobs.ts'] },
        { files: { 'app/models.py': 'from sqlalchemy import Column, Integer, String\n\nclass Order(Base):\n    __tablename__ = "orders"\n    id = Column(Integer, primary_key=True)\n    status = Column(String, index=True)\n', 'app/queries.py': 'def open_orders(session):\n    return session.query(Order).filter(Order.status == "open").limit(50).all()\n' }, changed: ['app/queries.py'] },
      ],
    },
  },
  defaultOptions: { maxReads: 200 },
  async check(ctx) {
    const changed = ctx.changed.filter((f) => f.text !== null && !TEST_FILE.test(f.path));
    await checkPrisma(ctx, changed.filter((f) => TS_FILE.test(f.path)));
    await checkSqlAlchemy(ctx, changed.filter((f) => f.path.endsWith('.py')));
  },
});
