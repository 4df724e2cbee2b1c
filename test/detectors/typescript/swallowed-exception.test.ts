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
    {
      code: 'function resolve(silent: boolean) {\n  if (silent) {\n    try {\n      return resolveFileName();\n    } catch (error) {\n      return;\n    }\n  }\n}\n',
      note: 'a bare return after a try that returns a value answers undefined as a fallback (resolve-from)',
    },
  ],
});
