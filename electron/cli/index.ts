// `npm run cli -- COMMAND [options]`: the command line over the workstation's data directory.
import { installLastResort } from '../core/last-resort.js';
import { runCli } from './run.js';

// A fault that escapes a command is reported and fails the command (exit code 1). The CLI holds no
// engine to protect: after an uncaught exception (its state is unknown; a closed stdout or stderr
// raises one on every write) it exits at once instead of living on as an orphan.
installLastResort(process, {
  entry: 'cli',
  core: () => null,
  write: (text) => {
    try {
      process.stderr.write(text);
    } catch {
      // stderr is gone: nothing left to tell
    }
  },
  onFault: (kind) => {
    process.exitCode = 1;
    if (kind === 'uncaughtException') process.exit(1);
  },
});

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
const faulted = typeof process.exitCode === 'number' ? process.exitCode : 0;
process.exitCode = Math.max(code, faulted);
