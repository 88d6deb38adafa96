// What counts as the app's own page, and the session-wide protections (CSP, permissions).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicy } from '../../shared/security/csp.js';
import { APP_ROOT, RENDERER_DIR } from '../core/app-paths.js';

/** Where the built UI lives; main loads exactly these files (see electron.vite.config.ts). */
export const RENDERER_INDEX_FILE = path.join(RENDERER_DIR, 'index.html');
/** The preload is CommonJS (a sandboxed renderer cannot load an ESM preload). */
export const PRELOAD_FILE_NAME = 'index.cjs';
export const PRELOAD_FILE = path.join(APP_ROOT, 'out', 'preload', PRELOAD_FILE_NAME);

/** The page the window shows: the built file, or the electron-vite dev server in development. */
export type AppPage = { file: string; devUrl: string | null };

/** ELECTRON_RENDERER_URL is set by `electron-vite dev`; a packaged app never trusts it. */
export function resolveAppPage(env: NodeJS.ProcessEnv, isPackaged: boolean): AppPage {
  const devUrl = !isPackaged ? env.ELECTRON_RENDERER_URL?.trim() : undefined;
  return { file: RENDERER_INDEX_FILE, devUrl: devUrl ? devUrl : null };
}

function samePath(a: string, b: string): boolean {
  const x = path.resolve(a);
  const y = path.resolve(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** True only for the app's own page (any #route or ?query of it), never for another file or site. */
export function isAppUrl(url: string, page: AppPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.devUrl !== null) {
    try {
      return parsed.origin === new URL(page.devUrl).origin;
    } catch {
      return false;
    }
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return samePath(fileURLToPath(parsed), page.file);
  } catch {
    return false;
  }
}

export type SenderFrameLike = { readonly url: string };

/** The sender check for IPC: a frame showing anything but the app's own page is refused. */
export function createSenderCheck(page: AppPage): (frame: SenderFrameLike | null | undefined) => boolean {
  return (frame) => {
    if (!frame) return false;
    let url: string;
    try {
      url = frame.url;
    } catch {
      return false; // the frame was destroyed or navigated away while the call was in flight
    }
    return typeof url === 'string' && isAppUrl(url, page);
  };
}

export { contentSecurityPolicy } from '../../shared/security/csp.js';

type HeadersDetails = { responseHeaders?: Record<string, string | string[]> };
type HeadersResponse = { responseHeaders?: Record<string, string | string[]> };

/** The part of Electron's Session this module configures. */
export type SessionLike = {
  webRequest: {
    onHeadersReceived(listener: (details: HeadersDetails, callback: (response: HeadersResponse) => void) => void): void;
  };
  setPermissionRequestHandler(
    handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
};

/** Adds the CSP header to every response, replacing any other CSP header. */
export function withCsp(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === 'content-security-policy') continue;
    result[key] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [csp];
  return result;
}

/** CSP on every response and no permission (camera, notifications, geolocation, ...) for any page. */
export function applySessionSecurity(session: SessionLike, options: { dev: boolean }): void {
  const csp = contentSecurityPolicy(options.dev);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
