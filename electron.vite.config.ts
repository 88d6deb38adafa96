// Build of the desktop app: `electron-vite build` writes out/main, out/preload and out/renderer.
// It needs only the electron *package* (for its version), never the Electron binary.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { metaContentSecurityPolicy } from './shared/security/csp.js';

const root = import.meta.dirname;

/**
 * Native and heavy packages stay outside the main bundle and are loaded from node_modules
 * (electron-builder unpacks the native ones from the asar). keytar is an optional dependency,
 * which electron-vite does not externalize on its own.
 */
const MAIN_EXTERNAL = ['keytar', 'better-sqlite3', 'bufferutil', 'utf-8-validate'];

/** The built index.html carries the strict CSP itself: headers do not reach file:// pages in Electron. */
function cspMetaTag(): Plugin {
  return {
    name: 'workstation-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out', 'main'),
      // Every package in "dependencies" stays external (better-sqlite3, ccxt, winston, ws, ...).
      externalizeDeps: { include: MAIN_EXTERNAL },
      rolldownOptions: {
        // index: the Electron entry; headless: the same core served over HTTP/WebSocket by plain
        // Node (npm start without a display). One build, so both always match. backtest-worker:
        // the job worker's script (worker_threads), its own entry so that a Worker can load it;
        // both entries pass new URL('./backtest-worker.js', import.meta.url) to createCore.
        input: {
          index: path.join(root, 'electron', 'main', 'index.ts'),
          headless: path.join(root, 'electron', 'headless', 'index.ts'),
          'backtest-worker': path.join(root, 'electron', 'adapters', 'workers', 'backtest-worker.ts'),
          // The sweep pool's worker script (Strategies > Optimise), found beside backtest-worker.js.
          'sweep-worker': path.join(root, 'electron', 'adapters', 'workers', 'sweep-worker.ts'),
        },
        // package.json has "type": "module", so out/main/index.js is ESM.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out', 'preload'),
      // A sandboxed preload can require() only 'electron' and a few builtins: bundle zod and the
      // contract into the one file instead of leaving them as external requires.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron', 'preload', 'index.ts') },
        // Sandboxed renderers cannot load an ESM preload: CommonJS, named .cjs so that Node
        // treats it as CommonJS despite "type": "module". main loads exactly out/preload/index.cjs.
        // One file, no chunks: a sandboxed preload cannot require('./chunk.cjs') either.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    base: './',
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: path.join(root, 'out', 'renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: path.join(root, 'renderer', 'index.html') },
      },
    },
  },
});
