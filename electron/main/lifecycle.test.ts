import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { parseStartOptions } from '../core/config.js';
import {
  createShutdown,
  installQuitHandlers,
  pickOwnArgs,
  watchPower,
  type PowerSource,
  type QuitSource,
} from './lifecycle.js';
import { fakeEvent, fakeLogger } from './testing/fake-electron.js';

describe('pickOwnArgs', () => {
  it('keeps the workstation options and drops Chromium/Electron switches', () => {
    const argv = [
      '.',
      '--no-sandbox',
      '--data-dir',
      '/tmp/tw data',
      '--inspect=9229',
      '--remote-debugging-port=9222',
      '-psn_0_12345',
      '--port=7421',
      '--allow-file-access-from-files',
    ];
    const { own, ignored } = pickOwnArgs(argv);
    expect(own).toEqual(['--data-dir', '/tmp/tw data', '--port=7421']);
    expect(ignored).toContain('--no-sandbox');
    const options = parseStartOptions(own, {});
    expect(options.dataDir).toBe('/tmp/tw data');
    expect(options.port).toBe(7421);
  });

  it('leaves a missing value for parseStartOptions to report', () => {
    expect(pickOwnArgs(['--data-dir']).own).toEqual(['--data-dir']);
    expect(() => parseStartOptions(['--data-dir'], {})).toThrow(/needs a value/);
  });
});

function shutdownWith(stopCore: () => Promise<void>, timeoutMs?: number) {
  const logger = fakeLogger();
  const exit = vi.fn();
  const beforeStop = vi.fn();
  const shutdown = createShutdown({ logger, stopCore, beforeStop, exit, ...(timeoutMs ? { timeoutMs } : {}) });
  return { shutdown, exit, beforeStop, logger };
}

describe('createShutdown', () => {
  it('stops the core once, however many times it is triggered, then exits', async () => {
    const stopCore = vi.fn(() => Promise.resolve());
    const { shutdown, exit, beforeStop } = shutdownWith(stopCore);
    expect(shutdown.started).toBe(false);
    await Promise.all([shutdown.run('quit'), shutdown.run('SIGTERM'), shutdown.run('all windows closed')]);
    expect(shutdown.started).toBe(true);
    expect(stopCore).toHaveBeenCalledTimes(1);
    expect(beforeStop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('still exits (with code 1) when stopping fails or hangs', async () => {
    const failing = shutdownWith(() => Promise.reject(new Error('disk gone')));
    await failing.shutdown.run('quit');
    expect(failing.exit).toHaveBeenCalledWith(1);
    expect(failing.logger.error).toHaveBeenCalled();

    const hanging = shutdownWith(() => new Promise<void>(() => undefined), 20);
    await hanging.shutdown.run('quit');
    expect(hanging.exit).toHaveBeenCalledWith(1);
  });
});

describe('installQuitHandlers', () => {
  it('delays quitting until the core has stopped, and handles signals and closed windows', async () => {
    let release: () => void = () => undefined;
    const stopCore = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const { shutdown, exit } = shutdownWith(stopCore);
    const app = new EventEmitter();
    const signals = new EventEmitter();
    installQuitHandlers(app as unknown as QuitSource, shutdown, signals as unknown as NodeJS.Process);

    const quit = fakeEvent();
    app.emit('before-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    expect(exit).not.toHaveBeenCalled();
    app.emit('window-all-closed');
    signals.emit('SIGINT');
    signals.emit('SIGTERM');
    release();
    await shutdown.run('test');
    expect(stopCore).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it.each(['SIGINT', 'SIGTERM'])('%s shuts down cleanly', async (signal) => {
    const stopCore = vi.fn(() => Promise.resolve());
    const { shutdown, exit } = shutdownWith(stopCore);
    const signals = new EventEmitter();
    installQuitHandlers(new EventEmitter() as unknown as QuitSource, shutdown, signals as unknown as NodeJS.Process);
    signals.emit(signal);
    await shutdown.run('test');
    expect(stopCore).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });
});

describe('watchPower', () => {
  it('logs suspend/resume/lock/unlock through the logger and reports them', () => {
    const monitor = new EventEmitter();
    const { shutdown, logger } = shutdownWith(() => Promise.resolve());
    const seen: string[] = [];
    watchPower(monitor as unknown as PowerSource, logger, shutdown, (event) => seen.push(event));
    for (const event of ['suspend', 'resume', 'lock-screen', 'unlock-screen']) monitor.emit(event);
    expect(seen).toEqual(['suspend', 'resume', 'lock-screen', 'unlock-screen']);
    expect(logger.info).toHaveBeenCalledWith('system', 'power: suspend', { power: 'suspend' });
    expect(logger.info).toHaveBeenCalledWith('system', 'power: lock-screen', { power: 'lock-screen' });
  });

  it('an OS shutdown is delayed and treated like a quit', async () => {
    const monitor = new EventEmitter();
    const stopCore = vi.fn(() => Promise.resolve());
    const { shutdown, exit, logger } = shutdownWith(stopCore);
    watchPower(monitor as unknown as PowerSource, logger, shutdown);
    const event = fakeEvent();
    monitor.emit('shutdown', event);
    expect(event.defaultPrevented).toBe(true);
    await shutdown.run('test');
    expect(stopCore).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });
});
