/** A generated strategy in words (conditions, stop, target, size) with its JSON one click away. */
import type { z } from 'zod';
import type { StrategyDefinitionSchema } from '../../../../../shared/domain/strategy-library';

type Definition = z.infer<typeof StrategyDefinitionSchema>;

function Conditions({ title, items }: { title: string; items: string[] }) {
  return (
    <>
      <dt>{title}</dt>
      <dd>
        {items.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <ul className="ai-conditions">
            {items.map((c, i) => (
              <li key={i} className="mono">
                {c}
              </li>
            ))}
          </ul>
        )}
      </dd>
    </>
  );
}

export function StrategySummary({ strategy, title }: { strategy: Definition; title?: string }) {
  return (
    <div className="ai-strategy" data-testid="ai-strategy">
      <h3>
        {title ?? strategy.name}{' '}
        <span className="muted small">
          {strategy.symbols.join(', ')} · {strategy.timeframe} · risk {strategy.riskLevel}
        </span>
      </h3>
      {strategy.description && <p className="muted small">{strategy.description}</p>}
      <dl className="facts">
        {strategy.kind === 'grid' ? (
          <>
            <dt>Grid</dt>
            <dd>
              {strategy.levelsPerSide} levels per side, {strategy.spacingAtrMultiple} × ATR({strategy.atrPeriod}) apart
            </dd>
            <dt>Trend filter</dt>
            <dd>
              EMA({strategy.trendFilter.fastEma}) above EMA({strategy.trendFilter.slowEma})
            </dd>
            <dt>Capital</dt>
            <dd>{strategy.capitalPerSymbolPercent} % per symbol</dd>
            <dt>Stop loss</dt>
            <dd>{strategy.stopLossPercent === undefined ? 'none' : `${strategy.stopLossPercent} %`}</dd>
          </>
        ) : (
          <>
            <Conditions title="Enter when all hold" items={strategy.entryConditions} />
            <Conditions title="Exit when any holds" items={strategy.exitConditions} />
            <dt>Stop loss</dt>
            <dd>{strategy.stopLossPercent} %</dd>
            <dt>Take profit</dt>
            <dd>
              {strategy.takeProfitPercent} %{' '}
              <span className="muted">
                (reward/risk {(strategy.takeProfitPercent / strategy.stopLossPercent).toFixed(2)})
              </span>
            </dd>
            {strategy.trailingStopPercent !== undefined && (
              <>
                <dt>Trailing stop</dt>
                <dd>{strategy.trailingStopPercent} %</dd>
              </>
            )}
            <dt>Position size</dt>
            <dd>
              {strategy.positionSizePercent} % of equity
              {strategy.sizing && strategy.sizing.method !== 'fixed'
                ? ` (at most; sizing: ${strategy.sizing.method})`
                : ''}
            </dd>
            {strategy.regimeFilter && (
              <>
                <dt>Only in regimes</dt>
                <dd>{strategy.regimeFilter.join(', ')}</dd>
              </>
            )}
          </>
        )}
      </dl>
      <details className="ai-json">
        <summary>Strategy JSON</summary>
        <pre className="mono">{JSON.stringify(strategy, null, 2)}</pre>
      </details>
    </div>
  );
}
