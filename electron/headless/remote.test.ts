import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempCore, type TempCore } from '../core/testing/temp-core.js';
import { startHeadlessServer, type HeadlessServer } from './server.js';
import { TEST_TLS_CERT, TEST_TLS_KEY } from './testing/tls-fixture.js';
import { connectWs } from './testing/ws-client.js';
import { makeStaticRoot } from './testing/static-root.js';

const TOKEN = 'remote-token-0123456789abcdef';
let t: TempCore;
let server: HeadlessServer;
let staticRoot: string;

beforeAll(async () => {
  t = await createTempCore();
  staticRoot = makeStaticRoot();
  server = await startHeadlessServer({
    core: t.core,
    host: '0.0.0.0',
    port: 0,
    token: TOKEN,
    staticRoot,
    allowRemote: true,
    tls: { cert: TEST_TLS_CERT, key: TEST_TLS_KEY },
  });
});
afterAll(async () => {
  await server.close();
  await t.cleanup();
  fs.rmSync(staticRoot, { recursive: true, force: true });
});

function get(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      // The Host header is what is tested; the certificate is checked against 127.0.0.1 as always.
      .get(
        { host: '127.0.0.1', port: server.port, path: '/', ca: TEST_TLS_CERT, headers, servername: 'localhost' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      )
      .on('error', reject);
  });
}

describe('--allow-remote', () => {
  it('serves over TLS and prints an https address with the token in the fragment', async () => {
    expect(server.url).toBe(`https://0.0.0.0:${server.port}/#token=${TOKEN}`);
    expect(await get({})).toBe(200);
  });

  it('keeps the Host and Origin checks (DNS rebinding), with the addresses of this machine allowed', async () => {
    expect(await get({ host: `evil.example:${server.port}` })).toBe(403);
    expect(await get({ origin: 'https://evil.example' })).toBe(403);
    const own = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && a.family === 'IPv4' && !a.internal);
    if (own) expect(await get({ host: `${own.address}:${server.port}` })).toBe(200);
    await expect(
      connectWs(server.port, {
        token: TOKEN,
        scheme: 'wss',
        ca: TEST_TLS_CERT,
        headers: { origin: 'https://evil.example' },
      }),
    ).rejects.toThrow(/403/);
    const c = await connectWs(server.port, { token: TOKEN, scheme: 'wss', ca: TEST_TLS_CERT });
    expect(await c.call('system.info', {})).toMatchObject({ ok: true });
    c.ws.close();
  });

  it('refuses a non-loopback host without allowRemote', async () => {
    await expect(
      startHeadlessServer({ core: t.core, host: '0.0.0.0', port: 0, token: TOKEN, staticRoot, allowRemote: false }),
    ).rejects.toThrow(/not a loopback address/);
  });
});
