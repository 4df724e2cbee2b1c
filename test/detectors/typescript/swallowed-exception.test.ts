import detector from '../../../detectors/typescript/swallowed-exception.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'try {\n  await sendEmail(user);\n} catch (error) {}\n', line: 3, message: 'Empty `catch` discards the error thrown by `sendEmail(...)`' },
    { code: 'try {\n  fs.unlinkSync(tmp);\n} catch {\n}\n', line: 3, message: '`fs.unlinkSync(...)`' },
    { code: 'function save() {\n  try {\n    write(state);\n  } catch (e) {\n    return;\n  }\n  notify();\n}\n', line: 4, message: '`catch` that only exits' },
    { code: 'for (const f of files) {\n  try {\n    process(f);\n  } catch {\n    continue;\n  }\n}\n', line: 4 },
    { code: 'try {\n  x = compute();\n} catch (err) {\n  // TODO: handle this\n}\n', line: 3, message: 'TODO' },
    { code: 'fetchProfile(id).catch(() => {});\n', line: 1, message: 'discards any rejection of `fetchProfile(id)`' },
    { code: 'client\n  .connect()\n  .catch(function () {});\n', line: 3 },
    {
      code: 'let key;\ntry {\n  key = getPrivateKey({ path }) || undefined;\n} catch { }\n',
      line: 4,
      message: '`getPrivateKey(...)`',
      note: 'seen in probot read-cli-options: the call is found through the assignment and the fallback',
    },
    { code: 'try { a(); } catch (e) {}\ntry { b(); } catch (e) {}\n', line: [1, 2] },
    { code: 'try {\n  const user = await db.user.find(id);\n  use(user);\n} catch (_e) {\n  ;\n}\n', line: 4, message: '`db.user.find(...)`' },
    {
      code: 'function load() {\n  let config;\n  try {\n    config = readConfig();\n  } catch {}\n  start(config);\n}\n',
      line: 5,
      note: 'the value is used after the try but never checked: the failure still vanishes',
    },
    { code: '// TODO: report this\ntry {\n  run();\n} catch (e) {}\n', line: 4, message: 'TODO', note: 'a TODO above the try is no explanation either' },
    { code: 'try {\n  await save();\n} catch (e) {\n  await cleanup().catch(() => {});\n}\n', line: 4, note: 'the outer catch does not rethrow: both errors vanish' },
    {
      code: "export function save(db, queue, record) {\n  try { db.write(record); } catch (e) { }\n  try { queue.send(record); } catch (e) { }\n}\n",
      line: [2, 3],
      note: 'a write to a store and a send to a queue are not a peer that may have left',
    },
  ],
  ignores: [
    'try {\n  fs.unlinkSync(tmp);\n} catch {\n  // ignore: the file may not exist\n}\n',
    'try {\n  fs.unlinkSync(tmp);\n} catch {\n  /* best effort: a stale lock is harmless */\n}\n',
    'try {\n  await sendEmail(user);\n} catch (error) {\n  logger.warn({ error }, "email failed");\n}\n',
    'try {\n  await save();\n} catch (error) {\n  throw new SaveError("save failed", { cause: error });\n}\n',
    'function parse(s: string) {\n  try {\n    return JSON.parse(s);\n  } catch {\n    return null;\n  }\n}\n',
    'function f() {\n  try {\n    run();\n  } catch (e) {\n    return e instanceof Error ? e.message : String(e);\n  }\n}\n',
    'try {\n  run();\n} catch {\n  failed = true;\n}\n',
    'try {\n  run();\n} catch (ignored) {}\n',
    'fetchProfile(id).catch(handleError);\n',
    'fetchProfile(id).catch((error) => log.error(error));\n',
    'fetchProfile(id).catch(() => {\n  // offline: the cached profile stays\n});\n',
    'try {\n  run();\n} finally {\n  done();\n}\n',
    { code: 'try {\n  await sendEmail(user);\n} catch (error) {}\n', path: 'src/bench/email.bench.ts', note: 'benchmark files' },
    { code: 'try {\n  schema.parse(bad);\n} catch (_err) {}\n', path: 'zod/src/v3/benchmarks/union.ts', note: 'benchmarks parse invalid input on purpose (zod)' },
    { code: 'try {\n  run();\n} catch (e) {}\n', path: 'pkg/dist/index.js', note: 'build output' },
    { code: 'try {\n  run();\n} catch (e) {}\n', path: 'lib/index.min.js', note: 'minified output' },
    {
      code: "(function (global, factory) {\n  typeof exports === 'object' && typeof module !== 'undefined' ? module.exports = factory() : global.io = factory();\n})(this, function () {\n  try {\n    run();\n  } catch (e) {}\n});\n",
      path: 'socket.io/client-dist/socket.io.js',
      note: 'a UMD bundle (socket.io client-dist)',
    },
    {
      code: "// Sometimes the socket is already closed; in that case send will\n// throw an error\ntry {\n  doWrite(packet);\n} catch (e) {}\n",
      note: 'an explaining comment just above the try (socket.io)',
    },
    {
      code: 'if (outerTx) {\n  // exceptions are caught and ignored: the caller handles basePromise\n  outerTx._lastChild = basePromise.catch(() => {});\n}\n',
      note: 'an explaining comment just above the statement (knex transaction)',
    },
    'try {\n  fs.unlinkSync(lock);\n} catch {} // a stale lock may already be gone\n',
    {
      code: 'try {\n  await readRows();\n} catch (e) {\n  await closeResultSet().catch(() => {});\n  throw e;\n}\n',
      note: 'cleanup while the original error is rethrown (knex oracledb)',
    },
    {
      code: 'try {\n  await work();\n} catch (err) {\n  try {\n    conn.release();\n  } catch (_) {}\n  throw err;\n}\n',
      note: 'a nested catch in a catch that rethrows',
    },
    {
      code: 'inst.parse = (payload) => {\n  if (def.coerce)\n    try {\n      payload.value = Number(payload.value);\n    } catch (_) {}\n  const input = payload.value;\n  if (typeof input === "number") return payload;\n  payload.issues.push(invalid(input));\n};\n',
      note: 'a conversion attempt whose result is checked right after (zod coerce)',
    },
    {
      code: 'let isURL = false;\ntry {\n  new URL(target);\n  isURL = true;\n} catch (_unused3) {}\nif (!isURL) resolvePackage(target);\n',
      note: 'a flag set by the try and tested after it (import-meta-resolve)',
    },
    {
      code: 'function toSource(func) {\n  try {\n    return funcToString.call(func);\n  } catch (e) {}\n  try {\n    return func + "";\n  } catch (e) {}\n  return "";\n}\n',
      note: 'an empty catch after a try that returns: the code below is the fallback (lodash)',
    },
    {
      code: 'let convert;\ntry {\n  convert = require("encoding").convert;\n} catch (e) {}\n',
      note: 'an optional dependency probe (node-fetch)',
    },
    { code: 'let textEncoder;\ntry {\n  textEncoder = new TextEncoder();\n} catch (error) {}\n', note: 'a platform feature probe (msgpackr)' },
    {
      code: 'function isHostObject(value) {\n  var result = false;\n  try {\n    result = !!(value + "");\n  } catch (e) {}\n  return result;\n}\n',
      note: 'the fallback value is set before the try and returned after it (lodash)',
    },
    {
      code: 'const familyFromFilesystem = () => {\n  cached = null;\n  try {\n    const text = readFileSync(LDD_PATH, "utf8");\n    if (text.includes("musl")) cached = MUSL;\n  } catch (e) {}\n  return cached;\n};\n',
      note: 'a fallback assigned just before the try (detect-libc)',
    },
    {
      code: 'for (const ext of exts) {\n  try {\n    const is = isexe.sync(p + ext);\n    if (is) return p + ext;\n  } catch (ex) {}\n}\n',
      note: 'a search: the try returns on success, the catch moves to the next candidate (which)',
    },
    {
      code: 'try {\n  await install(dir);\n} finally {\n  try {\n    removeRecursive(dir);\n  } catch {}\n  await close(fd).catch(() => {});\n}\n',
      note: 'cleanup in a finally: an error there would replace the one in flight',
    },
    {
      code: 'inst.parse = (payload) => {\n  if (def.coerce) {\n    try {\n      payload.value = new Date(payload.value);\n    } catch (_err) {}\n  }\n  const input = payload.value;\n  if (input instanceof Date) return payload;\n};\n',
      note: 'the check follows the braced if around the conversion (zod)',
    },
    { code: 'try {\n  await uninstall();\n} catch {}\n', path: 'test/transport/module-link.test.js', note: 'test files' },
    {
      code: 'if (typeof options.then === "function") {\n  options.catch(() => {});\n  throw new ConfigError("async configuration is not supported");\n}\n',
      note: 'the function throws right after: the handler only keeps the rejection from going unhandled (babel)',
    },
    {
      code: 'function done(err, result) {\n  if (err) {\n    if (isConnectionError(err)) {\n      connection.close().catch(function (err) {});\n      connection.disposed = err;\n    }\n    return cb(err);\n  }\n}\n',
      note: 'cleanup before the original error is handed on (knex oracledb)',
    },
    {
      code: 'const stats = await Promise.all(filePaths.map((filePath) => fsp.stat(filePath).catch(() => {})));\n',
      note: 'the result is used: undefined stands for a missing file (eslint)',
    },
    { code: 'try {\n  require("./iterator.js")(Yallist);\n} catch (er) {}\n', note: 'an optional module applied as it loads (yallist)' },
    { code: 'try {\n  delete argv["--"];\n} catch (_err) {}\n', note: 'nothing is called: only a setter or a frozen object can fail (yargs)' },
    {
      code: 'try {\n  Object.defineProperty(fn, "name", { configurable: true, value: name });\n} catch (_) {}\n',
      note: 'property metadata is best effort (babel setFunctionName)',
    },
    { code: 'try {\n  process.cwd();\n} catch (er) {}\n', note: 'a no-argument probe of the host warms a cache (graceful-fs)' },
    { code: 'signals.forEach((sig) => {\n  try {\n    process.removeListener(sig, listeners[sig]);\n  } catch (er) {}\n});\n', note: 'listener teardown (signal-exit)' },
    {
      code: 'promise.catch((error) => {\n  try {\n    usage.fail(null, error);\n  } catch (_err) {}\n});\n',
      note: 'the try reports an error: a failure to report has nowhere to go (yargs)',
    },
    {
      code: 'if (opts.reportCaller) {\n  try {\n    const caller = getCallerLocation();\n    if (caller) args.push(caller);\n  } catch (e) {}\n}\n',
      note: 'an optional value the try checks itself: failing equals a missing value (pino)',
    },
    {
      code: 'class App {\n  constructor() {\n    this.#initialize().catch(() => {});\n  }\n  async load() {\n    await this.#initialize();\n  }\n  async #initialize() {}\n}\n',
      note: 'an eager start of an operation awaited elsewhere, where its rejection is seen (probot)',
    },
    {
      code: 'function resolve(silent: boolean) {\n  if (silent) {\n    try {\n      return resolveFileName();\n    } catch (error) {\n      return;\n    }\n  }\n}\n',
      note: 'a bare return after a try that returns a value answers undefined as a fallback (resolve-from)',
    },
    {
      code: "export function notify(ws, sessions, res, client, msg) {\n  try { ws.send(JSON.stringify(msg)); } catch (ex) { }\n  for (var i in sessions) { try { sessions[i].send(msg); } catch (ex) { } }\n  try { res.sendStatus(404); } catch (ex) { }\n  try { client.destroy(); } catch (e) { }\n  try { this.socket.write(msg); } catch (e) { }\n}\n",
      note: 'a send to a peer that may have left, and closing a connection (seen throughout meshcentral)',
    },
  ],
});
