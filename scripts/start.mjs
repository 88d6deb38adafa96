#!/usr/bin/env node
// `npm start [-- options]`: opens the desktop window where Electron can start; otherwise (no
// Electron binary, no display, or --headless) serves the same UI headless and prints its URL.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** On a desktop, Electron's binary is fetched on first start (npm install skips its download script). */
function tryFetchElectron() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return null;
  console.log('Downloading the Electron runtime once (about 100 MB)…');
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'inherit', timeout: 10 * 60_000 });
  return result.status === 0 ? electronBinary() : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const outputs = ['out/renderer/index.html', 'out/main/headless.js', 'out/main/index.js', 'out/preload/index.cjs'].map(
    (f) => path.join(root, f),
  );
  const newestSource = Math.max(...['electron', 'renderer', 'shared'].map((d) => newestMtime(path.join(root, d))));
  if (outputs.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= newestSource)) return;
  console.log('Building the UI…');
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function native(target) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'native.mjs'), target], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function runChild(command, childArgs, env = process.env) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const forcedHeadless = args.includes('--headless');
let reason = forcedHeadless ? '--headless was given' : null;
let binary = null;
if (!reason && !hasDisplay()) reason = 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
if (!reason) {
  binary = electronBinary() ?? tryFetchElectron();
  if (!binary) reason = 'the Electron runtime is not installed and could not be downloaded';
}

if (reason) {
  if (!forcedHeadless) console.log(`Electron cannot start here (${reason}); serving the workstation headless instead.`);
  native('node');
  buildIfStale();
  const headlessArgs = args.includes('--headless') ? args : ['--headless', ...args];
  runChild(process.execPath, [path.join(root, 'out', 'main', 'headless.js'), ...headlessArgs]);
} else {
  native('electron');
  buildIfStale();
  runChild(binary, [root, ...args]);
}
