/**
 * A walk-forward result: the verdict first, in words; the stitched out-of-sample equity (capital
 * carried from window to window) beside each window's in-sample and out-of-sample results with the
 * set chosen in sample; walk-forward efficiency, overfitting and how the chosen values moved.
 */
import type { WalkForwardView } from '../../../../../shared/domain/optimize';
import { UP } from '../../market/chart-theme';
import { formatDate, formatPct, signClass } from '../format';
import { SeriesChart } from '../SeriesChart';

const pctOrDash = (v: number | undefined) => (v === undefined ? '—' : formatPct(v, true));

export function WalkForwardPanel({ wf }: { wf: WalkForwardView }) {
  return (
    <section className="walk-forward" data-testid="walk-forward">
      <p className={`wf-verdict ${wf.verdict.passed ? 'up' : 'down'}`} data-testid="wf-verdict">
        {wf.verdict.headline}
      </p>
      {wf.verdict.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      <dl className="wf-figures small">
        <dt>Out of sample, stitched</dt>
        <dd className={signClass(wf.outOfSampleReturnPercent)}>{formatPct(wf.outOfSampleReturnPercent, true)}</dd>
        <dt>In sample, mean per window</dt>
        <dd>{formatPct(wf.inSampleMeanReturnPercent, true)}</dd>
        <dt>Walk-forward efficiency</dt>
        <dd title="out-of-sample return per year over in-sample return per year: below 0.5 the in-sample results were mostly fitted noise">
          {wf.efficiency === null ? 'n/a' : wf.efficiency.toFixed(2)}
        </dd>
        <dt>Out-of-sample trades, max drawdown</dt>
        <dd>
          {wf.outOfSampleTrades}, {formatPct(wf.outOfSampleMaxDrawdownPercent)}
        </dd>
        <dt>Probability of overfitting (mean)</dt>
        <dd>{wf.pbo === null ? 'n/a' : formatPct(wf.pbo * 100)}</dd>
      </dl>
      <div className="wf-body">
        <SeriesChart
          series={wf.equity}
          kind="line"
          color={UP}
          label="Stitched out-of-sample equity"
          testId="wf-equity-chart"
        />
        <div className="scroll-box">
          <table className="data-table wf-windows" data-testid="wf-windows">
            <thead>
              <tr>
                <th>Window</th>
                <th>Out of sample (UTC)</th>
                <th>Chosen in sample</th>
                <th className="num">In sample</th>
                <th className="num">Out of sample</th>
              </tr>
            </thead>
            <tbody>
              {wf.windows.map((w) => (
                <tr key={w.index}>
                  <td className="num">{w.index + 1}</td>
                  <td
                    className="mono small nowrap"
                    title={`${formatDate(w.outOfSample.start)} to ${formatDate(w.outOfSample.end - 1)}`}
                  >
                    {formatDate(w.outOfSample.start).slice(5)} – {formatDate(w.outOfSample.end - 1).slice(5)}
                  </td>
                  <td className="mono small">
                    {w.values
                      ? Object.entries(w.values).map(([k, v]) => <div key={k}>{`${k}=${v}`}</div>)
                      : 'none qualified'}
                  </td>
                  <td className={`num ${signClass(w.inSampleMetrics?.netProfitPercent ?? null)}`}>
                    {pctOrDash(w.inSampleMetrics?.netProfitPercent)}
                  </td>
                  <td className={`num ${signClass(w.outOfSampleMetrics?.netProfitPercent ?? null)}`}>
                    {pctOrDash(w.outOfSampleMetrics?.netProfitPercent)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {wf.drift.length > 0 && (
        <p className="muted small">
          Chosen values moved:{' '}
          {wf.drift
            .map((d) => `${d.name} changed ${d.changes} times over ${d.spanPercent.toFixed(0)} % of its range`)
            .join('; ')}
          .
        </p>
      )}
    </section>
  );
}
