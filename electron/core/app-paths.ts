import fs from 'node:fs';
import path from 'node:path';

const PACKAGE_NAME = 'trading-workstation';

/**
 * The app root: the nearest folder above this module whose package.json is ours. Found by
 * walking up rather than by a fixed depth, so it holds for the TypeScript sources
 * (electron/core/), the built bundle (out/main/ or out/main/chunks/) and a packaged app.asar.
 */
export function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    const file = path.join(dir, 'package.json');
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here, or not ours: keep walking up
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the app root (${PACKAGE_NAME}/package.json) above ${start}`);
    dir = parent;
  }
}

export const APP_ROOT = findAppRoot(import.meta.dirname);

export function readAppVersion(root = APP_ROOT): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
