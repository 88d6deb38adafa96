// A small stand-in for the electron module, for tests that cannot launch Electron:
// vi.mock('electron', () => import('./testing/fake-electron.js').then((m) => m.fakeElectron)).
import { vi, type Mock } from 'vitest';
import type { LogFn, Logger } from '../../logging/types.js';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((l) => l !== wrapped),
      );
      return listener(...args);
    };
    return this.on(event, wrapped);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An event whose preventDefault() is recorded, like Electron's. */
export function fakeEvent(): { preventDefault: () => void; readonly defaultPrevented: boolean } {
  let prevented = false;
  return {
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

export class FakeWebContents extends Emitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly send = vi.fn();
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed);
  }
  readonly webContents = new FakeWebContents();
  readonly loadFile = vi.fn((_file: string) => Promise.resolve());
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
}

type HeadersListener = (
  details: { responseHeaders?: Record<string, string | string[]> },
  callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

function createFakeSession() {
  const session = {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as
      ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheckHandler: null as ((webContents: unknown, permission: string) => boolean) | null,
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        session.headersListener = listener;
      },
    },
    setPermissionRequestHandler(
      handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    ): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void {
      this.permissionCheckHandler = handler;
    },
  };
  return session;
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

function createFakeIpcMain() {
  const handlers = new Map<string, InvokeHandler>();
  return {
    handlers,
    handle(channel: string, handler: InvokeHandler): void {
      // Electron throws on a second handler for the same channel.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string): void {
      handlers.delete(channel);
    },
  };
}

function createFakeApp() {
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    calls: [] as string[],
    singleInstance: true,
    ready: false,
    setPath: vi.fn((name: string, value: string) => {
      app.calls.push(`setPath:${name}=${value}`);
    }),
    getVersion: () => '9.9.9-test',
    requestSingleInstanceLock: vi.fn(() => {
      app.calls.push('requestSingleInstanceLock');
      return app.singleInstance;
    }),
    whenReady: vi.fn(() => {
      app.calls.push('whenReady');
      return ready;
    }),
    /** What Electron does once the main module has finished loading. */
    makeReady(): void {
      app.ready = true;
      app.calls.push('ready');
      markReady();
    },
    exit: vi.fn((code?: number) => {
      app.calls.push(`exit:${code ?? 0}`);
    }),
    quit: vi.fn(),
  });
  return app;
}

/** Records the notifications shown. */
class FakeNotification {
  static shown: { title: string; body: string }[] = [];
  constructor(private readonly options: { title: string; body: string }) {}
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    FakeNotification.shown.push(this.options);
  }
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** A fresh fake (use with vi.doMock('electron', ...) when a test needs a clean one). */
export function createFakeElectron() {
  FakeBrowserWindow.instances = [];
  const ipcRendererListeners = new Emitter();
  return {
    app: createFakeApp(),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: createFakeIpcMain(),
    session: { defaultSession: createFakeSession() },
    shell: { openExternal: vi.fn((_url: string) => Promise.resolve()) },
    dialog: { showErrorBox: vi.fn((_title: string, _content: string) => undefined) },
    powerMonitor: new Emitter(),
    Notification: FakeNotification,
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    contextBridge: { exposeInMainWorld: vi.fn((_key: string, _api: unknown) => undefined) },
    ipcRenderer: {
      invoke: vi.fn((_channel: string, ..._args: unknown[]) => Promise.resolve({ ok: true, data: 'from-main' })),
      on: vi.fn((channel: string, listener: Listener) => ipcRendererListeners.on(channel, listener)),
      removeListener: vi.fn((channel: string, listener: Listener) => {
        ipcRendererListeners.listeners.set(
          channel,
          (ipcRendererListeners.listeners.get(channel) ?? []).filter((l) => l !== listener),
        );
      }),
      emit: (channel: string, payload: unknown) => ipcRendererListeners.emit(channel, {}, payload),
    },
  };
}

/**
 * The module object handed to vi.mock('electron'). Every test file gets its own (vitest isolates
 * files); for a fresh one inside a file, vi.doMock('electron') with createFakeElectron().
 */
export const fakeElectron = createFakeElectron();

/** A Logger that records calls. */
export function fakeLogger(): Logger & { [K in 'error' | 'warn' | 'info' | 'debug']: Mock<LogFn> } {
  return {
    error: vi.fn<LogFn>(),
    warn: vi.fn<LogFn>(),
    info: vi.fn<LogFn>(),
    debug: vi.fn<LogFn>(),
    log: vi.fn(),
    addSecret: vi.fn(),
    close: vi.fn(() => Promise.resolve()),
  };
}
