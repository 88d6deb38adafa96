/** One gauntlet stage's figures as a table row (grade, trades, net profit, win rate, PF, drawdown, Sharpe). */
import type { StageFigures } from '../../../../../shared/domain/gauntlet';
import { signClass } from '../format';
import { pct } from './format';
import { VerdictBadge } from './VerdictBadge';

export function StageFiguresHead({ first }: { first: string }) {
  return (
    <tr>
      <th>{first}</th>
      <th>Grade</th>
      <th className="num">Trades</th>
      <th className="num">Net profit</th>
      <th className="num">Win rate</th>
      <th className="num">Profit factor</th>
      <th className="num">Max drawdown</th>
      <th className="num">Sharpe</th>
    </tr>
  );
}

export function StageFiguresRow({ label, figures, note }: { label: string; figures: StageFigures; note?: string }) {
  return (
    <tr>
      <td>
        {label}
        {note && <span className="muted small"> {note}</span>}
      </td>
      <td>
        <VerdictBadge grade={figures.grade} />
      </td>
      <td className="num">{figures.trades}</td>
      <td className={`num ${signClass(figures.netProfitPercent)}`}>{pct(figures.netProfitPercent, true)}</td>
      <td className="num">{pct(figures.winRatePercent)}</td>
      <td className="num">{figures.profitFactor === null ? '—' : figures.profitFactor.toFixed(2)}</td>
      <td className="num">{pct(figures.maxDrawdownPercent)}</td>
      <td className="num">{figures.sharpe.toFixed(2)}</td>
    </tr>
  );
}
