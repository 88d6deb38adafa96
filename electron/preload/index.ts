// Builds window.workstation from the contract's names. No other logic lives here.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName, isInvokeName } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { DesktopBridge } from '../../shared/ipc/wire.js';
import { BOOT_CHANNEL } from '../../shared/domain/boot.js';

const bridge: DesktopBridge = {
  invoke(name, input) {
    if (!isInvokeName(name)) {
      const shown = typeof name === 'string' ? `"${name.slice(0, 64)}"` : `a ${typeof name}`;
      const refused: Envelope<unknown> = {
        ok: false,
        error: { code: 'unknown_call', message: `unknown call ${shown}` },
      };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(name, input) as Promise<Envelope<unknown>>;
  },
  on(event, listener) {
    if (!isEventName(event)) return () => undefined;
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
  boot() {
    return ipcRenderer.invoke(BOOT_CHANNEL) as Promise<unknown>;
  },
};

contextBridge.exposeInMainWorld('workstation', bridge);
