/** The strategy library through the real core (dispatch, SQLite). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRATEGY_TEMPLATES } from '../../../../shared/domain/strategy.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';

let t: TempCore;
const call = (name: string, input: unknown = {}) => t.core.dispatch(name, input, { transport: 'test' });
const sma = STRATEGY_TEMPLATES.find((s) => s.id === 'sma-trend-following')!.strategy;

beforeAll(async () => {
  t = await createTempCore();
}, 60_000);
afterAll(async () => {
  await t.cleanup();
});

describe('strategies through the contract', () => {
  it('lists the templates and creates, updates, duplicates and deletes strategies', async () => {
    const templates = (await call('strategies.templates')) as { ok: true; data: { id: string }[] };
    expect(templates.data.map((x) => x.id)).toEqual(STRATEGY_TEMPLATES.map((x) => x.id));
    const created = (await call('strategies.create', { templateId: 'rsi-mean-reversion' })) as {
      ok: true;
      data: { id: string; name: string; backtests: unknown[] };
    };
    expect(created).toMatchObject({ ok: true, data: { name: 'RSI mean reversion', backtests: [] } });
    const { id } = created.data;
    expect(await call('strategies.update', { id, definition: { ...sma, name: 'Trend' } })).toMatchObject({
      ok: true,
      data: { id, name: 'Trend' },
    });
    const copy = (await call('strategies.duplicate', { id })) as { ok: true; data: { id: string; name: string } };
    expect(copy.data.name).toBe('Trend (copy)');
    const list = (await call('strategies.list')) as { ok: true; data: { id: string }[] };
    expect(list.data.map((s) => s.id).sort()).toEqual([id, copy.data.id].sort());
    expect(await call('strategies.delete', { id })).toEqual({ ok: true, data: { deleted: true } });
    expect(await call('strategies.get', { id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a bad definition is invalid_input naming the field and the position in the condition', async () => {
    const bad = { ...sma, entryConditions: ['SMA(20) crosses above SMB(50)'] };
    const created = await call('strategies.create', { definition: bad });
    expect(created).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const message = (created as { error: { message: string } }).error.message;
    expect(message).toMatch(/entryConditions\.0 \(line 1, column 23\): .*SMB.*did you mean "SMA"/);
    expect(await call('strategies.validate', { definition: bad })).toEqual({
      ok: true,
      data: {
        ok: false,
        issues: [
          {
            path: ['entryConditions', 0],
            message: expect.stringContaining('SMB') as string,
            position: { offset: 22, length: 3, line: 1, column: 23 },
            suggestion: 'SMA',
          },
        ],
      },
    });
    expect(await call('strategies.validate', { definition: sma })).toEqual({ ok: true, data: { ok: true } });
    expect(await call('strategies.create', { templateId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/no template "nope"/) as string },
    });
  });
});
