/**
 * The selected strategy: its header, the JSON editor beside the backtest settings and activation,
 * then the backtest result across the full width, then Optimise (parameter sweeps).
 */
import { useMemo } from 'react';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { ActivationPanel } from './ActivationPanel';
import { BacktestPanel } from './BacktestPanel';
import { BacktestResult } from './BacktestResult';
import { Editor } from './Editor';
import { OptimisePanel } from './optimise/OptimisePanel';
import { StrategyHeader } from './StrategyHeader';
import { useBacktest } from './useBacktest';

type Props = { strategy: SavedStrategy; onSelect: (id: string | null) => void };

export function Workspace({ strategy, onSelect }: Props) {
  const backtest = useBacktest(strategy.id);
  const report = backtest.report;
  const latest = useMemo(() => (report ? { symbol: report.symbol, timeframe: report.timeframe } : null), [report]);
  return (
    <>
      <StrategyHeader strategy={strategy} onSelect={onSelect} />
      <div className="strategy-work">
        <Editor key={`${strategy.id}|${strategy.updatedAt}`} strategy={strategy} />
        <div className="strategy-side">
          <BacktestPanel key={strategy.id} strategy={strategy} backtest={backtest} />
          <ActivationPanel key={strategy.id} strategy={strategy} latest={latest} />
        </div>
      </div>
      {report && !backtest.running && <BacktestResult report={report} />}
      <OptimisePanel key={`optimise-${strategy.id}`} strategy={strategy} onSelect={onSelect} />
    </>
  );
}
