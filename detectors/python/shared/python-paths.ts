/** What a Python file is from its path alone: test code, a script entry point. */

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
