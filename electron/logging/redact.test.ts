import { describe, expect, it } from 'vitest';
import { createRedactor, isSensitiveKey, REDACTED } from './redact.js';

const KRAKEN_SECRET = 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==';
const KRAKEN_KEY = 'Wq3Ns7xJm5Hk2Lp8Zr4Tc9Vb6Yd1Fg0QeAaSsDdFfGgHhJjKkLlZzXxCc';
const ANTHROPIC_KEY = 'sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEfGhIjKlMnOpQrStUvWx-AA';

describe('createRedactor: sensitive keys', () => {
  it('replaces string values under sensitive keys at any depth, in objects and arrays', () => {
    const r = createRedactor();
    const out = r.redactValue({
      apiKey: 'abc',
      api_secret: 'def',
      nested: { password: 'hunter22', passphrase: 'x y z', deeper: [{ accessToken: 'tok' }] },
      headers: { Authorization: 'Bearer abc', 'API-Sign': 'sig', Cookie: 'a=b' },
      otp: '123456',
      privateKey: 'pk',
      signature: 'deadbeef',
    });
    expect(out).toEqual({
      apiKey: REDACTED,
      api_secret: REDACTED,
      nested: { password: REDACTED, passphrase: REDACTED, deeper: [{ accessToken: REDACTED }] },
      headers: { Authorization: REDACTED, 'API-Sign': REDACTED, Cookie: REDACTED },
      otp: REDACTED,
      privateKey: REDACTED,
      signature: REDACTED,
    });
  });

  it('redacts every string inside an object under a sensitive key but keeps numbers and booleans', () => {
    const r = createRedactor();
    expect(r.redactValue({ credentials: { user: 'bob', pin: 1234, enabled: true } })).toEqual({
      credentials: { user: REDACTED, pin: 1234, enabled: true },
    });
  });

  it('keeps token counts, flags and empty values', () => {
    const r = createRedactor();
    const value = {
      tokensIn: 1200,
      tokensOut: 300,
      input_tokens: 10,
      maxTokens: 4096,
      hasApiKey: true,
      apiKey: '',
      nonce: '1712345678901',
      symbol: 'BTC/USD',
    };
    expect(r.redactValue(value)).toEqual(value);
    expect(isSensitiveKey('tokensIn')).toBe(false);
    expect(isSensitiveKey('refreshToken')).toBe(true);
    expect(isSensitiveKey('clientOrderId')).toBe(false);
  });

  it('keeps where secrets are kept (secretBackend names a store, not a secret)', () => {
    const r = createRedactor();
    const value = { secretBackend: 'encrypted-file', secretStore: 'keychain', secretsBackend: 'env' };
    expect(r.redactValue(value)).toEqual(value);
    expect(isSensitiveKey('secret')).toBe(true);
    expect(isSensitiveKey('apiSecret')).toBe(true);
  });
});

