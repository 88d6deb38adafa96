// `npm run cli -- COMMAND [options]`: the command line over the workstation's data directory.
import { runCli } from './run.js';

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
