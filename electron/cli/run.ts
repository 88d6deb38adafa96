import path from 'node:path';
import { defaultDataDir } from '../core/config.js';
import { DATABASE_FILE } from '../core/create-core.js';
import { DatabaseOpenError } from '../persistence/database.js';
import { readDataDirLock } from '../persistence/data-dir-lock.js';
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
While the app runs on that folder, the commands that read (export-logs, audit-verify, backtest
--candles, kill-switch status) work as usual: they open the databases read-only. kill-switch
engage/flatten/rearm also works: it writes the switch and its audit entry for the running app to
carry out. backtest --exchange is refused: it stores the candles it fetches, and the running app
owns the candle store (stop the app first, or export the candles and use --candles FILE.csv).
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

/** The value of `--data-dir` in a command's arguments, else the default folder. */
function dataDirOf(argv: readonly string[], env: NodeJS.ProcessEnv): string {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--data-dir') value = argv[i + 1];
    else if (arg.startsWith('--data-dir=')) value = arg.slice('--data-dir='.length);
  });
  return path.resolve(value ?? (env.WORKSTATION_DATA_DIR || defaultDataDir(env)));
}

/**
 * What a command would write to the data directory, or null when it only reads (or, as
 * kill-switch, writes for the running app to pick up). Such a command is refused while an
 * engine runs on the folder: two writers would race on the same store.
 */
function writesWhileRunning(command: string, argv: readonly string[]): string | null {
  if (command === 'backtest' && argv.some((a) => a === '--exchange' || a.startsWith('--exchange='))) {
    return 'backtest --exchange stores the candles it fetches in';
  }
  return null;
}

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
    const writes = writesWhileRunning(command ?? '', rest);
    if (writes !== null) {
      const dataDir = dataDirOf(rest, io.env);
      const owner = readDataDirLock(dataDir);
      if (owner !== null) {
        io.stderr.write(
          `error: ${writes} ${path.join(dataDir, DATABASE_FILE)}, which the running workstation (pid ${owner.pid}, started ${new Date(owner.startedAt).toISOString()}) owns: stop the app first, or export the candles from the app and pass --candles FILE.csv\n`,
        );
        return 1;
      }
    }
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
