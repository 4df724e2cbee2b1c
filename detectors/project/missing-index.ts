/**
 * missing-index: a model field that changed code filters or sorts on with no index that leads with
 * it, judged against the repository's Prisma schema or SQLAlchemy models.
 */
import { defineProjectDetector, type ProjectChangedFile, type ProjectContext } from '../define.js';
import { prismaFilters } from './shared/prisma-filters.js';
import { type PrismaModel, prismaModels } from './shared/prisma-schema.js';
import { type SqlModel, sqlModels } from './shared/sqlalchemy-columns.js';
import { sqlFilters } from './shared/sqlalchemy-filters.js';

type Options = { maxReads: number };

const TS_FILE = /\.[cm]?[jt]sx?$/;
const TEST_FILE = /(^|\/)(tests?|__tests__|spec)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]*\.py$|_test\.py$|(^|\/)conftest\.py$/;
const MODEL_FILE = /(^|\/)(models?|entities|entity|schemas?|tables|orm|db|database|domain)(\/|\.py$|_)|_models?\.py$/;
const MAX_SCHEMA_FILES = 20;

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
  for (const { file, q } of found) {
    const model: PrismaModel | undefined = models.get(q.accessor);
    if (!model || !model.scalars.has(q.field) || model.indexed.has(q.field)) continue;
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
  for (const { file, q } of found) {
    const model = models.get(q.model);
    // A class found nowhere, or a name that is not one of its columns (a relationship, a property): unknown.
    if (!model || !model.columns.has(q.field) || model.indexed.has(q.field)) continue;
    const verb = q.kind === 'filter' ? 'filters on' : 'sorts by';
    ctx.report({
      file,
      line: q.line,
      message: `This query ${verb} \`${q.model}.${q.field}\`, which has no index (${model.path} declares it without \`index=True\` and no \`Index\` leads with it): the query scans the table.`,
      recommendation: `Declare the column with \`index=True\` (or add \`Index("ix_${q.model.toLowerCase()}_${q.field}", "${q.field}")\` to \`__table_args__\`) and create the migration.`,
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
      why: 'A filter or sort on a column without an index makes the database read the whole table: invisible on a development database, seconds per request once the table is large, and a lock-holding scan for `updateMany`/`deleteMany`. The rule reads the fields that added Prisma queries (`findMany`, `findFirst`, `count`, `aggregate`, `groupBy`, `updateMany`, `deleteMany`) put in `where` (through `AND`/`OR`/`NOT`) or `orderBy`, and the fields added SQLAlchemy queries compare in `filter`/`where`, name in `filter_by` or sort by in `order_by`; then it looks the field up in the repository\'s `schema.prisma` (or `prisma/*.prisma`) or in the model classes of the changed files and the repository\'s model-like Python files (`models.py`, `models/`, `db/`, ..., bounded by `maxReads`). A field counts as indexed when it has `@id`/`@unique`, leads an `@@index`/`@@unique`/`@@id`, or has `index=True`/`unique=True`/`primary_key=True`, or leads an `Index`/`UniqueConstraint` in `__table_args__` or at module level; MySQL schemas (which index foreign keys themselves) count relation scalars as indexed. Fields of models it cannot find, relation fields, variables spread into `where`, raw SQL and Django are not judged. Indexes created only in migrations are invisible to it: suppress the finding there.',
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
