/** The equity and drawdown of the gauntlet's 30-day backtest, drawn by the Strategies tab's charts. */
import type { BacktestReport } from '../../../../../shared/domain/backtest-report';
import { DrawdownChart, EquityChart } from '../EquityChart';

export function GauntletEquity({ backtest }: { backtest: BacktestReport }) {
  return (
    <div className="ai-charts">
      <EquityChart equity={backtest.equity} />
      <DrawdownChart drawdown={backtest.drawdown} />
    </div>
  );
}
