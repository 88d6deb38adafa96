// Checks the output of `electron-vite build` for the failure modes no CI run here can see:
// an ESM preload in a sandboxed renderer, main pointing at the wrong preload file, absolute
// asset paths under file://, native modules bundled into main.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../core/app-paths.js';
import { PRELOAD_FILE, RENDERER_INDEX_FILE } from './security.js';

const MAIN_FILE = path.join(APP_ROOT, 'out', 'main', 'index.js');
const SOURCES = ['electron', 'shared', 'renderer', 'electron.vite.config.ts', 'package.json'];

function newestSourceMtime(): number {
  let newest = 0;
  const visit = (entry: string): void => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(entry)) {
        if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(entry, name));
      }
    } else if (!/\.test\.tsx?$/.test(entry)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const source of SOURCES) {
    const full = path.join(APP_ROOT, source);
    if (fs.existsSync(full)) visit(full);
  }
  return newest;
}

function outputIsCurrent(): boolean {
  const outputs = [MAIN_FILE, PRELOAD_FILE, RENDERER_INDEX_FILE];
  if (!outputs.every((file) => fs.existsSync(file))) return false;
  const oldest = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
  return oldest >= newestSourceMtime();
}

beforeAll(() => {
  // `npm test` builds first; when run alone (or after edits) this builds out/ itself.
  if (outputIsCurrent()) return;
  execFileSync(
    process.execPath,
    [path.join(APP_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: APP_ROOT,
      stdio: 'pipe',
      timeout: 60_000,
    },
  );
}, 90_000);

const read = (file: string): string => fs.readFileSync(file, 'utf8');

describe('built preload (out/preload/index.cjs)', () => {
  it('is CommonJS: compiles as a classic script, with no import/export statements', () => {
    const code = read(PRELOAD_FILE);
    expect(() => new vm.Script(`(function (exports, require, module) {${code}\n})`)).not.toThrow();
    expect(code).not.toMatch(/^\s*(import\s.*from\s|export\s)/m);
    expect(code).toMatch(/require\(["']electron["']\)/);
  });

  it('runs in a sandbox-like context that can require only "electron", and exposes the bridge', async () => {
    const exposed = new Map<string, unknown>();
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: {
        invoke: (...args: unknown[]) => {
          invoked.push(args);
          return Promise.resolve({ ok: true, data: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require "${id}"`);
    };
    const module = { exports: {} };
    const wrapper = vm.runInNewContext(`(function (exports, require, module) {${read(PRELOAD_FILE)}\n})`, {});
    (wrapper as (e: unknown, r: unknown, m: unknown) => void)(module.exports, sandboxRequire, module);

    const bridge = exposed.get('workstation') as {
      invoke(name: string, input: unknown): Promise<unknown>;
      boot(): Promise<unknown>;
    };
    expect(Object.keys(bridge).sort()).toEqual(['boot', 'invoke', 'on']);
    await bridge.invoke('system.info', {});
    await bridge.boot();
    expect(invoked).toEqual([['system.info', {}], ['app:boot']]);
    expect(await bridge.invoke('no.such.call', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });
});

describe('built main (out/main/index.js)', () => {
  it('is what package.json "main" points at', () => {
    const pkg = JSON.parse(read(path.join(APP_ROOT, 'package.json'))) as { main?: string; type?: string };
    expect(pkg.main).toBe('out/main/index.js');
    expect(pkg.type).toBe('module');
    expect(path.resolve(APP_ROOT, pkg.main ?? '')).toBe(MAIN_FILE);
  });

  it('is ESM and loads the preload by its exact built name', () => {
    const code = read(MAIN_FILE);
    expect(code).toMatch(/^import .* from "electron";$/m);
    expect(code).toContain('"index.cjs"');
    expect(code).not.toContain('index.mjs');
  });

  it('leaves packages (native ones above all) in node_modules instead of bundling them', () => {
    // index.js and the headless entry share chunks: read all of the main build's output.
    const dir = path.dirname(MAIN_FILE);
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    const code = files.map((f) => read(path.join(dir, f))).join('\n');
    expect(files).toContain('headless.js');
    expect(code).toMatch(/from "better-sqlite3"/);
    // rolldown marks each bundled file with a "// path" comment: none may come from node_modules.
    expect(code).not.toMatch(/^\/\/ .*node_modules\//m);
  });
});

describe('built renderer (out/renderer/index.html)', () => {
  it('exists and refers to its assets relatively (file:// has no server root)', () => {
    const html = read(RENDERER_INDEX_FILE);
    // Inline data: URLs (the favicon) need no file.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((ref) => !ref.startsWith('data:'));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith('/') || /^https?:/.test(ref)).toBe(false);
      expect(fs.existsSync(path.join(path.dirname(RENDERER_INDEX_FILE), ref))).toBe(true);
    }
  });
});