describe('createRedactor: text rules', () => {
  it('removes secrets registered with addSecret, including URL-encoded copies', () => {
    const r = createRedactor();
    r.addSecret('ab1'); // shorter than 4: too short to find in text (structure still redacts it)
    r.addSecret('s3cr3t-value');
    r.addSecret(KRAKEN_SECRET);
    expect(r.redactString('start s3cr3t-value end')).toBe(`start ${REDACTED} end`);
    expect(r.redactString(`body=${encodeURIComponent(KRAKEN_SECRET)}`)).not.toContain(
      encodeURIComponent(KRAKEN_SECRET),
    );
    expect(r.redactString(`x${KRAKEN_SECRET}y`)).toBe(`x${REDACTED}y`);
    expect(r.redactString('ab1 stays')).toBe('ab1 stays');
  });

  it('escapes regular-expression characters in registered secrets', () => {
    const r = createRedactor();
    r.addSecret('a.b*c(d)[e]$^');
    expect(r.redactString('see a.b*c(d)[e]$^ and axbbbc(d)[e]')).toBe(`see ${REDACTED} and axbbbc(d)[e]`);
  });

  it('removes bearer and basic credentials', () => {
    const r = createRedactor();
    expect(r.redactString('sent Bearer abc.def-ghi_123')).toBe(`sent Bearer ${REDACTED}`);
    expect(r.redactString('auth Basic dXNlcjpwYXNzd29yZA== ok')).toBe(`auth Basic ${REDACTED} ok`);
    expect(r.redactString('Basic strategy works')).toBe('Basic strategy works');
  });

  it('removes Anthropic-style keys and JWTs', () => {
    const r = createRedactor();
    expect(r.redactString(`key ${ANTHROPIC_KEY} rejected`)).toBe(`key ${REDACTED} rejected`);
    expect(r.redactString('sk-ant-api03-short1234567890')).toBe(REDACTED);
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sflKxwRJSMeKKF2QT4fwpM';
    expect(r.redactString(`jwt ${jwt}`)).toBe(`jwt ${REDACTED}`);
  });

  it('removes header values: x-api-key, API-Key, API-Sign, Authorization', () => {
    const r = createRedactor();
    expect(r.redactString('x-api-key: abc123')).toBe(`x-api-key: ${REDACTED}`);
    expect(r.redactString('API-Key: k1\nAPI-Sign: s1\nContent-Type: json')).toBe(
      `API-Key: ${REDACTED}\nAPI-Sign: ${REDACTED}\nContent-Type: json`,
    );
    expect(r.redactString('Authorization: Token 1234')).toBe(`Authorization: ${REDACTED}`);
  });

  it('removes credentials in query strings, form bodies, JSON text and URLs', () => {
    const r = createRedactor();
    expect(r.redactString('GET /ws?token=abc&pair=XBTUSD')).toBe(`GET /ws?token=${REDACTED}&pair=XBTUSD`);
    expect(r.redactString('nonce=1&otp=999999&secret=xyz')).toBe(`nonce=1&otp=${REDACTED}&secret=${REDACTED}`);
    expect(r.redactString('body {"apiKey":"abc","pair":"XBTUSD","passphrase":"p\\"q"}')).toBe(
      `body {"apiKey":"${REDACTED}","pair":"XBTUSD","passphrase":"${REDACTED}"}`,
    );
    expect(r.redactString("{'password': 'pw', 'user': 'bob'}")).toBe(`{'password': '${REDACTED}', 'user': 'bob'}`);
    expect(r.redactString('https://bob:pa55w0rd@example.com/x')).toBe(`https://bob:${REDACTED}@example.com/x`);
    expect(r.redactString('tokensIn=1200 tokensOut=30')).toBe('tokensIn=1200 tokensOut=30');
  });

  it('removes key-shaped strings: base64 runs and hex runs of 40+ characters', () => {
    const r = createRedactor();
    expect(r.redactString(`key ${KRAKEN_KEY} x`)).toBe(`key ${REDACTED} x`);
    expect(r.redactString(`secret ${KRAKEN_SECRET}`)).toBe(`secret ${REDACTED}`);
    const urlSafe = 'Zx_9-Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz1Xc3Vb5Nm7Q';
    expect(r.redactString(`(${urlSafe})`)).toBe(`(${REDACTED})`);
    const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
    expect(r.redactString(`hmac ${hex}.`)).toBe(`hmac ${REDACTED}.`);
    expect(r.redactString(`/keys/${hex}`)).toBe(`/keys/${REDACTED}`);
  });

  it('leaves ordinary text alone: order ids, symbols, numbers, paths, identifiers', () => {
    const r = createRedactor();
    const samples = [
      'order 550e8400-e29b-41d4-a716-446655440000 filled 0.5 BTC/USD at 64250.10',
      'client id ws-MyStrategy1-550e8400-e29b-41d4-a716-446655440000',
      'pairs XBTUSD-XETHZUSD-XXBTZEUR-XLTCZUSD-XXRPZUSD-ADAUSD',
      'risk veto: max position 2.5 ETH/USD exceeded (limit 2.0), -12.5% drawdown',
      '    at open (/work/main/node_modules/better-sqlite3/lib/database.js:65:31)',
      '    at C:/Users/JDoe/AppData/Roaming/TradingWorkstation/logs/workstation.log',
      'strategy strategyMovingAverageCrossoverWithVolumeFilter2 started',
      'ORDER_STATE_MACHINE_TRANSITION_REJECTED_V2_BY_RISK',
      'EAPI:Invalid nonce; retrying 3/5 at 1712345678901',
      'kill switch engaged by user; 3 open orders cancelled',
      'Bearer',
    ];
    for (const s of samples) expect(r.redactString(s)).toBe(s);
    expect(r.redactValue({ price: 64250.1, qty: 0.5, id: 'o-1', at: 1712345678901, ok: true, none: null })).toEqual({
      price: 64250.1,
      qty: 0.5,
      id: 'o-1',
      at: 1712345678901,
      ok: true,
      none: null,
    });
  });
});

