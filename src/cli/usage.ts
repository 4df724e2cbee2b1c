/** The `--help` text. */

/** Usage of every command, option and exit status. */
export const USAGE = `Usage:
  pr-reviewer diff [--repo DIR] [--base REF] [--head REF] [--format FORMAT] [--config FILE]
  pr-reviewer scan PATH... [--format FORMAT] [--config FILE]
  pr-reviewer --help | --version

Commands:
  diff   Review a local change exactly as a pull request: the lines it adds are checked.
         --repo DIR   repository to review (default: the current directory)
         --base REF   compare with the merge base of REF (default: the merge base with the
                      default branch: origin/HEAD, main or master; on that branch itself, HEAD~1)
         --head REF   review the commit REF (default: HEAD plus the working tree, including
                      untracked files that are not ignored)
  scan   Review whole files; every line counts as changed. Directories are walked
         (node_modules, dist, build, vendor and hidden directories are skipped).

Options:
  -f, --format FORMAT  text (default), json, markdown (the summary comment) or sarif
  -c, --config FILE    configuration file (default: .github/pr-reviewer.yml in the repository
                       for diff, in the current directory for scan, when present)
  -h, --help           show this help
  -v, --version        show the version

Exit status: 0 the gate passes, 1 the gate fails (a finding at or above failOn),
             2 usage error, invalid configuration or internal error.
Logs are JSON lines on stderr at LOG_LEVEL (default: warn).
`;
