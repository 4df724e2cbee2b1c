import detector from '../../../detectors/typescript/missing-rollback.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'export async function placeOrder(userId: string, items: Item[]) {\n  const order = await prisma.order.create({ data: { userId } });\n  await prisma.orderItem.createMany({ data: items.map((i) => ({ ...i, orderId: order.id })) });\n  return order;\n}\n', line: 3, message: 'uses `order` from `prisma.order.create` (line 2)' },
    { code: "export async function transfer(client, from, to, amount) {\n  await client.query('BEGIN');\n  await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);\n  await client.query('COMMIT');\n}\n", line: 2, message: 'opens a transaction' },
    { code: 'async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  await prisma.profile.create({ data: { userId: user.id } });\n}\n', line: 3 },
    { code: 'class Service {\n  async move(id: string) {\n    const doc = await this.prisma.document.update({ where: { id }, data: { archived: true } });\n    await this.prisma.audit.create({ data: { documentId: doc.id } });\n  }\n}\n', line: 4 },
    { code: "export const pay = async (pool, id) => {\n  const client = await pool.connect();\n  await client.query('START TRANSACTION');\n  await client.query('UPDATE invoices SET paid = true WHERE id = $1', [id]);\n  await client.query('COMMIT');\n  client.release();\n};\n", line: 3 },
    { code: 'export async function rename(id: string, name: string) {\n  const team = await prisma.team.update({ where: { id }, data: { name } });\n  const member = await prisma.member.upsert({ where: { teamId: team.id }, create: { teamId: team.id }, update: {} });\n  return member;\n}\n', line: 3 },
    { code: 'export async function close(id: string) {\n  const ticket = await prisma.ticket.delete({ where: { id } });\n  await prisma.log.create({ data: { text: `closed ${ticket.title}` } });\n}\n', line: 3 },
    { code: "app.post('/x', async (req, res) => {\n  await db.query('BEGIN');\n  await db.query('INSERT INTO t VALUES ($1)', [1]);\n  await db.query('COMMIT');\n  res.end();\n});\n", line: 2 },
  ],
  ignores: [
    'export async function placeOrder(userId: string, items: Item[]) {\n  return prisma.$transaction(async (tx) => {\n    const order = await tx.order.create({ data: { userId } });\n    await tx.orderItem.createMany({ data: items.map((i) => ({ ...i, orderId: order.id })) });\n    return order;\n  });\n}\n',
    "export async function transfer(client, from, to, amount) {\n  try {\n    await client.query('BEGIN');\n    await client.query('UPDATE accounts SET balance = balance - $1 WHERE id = $2', [amount, from]);\n    await client.query('COMMIT');\n  } catch (e) {\n    await client.query('ROLLBACK');\n    throw e;\n  }\n}\n",
    { code: 'async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  await prisma.event.create({ data: { kind: "signup" } });\n  return user;\n}\n', note: 'independent writes' },
    { code: 'async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  return prisma.profile.findUnique({ where: { userId: user.id } });\n}\n', note: 'a read after the write' },
    { code: 'async function signup(email: string) {\n  const user = await prisma.user.findUnique({ where: { email } });\n  await prisma.profile.create({ data: { userId: user.id } });\n}\n', note: 'a read before the write' },
    { code: 'async function signup(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  try {\n    await prisma.profile.create({ data: { userId: user.id } });\n  } catch (e) {\n    await prisma.user.delete({ where: { id: user.id } }); // rollback by hand\n    throw e;\n  }\n}\n', note: 'a compensating delete, mentioned as a rollback' },
    { code: "export async function run(client) {\n  await client.query('SELECT 1');\n}\n" },
    { code: 'async function f(email: string) {\n  const user = await prisma.user.create({ data: { email } });\n  await mailer.send({ to: user.email });\n}\n', note: 'not a database write' },
    { code: "it('writes', async () => {\n  const u = await prisma.user.create({ data: {} });\n  await prisma.profile.create({ data: { userId: u.id } });\n});\n", path: 'test/users.test.ts' },
  ],
});
