import { describe, expect, it } from 'vitest';
import type { Logger } from './types.js';
import { createDeferredLogger } from './deferred-logger.js';

function recordingLogger() {
  const entries: string[] = [];
  const secrets: string[] = [];
  const logger: Logger = {
    error: (c, m) => entries.push(`error ${c} ${m}`),
    warn: (c, m) => entries.push(`warn ${c} ${m}`),
    info: (c, m) => entries.push(`info ${c} ${m}`),
    debug: (c, m) => entries.push(`debug ${c} ${m}`),
    log: (level, c, m) => entries.push(`${level} ${c} ${m}`),
    addSecret: (value) => secrets.push(value),
    close: () => Promise.resolve(),
  };
  return { logger, entries, secrets };
}

describe('the logger of what runs before the engine', () => {
  it('writes each entry at once and hands them all to the engine log in order; later ones go straight there', () => {
    const written: string[] = [];
    const early = createDeferredLogger((line) => written.push(line));
    early.logger.warn('system', 'blocked a navigation away from the app', { url: 'https://example.com' });
    early.logger.error('system', "the window's renderer stopped (crashed)");
    early.logger.addSecret('s3cret-value');
    expect(written).toEqual([
      'warn: [system] blocked a navigation away from the app\n',
      "error: [system] the window's renderer stopped (crashed)\n",
    ]);

    const real = recordingLogger();
    early.attach(real.logger);
    expect(real.secrets).toEqual(['s3cret-value']);
    expect(real.entries).toEqual([
      'warn system blocked a navigation away from the app',
      "error system the window's renderer stopped (crashed)",
    ]);
    early.logger.info('system', 'after');
    early.logger.addSecret('another');
    expect(real.entries.at(-1)).toBe('info system after');
    expect(real.secrets).toEqual(['s3cret-value', 'another']);
    expect(written).toHaveLength(2); // nothing more on stderr once the engine log is open
  });

  it('keeps at most 500 entries before the engine and says how many it dropped', () => {
    const early = createDeferredLogger(() => undefined);
    for (let i = 0; i < 503; i++) early.logger.info('system', `entry ${i}`);
    const real = recordingLogger();
    early.attach(real.logger);
    expect(real.entries).toHaveLength(501);
    expect(real.entries[499]).toBe('info system entry 499');
    expect(real.entries[500]).toBe('warn system 3 log entries from before the engine started were dropped');
  });
});
