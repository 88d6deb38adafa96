import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startEngine, type Engine } from './engine.js';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, 'artifacts', 'screenshots');

/**
 * Every test gets its own engine with a fresh data directory (deleted afterwards); a spec may give
 * it arguments with test.use({ engineArgs: [...] }).
 */
export const test = base.extend<{ engineArgs: string[]; engine: Engine; app: Page }>({
  engineArgs: [[], { option: true }],
  engine: async ({ engineArgs }, use) => {
    let engine = await startEngine({ args: engineArgs });
    const handle: Engine = {
      ...engine,
      get url() {
        return engine.url;
      },
      output: () => engine.output(),
      stop: () => engine.stop(),
      restart: async () => {
        engine = await engine.restart();
        return engine;
      },
    };
    await use(handle);
    await engine.stop();
    fs.rmSync(engine.dataDir, { recursive: true, force: true });
  },
  app: async ({ page, engine }, use) => {
    await page.goto(engine.url);
    await expect(page.getByTestId('connection-state')).toHaveText(/Connected/);
    await use(page);
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
