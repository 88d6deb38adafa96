// electron-builder.yml cannot be exercised here (no Electron binary, no packaging run), so its
// promises are checked statically: what gets packed, what stays outside the asar, the icons.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from '../core/app-paths.js';
import { PRODUCT_NAME } from '../core/config.js';

type PlatformOptions = {
  target?: Array<string | { target: string }>;
  category?: string;
  icon?: string;
  maintainer?: string;
};
type BuilderConfig = {
  appId?: string;
  productName?: string;
  directories?: { output?: string; buildResources?: string };
  files?: string[];
  asar?: boolean;
  asarUnpack?: string[];
  npmRebuild?: boolean;
  icon?: string;
  linux?: PlatformOptions;
  win?: PlatformOptions;
  mac?: PlatformOptions;
  electronFuses?: Record<string, boolean>;
};
type PackageJson = {
  main?: string;
  productName?: string;
  homepage?: string;
  author?: string | { name?: string; email?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

// js-yaml comes with electron-builder (no extra dependency); it has no type declarations.
const requireCjs = createRequire(import.meta.url);
const yaml = requireCjs('js-yaml') as { load(text: string): unknown };

const config = yaml.load(fs.readFileSync(path.join(APP_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(fs.readFileSync(path.join(APP_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** electron-builder's `files` semantics: patterns in order, a later "!pattern" excludes. */
function packed(file: string): boolean {
  let included = false;
  for (const pattern of config.files ?? []) {
    if (pattern.startsWith('!')) {
      if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, pattern, { dot: true })) {
      included = true;
    }
  }
  return included;
}

const unpacked = (file: string): boolean =>
  (config.asarUnpack ?? []).some((pattern) =>
    minimatch(file, pattern, { dot: true, matchBase: !pattern.includes('/') }),
  );

const targets = (options: PlatformOptions | undefined): string[] =>
  (options?.target ?? []).map((t) => (typeof t === 'string' ? t : t.target));

function pngSize(file: string): { width: number; height: number } {
  const data = fs.readFileSync(file);
  expect(data.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = requireCjs('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireCjs('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...config, linux: { ...config.linux, categroy: 'Finance' } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration/);
  });

  it('names the app like the rest of the project', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/i);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(pkg.productName).toBe(PRODUCT_NAME);
    expect(config.directories).toEqual({ output: 'release', buildResources: 'resources' });
  });

  it('packs the built main, preload and renderer and the file package.json "main" names', () => {
    for (const file of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc123.js',
      'package.json',
      pkg.main ?? 'missing-main',
    ]) {
      expect(packed(file), `${file} is packed`).toBe(true);
    }
    for (const file of [
      'electron/main/index.ts',
      'renderer/src/main.tsx',
      'out/main/index.js.map',
      'release/x.AppImage',
    ]) {
      expect(packed(file), `${file} is left out`).toBe(false);
    }
  });

  it('keeps native modules outside the asar, and rebuilds them for Electron', () => {
    expect(config.asar).not.toBe(false);
    expect(config.npmRebuild).toBe(true);
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/database.js',
      'node_modules/keytar/build/Release/keytar.node',
      'node_modules/some-other/prebuilds/linux-x64/addon.node',
    ]) {
      expect(unpacked(file), `${file} is unpacked`).toBe(true);
    }
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('unpacks every dependency that builds a native addon', () => {
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies });
    const native = deps.filter((dep) => fs.existsSync(path.join(APP_ROOT, 'node_modules', dep, 'binding.gyp')));
    expect(native).toContain('better-sqlite3');
    for (const dep of native) expect(unpacked(`node_modules/${dep}/index.js`), `${dep} is unpacked`).toBe(true);
  });

  it('builds AppImage and deb (Finance), an NSIS installer and a dmg', () => {
    expect(targets(config.linux)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux?.category).toBe('Finance');
    expect(targets(config.win)).toContain('nsis');
    expect(targets(config.mac)).toContain('dmg');
    expect(config.mac?.category).toBe('public.app-category.finance');
  });

  it('names icons that exist and are large enough for .ico (256) and .icns (512)', () => {
    const roots = [path.join(APP_ROOT, config.directories?.buildResources ?? 'build'), APP_ROOT];
    const named = [config.icon, config.linux?.icon, config.win?.icon, config.mac?.icon].filter(
      (icon): icon is string => typeof icon === 'string',
    );
    expect(named.length).toBeGreaterThan(0);
    for (const icon of named) {
      const found = roots.map((root) => path.join(root, icon)).find((file) => fs.existsSync(file));
      expect(found, `${icon} exists`).toBeDefined();
      if (found?.endsWith('.png')) {
        const { width, height } = pngSize(found);
        expect(width).toBe(height);
        expect(width).toBeGreaterThanOrEqual(512);
      }
    }
  });

  it('sets the Electron fuses that stop another program from running the signed app as plain Node', () => {
    // Without these, `ELECTRON_RUN_AS_NODE=1 app script.js`, NODE_OPTIONS=--require or --inspect would
    // run foreign code with the app's identity (and its keychain items); asar integrity and
    // asar-only loading stop a swapped app folder; cookies on disk are encrypted by the OS.
    expect(config.electronFuses).toEqual(
      expect.objectContaining({
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        enableCookieEncryption: true,
      }),
    );
  });

  it('has what the deb target requires (project homepage, maintainer e-mail)', () => {
    const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.email;
    const maintainer = config.linux?.maintainer ?? author;
    expect(pkg.homepage, 'package.json "homepage" (electron-builder refuses a deb without it)').toBeTruthy();
    expect(maintainer, 'package.json "author" with an e-mail, or linux.maintainer').toMatch(/@/);
  });
});
