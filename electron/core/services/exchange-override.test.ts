// Where the exchange API key may be sent: loopback test servers as they are; any other host only
// over https and after a typed confirmation naming it; a change drops a LIVE session; audited.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeUrlConfirmText, isLoopbackUrl } from '../../../shared/domain/exchange-url.js';
import type { SetTradingMode } from '../../../shared/domain/trading.js';
import { createTempCore, type TempCore } from '../testing/temp-core.js';
import { createExchangeOverrideGuard } from './exchange-override-guard.js';

let t: TempCore;
beforeEach(async () => {
  t = await createTempCore();
});
afterEach(() => t.cleanup());

const update = (patch: Record<string, unknown>) => t.core.dispatch('settings.update', patch, { transport: 'test' });
const kraken = (baseUrl: string | null) => ({ exchangeOverrides: { kraken: { sandbox: false, baseUrl } } });
const storedUrl = () => t.core.services.settings.get().exchangeOverrides.kraken?.baseUrl ?? null;

describe('exchange base URL override', () => {
  it.each(['http://127.0.0.1:9999', 'http://localhost:8080', 'http://[::1]:8080', 'https://127.0.0.2'])(
    'allows the loopback test server %s as it is',
    async (url) => {
      expect(await update(kraken(url))).toMatchObject({ ok: true });
      expect(storedUrl()).toBe(url);
    },
  );

  it.each(['http://api.evil.example', 'http://127.0.0.1.evil.example', 'http://10.0.0.5:8080'])(
    'refuses plain http to %s, which is not this computer, and changes nothing',
    async (url) => {
      const r = await update(kraken(url));
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(!r.ok && r.error.message).toMatch(/use https/);
      expect(storedUrl()).toBeNull();
    },
  );

  it('sends keys to another https host only after the typed confirmation that names it, and audits it', async () => {
    const url = 'https://api.evil.example:8443';
    const expected = exchangeUrlConfirmText('kraken', url);
    expect(expected).toBe('SEND KRAKEN KEYS TO api.evil.example:8443');

    const unconfirmed = await update(kraken(url));
    expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!unconfirmed.ok && unconfirmed.error.message).toContain(`"${expected}"`);
    const wrong = await update({ ...kraken(url), confirmExchangeUrl: 'SEND KRAKEN KEYS TO api.other.example' });
    expect(wrong.ok).toBe(false);
    expect(storedUrl()).toBeNull();

    const confirmed = await update({ ...kraken(url), confirmExchangeUrl: expected });
    expect(confirmed).toMatchObject({ ok: true });
    expect(storedUrl()).toBe(url);
    expect(t.core.services.settings.get()).not.toHaveProperty('confirmExchangeUrl');
    const audit = t.core.services.audit.query({ kinds: ['setting.changed'] });
    expect(audit.some((e) => e.details['confirmedWith'] === expected && e.details['baseUrl'] === url)).toBe(true);
    // Going back to the exchange's own address needs nothing.
    expect(await update(kraken(null))).toMatchObject({ ok: true });
  });

  it('reads 127.x and localhost as loopback, and nothing that merely begins like them', () => {
    expect(isLoopbackUrl('http://127.255.0.1:1')).toBe(true);
    for (const url of [
      'http://127.0.0.1.nip.io',
      'http://localhost.evil.example',
      'http://127.0.0.256',
      'http://1270.0.0.1',
    ])
      expect(isLoopbackUrl(url), url).toBe(false);
  });
});

describe('changing the override of the exchange that trades LIVE', () => {
  function trading(mode: 'LIVE' | 'PAPER', fail?: string) {
    const calls: SetTradingMode[] = [];
    return {
      calls,
      control: {
        status: () => ({ mode, exchangeId: 'kraken' }),
        setMode: (input: SetTradingMode) => {
          calls.push(input);
          return fail ? Promise.reject(new Error(fail)) : Promise.resolve();
        },
      },
    };
  }

  it('drops the live session to PAPER before the address changes, so LIVE must be confirmed again', async () => {
    const { calls, control } = trading('LIVE');
    const guard = createExchangeOverrideGuard({
      settings: t.core.services.settings,
      trading: () => control,
      audit: t.core.services.audit,
    });
    await guard.update(kraken('http://127.0.0.1:9999'));
    expect(calls).toEqual([{ mode: 'PAPER', exchangeId: 'kraken' }]);
    expect(storedUrl()).toBe('http://127.0.0.1:9999');
  });

  it('changes nothing when the live session cannot be stopped (unfinished orders)', async () => {
    const { control } = trading('LIVE', '2 order(s) on kraken are not finished');
    const guard = createExchangeOverrideGuard({
      settings: t.core.services.settings,
      trading: () => control,
      audit: t.core.services.audit,
    });
    await expect(guard.update(kraken('http://127.0.0.1:9999'))).rejects.toThrow(/not finished.*nothing changed/);
    expect(storedUrl()).toBeNull();
  });

  it('leaves PAPER alone', async () => {
    const { calls, control } = trading('PAPER');
    const guard = createExchangeOverrideGuard({
      settings: t.core.services.settings,
      trading: () => control,
      audit: t.core.services.audit,
    });
    await guard.update(kraken('http://127.0.0.1:9999'));
    expect(calls).toEqual([]);
  });
});
