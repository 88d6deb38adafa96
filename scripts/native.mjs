#!/usr/bin/env node
// Makes the native modules (better-sqlite3, keytar) match the runtime about to use them:
//   node scripts/native.mjs node      -> Node's ABI (tests, CLI, headless)
//   node scripts/native.mjs electron  -> Electron's ABI (the desktop window)
// It checks by loading the module, and rebuilds only when the ABI does not match.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const target = process.argv[2] ?? 'node';
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };
if (!['node', 'electron'].includes(target)) {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}

function run(cmd, args, extraEnv = {}) {
  return spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
    shell: process.platform === 'win32',
  });
}

function loadsInNode(mod) {
  const probe = `try{require(${JSON.stringify(mod)});process.exit(0)}catch(e){process.stderr.write(String(e.message).split('\\n')[0]);process.exit(/NODE_MODULE_VERSION|was compiled against|invalid ELF|Module did not self-register/.test(e.message)?3:4)}`;
  return spawnSync(process.execPath, ['-e', probe], { cwd: root, encoding: 'utf8' });
}

function installed(mod) {
  try {
    require.resolve(`${mod}/package.json`);
    return true;
  } catch {
    return false;
  }
}

if (target === 'node') {
  for (const mod of ['better-sqlite3', 'keytar']) {
    if (!installed(mod)) continue;
    const probe = loadsInNode(mod);
    if (probe.status === 0) continue;
    if (probe.status !== 3 && mod === 'keytar') continue; // optional: missing libsecret is fine
    console.log(`native: rebuilding ${mod} for Node ${process.version} (${probe.stderr.trim()})`);
    const result = run('npm', ['rebuild', mod]);
    if (result.status !== 0 && mod === 'better-sqlite3') process.exit(result.status ?? 1);
  }
} else {
  const result = run('npx', ['electron-builder', 'install-app-deps']);
  process.exit(result.status ?? 1);
}
