/**
 * The kill switch works without the app (issue 12 item 6): `npm run cli -- kill-switch engage`
 * writes it while no engine runs, and the next engine holds it from its first moment: before the
 * venue is opened and reconciled, it is engaged and an entry is refused.
 */
import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { runCli } from '../../../cli/run.js';
import { createTempCore, type TempCore } from '../../testing/temp-core.js';

let t: TempCore | null = null;
afterAll(async () => {
  await t?.cleanup();
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stdout += chunk.toString();
      done();
    },
  });
  const quiet = new Writable({ write: (_c, _e, done) => done() });
  return { code: await runCli(argv, { stdout: sink, stderr: quiet, env: {} }), stdout };
}

it('an engagement written while the engine is down holds from the next start, before the venue opens', async () => {
  const first = await createTempCore();
  await first.core.services.orders.start();
  await first.core.shutdown();

  const engaged = await cli(
    'kill-switch',
    'engage',
    '--data-dir',
    first.dataDir,
    '--wait',
    '0',
    '--reason',
    'app down',
  );
  expect(engaged.code).toBe(0);
  expect(engaged.stdout).toContain('kill switch: ENGAGED (FREEZE)');

  t = await createTempCore({ dataDir: first.dataDir });
  const { core } = t;
  // Nothing awaited yet: the venue is still opening, the switch is already held.
  expect(core.services.risk.killSwitch()).toMatchObject({ engaged: true, mode: 'FREEZE', reason: 'app down' });
  const submit = core.dispatch(
    'orders.submit',
    { symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: '0.01' },
    { transport: 'test' },
  );
  expect(await submit).toMatchObject({
    ok: false,
    error: { code: 'conflict', message: expect.stringMatching(/kill switch is engaged/i) as string },
  });
  expect(core.services.orders.list({ scope: 'history' })).toEqual([]);
});
