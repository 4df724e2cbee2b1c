/** What a Python file is from its path alone: test code, test doubles, migrations, a script entry point. */

/** pytest/unittest files and test folders: `test_x.py`, `x_test.py`, `tests/`, `conftest.py`. */
const TEST_PATH = /(^|\/)(tests?|testing|__tests__)\/|(^|\/)(test_[^/]*|[^/]*_tests?|conftest)\.pyi?$/i;

/** True for test code (pytest and unittest layouts). */
export function isPythonTestPath(path: string): boolean {
  return TEST_PATH.test(path);
}

/** Entry points and tooling run as programs, where printing is the output. */
const SCRIPT_PATH =
  /(^|\/)(scripts?|bin|tools?|examples?|demos?|samples?|benchmarks?|docs?)\/|(^|\/)(__main__|setup|manage|noxfile|fabfile|tasks|conf|main|cli)\.py$/i;

/** True for files that are programs rather than library code (`scripts/`, `__main__.py`, `setup.py`). */
export function isPythonScriptPath(path: string): boolean {
  return SCRIPT_PATH.test(path);
}

/** Test doubles and emulators: `mocks/`, `fakes/`, `moto/`, `fake_x.py`, `x_mock.py` (not `mocking.py`). */
const TEST_DOUBLE_PATH = /(^|\/)(moto|mocks?|fakes?|emulators?)\/|(^|\/)(mock|fake)_[^/]*\.py$|_(mock|fake)s?\.py$/i;

/** True for mock, fake and emulator code: fixed fake values, short-lived objects. */
export function isPythonTestDoublePath(path: string): boolean {
  return TEST_DOUBLE_PATH.test(path);
}

/** Schema migrations (Alembic, Django): scripts of schema steps, run once. */
const MIGRATION_PATH = /(^|\/)(migrations|alembic|alembic_migrations)\//;

/** True for a schema migration. */
export function isPythonMigrationPath(path: string): boolean {
  return MIGRATION_PATH.test(path);
}
