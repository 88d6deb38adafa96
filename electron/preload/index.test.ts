import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_NAMES, INVOKE_NAMES } from '../../shared/ipc/contract.js';
import type { DesktopBridge } from '../../shared/ipc/wire.js';
import { BOOT_CHANNEL } from '../../shared/domain/boot.js';
import { fakeElectron } from '../main/testing/fake-electron.js';

vi.mock('electron', () => import('../main/testing/fake-electron.js').then((m) => m.fakeElectron));

let bridge: DesktopBridge;

beforeAll(async () => {
  await import('./index.js');
  const exposed = fakeElectron.contextBridge.exposeInMainWorld.mock.calls;
  expect(exposed).toHaveLength(1);
  expect(exposed[0]?.[0]).toBe('workstation');
  bridge = exposed[0]?.[1] as DesktopBridge;
});

describe('preload bridge (window.workstation)', () => {
  it('exposes only invoke, on and boot', () => {
    expect(Object.keys(bridge).sort()).toEqual(['boot', 'invoke', 'on']);
  });

  it('boot() asks the boot channel, with nothing the page could pass along', async () => {
    fakeElectron.ipcRenderer.invoke.mockClear();
    await bridge.boot();
    expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(BOOT_CHANNEL);
  });

  it('passes every contract call to ipcRenderer.invoke on the channel of its name', async () => {
    for (const name of INVOKE_NAMES) {
      fakeElectron.ipcRenderer.invoke.mockClear();
      const result = await bridge.invoke(name, { some: 'input' });
      expect(result).toEqual({ ok: true, data: 'from-main' });
      expect(fakeElectron.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(name, { some: 'input' });
    }
  });

  it('refuses an unknown name with unknown_call, without any IPC', async () => {
    fakeElectron.ipcRenderer.invoke.mockClear();
    for (const name of ['shell.exec', '__proto__', 'constructor', 'toString', '', 'system.info ']) {
      const result = await bridge.invoke(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    }
    expect(await bridge.invoke(42 as unknown as string, {})).toMatchObject({ ok: false });
    expect(fakeElectron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('subscribes to contract events only and unsubscribes again', () => {
    const [event] = EVENT_NAMES;
    if (!event) throw new Error('the contract has no events');
    const seen: unknown[] = [];
    const off = bridge.on(event, (payload) => seen.push(payload));
    fakeElectron.ipcRenderer.emit(event, { n: 1 });
    expect(seen).toEqual([{ n: 1 }]);
    off();
    fakeElectron.ipcRenderer.emit(event, { n: 2 });
    expect(seen).toEqual([{ n: 1 }]);

    fakeElectron.ipcRenderer.on.mockClear();
    const offUnknown = bridge.on('ipc-internal-channel', () => seen.push('leak'));
    expect(fakeElectron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(() => offUnknown()).not.toThrow();
  });

  it('never hands the renderer the IPC event object (it carries sender internals)', () => {
    const [event] = EVENT_NAMES;
    if (!event) throw new Error('the contract has no events');
    const listener = vi.fn();
    bridge.on(event, listener);
    fakeElectron.ipcRenderer.emit(event, 'payload');
    expect(listener).toHaveBeenCalledExactlyOnceWith('payload');
  });
});
