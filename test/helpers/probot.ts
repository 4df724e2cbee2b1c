/**
 * Runs the real Probot app in tests: a generated private key, Octokit without retries or throttling,
 * pino logging into an array, and nock in front of every GitHub call.
 */
import { generateKeyPairSync } from 'node:crypto';
import type { EmitterWebhookEvent } from '@octokit/webhooks';
import nock from 'nock';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';

export const APP_ID = 4242;
export const INSTALLATION_ID = 1;
export const API = 'https://api.github.com';

/** One RSA key for the whole test file: generating it costs tens of milliseconds. */
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
});

/** A parsed pino line. */
export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface TestProbot {
  probot: Probot;
  logs: LogLine[];
  /** Delivers one webhook event to the loaded app, as GitHub would. */
  receive(name: string, payload: unknown, id?: string): Promise<void>;
}

/**
 * Octokit without retries or throttling. The function form is needed: Probot's own defaults replace
 * a plain `throttle: { enabled: false }` with its throttle options (writes then wait 1–3 s each).
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

let deliveries = 0;

/** A Probot instance whose log lines land in `logs`. */
export function createTestProbot(): TestProbot {
  process.env.NO_SMEE_SETUP = 'true';
  const logs: LogLine[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    secret: 'test-secret',
    Octokit: TestOctokit,
    log,
  });
  return {
    probot,
    logs,
    receive: (name, payload, id = `delivery-${++deliveries}`) =>
      // The payload is built from @octokit/webhooks-examples, whose types differ from Probot's.
      probot.receive({ id, name, payload } as unknown as EmitterWebhookEvent),
  };
}

/** Requests no interceptor matched (each one also fails inside the app). */
const unmatched: string[] = [];

function recordUnmatched(request: { method?: string; path?: string; url?: string }): void {
  unmatched.push(`${request.method ?? '?'} ${request.path ?? request.url ?? '?'}`);
}

/** Blocks real network access and records unmatched requests; call in `beforeAll`. */
export function blockNetwork(): void {
  nock.disableNetConnect();
  nock.emitter.on('no match', recordUnmatched);
}

/**
 * Fails the test if a GitHub call was expected but not made, or made but not expected; then clears
 * the interceptors. Call in `afterEach`.
 */
export function assertAllCallsMade(): void {
  const pending = nock.pendingMocks();
  const unexpected = unmatched.splice(0);
  nock.cleanAll();
  expect({ pending, unexpected }).toEqual({ pending: [], unexpected: [] });
}

/** The installation token exchange every installation-authenticated run starts with. */
export function mockInstallationToken(scope: nock.Scope, installationId = INSTALLATION_ID): nock.Scope {
  return scope.post(`/app/installations/${installationId}/access_tokens`).reply(201, {
    token: 'ghs_test',
    expires_at: '2099-01-01T00:00:00Z',
    permissions: { checks: 'write', pull_requests: 'write', issues: 'write', contents: 'read', metadata: 'read' },
    repository_selection: 'all',
  });
}
