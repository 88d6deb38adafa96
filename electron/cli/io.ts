import type { Writable } from 'node:stream';

/** Where a CLI command writes and what it reads from its environment (a test passes its own). */
export type CliIo = {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
};
