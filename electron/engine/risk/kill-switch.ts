/**
 * The kill switch as a pure state machine. It holds no timers and does nothing itself: engaging
 * answers the list of actions the caller must perform (as data), and the state is persisted by
 * the caller so that it is still engaged after a crash or a restart.
 *
 * - engage is idempotent: engaging the mode already engaged changes nothing.
 * - FLATTEN supersedes FREEZE: FREEZE -> FLATTEN escalates; FREEZE while FLATTEN changes nothing.
 * - only the user re-arms, and only with the confirmation text KILL_SWITCH_REARM_CONFIRMATION.
 */
import {
  KILL_SWITCH_REARM_CONFIRMATION,
  type KillSwitchCause,
  type KillSwitchHistoryEntry,
  type KillSwitchMode,
  type KillSwitchState,
} from '../../../shared/domain/risk.js';

/** Engagements and re-arms kept in the state (the audit trail keeps every one). */
export const KILL_SWITCH_HISTORY_LIMIT = 100;
const MAX_REASON = 500;

/**
 * What the caller must do, in this order. Each action is idempotent, so repeating the list
 * (e.g. at startup while engaged) is safe.
 */
export type KillSwitchAction = 'block_entries' | 'cancel_open_orders' | 'stop_strategies' | 'close_positions';

const FREEZE_ACTIONS: readonly KillSwitchAction[] = ['block_entries', 'cancel_open_orders', 'stop_strategies'];
const FLATTEN_ACTIONS: readonly KillSwitchAction[] = [...FREEZE_ACTIONS, 'close_positions'];

/** The actions a mode requires: FREEZE blocks entries, cancels open orders, stops strategies; FLATTEN also closes positions at market. */
export function killSwitchActions(mode: KillSwitchMode | null): readonly KillSwitchAction[] {
  return mode === 'FLATTEN' ? FLATTEN_ACTIONS : mode === 'FREEZE' ? FREEZE_ACTIONS : [];
}

export function initialKillSwitch(): KillSwitchState {
  return { engaged: false, mode: null, reason: null, engagedAt: null, by: null, history: [] };
}

export type EngageRequest = Readonly<{ mode: KillSwitchMode; reason: string; by: KillSwitchCause; at: number }>;

export type EngageResult = Readonly<{
  state: KillSwitchState;
  /** engaged: was off; escalated: FREEZE became FLATTEN; unchanged: already engaged at this mode or above. */
  outcome: 'engaged' | 'escalated' | 'unchanged';
  /** What the caller must now perform; empty when unchanged. */
  actions: readonly KillSwitchAction[];
}>;

function withHistory(state: KillSwitchState, entry: KillSwitchHistoryEntry): KillSwitchHistoryEntry[] {
  const history = [...state.history, entry];
  return history.slice(Math.max(0, history.length - KILL_SWITCH_HISTORY_LIMIT));
}

function cleanReason(reason: string, fallback: string): string {
  const trimmed = typeof reason === 'string' ? reason.trim() : '';
  return (trimmed.length > 0 ? trimmed : fallback).slice(0, MAX_REASON);
}

export function engageKillSwitch(state: KillSwitchState, request: EngageRequest): EngageResult {
  const reason = cleanReason(request.reason, `engaged by ${request.by}`);
  if (state.engaged && (state.mode === 'FLATTEN' || state.mode === request.mode)) {
    return { state, outcome: 'unchanged', actions: [] };
  }
  const escalates = state.engaged;
  const entry: KillSwitchHistoryEntry = {
    event: escalates ? 'escalated' : 'engaged',
    mode: request.mode,
    reason,
    by: request.by,
    at: request.at,
  };
  const next: KillSwitchState = {
    engaged: true,
    mode: request.mode,
    // An escalation keeps the original engagement's time; the reason and cause say why it is FLATTEN now.
    reason,
    engagedAt: escalates ? (state.engagedAt ?? request.at) : request.at,
    by: request.by,
    history: withHistory(state, entry),
  };
  return { state: next, outcome: escalates ? 'escalated' : 'engaged', actions: killSwitchActions(request.mode) };
}

export type RearmRequest = Readonly<{ at: number; by: 'user'; confirm: string; note?: string }>;

export type RearmResult =
  | Readonly<{ ok: true; state: KillSwitchState; outcome: 'rearmed' | 'unchanged' }>
  | Readonly<{ ok: false; error: string }>;

/** Re-arms (entries allowed again). Refused without the exact confirmation text; a no-op when not engaged. */
export function rearmKillSwitch(state: KillSwitchState, request: RearmRequest): RearmResult {
  if (request.by !== 'user') {
    return { ok: false, error: 'only the user can re-arm the kill switch' };
  }
  if (request.confirm !== KILL_SWITCH_REARM_CONFIRMATION) {
    return {
      ok: false,
      error: `to re-arm trading, type ${KILL_SWITCH_REARM_CONFIRMATION} exactly (the kill switch stays engaged)`,
    };
  }
  if (!state.engaged) return { ok: true, state, outcome: 'unchanged' };
  const entry: KillSwitchHistoryEntry = {
    event: 'rearmed',
    mode: null,
    reason: cleanReason(request.note ?? '', 're-armed by the user'),
    by: 'user',
    at: request.at,
  };
  return {
    ok: true,
    outcome: 'rearmed',
    state: { engaged: false, mode: null, reason: null, engagedAt: null, by: null, history: withHistory(state, entry) },
  };
}

/** A human line for the status bar and the veto message. */
export function describeKillSwitch(state: KillSwitchState): string {
  if (!state.engaged) return 'the kill switch is armed (trading allowed)';
  return `the kill switch is engaged (${state.mode ?? 'FREEZE'}, by ${state.by ?? 'unknown'}: ${state.reason ?? 'no reason given'})`;
}
