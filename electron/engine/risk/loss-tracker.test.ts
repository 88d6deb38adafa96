import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_SETTINGS, LossTrackerSnapshot, RiskSettings } from '../../../shared/domain/risk.js';
import { Decimal } from '../money/decimal.js';
import {
  assessLosses,
  lossTrackerFromSnapshot,
  lossTrackerToSnapshot,
  markEquity,
  rebaseAfterRearm,
  startLossTracker,
  type LossTrackerState,
} from './loss-tracker.js';

const d = (s: string) => Decimal.parse(s);
const day = (n: number, h = 12) => Date.UTC(2024, 2, n, h);
const settings = DEFAULT_RISK_SETTINGS; // daily loss 5 %, max drawdown 15 %, FREEZE

describe('drawdown from the peak, not from the start (a worked sequence)', () => {
  it('breaches at 10,199 although the account is up 2 % from its start', () => {
    let s = startLossTracker(d('10000'), day(1, 0), 'USD');
    const marks: Array<[number, string, string | null]> = [
      [day(1), '12000', null], // new peak; daily +20 %
      [day(2), '11500', null], // start of day 12,000: -4.17 % today; drawdown 4.17 %
      [day(3), '11000', null], // -4.35 % today; drawdown 8.33 %
      [day(4), '10500', null], // -4.55 % today; drawdown 12.5 %
      [day(5, 6), '10200', null], // -2.86 % today; drawdown exactly 15 %: at the limit passes
      [day(5), '10199', 'drawdown'], // drawdown 15.0083 % from the 12,000 peak: beyond
    ];
    for (const [at, equity, breach] of marks) {
      const r = markEquity(s, d(equity), at, settings);
      expect(r.breaches.map((b) => b.by)).toEqual(breach ? [breach] : []);
      s = r.state;
      if (breach) {
        expect(r.engage).toMatchObject({ mode: 'FREEZE', by: 'drawdown', at });
        expect(r.breaches[0]!.violation.message).toContain(
          'the drawdown of 1,801.00 USD (15.01 % below the equity peak 12,000.00 USD) is beyond the maximum drawdown of 15 % (1,800.00 USD)',
        );
      }
    }
    expect(s.peakEquity.toString()).toBe('12000');
    expect(s.peakAt).toBe(day(1));
  });
});

describe('daily loss from start-of-day equity, UTC days', () => {
  const start = () => startLossTracker(d('10000'), day(1, 0), 'USD');

  it('5 % passes, beyond breaches and asks for the kill switch', () => {
    expect(markEquity(start(), d('9500'), day(1), settings).engage).toBeNull();
    const r = markEquity(start(), d('9499'), day(1), settings);
    expect(r.engage).toMatchObject({ mode: 'FREEZE', by: 'daily_loss' });
    expect(r.breaches[0]!.violation.details).toMatchObject({ loss: '501', limit: '500', startOfDayEquity: '10000' });
  });

  it('resets at 00:00 UTC to the equity as the previous day ended', () => {
    let s = start();
    s = markEquity(s, d('9600'), Date.UTC(2024, 2, 1, 23, 59, 59, 999), settings).state; // -4 %
    // One millisecond before midnight, 9,400 would be -6 % of the day's 10,000.
    expect(assessLosses(s, d('9400'), Date.UTC(2024, 2, 1, 23, 59, 59, 999), settings).daily.breached).toBe(true);
    // At midnight the day starts again from 9,600: 9,400 is -2.08 %.
    const r = markEquity(s, d('9400'), Date.UTC(2024, 2, 2), settings);
    expect(r.breaches).toEqual([]);
    expect(r.state.dayStart).toBe(Date.UTC(2024, 2, 2));
    expect(r.state.startOfDayEquity.toString()).toBe('9600');
  });

  it('after a gap of more than a day, the first mark starts the day', () => {
    const s = markEquity(start(), d('9000'), day(4), settings);
    expect(s.state.startOfDayEquity.toString()).toBe('9000');
    expect(s.breaches).toEqual([]);
  });

  it('can be switched off', () => {
    const off = RiskSettings.parse({ dailyLoss: { enabled: false } });
    expect(markEquity(start(), d('9000'), day(1), off).breaches).toEqual([]);
  });

  it('ignores a mark older than the last one', () => {
    const s = markEquity(start(), d('9900'), day(1), settings).state;
    expect(markEquity(s, d('1'), day(1) - 1, settings).state).toBe(s);
  });
});

describe('after a re-arm', () => {
  it('restarts the breached measure from the current equity, not the other', () => {
    let s: LossTrackerState = startLossTracker(d('10000'), day(1, 0), 'USD');
    s = markEquity(s, d('12000'), day(1, 1), settings).state;
    s = markEquity(s, d('11500'), day(2), settings).state;
    const breached = markEquity(s, d('10100'), day(3), settings); // daily -12.2 %, drawdown 15.83 %
    expect(breached.breaches.map((b) => b.by)).toEqual(['daily_loss', 'drawdown']);
    const rebased = rebaseAfterRearm(breached.state, d('10100'), day(3, 13), settings);
    expect(rebased.peakEquity.toString()).toBe('10100');
    expect(rebased.startOfDayEquity.toString()).toBe('10100');
    expect(markEquity(rebased, d('10000'), day(3, 14), settings).breaches).toEqual([]);
  });
});

describe('persistence', () => {
  it('round-trips through the shared snapshot schema', () => {
    const s = markEquity(startLossTracker(d('10000.5'), day(1, 0), 'USD'), d('10200.25'), day(1), settings).state;
    const snapshot = LossTrackerSnapshot.parse(JSON.parse(JSON.stringify(lossTrackerToSnapshot(s))));
    expect(lossTrackerFromSnapshot(snapshot)).toEqual(s);
  });
});
