// `npm run demo`: reviews a pull request of a throwaway git repository with the built CLI.
// No credentials, no network: a temporary repository gets a clean base commit on `main` and a
// feature branch that adds flawed TypeScript and Python; `pr-reviewer diff` reviews the branch.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/pr-reviewer.js', import.meta.url));

// Local identity and settings only: the machine's git config is neither needed nor changed.
const GIT_FLAGS = ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null'];

const BASE_FILES = {
  'package.json': '{ "name": "demo-shop", "version": "1.0.0", "type": "module" }\n',
  'src/db.ts': `import { Pool } from 'pg';

export const db = new Pool({ connectionString: process.env.DATABASE_URL });

/** Looks a product up by id with a parameterised query. */
export async function findProduct(id: number) {
  const { rows } = await db.query('SELECT id, name FROM products WHERE id = $1', [id]);
  return rows[0];
}
`,
  'src/format.ts': `/** Formats a price in cents as dollars. */
export function formatPrice(cents: number): string {
  return (cents / 100).toFixed(2);
}
`,
  'app/jobs.py': `"""Background jobs of the demo shop."""
import logging

log = logging.getLogger(__name__)


def cleanup(db, user_id: int) -> None:
    """Deletes a user's expired sessions."""
    db.execute("DELETE FROM sessions WHERE user_id = %s", (user_id,))
`,
};

const FEATURE_FILES = {
  'src/search.ts': `import { db } from './db.js';
import { readFileSync } from 'node:fs';
import { db as database } from './db.js';
import { createHash } from 'node:crypto';

// Made up for this demo (not real credentials), but shaped like real AWS keys.
const AWS_ACCESS_KEY_ID = '${'AKIA'}4QZ7DEMOR2WK9T3N';
const awsSecretAccessKey = 'q8Zr3vK1LmT9xWb2DemoOnlyHj6Pn4Ys0Cu5Ge7Ra';

export async function searchProducts(term: string) {
  const { rows } = await db.query(\`SELECT id, name FROM products WHERE name LIKE '%\${term}%'\`);
  return rows;
}

export function applyDiscount(price: number, formula: string): number {
  return eval(formula.replace('price', String(price)));
}

export function loadSettings(path: string) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {}
  return database.options;
}
`,
  'app/jobs.py': `"""Background jobs of the demo shop."""
import logging
import os
import logging

log = logging.getLogger(__name__)
# Made up for this demo: not a real credential.
MAIL_API_TOKEN = "mk_4Tq9Zr2Lx7Vw3Np8Hb6Jc1Yd5"


def cleanup(db, user_id: int) -> None:
    """Deletes a user's expired sessions."""
    db.execute("DELETE FROM sessions WHERE user_id = %s", (user_id,))


def purge(db, user_id):
    try:
        db.execute(f"DELETE FROM orders WHERE user_id = {user_id}")
    except:
        pass


async def poll(db):
    while True:
        await asyncio.sleep(5)
`,
};

function git(cwd, ...args) {
  execFileSync('git', [...GIT_FLAGS, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function writeFiles(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Runs the built CLI in the demo repository and prints its output under a heading. */
function review(repo, format, heading) {
  const args = ['diff', '--format', format];
  process.stdout.write(`\n${'='.repeat(78)}\n$ pr-reviewer ${args.join(' ')}    # ${heading}\n${'='.repeat(78)}\n\n`);
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.error) throw run.error;
  process.stdout.write(run.stdout);
  const meaning = { 0: 'the gate passes', 1: 'the gate fails: a finding at or above failOn (high)', 2: 'usage or internal error' };
  process.stdout.write(`\n(exit status ${run.status}: ${meaning[run.status] ?? 'unexpected'})\n`);
  return run.status;
}

function main() {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
  } catch {
    process.stderr.write('demo: git is required (apt-get install git)\n');
    return 2;
  }
  const repo = mkdtempSync(join(tmpdir(), 'pr-reviewer-demo-'));
  try {
    git(repo, 'init', '--quiet', '-b', 'main');
    writeFiles(repo, BASE_FILES);
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'Demo shop: products and jobs');
    git(repo, 'checkout', '--quiet', '-b', 'feature/search');
    writeFiles(repo, FEATURE_FILES);
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'Add product search, discounts and order purge');
    process.stdout.write(
      `Demo repository ${repo}\n` +
        '  main            clean TypeScript and Python project\n' +
        '  feature/search  adds src/search.ts and changes app/jobs.py (the pull request under review)\n',
    );
    const markdown = review(repo, 'markdown', 'the summary comment as it would be posted');
    const text = review(repo, 'text', 'the findings in the terminal, grouped by file');
    return [markdown, text].every((status) => status === 0 || status === 1) ? 0 : 1;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

process.exitCode = main();
