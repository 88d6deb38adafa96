import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../core/testing/fuzz.js';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';
import { rawRequest, requestText, type RawAnswer } from './testing/raw-http.js';
import { tokenProtocol } from './auth.js';
import { makeStaticRoot } from './testing/static-root.js';

/**
 * Seeded random HTTP requests and WebSocket upgrades over raw sockets against the real headless
 * server: whatever arrives, the process keeps running, every request gets a status code, and a
 * request without the token never reaches a handler (the contract dispatcher, the export).
 */
const TOKEN = 'fuzz-token-0123456789abcdef';
const SEED = 20261207;
const UNAUTHENTICATED = 5_000;
const AUTHENTICATED = 5_000;
const PARALLEL = 24;

let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;
const reached = { dispatch: 0, export: 0 };
const faults: unknown[] = [];
const onFault = (error: unknown) => faults.push(error);

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = makeStaticRoot({ assets: true });
  const dispatch = t.core.dispatch;
  t.core.dispatch = (...args) => {
    reached.dispatch += 1;
    return dispatch(...args);
  };
  const exporter = t.core.services.exporter;
  const download = exporter.download.bind(exporter);
  exporter.download = (...args) => {
    reached.export += 1;
    return download(...args);
  };
  server = await startHeadlessServer({
    core: t.core,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    staticRoot,
    allowRemote: false,
  });
  process.on('uncaughtException', onFault);
  process.on('unhandledRejection', onFault);
});
afterAll(async () => {
  process.off('uncaughtException', onFault);
  process.off('unhandledRejection', onFault);
  await server.close();
  await t.cleanup();
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

type Pick = <T>(items: readonly T[]) => T;

const METHODS = [
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'get',
  'G\u0000T',
  'XYZZY',
];
const SEGMENTS = [
  '',
  '/',
  '//',
  '///',
  '//[',
  '%',
  '%00',
  '%zz',
  '%e0%a4%a',
  '%ff',
  '%2e%2e',
  '..',
  '.',
  'a%00.js',
  'index.html',
  'assets',
  'app.js',
  'ws',
  'export',
  '\u0000',
  '[',
  ']',
  '@',
  '?',
  '#',
  ';',
  '~',
  'é',
  '💥',
  '%c0%ae',
];
const QUERIES = [
  '',
  '?',
  '?token=',
  '?token=%',
  '?token=wrong-token-wrong-token',
  '?kind=logs&format=csv',
  '?kind=audit&format=json',
  '?kind=logs&format=xml',
  '?format=csv&from=%',
  '?a=%zz',
  '?&&==',
  '?dl=%',
  '?dl=0123456789',
];

function randomTarget(rand: () => number, pick: Pick): string {
  const r = rand();
  if (r < 0.05) return '*';
  if (r < 0.1) return pick(['http://evil.example/', 'http://127.0.0.1/', '//evil.example/x', 'ws://x/ws']);
  if (r < 0.15) return `/${'a'.repeat(1 + Math.floor(rand() * 12_000))}`;
  const fixed = [
    '//',
    '///',
    '//[',
    '/%',
    '/a%00.js',
    '/ws',
    '/export',
    '/',
    '/assets/app.js',
    '/..%2f..%2fetc%2fpasswd',
  ];
  if (r < 0.35) return pick(fixed) + pick(QUERIES);
  let target = '';
  for (let i = 1 + Math.floor(rand() * 5); i > 0; i--) target += `/${pick(SEGMENTS)}`;
  return target + pick(QUERIES);
}

function randomHeaders(rand: () => number, pick: Pick, port: number, withToken: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const host = pick([
    ...(withToken ? [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`] : []),
    `127.0.0.1:${port}`,
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    `127.evil.com:${port}`,
    'evil.example',
    '',
    '[::1',
    '%',
    'x'.repeat(300),
  ]);
  if (rand() < 0.9) headers.Host = host;
  const origin = pick([
    undefined,
    undefined,
    undefined,
    'null',
    `http://127.0.0.1:${port}`,
    'https://evil.example',
    '%',
    'http://[',
    '',
  ]);
  if (origin !== undefined) headers.Origin = origin;
  const cookie = pick([
    undefined,
    undefined,
    'workstation_token=%',
    'workstation_token=%E0%A4%A',
    'workstation_token=wrong-token-wrong-token',
    '=;=;;',
    `workstation_token=${withToken ? TOKEN : 'x'}`,
  ]);
  if (cookie !== undefined) headers.Cookie = cookie;
  if (rand() < 0.3) {
    headers.Connection = pick(['Upgrade', 'upgrade, keep-alive', 'close']);
    headers.Upgrade = pick(['websocket', 'WebSocket', 'h2c', '%']);
    if (rand() < 0.8) headers['Sec-WebSocket-Key'] = pick(['dGhlIHNhbXBsZSBub25jZQ==', '%', '', 'short']);
    if (rand() < 0.8) headers['Sec-WebSocket-Version'] = pick(['13', '8', 'x']);
    const protocols = withToken
      ? [tokenProtocol(TOKEN), `workstation, ${tokenProtocol(TOKEN)}`]
      : [tokenProtocol('wrong-token-wrong-token'), 'workstation.token.%', ',,,', 'a b'];
    if (rand() < 0.8) headers['Sec-WebSocket-Protocol'] = pick(protocols);
  }
  if (rand() < 0.1) headers['X-Long'] = 'y'.repeat(Math.floor(rand() * 20_000));
  return headers;
}

function randomRequest(rand: () => number, port: number, withToken: boolean): Buffer {
  const pick: Pick = (items) => items[Math.floor(rand() * items.length)]!;
  if (withToken && rand() < 0.4) {
    // Well-formed requests with the token, so the fuzz also reaches the routes behind it.
    const path = pick(['/', '/index.html', '/assets/app.js', '/export', '/ws', '/trading', '/assets/none.js']);
    const query = pick(['?kind=logs&format=csv', '?kind=audit&format=json', '?format=xml', '']);
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, Cookie: `workstation_token=${TOKEN}` };
    if (path === '/ws') {
      Object.assign(headers, {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Protocol': `workstation, ${tokenProtocol(TOKEN)}`,
      });
    }
    return Buffer.from(
      requestText(pick(['GET', 'HEAD']), `${path}${query}${query ? '&' : '?'}token=${TOKEN}`, headers),
    );
  }
  let target = randomTarget(rand, pick);
  if (withToken && rand() < 0.5) target += `${target.includes('?') ? '&' : '?'}token=${TOKEN}`;
  const headers = randomHeaders(rand, pick, port, withToken);
  const r = rand();
  let body = '';
  if (r < 0.15) {
    body = pick(['{}', 'x'.repeat(5000), '\u0000\u0001', '{"id":1,"name":"settings.update","input":{}}']);
    headers['Content-Length'] = String(rand() < 0.8 ? Buffer.byteLength(body) : Buffer.byteLength(body) + 10);
  } else if (r < 0.2) {
    headers['Transfer-Encoding'] = pick(['chunked', 'gzip, chunked', '%']);
    body = pick(['5\r\nhello\r\n0\r\n\r\n', 'zz\r\n', '0\r\n\r\n']);
    if (rand() < 0.3) headers['Content-Length'] = '5';
  }
  const text = requestText(pick(METHODS), target, headers, body);
  if (rand() < 0.03) return Buffer.from(text.replace('\r\n', '\n'), 'latin1');
  return Buffer.from(text, 'utf8');
}

async function runAll(count: number, seed: number, withToken: boolean): Promise<RawAnswer[]> {
  const rand = seededRandom(seed);
  const requests = Array.from({ length: count }, () => randomRequest(rand, server.port, withToken));
  const answers: RawAnswer[] = new Array<RawAnswer>(count);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const i = next++;
      answers[i] = await rawRequest(server.port, requests[i]!);
      // The process is alive after each request: nothing escaped to the top of the event loop.
      if (faults.length > 0) throw new Error(`request ${i} (seed ${seed}) crashed the server: ${String(faults[0])}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return answers;
}

function summary(answers: RawAnswer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.kind === 'status' ? String(a.status) : a.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('headless server under random requests', () => {
  it('answers the requests that used to end the process with a status code', async () => {
    const port = server.port;
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const cases = [
      `GET // HTTP/1.1\r\n${host}\r\n`,
      `GET /// HTTP/1.1\r\n${host}\r\n`,
      `GET //[ HTTP/1.1\r\n${host}\r\n`,
      `GET / HTTP/1.1\r\n${host}Cookie: workstation_token=%\r\n\r\n`,
      `GET /% HTTP/1.1\r\n${host}Cookie: workstation_token=${TOKEN}\r\n\r\n`,
      `GET /a%00.js HTTP/1.1\r\n${host}Cookie: workstation_token=${TOKEN}\r\n\r\n`,
      `GET /%?token=${TOKEN} HTTP/1.1\r\n${host}\r\n`,
      `GET /a%00.js?token=${TOKEN} HTTP/1.1\r\n${host}\r\n`,
      `GET // HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`,
      `GET //[ HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\nCookie: workstation_token=%\r\n\r\n`,
    ];
    for (const text of cases) {
      const answer = await rawRequest(port, text);
      expect(answer.kind, text).toBe('status');
      expect(faults).toEqual([]);
    }
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBeLessThan(500);
  });

  it(`keeps serving through ${UNAUTHENTICATED} requests without the token, none reaching a handler`, async () => {
    const answers = await runAll(UNAUTHENTICATED, SEED, false);
    const counts = summary(answers);
    expect(faults).toEqual([]);
    expect(counts.timeout ?? 0, JSON.stringify(counts)).toBe(0);
    expect(counts.closed ?? 0, JSON.stringify(counts)).toBe(0);
    // An upgrade without the token is never switched; an export without the token never runs.
    expect(counts['101'] ?? 0).toBe(0);
    expect(reached).toEqual({ dispatch: 0, export: 0 });
  }, 120_000);

  it(`keeps serving through ${AUTHENTICATED} requests with the token`, async () => {
    const answers = await runAll(AUTHENTICATED, SEED + 1, true);
    const counts = summary(answers);
    expect(faults).toEqual([]);
    expect(counts.timeout ?? 0, JSON.stringify(counts)).toBe(0);
    expect(counts.closed ?? 0, JSON.stringify(counts)).toBe(0);
    // The fuzz reached the server's routes, not only its refusals.
    expect(counts['200'] ?? 0, JSON.stringify(counts)).toBeGreaterThan(100);
    expect(counts['101'] ?? 0).toBeGreaterThan(10);
    const res = await fetch(`http://127.0.0.1:${server.port}/assets/app.js`);
    expect(res.status).toBeLessThan(500);
  }, 120_000);
});
