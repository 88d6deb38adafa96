import fs from 'node:fs';
import path from 'node:path';

/** The repository (or unpacked app) root: two levels above electron/<folder>/. */
export const APP_ROOT = path.resolve(import.meta.dirname, '..', '..');

export function readAppVersion(root = APP_ROOT): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
