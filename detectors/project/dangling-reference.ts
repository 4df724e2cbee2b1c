/**
 * dangling-reference: an ORM string reference the change adds (`relationship("Adress")`,
 * `ForeignKey("shop.Ordr")`) to a class defined nowhere in the repository's Python files. Such a
 * typo imports fine and fails only when the mappers are configured or the model is first used.
 */
import { posix } from 'node:path';
import { defineProjectDetector, type ProjectContext } from '../define.js';
import { definedClasses, ormReferences, type OrmReference } from './shared/orm-references.js';

type Options = { maxReads: number };

/** Files read at once while searching for class definitions. */
const READ_BATCH = 8;

const MODEL_FILE = /(^|\/)(models?|entities|entity|schemas?|tables|orm|db|database|domain)(\/|\.py$|_)|_models?\.py$/;

/** Snake case of a class name: `OrderItem` → `order_item`, so `order_item.py` is read early. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Python files in reading order: those named like models or like a wanted class first, then the rest. */
function readingOrder(paths: readonly string[], wanted: ReadonlySet<string>): string[] {
  const py = paths.filter((p) => p.endsWith('.py') && !/(^|\/)migrations\//.test(p));
  const named = new Set([...wanted].flatMap((w) => [snake(w), `${snake(w)}s`]));
  const rank = (p: string): number => (MODEL_FILE.test(p) ? 0 : named.has(posix.basename(p, '.py')) ? 1 : 2);
  return [...py].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Levenshtein distance, bounded: enough to suggest `Address` for `Adress`. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function suggestion(name: string, classes: ReadonlySet<string>): string {
  const close = [...classes].filter((c) => c.toLowerCase() === name.toLowerCase() || distance(c, name) <= 2).sort();
  return close.length > 0 ? ` Did you mean \`${close[0]}\`?` : '';
}

/** Django app labels the repository defines: directories holding `models.py`, `models/` or `apps.py`. */
function djangoApps(paths: readonly string[]): Set<string> {
  const apps = new Set<string>();
  for (const p of paths) {
    const m = /(?:^|\/)([\w]+)\/(models\.py|models\/__init__\.py|apps\.py)$/.exec(p);
    if (m) apps.add(m[1]);
  }
  return apps;
}

/** Reads Python files until every wanted class is found or all are read; false when the budget ran out first. */
async function searchClasses(ctx: ProjectContext<Options>, wanted: ReadonlySet<string>, known: Set<string>): Promise<boolean> {
  const order = readingOrder(ctx.paths, wanted);
  const missing = (): boolean => [...wanted].some((w) => !known.has(w));
  const limit = Math.min(order.length, ctx.options.maxReads);
  for (let i = 0; i < limit && missing(); i += READ_BATCH) {
    const texts = await Promise.all(order.slice(i, Math.min(i + READ_BATCH, limit)).map((p) => ctx.read(p)));
    for (const text of texts) {
      // A file that cannot be read may hold the class: the search is then not conclusive.
      if (text === null) return false;
      for (const name of definedClasses(text)) known.add(name);
    }
  }
  return !missing() || order.length <= ctx.options.maxReads;
}

export default defineProjectDetector<Options>({
  meta: {
    id: 'dangling-reference',
    language: ['python'],
    severity: 'high',
    category: 'reliability',
    description: 'An ORM string reference (`relationship("X")`, Django `ForeignKey("app.X")`) to a class defined nowhere in the repository',
    recommendation: 'Name a model class that exists (check the spelling), or import the class and pass it instead of a string.',
    docs: {
      why: 'ORMs resolve string references late: SQLAlchemy when the mappers are configured (often at the first query), Django when the app registry loads. A misspelt or removed class imports fine and fails at run time with `InvalidRequestError: ... failed to locate a name` or `Related model cannot be resolved`. The rule reads the repository\'s Python files (model-like files first, bounded by `maxReads`) and reports only when every one was read and none defines the class. It deliberately does not check SQLAlchemy `ForeignKey("table.column")` (table names come from `__tablename__`, `declared_attr`, reflection or other schemas), `secondary=` tables, Django references to apps that are not in the repository (`auth.User`, third-party apps) or `"self"`.',
      flagged: [
        { files: { 'app/models.py': 'from sqlalchemy.orm import relationship\n\nclass User(Base):\n    addresses = relationship("Adress", back_populates="user")\n\nclass Address(Base):\n    pass\n' }, changed: ['app/models.py'] },
        { files: { 'shop/models.py': 'from django.db import models\n\nclass Item(models.Model):\n    order = models.ForeignKey("shop.Ordr", on_delete=models.CASCADE)\n', 'shop/apps.py': 'from django.apps import AppConfig\n' }, changed: ['shop/models.py'] },
      ],
      ignored: [
        { files: { 'app/models.py': 'from sqlalchemy.orm import relationship\n\nclass User(Base):\n    addresses = relationship("Address")\n', 'app/address.py': 'class Address(Base):\n    pass\n' }, changed: ['app/models.py'] },
        { files: { 'shop/models.py': 'from django.db import models\n\nclass Item(models.Model):\n    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE)\n    parent = models.ForeignKey("self", null=True, on_delete=models.CASCADE)\n' }, changed: ['shop/models.py'] },
      ],
    },
  },
  defaultOptions: { maxReads: 250 },
  async check(ctx) {
    const apps = djangoApps(ctx.paths);
    const added: Array<{ file: string; ref: OrmReference }> = [];
    for (const file of ctx.changed) {
      if (file.text === null || !file.path.endsWith('.py')) continue;
      for (const ref of ormReferences(file.text)) {
        if (!(file.wholeFile || file.addedLines.has(ref.line))) continue;
        // An app label the repository does not define is Django's own or a package's: unknown, silent.
        if (ref.appLabel !== undefined && !apps.has(ref.appLabel)) continue;
        added.push({ file: file.path, ref });
      }
    }
    if (added.length === 0) return;
    if (!ctx.complete) {
      ctx.note('not run: the repository listing is incomplete, so the referenced classes cannot be ruled out');
      return;
    }
    const known = new Set<string>();
    const wanted = new Set(added.map((a) => a.ref.className));
    if (!(await searchClasses(ctx, wanted, known))) {
      ctx.note(`stood down: not every Python file could be read (maxReads ${ctx.options.maxReads}, or the review's read budget), so the referenced classes cannot be ruled out`);
      return;
    }
    for (const { file, ref } of added) {
      if (known.has(ref.className)) continue;
      ctx.report({
        file,
        line: ref.line,
        message: `\`${ref.call}("${ref.text}")\` names a class \`${ref.className}\` that no Python file of the repository defines.${suggestion(ref.className, known)}`,
      });
    }
  },
});
