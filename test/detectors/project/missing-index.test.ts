import detector from '../../../detectors/project/missing-index.js';
import { describeProjectDetector } from '../../helpers/project-cases.js';

const schema = (extra = ''): string =>
  `datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nenum Status {\n  OPEN\n  DONE\n}\n\nmodel Job {\n  id               Int      @id @default(autoincrement())\n  processingStatus String\n  status           Status\n  createdAt        DateTime @default(now())\n  email            String   @unique\n  ownerId          Int\n  owner            User     @relation(fields: [ownerId], references: [id])\n${extra}}\n\nmodel User {\n  id   Int    @id\n  jobs Job[]\n}\n`;
const models = (extra = ''): string =>
  `from sqlalchemy import Column, ForeignKey, Index, Integer, String, DateTime\n\nclass Order(Base):\n    __tablename__ = "orders"\n    id = Column(Integer, primary_key=True)\n    status = Column(String)\n    created_at = Column(DateTime)\n    customer_id = Column(Integer, ForeignKey("customers.id"))\n    email = Column(String, unique=True)\n${extra}`;

describeProjectDetector(detector, {
  flags: [
    { note: 'Prisma where on a plain field', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': "export const pending = () => prisma.job.findMany({ where: { processingStatus: 'pending' } });\n" }, changed: ['src/jobs.ts'], findings: ['src/jobs.ts:1'], message: '`job.findMany` filters on `Job.processingStatus`' },
    { note: 'Prisma orderBy and a shorthand where', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': 'export async function list(status: Status) {\n  return prisma.job.findMany({\n    where: { status },\n    orderBy: { createdAt: "desc" },\n    take: 20,\n  });\n}\n' }, changed: ['src/jobs.ts'], findings: ['src/jobs.ts:3', 'src/jobs.ts:4'] },
    { note: 'through AND, and count', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': 'export const n = (id: number) => prisma.job.count({ where: { AND: [{ ownerId: id }, { email: "x" }] } });\n' }, changed: ['src/jobs.ts'], findings: ['src/jobs.ts:1'], message: '`Job.ownerId`' },
    { note: 'a composite index whose second field is filtered', files: { 'prisma/schema.prisma': schema('  @@index([ownerId, createdAt])\n'), 'src/jobs.ts': 'export const recent = () => prisma.job.findFirst({ orderBy: [{ createdAt: "desc" }] });\n' }, changed: ['src/jobs.ts'], findings: ['src/jobs.ts:1'] },
    { note: 'SQLAlchemy filter comparison', files: { 'app/models.py': models(), 'app/queries.py': 'def open_orders(session):\n    return session.query(Order).filter(Order.status == "open").limit(50).all()\n' }, changed: ['app/queries.py'], findings: ['app/queries.py:2'], message: '`Order.status`' },
    { note: 'SQLAlchemy filter_by keyword', files: { 'app/models.py': models(), 'app/queries.py': 'def by_status(session, s):\n    return session.query(Order).filter_by(status=s).first()\n' }, changed: ['app/queries.py'], findings: ['app/queries.py:2'] },
    { note: 'SQLAlchemy order_by desc and where in_', files: { 'app/models.py': models(), 'app/queries.py': 'def recent(session, ids):\n    stmt = select(Order).where(Order.customer_id.in_(ids)).order_by(Order.created_at.desc())\n    return session.scalars(stmt).all()\n' }, changed: ['app/queries.py'], findings: ['app/queries.py:2', 'app/queries.py:2'] },
    { note: 'the model in the changed file itself', files: { 'app/service.py': `${models()}\n\ndef f(session):\n    return session.query(Order).order_by(Order.status).all()\n` }, changed: ['app/service.py'], findings: ['app/service.py:13'] },
    { note: 'Flask-SQLAlchemy Model.query.filter_by', files: { 'app/models.py': models(), 'app/views.py': 'def orders():\n    return Order.query.filter_by(status="x").all()\n' }, changed: ['app/views.py'], findings: ['app/views.py:2'] },
  ],
  ignores: [
    { note: '@@index on the field', files: { 'prisma/schema.prisma': schema('  @@index([processingStatus])\n'), 'src/jobs.ts': "export const pending = () => prisma.job.findMany({ where: { processingStatus: 'pending' } });\n" }, changed: ['src/jobs.ts'] },
    { note: '@id, @unique and the lead of a composite index', files: { 'prisma/schema.prisma': schema('  @@index([ownerId, createdAt])\n'), 'src/jobs.ts': 'export const f = () => prisma.job.findMany({ where: { id: 1, email: "a", ownerId: 2 } });\n' }, changed: ['src/jobs.ts'] },
    { note: 'MySQL indexes foreign keys itself', files: { 'prisma/schema.prisma': schema().replace('postgresql', 'mysql'), 'src/jobs.ts': 'export const f = () => prisma.job.findMany({ where: { ownerId: 2 } });\n' }, changed: ['src/jobs.ts'] },
    { note: 'a relation field, not a column', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': 'export const f = () => prisma.job.findMany({ where: { owner: { id: 2 } } });\n' }, changed: ['src/jobs.ts'] },
    { note: 'the query was not added by the change', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': "export const pending = () => prisma.job.findMany({ where: { processingStatus: 'pending' } });\nexport const x = 1;\n" }, changed: ['src/jobs.ts'], added: { 'src/jobs.ts': [2] } },
    { note: 'an unknown model', files: { 'prisma/schema.prisma': schema(), 'src/jobs.ts': 'export const f = () => prisma.invoice.findMany({ where: { state: 1 } });\n' }, changed: ['src/jobs.ts'] },
    { note: 'index=True and __table_args__ Index', files: { 'app/models.py': `${models()}    __table_args__ = (Index("ix_orders_created", "created_at"),)\n`.replace('status = Column(String)', 'status = Column(String, index=True)'), 'app/queries.py': 'def f(session):\n    return session.query(Order).filter(Order.status == "x").order_by(Order.created_at).all()\n' }, changed: ['app/queries.py'] },
    { note: 'primary key and unique columns', files: { 'app/models.py': models(), 'app/queries.py': 'def f(session, i):\n    return session.query(Order).filter(Order.id == i, Order.email == "e").first()\n' }, changed: ['app/queries.py'] },
    { note: 'a model found nowhere', files: { 'app/queries.py': 'def f(session):\n    return session.query(Invoice).filter(Invoice.state == 1).all()\n' }, changed: ['app/queries.py'] },
    { note: 'a filter inside a string', files: { 'app/models.py': models(), 'app/queries.py': 'DOC = "use .filter(Order.status == x)"\n' }, changed: ['app/queries.py'] },
    { note: 'test files are not judged', files: { 'app/models.py': models(), 'tests/test_q.py': 'def test_f(session):\n    assert session.query(Order).filter(Order.status == "x").all() == []\n' }, changed: ['tests/test_q.py'] },
  ],
});
