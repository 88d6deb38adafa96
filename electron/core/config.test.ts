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
    expect(parseStartOptions(['--host', '0.0.0.0', '--allow-remote'], {}).allowRemote).toBe(true);
  });

  it('explains bad values and unknown options', () => {
    expect(() => parseStartOptions(['--port', 'abc'], {})).toThrow(UsageError);
    expect(() => parseStartOptions(['--port', '70000'], {})).toThrow(/0 to 65535/);
    expect(() => parseStartOptions(['--token', 'short'], {})).toThrow(/16 to 128/);
    expect(() => parseStartOptions(['--colour'], {})).toThrow(/unknown option --colour/);
    expect(() => parseStartOptions(['--port'], {})).toThrow(/needs a value/);
  });

  it('shares the data directory with the desktop app', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(path.join('/cfg', 'Trading Workstation'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Trading Workstation');
  });
});
