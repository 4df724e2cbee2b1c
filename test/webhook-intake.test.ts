/**
 * Bad input at the front door, over real HTTP on 127.0.0.1 through Probot's webhook middleware: bad or
 * missing signatures, unparsable bodies and signed payloads without the fields a review needs are
 * answered 4xx and queue no work; a good delivery is answered 2xx and queues one job.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createNodeMiddleware } from 'probot';
import { createApp } from '../src/app.js';
import { QueueClosedError, type ReviewQueue } from '../src/queue/types.js';
import type { ReviewJob } from '../src/types.js';
import { pullRequestEvent } from './helpers/github-fixtures.js';
import { APP_ID, createTestProbot } from './helpers/probot.js';

const SECRET = 'test-secret';
const jobs: ReviewJob[] = [];
let closed = false;
const queue: ReviewQueue = {
  enqueue: (job) => {
    if (closed) throw new QueueClosedError('shutting down');
    jobs.push(job);
  },
  close: async () => undefined,
};
let server: Server;
let url: string;

beforeAll(async () => {
  const { probot } = createTestProbot();
  const middleware = await createNodeMiddleware(createApp({ queue, appId: APP_ID }), { probot, webhooksPath: '/api/github/webhooks' });
  server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/github/webhooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => void jobs.splice(0));

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function deliver(body: string, headers: Record<string, string | undefined>): Promise<number> {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers: Object.fromEntries(Object.entries({ 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'd-1', ...headers }).filter(([, v]) => v !== undefined)) as Record<string, string>,
    signal: AbortSignal.timeout(5000),
  });
  await response.text();
  return response.status;
}

const good = JSON.stringify(pullRequestEvent('opened'));

test('a correctly signed delivery is accepted and queues one job', async () => {
  expect(await deliver(good, { 'x-hub-signature-256': sign(good) })).toBeLessThan(300);
  expect(jobs).toHaveLength(1);
});

test.each([
  ['a signature made with another secret', good, { 'x-hub-signature-256': sign(good, 'wrong') }],
  ['no signature', good, { 'x-hub-signature-256': undefined }],
  ['a garbled signature', good, { 'x-hub-signature-256': 'sha256=zz' }],
  ['a body that is not JSON', '{"action": "opened", ', { 'x-hub-signature-256': sign('{"action": "opened", ') }],
  ['no event name', good, { 'x-hub-signature-256': sign(good), 'x-github-event': undefined }],
  ['a pull_request without pull_request', JSON.stringify({ action: 'opened', installation: { id: 1 }, repository: { name: 'r', owner: { login: 'o' } } }), {}],
  ['a head sha that is not a string', JSON.stringify({ ...pullRequestEvent('opened'), pull_request: { number: 2, head: { sha: 42 } } }), {}],
  ['an opened pull_request with an empty payload', JSON.stringify({ action: 'opened' }), {}],
])('%s: 4xx and no work', async (_name, body, headers) => {
  const signed = 'x-hub-signature-256' in headers ? headers : { 'x-hub-signature-256': sign(body) };
  const status = await deliver(body, signed);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(jobs).toEqual([]);
});

test('a signed event without an action the app handles does no work', async () => {
  expect(await deliver('{}', { 'x-hub-signature-256': sign('{}') })).toBeLessThan(300);
  expect(jobs).toEqual([]);
});

test('a delivery arriving while the queue shuts down is answered 503, not dropped silently', async () => {
  closed = true;
  try {
    expect(await deliver(good, { 'x-hub-signature-256': sign(good) })).toBe(503);
  } finally {
    closed = false;
  }
  expect(jobs).toEqual([]);
});
