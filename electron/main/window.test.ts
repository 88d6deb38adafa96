import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import viteConfig from '../../electron.vite.config.js';
import {
  applySessionSecurity,
  contentSecurityPolicy,
  isAppUrl,
  PRELOAD_FILE,
  PRELOAD_FILE_NAME,
  RENDERER_INDEX_FILE,
  resolveAppPage,
  type SessionLike,
} from './security.js';
import { fakeElectron, fakeEvent, FakeBrowserWindow, fakeLogger } from './testing/fake-electron.js';
import { createMainWindow, mainWindowOptions } from './window.js';

vi.mock('electron', () => import('./testing/fake-electron.js').then((m) => m.fakeElectron));

const APP_URL = pathToFileURL(RENDERER_INDEX_FILE).href;

function openWindow(devUrl: string | null = null) {
  const logger = fakeLogger();
  const page = { file: RENDERER_INDEX_FILE, devUrl };
  createMainWindow({ page, logger });
  const window = FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return { window, logger };
}

describe('main window options', () => {
  const options = mainWindowOptions();
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with no Node integration', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('loads the CommonJS preload that electron-vite builds', () => {
    expect(prefs.preload).toBe(PRELOAD_FILE);
    expect(prefs.preload?.split(path.sep).slice(-3).join('/')).toBe('out/preload/index.cjs');
    const output = viteConfig.preload?.build?.rolldownOptions?.output;
    if (!output || Array.isArray(output)) throw new Error('the preload build has no single output');
    expect(output.format).toBe('cjs');
    expect(String(output.entryFileNames).replace('[name]', 'index')).toBe(PRELOAD_FILE_NAME);
    expect(path.resolve(viteConfig.preload?.build?.outDir ?? '')).toBe(path.dirname(PRELOAD_FILE));
  });

  it('loads the renderer page that electron-vite builds', () => {
    expect(path.resolve(viteConfig.renderer?.build?.outDir ?? '', 'index.html')).toBe(RENDERER_INDEX_FILE);
    expect(viteConfig.renderer?.base).toBe('./');
  });

  it('is 1280x800 (at least 1024x700), dark, and shown only when painted', () => {
    expect(options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700, show: false });
    expect(options.backgroundColor).toMatch(/^#[0-2][0-9a-f]{5}$/i);
    const { window } = openWindow();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('loads the built file, or the dev server URL in development', () => {
    const built = openWindow().window;
    expect(built.loadFile).toHaveBeenCalledWith(RENDERER_INDEX_FILE);
    expect(built.loadURL).not.toHaveBeenCalled();
    const dev = openWindow('http://localhost:5173/').window;
    expect(dev.loadURL).toHaveBeenCalledWith('http://localhost:5173/');
  });
});

describe('navigation guard', () => {
  it('blocks navigation away from the app page and opens web links in the browser', () => {
    const { window } = openWindow();
    const away = fakeEvent();
    window.webContents.emit('will-navigate', away, 'https://evil.example/phish');
    expect(away.defaultPrevented).toBe(true);
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledWith('https://evil.example/phish');

    const fileAway = fakeEvent();
    window.webContents.emit('will-navigate', fileAway, 'file:///etc/passwd');
    expect(fileAway.defaultPrevented).toBe(true);
    expect(fakeElectron.shell.openExternal).not.toHaveBeenCalledWith('file:///etc/passwd');

    const same = fakeEvent();
    window.webContents.emit('will-navigate', same, `${APP_URL}#/orders`);
    expect(same.defaultPrevented).toBe(false);

    const redirect = fakeEvent();
    window.webContents.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.defaultPrevented).toBe(true);

    const webview = fakeEvent();
    window.webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every new window; only http(s) links go to the browser', () => {
    const { window } = openWindow();
    const handler = window.webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');
    fakeElectron.shell.openExternal.mockClear();
    expect(handler({ url: 'https://docs.example/help' })).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledWith('https://docs.example/help');
    expect(handler({ url: APP_URL })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('recognises the app page exactly', () => {
    const page = resolveAppPage({}, true);
    expect(isAppUrl(`${APP_URL}?x=1#/risk`, page)).toBe(true);
    expect(isAppUrl(APP_URL.replace('index.html', 'index.html.evil'), page)).toBe(false);
    expect(isAppUrl('file://remote-host/share/index.html', page)).toBe(false);
    expect(isAppUrl('https://evil.example/', page)).toBe(false);
  });
});

describe('session security', () => {
  const session = fakeElectron.session.defaultSession;
  applySessionSecurity(session satisfies SessionLike, { dev: false });

  it('denies every permission request and check', () => {
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      session.permissionRequestHandler?.({}, permission, (ok) => granted.push(ok));
      expect(session.permissionCheckHandler?.({}, permission)).toBe(false);
    }
    expect(granted).toEqual([false, false, false, false, false]);
  });

  it('sets the Content-Security-Policy header on every response, replacing any other', () => {
    let headers: Record<string, string | string[]> | undefined;
    session.headersListener?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      (response) => {
        headers = response.responseHeaders;
      },
    );
    expect(headers?.['Content-Security-Policy']).toEqual([contentSecurityPolicy(false)]);
    expect(headers?.['content-security-policy']).toBeUndefined();
    expect(headers?.['Content-Type']).toEqual(['text/html']);
    const csp = contentSecurityPolicy(false);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "connect-src 'self'",
    ]) {
      expect(csp.split('; ')).toContain(directive);
    }
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
  });
});
