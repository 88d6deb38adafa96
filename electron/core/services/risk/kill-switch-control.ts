/**
 * The kill switch as the app runs it: the pure state machine (engine/risk/kill-switch.ts), kept
 * in memory (the gate reads it, so entries are blocked the moment engage() is called), persisted
 * with its audit entry in one transaction, and its actions carried out (sweep.ts).
 *
 * It survives a crash or a restart: the state is loaded at creation and, when engaged, the actions
 * run again at start (each is idempotent). The command line may write the row while the app runs
 * (`npm run cli -- kill-switch ...`): every write bumps a revision, which the app polls every
 * second; a revision it did not write is adopted, its actions carried out, and marked applied.
 * A stored state that cannot be read counts as engaged (FREEZE): the switch fails safe.
 */
import type { AuditActor } from '../../../../shared/domain/audit.js';
import {
  KILL_SWITCH_REARM_CONFIRMATION,
  KillSwitchState,
  type KillSwitchCause,
  type KillSwitchMode,
} from '../../../../shared/domain/risk.js';
import type { KillSwitchEngageResult, KillSwitchProgress } from '../../../../shared/domain/risk-view.js';
import { AppError } from '../../../../shared/ipc/envelope.js';
import type { Clock } from '../../../engine/clock.js';
import { engageKillSwitch, initialKillSwitch, rearmKillSwitch } from '../../../engine/risk/index.js';
import type { Scheduler, TimerHandle } from '../../../engine/scheduler.js';
import type { Logger } from '../../../logging/types.js';
import type { RiskRepo } from '../../../persistence/repositories/risk-repo.js';
import type { AuditRecorder } from '../audit-service.js';

export type KillSwitchActions = {
  /**
   * Stops strategies, starts a cancel of every open order (and the account's cancel-all), FLATTEN:
   * closes positions; answers once they are started, then retries until the exchange confirms.
   */
  perform(
    mode: KillSwitchMode,
    reason: string,
  ): Promise<{ cancelRequested: number; closing: string[]; progress?: KillSwitchProgress }>;
  /** Re-armed: stop retrying. */
  stop(): void;
  /** Where the cancels stand. */
  progress(): KillSwitchProgress;
};

export type EngageInput = { mode: KillSwitchMode; reason: string; by: KillSwitchCause };

export type KillSwitchControl = {
  state(): KillSwitchState;
  engage(input: EngageInput): Promise<KillSwitchEngageResult>;
  rearm(input: { confirm: string; note?: string }): KillSwitchState;
  /** Re-applies the actions when engaged, and starts watching for command-line writes. */
  start(): void;
  /** Adopts a state written by another process (the CLI), if any; what the poll timer runs. */
  poll(): void;
  close(): void;
};

const actorOf = (by: KillSwitchCause): AuditActor => (by === 'user' ? 'user' : by === 'system' ? 'system' : 'engine');

