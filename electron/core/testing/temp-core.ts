import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMemorySecretStore } from '../../adapters/secrets/memory-store.js';
import type { SecretStore } from '../../adapters/secrets/secret-store.js';
import type { Clock } from '../../engine/clock.js';
import type { Scheduler } from '../../engine/scheduler.js';
import { createCore, type Core } from '../create-core.js';

export type TempCore = { core: Core; dataDir: string; cleanup(): Promise<void> };

/** A real core on a fresh temporary data directory; cleanup() shuts it down and deletes the folder. */
export async function createTempCore(
  options: {
    dataDir?: string;
    clock?: Clock;
    /** Default: an empty in-memory store. */
    secretStore?: SecretStore;
    scheduler?: Scheduler;
    /** The Messages API's base URL: a local test server (electron/adapters/ai/testing). */
    anthropicBaseUrl?: string;
    /** The simulator's start (UTC ms): with the default seed, the same market history on every run. */
    simStart?: number;
  } = {},
): Promise<TempCore> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tw-core-'));
  const core = await createCore({
    dataDir,
    runtime: 'headless',
    appVersion: '0.0.0-test',
    secretStore: options.secretStore ?? createMemorySecretStore(),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.scheduler ? { scheduler: options.scheduler } : {}),
    ...(options.anthropicBaseUrl ? { anthropicBaseUrl: options.anthropicBaseUrl } : {}),
    ...(options.simStart !== undefined ? { simStart: options.simStart } : {}),
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
