#!/usr/bin/env node
// The `pr-reviewer` command: runs the compiled CLI (`npm run build` writes dist/).
let runCli;
try {
  ({ runCli } = await import('../dist/src/cli/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/src/cli/main.js')) throw error;
  process.stderr.write(`pr-reviewer: the compiled CLI is missing (${error.message}); run "npm run build" first.\n`);
  process.exit(2);
}
// exitCode rather than exit(): lets a large report finish flushing into a pipe.
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
