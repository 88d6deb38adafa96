#!/usr/bin/env node
// `npm start [-- options]`: opens the desktop window where Electron can start; otherwise (no
// Electron binary, no display, or --headless) serves the same UI headless and prints its URL.
//
// The launcher never leaves an orphan engine: SIGINT, SIGTERM and SIGHUP are forwarded to the
// engine, and the launcher exits with the engine's exit code once it has stopped. When the
// launcher's own parent goes away (`npm start` stopped by its pid), the engine is stopped too.
//
// WORKSTATION_ENGINE_ENTRY=FILE runs that Node entry as the headless engine instead of the built
// out/main/headless.js, without the native rebuild and the build (development and tests).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
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

const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runChild(command, childArgs, env = process.env) {
  const child = spawn(command, childArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED) process.on(signal, () => forward(signal));
  // `npm start` stopped by its pid leaves this launcher reparented: stop the engine then too.
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(watch);
    forward('SIGTERM');
  }, 500);
  child.on('error', (error) => {
    console.error(`the engine could not be started: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    // A child ended by a signal exits the shell way: 128 + the signal's number.
    process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 0));
  });
}

const engineEntry = process.env.WORKSTATION_ENGINE_ENTRY;
const forcedHeadless = args.includes('--headless') || Boolean(engineEntry);
let reason = forcedHeadless ? '--headless was given' : null;
let binary = null;
if (!reason && !hasDisplay()) reason = 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
if (!reason) {
  binary = electronBinary() ?? tryFetchElectron();
  if (!binary) reason = 'the Electron runtime is not installed and could not be downloaded';
}

if (engineEntry) {
  const headlessArgs = args.includes('--headless') ? args : ['--headless', ...args];
  const loader = engineEntry.endsWith('.ts') ? ['--import', 'tsx'] : [];
  runChild(process.execPath, [...loader, path.resolve(engineEntry), ...headlessArgs]);
} else if (reason) {
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
