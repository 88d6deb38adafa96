// The main window: hardened webPreferences, navigation guard, and loading the built UI.
import { BrowserWindow, shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import { PRODUCT_NAME } from '../core/config.js';
import type { Logger } from '../logging/types.js';
import { isAppUrl, PRELOAD_FILE, type AppPage } from './security.js';

export const WINDOW_BACKGROUND = '#0f1217';

export function mainWindowOptions(preload: string = PRELOAD_FILE): BrowserWindowConstructorOptions {
  return {
    title: PRODUCT_NAME,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    backgroundColor: WINDOW_BACKGROUND,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only http(s) links leave the app, and they open in the user's browser. */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** No navigation away from the app's page, no new windows, no <webview>. */
export function guardNavigation(contents: WebContents, page: AppPage, logger: Logger): void {
  const openOutside = (url: string): void => {
    if (!isExternalLink(url)) return;
    shell.openExternal(url).catch((error: unknown) => {
      logger.warn('system', `could not open ${url} in the browser`, { error: String(error) });
    });
  };
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url, page)) return;
    event.preventDefault();
    logger.warn('system', 'blocked a navigation away from the app', { url: url.slice(0, 200) });
    openOutside(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (isAppUrl(url, page)) return;
    event.preventDefault();
    logger.warn('system', 'blocked a redirect away from the app', { url: url.slice(0, 200) });
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openOutside(url);
    return { action: 'deny' };
  });
}

export type MainWindowOptions = { page: AppPage; logger: Logger; preload?: string };

/** Creates the window, shows it once painted, and loads the built UI (or the dev server). */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const { page, logger } = options;
  const window = new BrowserWindow(mainWindowOptions(options.preload));
  guardNavigation(window.webContents, page, logger);
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('system', `the window's renderer stopped (${details.reason})`, { exitCode: details.exitCode });
  });
  const loading = page.devUrl !== null ? window.loadURL(page.devUrl) : window.loadFile(page.file);
  loading.catch((error: unknown) => {
    logger.error('system', 'the user interface could not be loaded; run `npm run build` first', {
      error: error instanceof Error ? error.message : String(error),
    });
  });
  return window;
}
