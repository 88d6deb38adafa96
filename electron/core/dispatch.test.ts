import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_NAMES } from '../../shared/ipc/contract.js';
import { ERROR_CODES } from '../../shared/ipc/envelope.js';
import { randomName, randomValue, seededRandom } from './testing/fuzz.js';
import { createTempCore, type TempCore } from './testing/temp-core.js';

let t: TempCore;
beforeAll(async () => {
  t = await createTempCore();
});
afterAll(() => t.cleanup());

const call = (name: unknown, input: unknown) => t.core.dispatch(name, input, { transport: 'test' });

describe('dispatch', () => {
  it('answers every contract name (no handler is missing at run time either)', async () => {
    for (const name of INVOKE_NAMES) {
      const result = await call(name, {});
      // An empty input is refused as invalid, or answered by a handler's own rule (e.g. forbidden:
      // the advisor is off); never unknown (a missing handler) or internal (a handler crash).
      if (!result.ok)
        expect(['unknown_call', 'internal'], `${name}: ${result.error.message}`).not.toContain(result.error.code);
    }
  });

  it('refuses an unknown call by name', async () => {
    expect(await call('orders.explode', {})).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'unknown call "orders.explode"' },
    });
    expect((await call('toString', {})).ok).toBe(false);
    expect((await call('__proto__', {})).ok).toBe(false);
  });

  it('names the field that is wrong', async () => {
    const r = await call('settings.update', { defaultFeeRate: 0.5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!r.ok && r.error.message).toMatch(/defaultFeeRate: the fee rate is at most 5 %/);
    const unknownKey = await call('settings.update', { colour: 'red' });
    expect(!unknownKey.ok && unknownKey.error.message).toMatch(/colour/);
    const badSecret = await call('secrets.set', { name: 'exchange.kraken.pin', value: 'x' });
    expect(!badSecret.ok && badSecret.error.message).toMatch(/^secrets.set: name: a secret name is/);
  });

  it('survives thousands of random payloads and keeps serving', async () => {
    const rand = seededRandom(20261122);
    const codes = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const result = await call(randomName(rand), randomValue(rand));
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) {
        expect(ERROR_CODES).toContain(result.error.code);
        expect(result.error.message.length).toBeGreaterThan(0);
        codes.add(result.error.code);
      }
    }
    expect(codes).toContain('invalid_input');
    expect(codes).toContain('unknown_call');
    expect(codes).not.toContain('internal');
    // still healthy after the storm
    expect(await call('settings.get', {})).toMatchObject({ ok: true, data: { theme: expect.any(String) } });
  });
});
