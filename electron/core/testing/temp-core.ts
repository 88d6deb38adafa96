import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemorySecretStore } from '../../adapters/secrets/memory-store.js';
import type { Clock } from '../../engine/clock.js';
import { createCore, type Core } from '../create-core.js';

export type TempCore = { core: Core; dataDir: string; cleanup(): Promise<void> };

/** A real core on a fresh temporary data directory; cleanup() shuts it down and deletes the folder. */
export async function createTempCore(options: { dataDir?: string; clock?: Clock } = {}): Promise<TempCore> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-core-'));
  const core = await createCore({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0-test',
    secretStore: createMemorySecretStore(),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    core,
    dataDir,
    async cleanup() {
      await core.shutdown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
