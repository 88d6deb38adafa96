import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseStartOptions, UsageError } from './config.js';

describe('parseStartOptions', () => {
  it('defaults to loopback, port 7420 and a generated token', () => {
    const o = parseStartOptions([], {});
    expect(o).toMatchObject({ host: '127.0.0.1', port: 7420, headless: false, tokenGenerated: true });
    expect(o.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('reads flags in both spellings and environment fallbacks', () => {
    const o = parseStartOptions(['--headless', '--port', '0', '--data-dir=/tmp/x', '--token=abcdefghijklmnop1234'], {
      WORKSTATION_HOST: 'localhost',
    });
    expect(o).toMatchObject({ headless: true, port: 0, host: 'localhost', dataDir: path.resolve('/tmp/x') });
    expect(o.token).toBe('abcdefghijklmnop1234');
    expect(o.tokenGenerated).toBe(false);
    expect(parseStartOptions([], { WORKSTATION_PORT: '9000' }).port).toBe(9000);
  });

  it('refuses a non-loopback host unless --allow-remote is given', () => {
    expect(() => parseStartOptions(['--host', '0.0.0.0'], {})).toThrow(/--allow-remote/);
    const tls = ['--tls-cert', 'cert.pem', '--tls-key', 'key.pem'];
    expect(parseStartOptions(['--host', '0.0.0.0', '--allow-remote', ...tls], {}).allowRemote).toBe(true);
  });

  it('explains bad values and unknown options', () => {
    expect(() => parseStartOptions(['--port', 'abc'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['--port', '70000'], {})).toThrow(/0 to 65535/);
    expect(() => parseStartOptions(['--token', 'short'], {})).toThrow(/16 to 128/);
    expect(() => parseStartOptions(['--colour'], {})).toThrow(/unknown option --colour/);
    expect(() => parseStartOptions(['--port'], {})).toThrow(/needs a value/);
  });

  it('takes the Anthropic API base URL from --anthropic-url or WORKSTATION_ANTHROPIC_URL', () => {
    expect(parseStartOptions([], {}).anthropicUrl).toBeUndefined();
    expect(parseStartOptions(['--anthropic-url', 'http://127.0.0.1:9100/'], {}).anthropicUrl).toBe(
      'http://127.0.0.1:9100',
    );
    expect(parseStartOptions([], { WORKSTATION_ANTHROPIC_URL: 'http://127.0.0.1:9200' }).anthropicUrl).toBe(
      'http://127.0.0.1:9200',
    );
    expect(() => parseStartOptions(['--anthropic-url=127.0.0.1:9100'], {})).toThrow(/--anthropic-url takes a base URL/);
  });

  it('takes a reproducible simulator from --sim-seed and --sim-start', () => {
    expect(parseStartOptions([], {})).toMatchObject({ simSeed: 1 });
    expect(parseStartOptions([], {}).simStart).toBeUndefined();
    const o = parseStartOptions(['--sim-seed', '7', '--sim-start', '2026-01-01T00:00:00Z'], {});
    expect(o).toMatchObject({ simSeed: 7, simStart: Date.UTC(2026, 0, 1) });
    expect(parseStartOptions([], { WORKSTATION_SIM_SEED: '3', WORKSTATION_SIM_START: '2025-06-01' })).toMatchObject({
      simSeed: 3,
      simStart: Date.UTC(2025, 5, 1),
    });
    expect(() => parseStartOptions(['--sim-seed', '-1'], {})).toThrow(/--sim-seed must be a whole number/);
    expect(() => parseStartOptions(['--sim-start', 'yesterday'], {})).toThrow(/--sim-start takes an ISO 8601 time/);
  });

  it('shares the data directory with the desktop app', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(path.join('/cfg', 'Trading Workstation'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Trading Workstation');
  });
});
