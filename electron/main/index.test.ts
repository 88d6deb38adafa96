// The Electron entry under a fake electron module: start order, refusal paths, clean shutdown.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { INVOKE_NAMES } from '../../shared/ipc/contract.js';
import { BOOT_CHANNEL } from '../../shared/domain/boot.js';
import { RENDERER_INDEX_FILE } from './security.js';
import type { CoreConfig } from '../core/create-core.js';
import { createFakeElectron, fakeEvent, type FakeElectron } from './testing/fake-electron.js';

const control = vi.hoisted(() => ({
  fail: null as 'database' | 'other' | null,
  /** Holds createCore after it reported conversion progress, until released. */
  hold: null as Promise<void> | null,
  configs: [] as unknown[],
  shutdowns: 0,
  power: [] as string[],
}));

vi.mock('./secrets.js', async () => {
  const { createMemorySecretStore } = await import('../adapters/secrets/memory-store.js');
  return { openDesktopSecrets: () => Promise.resolve({ store: createMemorySecretStore(), problem: null }) };
});

vi.mock('../core/create-core.js', () => ({
  createCore: async (config: CoreConfig) => {
    control.configs.push(config);
    if (control.fail === 'database') {
      const { DatabaseOpenError } = await import('../persistence/database.js');
      throw new DatabaseOpenError('/data/workstation.db', '/data/workstation.db is not a database: move it away');
    }
    if (control.fail === 'other') throw new Error('something else broke');
    if (control.hold) {
      config.onConversion?.({
        converted: 43_200,
        total: 100_000,
        series: 'kraken BTC/USD 1m',
        done: false,
        elapsedMs: 1234.5,
      });
      await control.hold;
    }
    const { createEventBus } = await import('../core/event-bus.js');
    const { fakeLogger } = await import('./testing/fake-electron.js');
    return {
      dispatch: () => Promise.resolve({ ok: true, data: null }),
      events: createEventBus(() => undefined),
      logger: fakeLogger(),
      services: { risk: { onPowerEvent: (event: string) => control.power.push(event) } },
      shutdown: () => {
        control.shutdowns++;
        return Promise.resolve();
      },
    };
  },
}));

let dataDir = '';
const savedArgv = process.argv;
let savedSignalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]>;

beforeEach(() => {
  vi.resetModules();
  control.fail = null;
  control.hold = null;
  control.configs = [];
  control.shutdowns = 0;
  control.power = [];
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tw-main-'));
  savedSignalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
});

afterEach(() => {
  process.argv = savedArgv;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!savedSignalListeners[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Loads the entry the way Electron does: the module first, `ready` only after it has loaded. */
async function loadEntry(args: string[], prepare?: (fake: FakeElectron) => void) {
  process.argv = ['/usr/bin/electron', '.', ...args];
  const fakeElectron = createFakeElectron();
  prepare?.(fakeElectron);
  vi.doMock('electron', () => fakeElectron);
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error('the entry module never finished loading: it awaits something that needs `ready`')),
      5_000,
    );
  });
  await Promise.race([import('./index.js'), stuck]).finally(() => clearTimeout(timer));
  return { fakeElectron };
}

