import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../../adapters/clock/system-clock.js';
import { sha256Hex } from '../../adapters/crypto/sha256.js';
import { DATABASE_FILE } from '../../core/create-core.js';
import { createAuditService } from '../../core/services/audit-service.js';
import { engageKillSwitch, initialKillSwitch, rearmKillSwitch } from '../../engine/risk/index.js';
import { createRedactor } from '../../logging/redact.js';
import type { Logger } from '../../logging/types.js';
import { openDatabase } from '../../persistence/database.js';
import { MIGRATIONS } from '../../persistence/migrations/index.js';
import { createAuditRepo } from '../../persistence/repositories/audit-repo.js';
import { createRiskRepo, type RiskRepo } from '../../persistence/repositories/risk-repo.js';
import { FLATTEN_CONFIRMATION } from '../../../shared/domain/risk-view.js';
import { KILL_SWITCH_REARM_CONFIRMATION, KillSwitchState } from '../../../shared/domain/risk.js';
import { CliUsageError, parseArgs, single } from '../args.js';
import { resolveDataDir } from '../data-dir.js';
import type { CliIo } from '../io.js';

export const KILL_SWITCH_USAGE = `kill-switch engage|flatten|rearm|status [--data-dir DIR] [--reason TEXT] [--confirm TEXT] [--wait S]
    engage   FREEZE: block new entries, cancel every open order, stop strategies.
    flatten  FREEZE, then sell every position at market; needs --confirm ${FLATTEN_CONFIRMATION}.
    rearm    allow trading again; needs --confirm "${KILL_SWITCH_REARM_CONFIRMATION}".
    status   the state and its latest history.
    Writes the state with its audit entry to DIR/workstation.db (the one command that writes). A
    running app picks it up within about a second and carries out the actions; the command waits
    --wait seconds (default 5, 0: no wait) and says whether it did. Without a running app, the
    actions run when the app starts next.`;

const quiet: Logger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  log: () => undefined,
  addSecret: () => undefined,
  close: async () => undefined,
};

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

function describeState(state: KillSwitchState): string {
  if (!state.engaged) return 'kill switch: ARMED (trading allowed)';
  return `kill switch: ENGAGED (${state.mode}) since ${iso(state.engagedAt)} by ${state.by}: ${state.reason ?? ''}`;
}

async function waitApplied(repo: RiskRepo, revision: number, seconds: number, io: CliIo): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if ((repo.killSwitchRevision()?.appliedRevision ?? 0) >= revision) {
      io.stdout.write('a running app has applied it.\n');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  io.stdout.write(
    seconds > 0
      ? `no running app applied it within ${seconds} s: it is saved, and applies when the app starts.\n`
      : 'saved: a running app applies it within about a second, otherwise the app applies it when it starts.\n',
  );
}

export async function killSwitch(argv: readonly string[], io: CliIo): Promise<number> {
  const [action, ...rest] = argv;
  if (!['engage', 'flatten', 'rearm', 'status'].includes(action ?? '')) {
    throw new CliUsageError(`kill-switch needs engage, flatten, rearm or status, not "${action ?? ''}"`);
  }
  const args = parseArgs(rest, { values: ['--data-dir', '--reason', '--confirm', '--wait'], flags: [] });
  const wait = Number(single(args, '--wait') ?? '5');
  if (!Number.isFinite(wait) || wait < 0 || wait > 600) throw new CliUsageError('--wait takes 0 to 600 seconds');
  const dataDir = resolveDataDir(args, io.env);
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) {
    io.stderr.write(`error: there is no workstation database at ${file}: check --data-dir (or WORKSTATION_DATA_DIR)\n`);
    return 1;
  }
  const db = openDatabase({ file, migrations: MIGRATIONS, synchronous: 'FULL' });
  try {
    const repo = createRiskRepo(db);
    const stored = repo.killSwitch();
    const parsed = KillSwitchState.safeParse(stored?.state);
    const state = parsed.success ? parsed.data : initialKillSwitch();
    if (action === 'status') {
      if (stored && !parsed.success)
        io.stdout.write('kill switch: the stored state cannot be read (the app treats it as ENGAGED)\n');
      else io.stdout.write(`${describeState(state)}\n`);
      for (const e of state.history.slice(-5)) {
        io.stdout.write(`  ${iso(e.at)} ${e.event}${e.mode ? ` ${e.mode}` : ''} by ${e.by}: ${e.reason}\n`);
      }
      if (stored && stored.appliedRevision < stored.revision)
        io.stdout.write('  (the latest change is not applied by an app yet)\n');
      return 0;
    }
    const audit = createAuditService({
      repo: createAuditRepo(db),
      clock: systemClock,
      hash: sha256Hex,
      logger: quiet,
      redactor: createRedactor(),
    });
    const now = systemClock.now();
    if (action === 'rearm') {
      const result = rearmKillSwitch(state, { at: now, by: 'user', confirm: single(args, '--confirm') ?? '' });
      if (!result.ok) throw new CliUsageError(`${result.error}: add --confirm "${KILL_SWITCH_REARM_CONFIRMATION}"`);
      if (result.outcome === 'unchanged') {
        io.stdout.write('the kill switch is not engaged: nothing to re-arm\n');
        return 0;
      }
      const revision = repo.atomically(() => {
        const rev = repo.saveKillSwitch(result.state, 'cli', now, false);
        audit.record(
          'killswitch.rearmed',
          'user',
          `kill switch re-armed from the command line (was ${state.mode}: ${state.reason ?? ''})`,
          {
            previousMode: state.mode,
            previousReason: state.reason,
            engagedAt: state.engagedAt,
            via: 'cli',
          },
        );
        return rev;
      });
      io.stdout.write(`${describeState(result.state)}\n`);
      await waitApplied(repo, revision, wait, io);
      return 0;
    }
    const mode = action === 'flatten' ? 'FLATTEN' : 'FREEZE';
    if (mode === 'FLATTEN' && single(args, '--confirm') !== FLATTEN_CONFIRMATION) {
      throw new CliUsageError(`flatten sells every position at market: add --confirm ${FLATTEN_CONFIRMATION}`);
    }
    const reason = single(args, '--reason') ?? 'engaged from the command line';
    const result = engageKillSwitch(state, { mode, reason, by: 'user', at: now });
    if (result.outcome === 'unchanged') {
      io.stdout.write(`already engaged: ${describeState(state)}\n`);
      return 0;
    }
    const revision = repo.atomically(() => {
      const rev = repo.saveKillSwitch(result.state, 'cli', now, false);
      audit.record(
        'killswitch.engaged',
        'user',
        `kill switch ${result.outcome} (${mode}) from the command line: ${reason}`,
        {
          mode,
          reason,
          by: 'user',
          outcome: result.outcome,
          actions: result.actions,
          via: 'cli',
        },
      );
      return rev;
    });
    io.stdout.write(`${describeState(result.state)}\n`);
    await waitApplied(repo, revision, wait, io);
    return 0;
  } finally {
    db.close();
  }
}
