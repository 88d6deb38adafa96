import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, RiskSettings } from '../../../shared/domain/risk.js';
import { engageKillSwitch, initialKillSwitch } from './kill-switch.js';
import { applyProtectEvent, initialProtectState, protectFreezeReason } from './protect-mode.js';

const options = DEFAULT_RISK_SETTINGS.protect;
const armed = initialKillSwitch();

describe('protect mode', () => {
  it('suspend freezes entries; resume allows them again', () => {
    const suspended = applyProtectEvent(initialProtectState(), 'suspend', 1000, options, armed);
    expect(suspended).toMatchObject({ frozen: true, entriesAllowed: false, engageKillSwitch: null });
    expect(suspended.state).toEqual({ suspended: true, screenLocked: false, networkLost: false, changedAt: 1000 });
    const resumed = applyProtectEvent(suspended.state, 'resume', 2000, options, armed);
    expect(resumed).toMatchObject({ frozen: false, entriesAllowed: true });
  });

  it('after resume, entries stay blocked while the kill switch is engaged', () => {
    const ks = engageKillSwitch(armed, { mode: 'FREEZE', reason: 'x', by: 'user', at: 1 }).state;
    const s = applyProtectEvent(initialProtectState(), 'suspend', 1000, options, ks).state;
    expect(applyProtectEvent(s, 'resume', 2000, options, ks)).toMatchObject({ frozen: false, entriesAllowed: false });
  });

  it('each cause is its own flag: unlocking keeps a network loss frozen', () => {
    let s = applyProtectEvent(initialProtectState(), 'lock_screen', 1, options, armed).state;
    s = applyProtectEvent(s, 'network_lost', 2, options, armed).state;
    expect(protectFreezeReason(s, options)).toBe('the screen is locked and the network is lost');
    const unlocked = applyProtectEvent(s, 'unlock_screen', 3, options, armed);
    expect(unlocked.frozen).toBe(true);
    expect(protectFreezeReason(unlocked.state, options)).toBe('the network is lost');
    expect(applyProtectEvent(unlocked.state, 'network_restored', 4, options, armed).entriesAllowed).toBe(true);
  });

  it('a cause switched off in the settings does not freeze', () => {
    const noNet = RiskSettings.parse({ protect: { freezeOnNetworkLoss: false } }).protect;
    expect(applyProtectEvent(initialProtectState(), 'network_lost', 1, noNet, armed).frozen).toBe(false);
  });

  it('with engageKillSwitchOnProtect, the start of a freeze asks for the kill switch once', () => {
    const engage = RiskSettings.parse({ protect: { engageKillSwitchOnProtect: true } }).protect;
    const first = applyProtectEvent(initialProtectState(), 'suspend', 10, engage, armed);
    expect(first.engageKillSwitch).toEqual({
      mode: 'FREEZE',
      reason: 'protect mode: the system is suspended',
      by: 'protect',
      at: 10,
    });
    expect(first.entriesAllowed).toBe(false);
    // Already frozen: a second cause does not ask again.
    expect(applyProtectEvent(first.state, 'network_lost', 11, engage, armed).engageKillSwitch).toBeNull();
  });

  it('a repeated event changes nothing', () => {
    const s = applyProtectEvent(initialProtectState(), 'suspend', 10, options, armed).state;
    expect(applyProtectEvent(s, 'suspend', 20, options, armed).state).toBe(s);
  });
});