export function createKillSwitchControl(d: {
  repo: RiskRepo;
  audit: AuditRecorder;
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  actions: KillSwitchActions;
  onChange(state: KillSwitchState): void;
  onRearmed(): void;
  /** How often the row's revision is checked (default 1 s). */
  pollMs?: number;
}): KillSwitchControl {
  const pollMs = d.pollMs ?? 1_000;
  const row = d.repo.killSwitch();
  let revision = row?.revision ?? 0;
  let state = initialKillSwitch();
  let unreadable = false;
  if (row) {
    const parsed = KillSwitchState.safeParse(row.state);
    if (parsed.success) state = parsed.data;
    else unreadable = true;
  }
  let timer: TimerHandle | null = null;
  let closed = false;

  function run(mode: KillSwitchMode, reason: string, applied: number) {
    return d.actions.perform(mode, reason).then(
      (result) => {
        if (applied > 0) d.repo.markApplied(applied);
        return result;
      },
      (error: unknown) => {
        d.logger.error('risk', 'the kill switch actions failed; they are retried', { error });
        return { cancelRequested: 0, closing: [], progress: d.actions.progress() };
      },
    );
  }

  function persist(
    summary: string,
    kind: 'killswitch.engaged' | 'killswitch.rearmed',
    actor: AuditActor,
    details: Record<string, unknown>,
  ): void {
    try {
      d.repo.atomically(() => {
        revision = d.repo.saveKillSwitch(state, 'app', d.clock.now(), true);
        d.audit.record(kind, actor, summary, details);
      });
    } catch (error) {
      // The switch works in memory even if the disk does not: entries stay blocked, cancels go out.
      d.logger.error('risk', `the kill switch state could not be saved: ${summary}`, { error });
    }
  }

  async function engage(input: EngageInput): Promise<KillSwitchEngageResult> {
    const at = d.clock.now();
    const result = engageKillSwitch(state, { ...input, at });
    if (result.outcome === 'unchanged') {
      // Pressing it again sweeps again (a user's second press); automatic repeats do nothing.
      const again = input.by === 'user' ? await run(input.mode, state.reason ?? input.reason, 0) : null;
      return {
        state,
        outcome: 'unchanged',
        cancelRequested: again?.cancelRequested ?? 0,
        closing: again?.closing ?? [],
        progress: again?.progress ?? d.actions.progress(),
      };
    }
    state = result.state; // from here on the gate refuses entries
    const what = result.outcome === 'escalated' ? 'escalated to' : 'engaged:';
    persist(
      `kill switch ${what} ${input.mode} by ${input.by}: ${state.reason}`,
      'killswitch.engaged',
      actorOf(input.by),
      {
        mode: input.mode,
        reason: state.reason,
        by: input.by,
        outcome: result.outcome,
        actions: result.actions,
      },
    );
    d.logger.warn('risk', `kill switch ${result.outcome} (${input.mode}, by ${input.by}): ${state.reason}`);
    d.onChange(state);
    const done = await run(input.mode, state.reason ?? input.reason, revision);
    return { state, outcome: result.outcome, ...done };
  }

  function rearm(input: { confirm: string; note?: string }): KillSwitchState {
    const result = rearmKillSwitch(state, {
      at: d.clock.now(),
      by: 'user',
      confirm: input.confirm,
      ...(input.note ? { note: input.note } : {}),
    });
    if (!result.ok) throw new AppError('invalid_input', `confirm: ${result.error}`);
    if (result.outcome === 'unchanged') return state;
    const was = state;
    state = result.state;
    d.actions.stop();
    persist(
      `kill switch re-armed by the user (was ${was.mode ?? 'FREEZE'}: ${was.reason ?? ''})`,
      'killswitch.rearmed',
      'user',
      {
        previousMode: was.mode,
        previousReason: was.reason,
        engagedAt: was.engagedAt,
        note: input.note ?? null,
        confirmation: KILL_SWITCH_REARM_CONFIRMATION,
      },
    );
    d.logger.warn('risk', 'kill switch re-armed by the user: entries are allowed again');
    d.onRearmed();
    d.onChange(state);
    return state;
  }

  function poll(): void {
    const now = d.repo.killSwitchRevision();
    if (!now || now.revision === revision) return;
    const row = d.repo.killSwitch();
    const parsed = KillSwitchState.safeParse(row?.state);
    if (!row || !parsed.success) return;
    const was = state;
    state = parsed.data;
    revision = row.revision;
    d.logger.warn(
      'risk',
      `kill switch state written by the ${row.writtenBy === 'cli' ? 'command line' : 'app'}: ${state.engaged ? `engaged (${state.mode})` : 're-armed'}`,
    );
    d.onChange(state);
    if (state.engaged) void run(state.mode ?? 'FREEZE', state.reason ?? 'engaged from the command line', row.revision);
    else {
      d.actions.stop();
      if (was.engaged) d.onRearmed();
      d.repo.markApplied(row.revision);
    }
  }

  function schedule(): void {
    if (closed) return;
    timer = d.scheduler.setTimeout(() => {
      try {
        poll();
      } catch (error) {
        d.logger.warn('risk', 'the kill switch row could not be read', { error });
      }
      schedule();
    }, pollMs);
  }

  return {
    state: () => state,
    engage,
    rearm,
    start() {
      if (unreadable) {
        void engage({ mode: 'FREEZE', reason: 'the stored kill switch state could not be read', by: 'system' });
      } else if (!state.engaged && row && row.appliedRevision < row.revision) {
        // Re-armed from the command line while the app was down: the loss limits restart here.
        d.onRearmed();
        d.repo.markApplied(row.revision);
      } else if (state.engaged) {
        d.logger.warn(
          'risk',
          `the kill switch is still engaged (${state.mode}) since ${new Date(state.engagedAt ?? 0).toISOString()}: ${state.reason ?? ''}`,
        );
        void run(state.mode ?? 'FREEZE', state.reason ?? 'engaged before the restart', revision);
      }
      schedule();
    },
    poll,
    close() {
      closed = true;
      if (timer !== null) d.scheduler.clearTimeout(timer);
      timer = null;
      d.actions.stop();
    },
  };
}
