/**
 * A Prisma schema read for missing-index: each model's scalar fields and which of them lead an
 * index (`@id`, `@unique`, the first field of `@@index`/`@@unique`/`@@id`). Line-based, like the
 * schema language itself; comments (`//`, `///`) are dropped.
 */

/** One model: its scalar fields (relation fields left out) and the fields that lead an index. */
export interface PrismaModel {
  name: string;
  /** The client accessor (`OrderItem` → `orderItem`). */
  accessor: string;
  scalars: Set<string>;
  indexed: Set<string>;
}

const SCALAR_TYPES = new Set(['String', 'Int', 'BigInt', 'Float', 'Decimal', 'Boolean', 'DateTime', 'Json', 'Bytes']);
const BLOCK = /^\s*(model|enum|type|view)\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm;
const BLOCK_INDEX = /^\s*@@(index|unique|id)\s*\(\s*(?:fields\s*:\s*)?\[\s*(\w+)/;

/** `OrderItem` → `orderItem`: the Prisma client's accessor for a model. */
export function accessorOf(model: string): string {
  return model.charAt(0).toLowerCase() + model.slice(1);
}

/** True when the schema's datasource is MySQL with foreign keys (InnoDB indexes every foreign key itself). */
function mysqlForeignKeys(text: string): boolean {
  return /provider\s*=\s*"mysql"/.test(text) && !/relationMode\s*=\s*"prisma"/.test(text);
}

/** The models of one or more schema files' text, keyed by client accessor. */
export function prismaModels(texts: readonly string[]): Map<string, PrismaModel> {
  const text = texts.map((t) => t.replace(/\/\/.*$/gm, '')).join('\n');
  const enums = new Set([...text.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((m) => m[1]));
  const fkIndexed = mysqlForeignKeys(text);
  const models = new Map<string, PrismaModel>();
  for (const block of text.matchAll(BLOCK)) {
    if (block[1] !== 'model' && block[1] !== 'view') continue;
    const model: PrismaModel = { name: block[2], accessor: accessorOf(block[2]), scalars: new Set(), indexed: new Set() };
    for (const line of block[3].split('\n')) {
      const index = BLOCK_INDEX.exec(line);
      if (index) {
        model.indexed.add(index[2]);
        continue;
      }
      const field = /^\s*(\w+)\s+(\w+)(\[\])?\??\s*(.*)$/.exec(line);
      if (!field) continue;
      const [, name, type, , rest] = field;
      if (SCALAR_TYPES.has(type) || enums.has(type)) model.scalars.add(name);
      if (/@id\b|@unique\b/.test(rest)) model.indexed.add(name);
      // `author User @relation(fields: [authorId], ...)`: MySQL indexes the foreign key column itself.
      const relation = /@relation\([^)]*fields\s*:\s*\[\s*(\w+)/.exec(rest);
      if (relation && fkIndexed) model.indexed.add(relation[1]);
    }
    models.set(model.accessor, model);
  }
  return models;
}
