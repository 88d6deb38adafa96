/** Display helpers of the AI panels: money in USD, percents, durations, phases. */
import type { AiProgress } from '../../../../../shared/domain/ai';

export function usd(value: number): string {
  if (value === 0) return '$0.00';
  if (Math.abs(value) < 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toFixed(2)}`;
}

export function pct(value: number, signed = false): string {
  return `${signed && value > 0 ? '+' : ''}${value.toFixed(2)} %`;
}

export function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function tokens(value: number): string {
  return value.toLocaleString('en-US');
}

export function when(at: number | null): string {
  return at === null ? '—' : new Date(at).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** The phases a generation goes through, in order, as the progress bar names them. */
export const PHASE_STEPS: readonly { phase: AiProgress['phase']; label: string }[] = [
  { phase: 'generating', label: 'Generating' },
  { phase: 'validating', label: 'Validating' },
  { phase: 'repairing', label: 'Repairing' },
  { phase: 'backtesting', label: 'Backtesting' },
  { phase: 'gauntlet', label: 'Gauntlet' },
  { phase: 'done', label: 'Done' },
];
