import { describe, expect, it } from 'vitest';
import { KILL_SWITCH_REARM_CONFIRMATION, KillSwitchState } from '../../../shared/domain/risk.js';
import {
  engageKillSwitch,
  initialKillSwitch,
  KILL_SWITCH_HISTORY_LIMIT,
  killSwitchActions,
  rearmKillSwitch,
} from './kill-switch.js';

const T = 1_700_000_000_000;
const freeze = (at = T) => ({ mode: 'FREEZE' as const, reason: 'manual stop', by: 'user' as const, at });
const flatten = (at = T) => ({ mode: 'FLATTEN' as const, reason: 'close everything', by: 'user' as const, at });
const rearm = (at: number, confirm = KILL_SWITCH_REARM_CONFIRMATION) => ({ at, by: 'user' as const, confirm });

describe('kill switch', () => {
  it('FREEZE: blocks entries, cancels open orders, stops strategies (actions as data)', () => {
    const r = engageKillSwitch(initialKillSwitch(), freeze());
    expect(r.outcome).toBe('engaged');
    expect(r.actions).toEqual(['block_entries', 'cancel_open_orders', 'stop_strategies']);
    expect(r.state).toMatchObject({ engaged: true, mode: 'FREEZE', reason: 'manual stop', by: 'user', engagedAt: T });
  });

  it('FLATTEN: freezes, then closes positions at market', () => {
    const r = engageKillSwitch(initialKillSwitch(), flatten());
    expect(r.actions).toEqual(['block_entries', 'cancel_open_orders', 'stop_strategies', 'close_positions']);
  });

  it('engaging the same mode again changes nothing and asks for nothing', () => {
    const first = engageKillSwitch(initialKillSwitch(), freeze());
    const again = engageKillSwitch(first.state, { ...freeze(T + 5), reason: 'drawdown', by: 'drawdown' });
    expect(again.outcome).toBe('unchanged');
    expect(again.actions).toEqual([]);
    expect(again.state).toBe(first.state);
  });

  it('FLATTEN supersedes FREEZE: an escalation keeps the first engagement time', () => {
    const frozen = engageKillSwitch(initialKillSwitch(), freeze()).state;
    const r = engageKillSwitch(frozen, flatten(T + 60_000));
    expect(r.outcome).toBe('escalated');
    expect(r.actions).toContain('close_positions');
    expect(r.state).toMatchObject({ mode: 'FLATTEN', engagedAt: T, reason: 'close everything' });
    expect(r.state.history.map((h) => h.event)).toEqual(['engaged', 'escalated']);
  });

  it('FREEZE while FLATTEN is engaged does not downgrade it', () => {
    const flat = engageKillSwitch(initialKillSwitch(), flatten()).state;
    const r = engageKillSwitch(flat, freeze(T + 1));
    expect(r.outcome).toBe('unchanged');
    expect(r.state.mode).toBe('FLATTEN');
  });

  it('re-arming needs the exact confirmation text; without it the switch stays engaged', () => {
    const engaged = engageKillSwitch(initialKillSwitch(), freeze()).state;
    for (const confirm of ['', 're-arm trading', 'yes']) {
      const r = rearmKillSwitch(engaged, rearm(T + 1, confirm));
      expect(r).toEqual({
        ok: false,
        error: expect.stringContaining(`type ${KILL_SWITCH_REARM_CONFIRMATION} exactly`),
      });
    }
    const r = rearmKillSwitch(engaged, rearm(T + 2));
    if (!r.ok) throw new Error(r.error);
    expect(r.outcome).toBe('rearmed');
    expect(r.state).toMatchObject({ engaged: false, mode: null, reason: null, engagedAt: null, by: null });
    expect(r.state.history.at(-1)).toEqual({
      event: 'rearmed',
      mode: null,
      reason: 're-armed by the user',
      by: 'user',
      at: T + 2,
    });
  });

  it('only the user re-arms', () => {
    const engaged = engageKillSwitch(initialKillSwitch(), { ...freeze(), by: 'drawdown' }).state;
    const r = rearmKillSwitch(engaged, { at: T, by: 'system' as 'user', confirm: KILL_SWITCH_REARM_CONFIRMATION });
    expect(r.ok).toBe(false);
  });

  it('re-arming an armed switch is a no-op', () => {
    const armed = initialKillSwitch();
    expect(rearmKillSwitch(armed, rearm(T))).toEqual({ ok: true, state: armed, outcome: 'unchanged' });
  });

  it('survives a restart: the persisted JSON parses back engaged, with its history', () => {
    const engaged = engageKillSwitch(initialKillSwitch(), { ...flatten(), by: 'daily_loss' }).state;
    const restored = KillSwitchState.parse(JSON.parse(JSON.stringify(engaged)));
    expect(restored).toEqual(engaged);
    expect(killSwitchActions(restored.mode)).toContain('close_positions');
    expect(killSwitchActions(null)).toEqual([]);
  });

  it('keeps the last KILL_SWITCH_HISTORY_LIMIT events', () => {
    let state = initialKillSwitch();
    for (let i = 0; i < 80; i++) {
      state = engageKillSwitch(state, freeze(T + i * 2)).state;
      const r = rearmKillSwitch(state, rearm(T + i * 2 + 1));
      if (r.ok) state = r.state;
    }
    expect(state.history).toHaveLength(KILL_SWITCH_HISTORY_LIMIT);
    expect(state.history.at(-1)?.at).toBe(T + 159);
  });

  it('an empty reason is replaced by who engaged it', () => {
    expect(engageKillSwitch(initialKillSwitch(), { ...freeze(), reason: '  ' }).state.reason).toBe('engaged by user');
  });
});
