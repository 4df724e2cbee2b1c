// The application corpus: server applications (not libraries) at pinned versions, fetched with the
// ordinary package clients into a directory outside the repository and scanned with scan-corpus.
// Libraries hold few route handlers, sessions or socket servers; these applications hold many, so
// the request-path rules (race-condition, missing-rollback, unbounded-query, ...) are measured here.
//
//   node scripts/app-corpus.mjs fetch [--dir /tmp/appcorpus]     npm pack + apt-get download, unpacked
//   node scripts/app-corpus.mjs scan  [--dir /tmp/appcorpus] [-- scan-corpus options]
//        e.g. node scripts/app-corpus.mjs scan -- --rule race-condition,missing-body-limit --samples 20
//
// `fetch` needs npm and, for the Python applications, Debian's apt-get and dpkg (no install: each
// .deb is only unpacked). It keeps the sources the detectors read (.py, .js/.mjs/.cjs, .ts/.tsx
// without declaration files) under 1 MB and not minified, and deletes the rest. `scan` runs
// scripts/scan-corpus.mjs (build first: `npm run build`) once over `<dir>/npm` and once over
// `<dir>/deb`, relative to `<dir>`, so findings read `npm/ghost/core/server/...:LINE`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** npm packages: servers built on express / koa / ws / socket.io / knex / redis / pg. */
export const NPM_APPS = [
  'ghost@6.65.0',
  'verdaccio@6.10.4',
  'json-server@0.17.4',
  'nodebb@1.4.0',
  '@actual-app/sync-server@26.9.0',
  'n8n@2.41.3',
  'n8n-core@2.41.1',
  '@directus/api@39.2.1',
  'parse-server@9.10.0',
  'uptime-kuma@2.0.0-dev.0',
  '@hocuspocus/server@4.7.0',
  'y-websocket@3.1.0',
  '@strapi/core@5.54.0',
  '@medusajs/medusa@2.21.2',
  'meshcentral@1.1.55',
  'peer@1.0.2',
  'y-webrtc@10.3.0',
  '@y/websocket-server@0.1.5',
  'wetty@3.2.0',
];

/** Debian 12 packages of Python services (SQLAlchemy, Django, aiohttp, redis, requests, websockets). */
export const DEB_APPS = [
  'buildbot=3.7.0-2',
  'mailman3=3.3.8-2~deb12u2',
  'python3-radicale=3.1.8-2',
  'python3-django-hyperkitty=1.3.7-1',
  'python3-django-postorius=1.3.8-3+deb12u1',
  'bepasty=1.0.0-1+deb12u1',
  'python3-zaqar=15.0.0-1+deb12u1',
  'python3-gnocchi=4.4.2-2+deb12u1',
  'python3-keystone=2:22.0.2-0+deb12u6',
  'python3-aodh=15.0.0-3+deb12u1',
  'patroni=3.0.2-1',
  'python3-searx=1.1.0+dfsg1-1',
  'errbot=6.1.7+ds-1',
  'python3-aiosmtpd=1.4.3-1.1+deb12u1',
  'python3-locust=2.12.1-1',
  'jupyterhub=3.0.0+ds1-1',
  'graphite-web=1.1.8-2',
  'python3-ironic-inspector=11.1.0-2',
  'python3-octavia=11.0.0-2+deb12u1',
  'python3-designate=1:15.0.2-0+deb11u1',
];

const SOURCE = /\.(py|m?js|cjs|tsx?|mts|cts)$/;
const DECLARATION = /\.d\.[mc]?ts$/;

/** Deletes what the detectors do not read: non-sources, declarations, minified files, files of 1 MB or more. */
function prune(dir) {
  let kept = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) rmSync(path, { force: true });
    else if (entry.isDirectory()) {
      if (entry.name === 'node_modules') rmSync(path, { recursive: true, force: true });
      else if (prune(path) === 0) rmSync(path, { recursive: true, force: true });
      else kept += 1;
    } else {
      const keep = SOURCE.test(entry.name) && !DECLARATION.test(entry.name) && !/\.min\.js$/.test(entry.name) && statSync(path).size < 1_000_000 && !minified(path);
      if (keep) kept += 1;
      else rmSync(path, { force: true });
    }
  }
  return kept;
}

/** A bundle: long lines on average (generated code the detectors would only misread). */
function minified(path) {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n').length;
  return text.length / lines > 300;
}

function dirName(spec) {
  return spec.replace(/^@/, '').replace(/[/@=:~+]/g, '_');
}

function fetchNpm(dir) {
  const out = join(dir, 'npm');
  mkdirSync(out, { recursive: true });
  for (const spec of NPM_APPS) {
    const target = join(out, dirName(spec.slice(0, spec.lastIndexOf('@'))));
    if (existsSync(target)) continue;
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', out], { encoding: 'utf8' }).trim().split('\n').pop();
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', join(out, tarball), '-C', target, '--strip-components=1']);
    rmSync(join(out, tarball));
    prune(target);
    process.stdout.write(`npm  ${spec}\n`);
  }
}

function fetchDeb(dir) {
  const out = join(dir, 'deb');
  const cache = join(dir, 'debs');
  mkdirSync(out, { recursive: true });
  mkdirSync(cache, { recursive: true });
  for (const spec of DEB_APPS) {
    const name = spec.slice(0, spec.indexOf('='));
    const target = join(out, name);
    if (existsSync(target)) continue;
    const got = spawnSync('apt-get', ['download', spec], { cwd: cache, encoding: 'utf8' });
    if (got.status !== 0) {
      process.stderr.write(`deb  ${spec}: not available (${got.stderr.trim().split('\n').pop()}); run apt-get update, or the version has left the archive\n`);
      continue;
    }
    const deb = readdirSync(cache).find((f) => f.startsWith(`${name}_`) && f.endsWith('.deb'));
    mkdirSync(target, { recursive: true });
    execFileSync('dpkg', ['-x', join(cache, deb), target]);
    rmSync(join(cache, deb));
    prune(target);
    process.stdout.write(`deb  ${spec}\n`);
  }
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { dir: { type: 'string', default: '/tmp/appcorpus' } },
});
const dir = resolve(values.dir);
const [mode, ...rest] = positionals;
if (mode === 'fetch') {
  fetchNpm(dir);
  fetchDeb(dir);
} else if (mode === 'scan') {
  const script = fileURLToPath(new URL('scan-corpus.mjs', import.meta.url));
  for (const part of ['npm', 'deb']) {
    if (!existsSync(join(dir, part))) continue;
    process.stdout.write(`\n# ${part}\n`);
    const run = spawnSync(process.execPath, [script, '--path', part, ...rest], { cwd: dir, stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
} else {
  process.stderr.write('usage: node scripts/app-corpus.mjs fetch|scan [--dir DIR] [-- scan-corpus options]\n');
  process.exit(2);
}
