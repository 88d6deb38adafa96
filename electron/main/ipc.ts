// The IPC transport: one ipcMain handler per contract name, and engine events pushed to windows.
import { INVOKE_NAMES, isEventName } from '../../shared/ipc/contract.js';
import type { Envelope } from '../../shared/ipc/envelope.js';
import type { Core } from '../core/create-core.js';
import { internalError } from '../core/dispatch.js';
import type { EventBus } from '../core/event-bus.js';
import type { SenderFrameLike } from './security.js';
import { BOOT_CHANNEL, type BootStatus } from '../../shared/domain/boot.js';

export type InvokeEventLike = { readonly senderFrame: SenderFrameLike | null };

/** The part of Electron's ipcMain the transport uses. */
export type IpcMainLike = {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
};

export type SenderCheck = (frame: SenderFrameLike | null | undefined) => boolean;

/** A window the events are sent to (Electron's BrowserWindow has this shape). */
export type EventWindow = {
  isDestroyed(): boolean;
  readonly webContents: { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void };
};

function frameUrl(event: InvokeEventLike): string {
  try {
    return event.senderFrame?.url.slice(0, 200) ?? '(no frame)';
  } catch {
    return '(destroyed frame)';
  }
}

function senderFrameOf(event: InvokeEventLike): SenderFrameLike | null {
  try {
    return event.senderFrame;
  } catch {
    return null;
  }
}

/**
 * Registers a handler for every contract name. A call from any frame but the app's own page is
 * answered with `forbidden` and never reaches the engine; the rest go to core.dispatch, which
 * validates the input and always answers with an envelope. Returns the function that removes
 * the handlers again.
 */
export function registerContract(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'dispatch' | 'logger'>,
  isTrustedSender: SenderCheck,
): () => void {
  for (const name of INVOKE_NAMES) {
    ipcMain.handle(name, async (event, input): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(senderFrameOf(event))) {
        const url = frameUrl(event);
        core.logger.warn('system', `refused ${name} from a page that is not the workstation`, { url });
        return {
          ok: false,
          error: { code: 'forbidden', message: `${name} may only be called by the workstation's own window` },
        };
      }
      try {
        return await core.dispatch(name, input, { transport: 'ipc' });
      } catch (error) {
        return { ok: false, error: internalError(core.logger, name, error, 'ipc') };
      }
    });
  }
  return () => unregisterContract(ipcMain);
}

/**
 * Answers the window's start screen (the preload's boot()) while the core is built, and after:
 * the app's own page only; another frame gets null. Returns the function that removes it.
 */
export function serveBootStatus(ipcMain: IpcMainLike, status: () => BootStatus, isTrustedSender: SenderCheck) {
  ipcMain.handle(BOOT_CHANNEL, (event) => (isTrustedSender(senderFrameOf(event)) ? status() : null));
  return (): void => ipcMain.removeHandler(BOOT_CHANNEL);
}

/** Removes every contract handler (on shutdown, so late calls fail fast instead of hanging). */
export function unregisterContract(ipcMain: IpcMainLike): void {
  for (const name of INVOKE_NAMES) ipcMain.removeHandler(name);
}

/** Sends every engine event to every open window on the channel of the event's name. */
export function forwardEvents(events: EventBus, windows: () => readonly EventWindow[]): () => void {
  return events.subscribe((name, payload) => {
    if (!isEventName(name)) return;
    for (const window of windows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      window.webContents.send(name, payload);
    }
  });
}
