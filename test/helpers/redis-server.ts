/**
 * A real redis-server for queue tests, started on a loopback port with persistence off (or append-only
 * in a given directory, for restart tests). When
 * redis-server is not installed the tests say so loudly and skip, unless REQUIRE_REDIS is set (CI):
 * then they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A running redis-server of one test file. */
export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** True when `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** `describe` when Redis is available, else `describe.skip` with a loud warning (an error under REQUIRE_REDIS). */
export function describeWithRedis(name: string, body: () => void): void {
  if (hasRedisServer()) {
    describe(name, body);
    return;
  }
  if (process.env.REQUIRE_REDIS) throw new Error(`redis-server is not installed but REQUIRE_REDIS is set: "${name}" cannot run`);
  process.stderr.write(`\n*** SKIPPED "${name}": redis-server is not installed (apt-get install redis-server) ***\n\n`);
  describe.skip(name, body);
}

/** A port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
}

/** Options of a test redis-server. */
export interface RedisServerOptions {
  /** Port to listen on (a restart reuses its predecessor's); a free one by default. */
  port?: number;
  /** Append-only persistence in this directory (as docs/docker-compose.yml runs Redis); none by default. */
  appendOnlyDir?: string;
}

/** Starts redis-server on 127.0.0.1, without persistence unless `appendOnlyDir` is given. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const port = options.port ?? (await freePort());
  const persistence = options.appendOnlyDir ? ['--dir', options.appendOnlyDir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'notice'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitForReady(child, 10_000);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
