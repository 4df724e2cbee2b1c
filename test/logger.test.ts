import { Writable } from 'node:stream';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { lines, logger: createLogger('info', stream) };
}

describe('logger', () => {
  test('redacts tokens, keys and authorization headers wherever they are logged', () => {
    const { lines, logger } = capture();
    const job = logger.child({ deliveryId: 'd-1', repo: 'o/r', pr: 7 });
    job.info({ token: 'ghs_abcdefghijklmnopqrstuvwxyz0123456789', privateKey: '-----BEGIN RSA PRIVATE KEY-----', request: { headers: { authorization: 'token ghs_secret' } } }, 'request');
    const out = lines.join('');
    expect(out).not.toContain('ghs_');
    expect(out).not.toContain('BEGIN RSA');
    expect(out).toContain('[redacted]');
    expect(JSON.parse(lines[0])).toMatchObject({ deliveryId: 'd-1', repo: 'o/r', pr: 7, msg: 'request' });
  });
});
