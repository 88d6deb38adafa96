import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installLastResort, type FaultKind } from './last-resort.js';
import { createTempCore, type TempCore } from './testing/temp-core.js';

let t: TempCore;
beforeEach(async () => {
  t = await createTempCore();
  t.core.services.risk.start();
});
afterEach(async () => {
  await t.cleanup();
});

describe('the last-resort handler', () => {
  it('engages the kill switch (FREEZE) first on an uncaught exception, then logs and audits', async () => {
    const proc = new EventEmitter();
    const faults: FaultKind[] = [];
    installLastResort(proc, {
      entry: 'headless',
      core: () => t.core,
      write: () => undefined,
      onFault: (k) => faults.push(k),
    });
    proc.emit('uncaughtException', new TypeError('Invalid URL'));
    const state = t.core.services.risk.killSwitch();
    expect(state).toMatchObject({ engaged: true, mode: 'FREEZE', by: 'system' });
    expect(state.reason).toMatch(/unknown state: TypeError: Invalid URL/);
    const audit = t.core.services.audit.query({ kinds: ['system.fault'] });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'system',
        details: expect.objectContaining({ entry: 'headless', kind: 'uncaughtException', frozen: true }),
      }),
    ]);
    expect(faults).toEqual(['uncaughtException']);
  });

  it('logs and audits an unhandled rejection and keeps trading allowed', () => {
    const proc = new EventEmitter();
    installLastResort(proc, { entry: 'desktop', core: () => t.core, write: () => undefined });
    proc.emit('unhandledRejection', new Error('socket hang up'));
    expect(t.core.services.risk.killSwitch().engaged).toBe(false);
    const [entry] = t.core.services.audit.query({ kinds: ['system.fault'] });
    expect(entry?.summary).toMatch(/unhandled promise rejection in the desktop process: Error: socket hang up/);
  });

  it('writes to stderr when there is no core yet, and never throws itself', () => {
    const proc = new EventEmitter();
    const written: string[] = [];
    installLastResort(proc, {
      entry: 'cli',
      core: () => {
        throw new Error('not yet');
      },
      write: (text) => written.push(text),
    });
    expect(() => proc.emit('uncaughtException', 'a string')).not.toThrow();
    expect(written.join('')).toMatch(/uncaught exception in the cli process: a string/);
  });

  it('keeps a real Node process running after a throw escapes a timer', () => {
    const script = [
      `import { installLastResort } from ${JSON.stringify(path.join(import.meta.dirname, 'last-resort.ts'))};`,
      `installLastResort(process, { entry: 'headless', core: () => null, write: (t) => process.stderr.write(t) });`,
      `setTimeout(() => { throw new Error('boom from a timer'); }, 1);`,
      `setTimeout(() => { Promise.reject(new Error('nobody caught me')); }, 2);`,
      `setTimeout(() => process.stdout.write('still running'), 50);`,
    ].join('\n');
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.stderr).toMatch(/uncaught exception in the headless process: Error: boom from a timer/);
    expect(result.stderr).toMatch(/unhandled promise rejection in the headless process: Error: nobody caught me/);
    expect(result.stdout).toBe('still running');
    expect(result.status).toBe(0);
  });
});
