import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { INVOKE_NAMES } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import { createDispatch, type Dispatch, type Handlers } from '../core/dispatch.js';
import { createEventBus } from '../core/event-bus.js';
import { forwardEvents, registerContract, type EventWindow } from './ipc.js';
import { createSenderCheck, RENDERER_INDEX_FILE, resolveAppPage } from './security.js';
import { fakeLogger, FakeWebContents } from './testing/fake-electron.js';

vi.mock('electron', () => import('./testing/fake-electron.js').then((m) => m.fakeElectron));

const APP_URL = pathToFileURL(RENDERER_INDEX_FILE).href;
const frame = (url: string) => ({ senderFrame: { url } });

function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  return {
    handlers,
    handle(channel: string, listener: (event: never, ...args: unknown[]) => unknown) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener as (event: unknown, ...args: unknown[]) => unknown);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

/** A real dispatcher (real contract validation) over handlers that record their calls. */
function setup(options: { devUrl?: string; packaged?: boolean } = {}) {
  const logger = fakeLogger();
  const calls: Array<{ name: string; input: unknown }> = [];
  const handlers = Object.fromEntries(
    INVOKE_NAMES.map((name) => [
      name,
      (input: unknown) => {
        calls.push({ name, input });
        return { handledBy: name };
      },
    ]),
  ) as unknown as Handlers;
  const realDispatch = createDispatch(handlers, logger);
  const dispatch = vi.fn<Dispatch>((name, input, ctx) => realDispatch(name, input, ctx));
  const ipcMain = fakeIpcMain();
  const env = options.devUrl ? { ELECTRON_RENDERER_URL: options.devUrl } : {};
  const page = resolveAppPage(env, options.packaged ?? false);
  const unregister = registerContract(ipcMain, { dispatch, logger }, createSenderCheck(page));
  const call = async (name: string, event: unknown, input: unknown): Promise<Envelope<unknown>> => {
    const handler = ipcMain.handlers.get(name);
    if (!handler) throw new Error(`no handler for ${name}`);
    return (await handler(event, input)) as Envelope<unknown>;
  };
  return { ipcMain, dispatch, calls, logger, unregister, call };
}

describe('registerContract', () => {
  it('registers exactly one handler per contract name', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...INVOKE_NAMES].sort());
  });

  it('answers a call from the app page with the dispatcher envelope', async () => {
    const { call, dispatch, calls } = setup();
    const result = await call('system.info', frame(`${APP_URL}#/orders`), {});
    expect(result).toEqual({ ok: true, data: { handledBy: 'system.info' } });
    expect(dispatch).toHaveBeenCalledWith('system.info', {}, { transport: 'ipc' });
    expect(calls).toEqual([{ name: 'system.info', input: {} }]);
  });

  it('refuses a foreign sender frame with forbidden, without reaching dispatch', async () => {
    const { call, dispatch, calls, logger } = setup();
    for (const event of [
      frame('https://evil.example/'),
      frame('file:///etc/passwd'),
      frame(`${APP_URL.replace('index.html', 'other.html')}`),
      frame('about:blank'),
      frame('not a url'),
      { senderFrame: null },
    ]) {
      const result = await call('secrets.set', event, { name: 'anthropic.apiKey', value: 'sk-1' });
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    expect(logger.warn).toHaveBeenCalled();
  });

  it('treats a destroyed frame (throwing getter) as foreign', async () => {
    const { call, dispatch } = setup();
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await call('system.info', event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('returns invalid_input for input that breaks the contract', async () => {
    const { call, calls } = setup();
    const result = await call('secrets.set', frame(APP_URL), { name: 'not-a-secret', value: '' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toEqual([]);
    expect(await call('system.info', frame(APP_URL), { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('answers internal instead of throwing when dispatch itself fails', async () => {
    const logger = fakeLogger();
    const ipcMain = fakeIpcMain();
    registerContract(ipcMain, { dispatch: () => Promise.reject(new Error('boom')), logger }, () => true);
    const result = await ipcMain.handlers.get('system.info')?.(frame(APP_URL), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('in development trusts the dev server origin only', async () => {
    const { call } = setup({ devUrl: 'http://localhost:5173/' });
    expect(await call('system.info', frame('http://localhost:5173/#/risk'), {})).toMatchObject({ ok: true });
    expect(await call('system.info', frame('http://localhost:5174/'), {})).toMatchObject({ ok: false });
    expect(await call('system.info', frame(APP_URL), {})).toMatchObject({ ok: false });
  });

  it('a packaged app ignores ELECTRON_RENDERER_URL', async () => {
    const { call } = setup({ devUrl: 'https://evil.example/', packaged: true });
    expect(await call('system.info', frame('https://evil.example/'), {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call('system.info', frame(APP_URL), {})).toMatchObject({ ok: true });
  });

  it('the returned function removes every handler', () => {
    const { ipcMain, unregister } = setup();
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('forwardEvents', () => {
  function window(destroyed = false): EventWindow & { webContents: FakeWebContents } {
    const webContents = new FakeWebContents();
    return { isDestroyed: () => destroyed, webContents };
  }

  it('sends every engine event to every open window on the event name', () => {
    const bus = createEventBus(() => undefined);
    const open = [window(), window()];
    const closed = window(true);
    const stop = forwardEvents(bus, () => [...open, closed]);
    const status = { name: 'anthropic.apiKey', isSet: true } as const;
    bus.emit('secrets.changed', status);
    for (const w of open) expect(w.webContents.send).toHaveBeenCalledWith('secrets.changed', status);
    expect(closed.webContents.send).not.toHaveBeenCalled();

    stop();
    bus.emit('secrets.changed', status);
    for (const w of open) expect(w.webContents.send).toHaveBeenCalledTimes(1);
  });

  it('skips a window whose contents are gone', () => {
    const bus = createEventBus(() => undefined);
    const w = window();
    w.webContents.destroyed = true;
    forwardEvents(bus, () => [w]);
    bus.emit('secrets.changed', { name: 'anthropic.apiKey', isSet: false });
    expect(w.webContents.send).not.toHaveBeenCalled();
  });
});

describe('IPC transport over a real core', () => {
  it('validates, answers and pushes the resulting event to the window', async () => {
    const { createTempCore } = await import('../core/testing/temp-core.js');
    const { core, cleanup } = await createTempCore();
    try {
      const ipcMain = fakeIpcMain();
      const page = resolveAppPage({}, false);
      registerContract(ipcMain, core, createSenderCheck(page));
      const webContents = new FakeWebContents();
      forwardEvents(core.events, () => [{ isDestroyed: () => false, webContents }]);
      const call = (name: string, event: unknown, input: unknown) => ipcMain.handlers.get(name)?.(event, input);

      expect(await call('system.info', frame(APP_URL), {})).toMatchObject({
        ok: true,
        data: { appVersion: '0.0.0-test' },
      });
      expect(await call('settings.update', frame(APP_URL), { defaultFeeRate: 7 })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
      expect(await call('settings.update', frame('https://evil.example/'), { theme: 'light' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(webContents.send).not.toHaveBeenCalledWith('settings.changed', expect.anything());

      expect(await call('settings.update', frame(APP_URL), { theme: 'light' })).toMatchObject({
        ok: true,
        data: { theme: 'light' },
      });
      expect(webContents.send).toHaveBeenCalledWith('settings.changed', expect.objectContaining({ theme: 'light' }));
    } finally {
      await cleanup();
    }
  });
});