describe('createRedactor: values', () => {
  it('serialises errors (name, message, stack, own fields, cause) and redacts them', () => {
    const r = createRedactor();
    r.addSecret('my-kraken-secret');
    const cause = new Error('inner my-kraken-secret');
    const error = Object.assign(new TypeError('failed with my-kraken-secret', { cause }), { code: 'E42', apiKey: 'k' });
    const out = r.redactValue({ error }) as { error: Record<string, unknown> };
    expect(out.error.name).toBe('TypeError');
    expect(out.error.message).toBe(`failed with ${REDACTED}`);
    expect(out.error.stack).toContain(`TypeError: failed with ${REDACTED}`);
    expect(out.error.code).toBe('E42');
    expect(out.error.apiKey).toBe(REDACTED);
    expect((out.error.cause as Record<string, unknown>).message).toBe(`inner ${REDACTED}`);
    expect(JSON.stringify(out)).not.toContain('my-kraken-secret');
  });

  it('survives cycles and shared references, and limits depth', () => {
    const r = createRedactor();
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    const shared = { v: 1 };
    const out = r.redactValue({ a, left: shared, right: shared, list: [a] }) as Record<string, unknown>;
    expect(out).toEqual({
      a: { name: 'a', self: '[Circular]' },
      left: { v: 1 },
      right: { v: 1 },
      list: [{ name: 'a', self: '[Circular]' }],
    });
    let deep: Record<string, unknown> = { secret: 'x' };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    expect(JSON.stringify(r.redactValue(deep))).toContain('[Truncated: too deep]');
  });

  it('returns JSON-safe data for dates, bigints, maps, sets, buffers, functions and toJSON', () => {
    const r = createRedactor();
    const out = r.redactValue({
      at: new Date(0),
      big: 10n,
      map: new Map([['token', 'abc']]),
      set: new Set(['BTC/USD']),
      buf: Buffer.from('secret bytes'),
      fn: () => 1,
      decimal: { toJSON: () => '123.45' },
    });
    expect(out).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      big: '10',
      map: { token: REDACTED },
      set: ['BTC/USD'],
      buf: '[binary: 12 bytes]',
      decimal: '123.45',
    });
  });

  it('removes every one of many registered secrets, a longer secret containing a shorter one whole', () => {
    const r = createRedactor();
    const secrets = Array.from({ length: 600 }, (_, i) => `registered-secret-${i.toString(36)}-${'x'.repeat(i % 50)}`);
    for (const s of secrets) r.addSecret(s);
    r.addSecret('inner-secret');
    r.addSecret('outer-inner-secret-value');
    const text = secrets.join(' | ');
    expect(r.redactString(text)).toBe(secrets.map(() => REDACTED).join(' | '));
    expect(r.redactString('a outer-inner-secret-value b inner-secret c')).toBe(`a ${REDACTED} b ${REDACTED} c`);
  });
});

describe('createRedactor: variants of registered secrets', () => {
  const SECRET = 'Ab/Cd+Ef=Gh%Ij"Kl\\Mn Op:Qr_Secret9';

  it('removes a secret written JSON-escaped, with "\\/" as some JSON writers do', () => {
    const r = createRedactor();
    r.addSecret(SECRET);
    const escaped = JSON.stringify(SECRET).slice(1, -1).replaceAll('/', '\\/');
    expect(r.redactString(`{"note":"${escaped}"}`)).not.toContain('Cd+Ef');
    expect(r.redactString(`body ${escaped} end`)).toBe(`body ${REDACTED} end`);
  });

  it('removes a secret percent-encoded in lower or upper case, strictly or as a form', () => {
    const r = createRedactor();
    r.addSecret(SECRET);
    const upper = encodeURIComponent(SECRET);
    const lower = upper.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    const form = new URLSearchParams({ a: SECRET }).toString().slice(2);
    for (const encoded of [upper, lower, form]) {
      expect(r.redactString(`GET /x?note=${encoded}&b=1`), encoded).not.toContain(encoded);
      expect(r.redactString(`see ${encoded} here`), encoded).toBe(`see ${REDACTED} here`);
    }
  });

  it('removes a secret whose case was changed', () => {
    const r = createRedactor();
    r.addSecret(KRAKEN_KEY);
    for (const changed of [KRAKEN_KEY.toUpperCase(), KRAKEN_KEY.toLowerCase()]) {
      expect(r.redactString(`key ${changed} end`)).toBe(`key ${REDACTED} end`);
    }
  });

  it('removes a long prefix of a secret (a truncated copy), the whole of it', () => {
    const r = createRedactor();
    r.addSecret(KRAKEN_SECRET);
    for (const length of [12, 20, 40, 87]) {
      const prefix = KRAKEN_SECRET.slice(0, length);
      expect(r.redactString(`secret starts ${prefix}… (truncated)`), String(length)).toBe(
        `secret starts ${REDACTED}… (truncated)`,
      );
    }
  });

  it('removes passwords shorter than 6 characters as whole words, without touching longer words', () => {
    const r = createRedactor();
    r.addSecret('hx7q');
    r.addSecret('Pw9z!');
    expect(r.redactString('login with hx7q failed; password Pw9z! refused')).toBe(
      `login with ${REDACTED} failed; password ${REDACTED} refused`,
    );
    expect(r.redactString('hx7qa and ahx7q stay')).toBe('hx7qa and ahx7q stay');
  });

  it('treats accessKey, key, pwd and passphrase fields as credentials', () => {
    const r = createRedactor();
    expect(r.redactValue({ accessKey: 'a1', key: 'k1', pwd: 'p1', passphrase: 'pp', access_key: 'a2' })).toEqual({
      accessKey: REDACTED,
      key: REDACTED,
      pwd: REDACTED,
      passphrase: REDACTED,
      access_key: REDACTED,
    });
    expect(r.redactString('POST pwd=hunter2&key=abcdef&accessKey=zzz')).toBe(
      `POST pwd=${REDACTED}&key=${REDACTED}&accessKey=${REDACTED}`,
    );
    expect(r.redactValue({ keyCount: 3, monkey: 'george' })).toEqual({ keyCount: 3, monkey: 'george' });
  });
});
