import { describe, expect, it } from 'vitest';
import { isLoopbackHost, parseStartOptions } from './config.js';

const TOKEN = 'file-token-0123456789abcdef';
const files: Record<string, string> = { '/run/tw/token': `${TOKEN}\n`, '/run/tw/bad': 'short\n' };
const readText = (file: string) => {
  const text = files[file];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${file}`), { code: 'ENOENT' });
  return text;
};

describe('the token, kept out of ps', () => {
  it('is read from --token-file (trailing newline dropped) or WORKSTATION_TOKEN_FILE', () => {
    expect(parseStartOptions(['--token-file', '/run/tw/token'], {}, readText)).toMatchObject({
      token: TOKEN,
      tokenSource: 'file',
      tokenGenerated: false,
    });
    expect(parseStartOptions([], { WORKSTATION_TOKEN_FILE: '/run/tw/token' }, readText)).toMatchObject({
      token: TOKEN,
      tokenSource: 'file',
    });
    expect(parseStartOptions([], { WORKSTATION_TOKEN: TOKEN }, readText)).toMatchObject({ tokenSource: 'env' });
    expect(parseStartOptions(['--token', TOKEN], {}, readText)).toMatchObject({ tokenSource: 'flag' });
    expect(parseStartOptions([], {}, readText)).toMatchObject({ tokenSource: 'generated' });
  });

  it('explains a token file that cannot be read or holds no valid token', () => {
    expect(() => parseStartOptions(['--token-file', '/nope'], {}, readText)).toThrow(
      '--token-file /nope cannot be read (ENOENT): check the path',
    );
    expect(() => parseStartOptions(['--token-file', '/run/tw/bad'], {}, readText)).toThrow(
      'the token in /run/tw/bad must be 16 to 128 characters',
    );
  });
});

describe('--allow-remote', () => {
  it('needs TLS for a non-loopback address, both files or neither', () => {
    expect(() => parseStartOptions(['--host', '0.0.0.0', '--allow-remote'], {})).toThrow(
      /--host 0.0.0.0 is reachable from other machines, where the token would travel in clear text: serve it over TLS with --tls-cert FILE --tls-key FILE/,
    );
    expect(() => parseStartOptions(['--host', '0.0.0.0', '--allow-remote', '--tls-cert', 'c.pem'], {})).toThrow(
      /--tls-cert and --tls-key go together/,
    );
    const o = parseStartOptions(['--host', '0.0.0.0', '--allow-remote', '--tls-cert', 'c.pem', '--tls-key=k.pem'], {});
    expect(o).toMatchObject({ allowRemote: true, tls: { certFile: 'c.pem', keyFile: 'k.pem' } });
  });
});

describe('isLoopbackHost', () => {
  it('accepts loopback addresses only, not names that begin with 127.', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST']) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    for (const host of [
      '127.evil.com',
      '127.0.0.1.nip.io',
      '127.',
      '127.0.0.256',
      '0.0.0.0',
      '10.0.0.1',
      'localhost.evil',
    ]) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
    expect(() => parseStartOptions(['--host', '127.evil.com'], {})).toThrow(/--allow-remote/);
  });
});
