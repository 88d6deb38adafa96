/**
 * Protect mode: when the machine suspends, the screen locks or the network is lost, new entries
 * freeze (each cause only if its setting says so). Resuming lifts the freeze, but entries stay
 * blocked while the kill switch is engaged. With engageKillSwitchOnProtect the start of a freeze
 * also asks for the kill switch (FREEZE, by 'protect'), which then stays until the user re-arms.
 * Pure: events come from the shell's power monitor and the network watcher, with their time.
 */
import type { KillSwitchState, ProtectState, RiskSettings } from '../../../shared/domain/risk.js';
import type { EngageRequest } from './kill-switch.js';

export const PROTECT_EVENTS = [
  'suspend',
  'resume',
  'lock_screen',
  'unlock_screen',
  'network_lost',
  'network_restored',
] as const;
export type ProtectEvent = (typeof PROTECT_EVENTS)[number];

type ProtectOptions = RiskSettings['protect'];

export function initialProtectState(): ProtectState {
  return { suspended: false, screenLocked: false, networkLost: false, changedAt: null };
}

/** Why entries are frozen by protect mode now (e.g. "the system is suspended"), or null. */
export function protectFreezeReason(state: ProtectState, options: ProtectOptions): string | null {
  const causes: string[] = [];
  if (state.suspended && options.freezeOnSuspend) causes.push('the system is suspended');
  if (state.screenLocked && options.freezeOnLock) causes.push('the screen is locked');
  if (state.networkLost && options.freezeOnNetworkLoss) causes.push('the network is lost');
  return causes.length === 0 ? null : causes.join(' and ');
}

export type ProtectTransition = Readonly<{
  state: ProtectState;
  /** Entries are frozen by protect mode after this event. */
  frozen: boolean;
  /** Entries are allowed after this event: not frozen and the kill switch not engaged. */
  entriesAllowed: boolean;
  /** Set when the freeze just started and the settings say the kill switch engages too. */
  engageKillSwitch: EngageRequest | null;
}>;

const FLAGS: Record<ProtectEvent, [keyof Omit<ProtectState, 'changedAt'>, boolean]> = {
  suspend: ['suspended', true],
  resume: ['suspended', false],
  lock_screen: ['screenLocked', true],
  unlock_screen: ['screenLocked', false],
  network_lost: ['networkLost', true],
  network_restored: ['networkLost', false],
};

export function applyProtectEvent(
  state: ProtectState,
  event: ProtectEvent,
  at: number,
  options: ProtectOptions,
  killSwitch: KillSwitchState,
): ProtectTransition {
  const [flag, value] = FLAGS[event];
  const next: ProtectState = state[flag] === value ? state : { ...state, [flag]: value, changedAt: at };
  const wasFrozen = protectFreezeReason(state, options) !== null;
  const reason = protectFreezeReason(next, options);
  const frozen = reason !== null;
  const engageKillSwitch: EngageRequest | null =
    frozen && !wasFrozen && options.engageKillSwitchOnProtect
      ? { mode: 'FREEZE', reason: `protect mode: ${reason}`, by: 'protect', at }
      : null;
  const killSwitchEngaged = killSwitch.engaged || engageKillSwitch !== null;
  return { state: next, frozen, entriesAllowed: !frozen && !killSwitchEngaged, engageKillSwitch };
}
