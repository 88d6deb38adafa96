/** A backtest's marked equity and its drawdown from the running peak (%), as charts. */
import type { SeriesView } from '../../../../shared/domain/backtest-report';
import { DOWN, UP } from '../market/chart-theme';
import { SeriesChart } from './SeriesChart';

export function EquityChart({ equity }: { equity: SeriesView }) {
  return (
    <SeriesChart series={equity} kind="line" color={UP} label="Equity (marked at each close)" testId="equity-chart" />
  );
}

export function DrawdownChart({ drawdown }: { drawdown: SeriesView }) {
  return (
    <SeriesChart series={drawdown} kind="area" color={DOWN} label="Drawdown from peak (%)" testId="drawdown-chart" />
  );
}
