/**
 * The reproducible simulator for e2e tests: seed 1 from 2026-01-01 00:00 UTC (the same history every
 * run) at a chosen speed, and waiting until the simulated clock has passed a given time.
 */
import type { Page } from '@playwright/test';

export const SIM_START = Date.parse('2026-01-01T00:00:00Z');

/** The engine's arguments for the seed-1 market from SIM_START, `speed` times faster than real time. */
export function simArgs(speed: number): string[] {
  return ['--sim-seed', '1', '--sim-start', new Date(SIM_START).toISOString(), '--sim-speed', String(speed)];
}

/**
 * On the seed-1 market the 1h ATR grid (the 'atr-grid' template) may buy from 13:00 on the first
 * simulated day: before it the 1h EMA(20) is below EMA(50) (the trend filter), and the ATR jumps more
 * than 30 % at the 12:00 close (a grid that sees that close pauses for a week). Activated after this
 * time it buys at the next closes.
 */
export const GRID_BUYS_FROM = Date.parse('2026-01-01T14:00:00Z');

export type SimClock = {
  speed: number;
  /** The simulated time now, at the earliest (the simulator started before the clock was made). */
  now(): number;
};

/** Make it once the engine has started: from then on the simulated time runs `speed` times faster. */
export function simClock(speed: number, startedAt = Date.now()): SimClock {
  return { speed, now: () => SIM_START + (Date.now() - startedAt) * speed };
}

/** Resolves once the simulated time has passed `at`. */
export async function waitForSimulatedTime(page: Page, clock: SimClock, at: number): Promise<void> {
  const early = at - clock.now();
  if (early > 0) await page.waitForTimeout(Math.ceil(early / clock.speed));
}
