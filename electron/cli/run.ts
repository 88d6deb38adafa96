import { DatabaseOpenError } from '../persistence/database.js';
import { CliUsageError } from './args.js';
import { AUDIT_VERIFY_USAGE, auditVerify } from './commands/audit-verify.js';
import { BACKTEST_USAGE, backtest } from './commands/backtest.js';
import { EXPORT_LOGS_USAGE, exportLogs } from './commands/export-logs.js';
import { KILL_SWITCH_USAGE, killSwitch } from './commands/kill-switch.js';
import { OPTIMIZE_USAGE, optimize } from './commands/optimize.js';
import type { CliIo } from './io.js';

export const USAGE = `usage: npm run cli -- COMMAND [options]

commands:
  ${EXPORT_LOGS_USAGE.replaceAll('\n', '\n  ')}

  ${AUDIT_VERIFY_USAGE.replaceAll('\n', '\n  ')}

  ${BACKTEST_USAGE.replaceAll('\n', '\n  ')}

  ${OPTIMIZE_USAGE.replaceAll('\n', '\n  ')}

  ${KILL_SWITCH_USAGE.replaceAll('\n', '\n  ')}

  help
    Shows this text.

--data-dir defaults to WORKSTATION_DATA_DIR, else the app's data folder.
Databases are opened read-only (kill-switch excepted: it writes the switch and its audit entry;
backtest --exchange adds the candles it fetches to the candle store): the commands are safe while
the app is running.
Exit codes: 0 done, 1 failed (e.g. a broken audit chain, an unreadable database, a strategy or
candle file with errors), 2 wrong usage.
`;

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<number>> = {
  'export-logs': exportLogs,
  'audit-verify': auditVerify,
  backtest,
  optimize,
  'kill-switch': killSwitch,
};

/** Runs one command and returns its exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return 0;
  }
  const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (run === undefined) {
    io.stderr.write(`${command === undefined ? 'no command given' : `unknown command "${command}"`}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr.write(`error: ${error.message}\n(npm run cli -- help shows every option)\n`);
      return 2;
    }
    // DatabaseOpenError messages name the file and say what to do.
    const message = error instanceof DatabaseOpenError || error instanceof Error ? error.message : String(error);
    io.stderr.write(`error: ${message}\n`);
    return 1;
  }
}
