// Certificate pinning against a local TLS server with a certificate made for the test (openssl).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessagesClient } from '../ai/client.js';
import { createCcxtExchange } from '../market/ccxt-exchange.js';
import {
  createPinningAgent,
  parseTlsPins,
  pinnedFetch,
  pinningFromConfig,
  spkiPin,
  type TlsPins,
} from './tls-pinning.js';

let dir = '';
let cert = '';
let server: https.Server;
let base = '';
const OTHER_PIN = `sha256/${Buffer.alloc(32, 7).toString('base64')}`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-pin-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
  server = https.createServer({ cert, key: fs.readFileSync(path.join(dir, 'key.pem')) }, (req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/0/public/Time')) {
      res.end(JSON.stringify({ error: [], result: { unixtime: 1_700_000_000, rfc1123: 'x' } }));
    } else if (req.url?.startsWith('/v1/messages')) {
      res.end(
        JSON.stringify({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: 'claude-test',
          stop_reason: 'end_turn',
          stop_sequence: null,
          content: [{ type: 'text', text: 'pinned hello' }],
          usage: { input_tokens: 1, output_tokens: 2 },
        }),
      );
    } else res.end(JSON.stringify({ ok: true, path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The test CA is the self-made certificate itself; pins come on top of the usual checks. */
const fetchWith = (pins: TlsPins) => pinnedFetch(createPinningAgent(pins, { ca: cert, keepAlive: false }));

async function failure(p: Promise<unknown>): Promise<string> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).not.toBeNull();
  const parts: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(' | ');
}

describe('TLS pinning', () => {
  it('connects when one of the host pins matches the certificate key', async () => {
    const pin = spkiPin(cert);
    expect(pin).toMatch(/^sha256\/[A-Za-z0-9+/]{43}=$/);
    const res = await fetchWith({ '127.0.0.1': [OTHER_PIN, pin] })(`${base}/hello`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, path: '/hello' });
  });

  it('refuses a certificate whose key is not pinned, with an error naming the host', async () => {
    const message = await failure(fetchWith({ '127.0.0.1': [OTHER_PIN] })(`${base}/hello`));
    expect(message).toMatch(/certificate of 127\.0\.0\.1 does not match its pinned key.*nothing was sent/);
  });

  it('is off by default: a host without pins gets the usual checks only', async () => {
    expect((await fetchWith({ 'api.kraken.com': [OTHER_PIN] })(`${base}/x`)).status).toBe(200);
    // ...and the usual checks still refuse an unknown certificate authority.
    const message = await failure(pinnedFetch(createPinningAgent({}, { keepAlive: false }))(`${base}/x`));
    expect(message).toMatch(/self.signed|unable to verify/i);
  });

  it('pins the exchange connection through ccxt', async () => {
    const exchange = (pins: TlsPins) =>
      createCcxtExchange({ exchangeId: 'kraken', baseUrl: base, timeoutMs: 5_000, pro: false, fetch: fetchWith(pins) });
    expect(await exchange({ '127.0.0.1': [spkiPin(cert)] }).fetchTime()).toBe(1_700_000_000_000);
    const message = await failure(exchange({ '127.0.0.1': [OTHER_PIN] }).fetchTime());
    expect(message).toMatch(/127\.0\.0\.1 does not match its pinned key/);
  });

  it('pins the Anthropic connection through the SDK', async () => {
    const client = (pins: TlsPins) =>
      createMessagesClient({ apiKey: 'test-key-123456', baseURL: base, maxRetries: 0, fetch: fetchWith(pins) });
    const params = { model: 'claude-test', max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
    const answer = await client({ '127.0.0.1': [spkiPin(cert)] }).create(params);
    expect(answer.message.content).toEqual([{ type: 'text', text: 'pinned hello' }]);
    const message = await failure(client({ '127.0.0.1': [OTHER_PIN] }).create(params));
    expect(message).toMatch(/127\.0\.0\.1 does not match its pinned key/);
  });

  it('reads pins from text and refuses malformed ones with an example', () => {
    const pin = spkiPin(cert);
    expect(parseTlsPins(`API.Kraken.com=${pin},${OTHER_PIN}; api.anthropic.com=${pin}`)).toEqual({
      'api.kraken.com': [pin, OTHER_PIN],
      'api.anthropic.com': [pin],
    });
    expect(parseTlsPins('')).toEqual({});
    expect(() => parseTlsPins('api.kraken.com=md5/abc')).toThrow(/host=sha256\/.*e\.g\. api\.kraken\.com=sha256\//);
    expect(() => parseTlsPins('sha256/abc')).toThrow(/not host=sha256/);
    // The app's configuration: no pins, no replacement of the HTTP clients.
    expect(pinningFromConfig('').fetch).toBeUndefined();
    expect(typeof pinningFromConfig(`api.kraken.com=${pin}`).fetch).toBe('function');
  });
});