describe('electron/main/index.ts', () => {
  it('sets the data directory and takes the lock before ready, without awaiting ready at the top level', async () => {
    const { fakeElectron } = await loadEntry(['--no-sandbox', '--data-dir', dataDir, '--inspect=9229']);
    const { app } = fakeElectron;
    // The module finished loading although `ready` has not happened: Electron waits for the
    // ESM entry (top-level awaits included) before it emits `ready`.
    expect(app.ready).toBe(false);
    expect(app.calls.slice(0, 3)).toEqual([`setPath:userData=${dataDir}`, 'requestSingleInstanceLock', 'whenReady']);
    expect(control.configs).toEqual([]);

    app.makeReady();
    await vi.waitFor(() => expect(fakeElectron.ipcMain.handlers.size).toBeGreaterThan(0));
    expect(control.configs).toEqual([
      expect.objectContaining({ dataDir, runtime: 'desktop', appVersion: '9.9.9-test' }),
    ]);
    await vi.waitFor(() => expect(fakeElectron.BrowserWindow.getAllWindows()).toHaveLength(1));
    expect([...fakeElectron.ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_NAMES, BOOT_CHANNEL].sort());
    expect(fakeElectron.session.defaultSession.headersListener).not.toBeNull();
    expect(fakeElectron.session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(fakeElectron.powerMonitor.listenerCount('suspend')).toBe(1);
    expect(fakeElectron.powerMonitor.listenerCount('lock-screen')).toBe(1);
    // Power events reach the risk controls (protect mode).
    fakeElectron.powerMonitor.emit('lock-screen');
    expect(control.power).toEqual(['lock-screen']);
    // Sleep and wake: the resume is what makes the risk service reconcile every live venue.
    fakeElectron.powerMonitor.emit('suspend');
    fakeElectron.powerMonitor.emit('resume');
    expect(control.power).toEqual(['lock-screen', 'suspend', 'resume']);
    expect(app.listenerCount('second-instance')).toBe(1);
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('quitting stops the core once, removes the handlers, then exits', async () => {
    const { fakeElectron } = await loadEntry(['--data-dir', dataDir]);
    const { app } = fakeElectron;
    app.makeReady();
    await vi.waitFor(() => expect(fakeElectron.BrowserWindow.getAllWindows()).toHaveLength(1));
    const quit = fakeEvent();
    app.emit('before-quit', quit);
    app.emit('window-all-closed');
    expect(quit.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(control.shutdowns).toBe(1);
    expect(app.exit).toHaveBeenCalledTimes(1);
    expect(fakeElectron.ipcMain.handlers.size).toBe(0);
  });

  it('the window opens before the core and its start screen follows the conversion, then the contract answers', async () => {
    let release: () => void = () => undefined;
    control.hold = new Promise<void>((resolve) => (release = resolve));
    const { fakeElectron } = await loadEntry(['--data-dir', dataDir]);
    fakeElectron.app.makeReady();
    await vi.waitFor(() => expect(control.configs).toHaveLength(1));
    const boot = fakeElectron.ipcMain.handlers.get(BOOT_CHANNEL)!;
    const own = { senderFrame: { url: pathToFileURL(RENDERER_INDEX_FILE).href } };
    // The core is being built: a window already, the boot channel, no contract yet.
    expect(fakeElectron.BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(INVOKE_NAMES.some((name) => fakeElectron.ipcMain.handlers.has(name))).toBe(false);
    expect(boot(own)).toEqual({
      phase: 'converting-candles',
      converted: 43_200,
      total: 100_000,
      series: 'kraken BTC/USD 1m',
      elapsedMs: 1235,
    });
    // Another page (a link opened inside the app, a frame) learns nothing.
    expect(boot({ senderFrame: { url: 'https://example.com/' } })).toBeNull();
    release();
    await vi.waitFor(() => expect(boot(own)).toEqual({ phase: 'ready' }));
    expect(INVOKE_NAMES.every((name) => fakeElectron.ipcMain.handlers.has(name))).toBe(true);
  });

  it('a damaged database shows its message and quits; the contract never opens', async () => {
    control.fail = 'database';
    const { fakeElectron } = await loadEntry(['--data-dir', dataDir]);
    fakeElectron.app.makeReady();
    await vi.waitFor(() => expect(fakeElectron.app.exit).toHaveBeenCalledWith(1));
    expect(fakeElectron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('cannot open its database'),
      '/data/workstation.db is not a database: move it away',
    );
    expect(INVOKE_NAMES.some((name) => fakeElectron.ipcMain.handlers.has(name))).toBe(false);
  });

  it('any other start failure is shown and quits', async () => {
    control.fail = 'other';
    const { fakeElectron } = await loadEntry(['--data-dir', dataDir]);
    fakeElectron.app.makeReady();
    await vi.waitFor(() => expect(fakeElectron.app.exit).toHaveBeenCalledWith(1));
    expect(fakeElectron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('could not start'),
      'something else broke',
    );
  });

  it('a headless engine on the same data directory refuses the window before the core opens', async () => {
    const { acquireDataDirLock } = await import('../persistence/data-dir-lock.js');
    const headless = acquireDataDirLock(dataDir, 'headless', { now: () => Date.UTC(2026, 0, 2) });
    try {
      const { fakeElectron } = await loadEntry(['--data-dir', dataDir]);
      fakeElectron.app.makeReady();
      await vi.waitFor(() => expect(fakeElectron.app.exit).toHaveBeenCalledWith(1));
      expect(fakeElectron.dialog.showErrorBox).toHaveBeenCalledWith(
        expect.stringContaining('already running'),
        expect.stringContaining(
          `another workstation (pid ${process.pid}, started 2026-01-02T00:00:00.000Z) is using ${dataDir}`,
        ),
      );
      expect(control.configs).toHaveLength(0);
    } finally {
      headless.release();
    }
  });

  it('a bad option of ours is explained in a dialog; the app quits before touching anything', async () => {
    const { fakeElectron } = await loadEntry(['--port=lots']);
    expect(fakeElectron.dialog.showErrorBox).toHaveBeenCalledWith(
      expect.stringContaining('invalid start option'),
      expect.stringContaining('--port must be a whole number'),
    );
    expect(fakeElectron.app.exit).toHaveBeenCalledWith(1);
    expect(fakeElectron.app.setPath).not.toHaveBeenCalled();
    expect(fakeElectron.app.whenReady).not.toHaveBeenCalled();
  });

  it('a second instance on the same data directory exits and leaves the first one alone', async () => {
    const { fakeElectron } = await loadEntry(['--data-dir', dataDir], (fake) => {
      fake.app.singleInstance = false;
    });
    expect(fakeElectron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(fakeElectron.app.exit).toHaveBeenCalledWith(0);
    expect(fakeElectron.app.whenReady).not.toHaveBeenCalled();
  });
});
