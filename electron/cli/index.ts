// `npm run cli -- COMMAND [options]`: the command line over the workstation's data directory.
import { installLastResort } from '../core/last-resort.js';
import { runCli } from './run.js';

// A fault that escapes a command is reported and fails the command (exit code 1); it never ends
// the process half-way through writing.
installLastResort(process, {
  entry: 'cli',
  core: () => null,
  write: (text) => process.stderr.write(text),
  onFault: () => {
    process.exitCode = 1;
  },
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
const faulted = typeof process.exitCode === 'number' ? process.exitCode : 0;
process.exitCode = Math.max(code, faulted);
