import { UsageError } from '../../src/errors.js';
import { parseCliArgs } from '../../src/cli/parse-args.js';

describe('parseCliArgs', () => {
  test('diff with every option; text is the default format', () => {
    expect(parseCliArgs(['diff'])).toEqual({ kind: 'diff', format: 'text' });
    expect(parseCliArgs(['diff', '--repo', 'r', '--base', 'main', '--head', 'HEAD~2', '--format', 'sarif', '--config', 'c.yml'])).toEqual({
      kind: 'diff',
      repo: 'r',
      base: 'main',
      head: 'HEAD~2',
      format: 'sarif',
      config: 'c.yml',
    });
  });

  test('scan takes paths, options anywhere, and `--` before paths that start with a dash', () => {
    expect(parseCliArgs(['scan', 'src', '-f', 'json', 'a.py'])).toEqual({ kind: 'scan', paths: ['src', 'a.py'], format: 'json' });
    expect(parseCliArgs(['scan', '--', '-odd.ts'])).toEqual({ kind: 'scan', paths: ['-odd.ts'], format: 'text' });
  });

  test('help and version win over everything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['diff', '-h'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
  });

  test.each([
    [[], 'missing command: diff or scan'],
    [['review'], 'unknown command "review": use diff or scan'],
    [['diff', 'src'], 'diff takes no paths (got src); use --repo DIR for another repository'],
    [['diff', '--format', 'html'], '--format html: must be one of text, json, markdown, sarif'],
    [['diff', '--base', ''], '--base needs a value'],
    [['scan'], 'scan needs at least one file or directory'],
    [['scan', 'a.py', '--head', 'x'], '--head is only valid with diff'],
    [['diff', '--nope'], "Unknown option '--nope'"],
    [['diff', '--base'], "Option '--base <value>' argument missing"],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
