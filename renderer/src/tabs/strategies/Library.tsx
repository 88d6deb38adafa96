/**
 * The strategy library: every saved strategy (most recently updated first) with the grade of its
 * last backtest per symbol and timeframe; New from template and Import JSON add to it.
 */
import { useState } from 'react';
import type { SavedStrategy } from '../../../../shared/domain/strategy-library';
import { useInvokeQuery } from '../../client/hooks';
import { formatPct, formatUtc, signClass } from './format';
import { GradeBadge } from './GradeBadge';
import { ImportButton } from './ImportButton';
import { TemplatePicker } from './TemplatePicker';

type Props = { selectedId: string | null; onSelect: (id: string) => void };

export function Library({ selectedId, onSelect }: Props) {
  const list = useInvokeQuery('strategies.list', {});
  const [picking, setPicking] = useState(false);
  return (
    <section className="card strategy-library" aria-labelledby="library-title" data-testid="strategy-library">
      <div className="card-head">
        <h2 id="library-title">Library</h2>
      </div>
      <div className="library-actions">
        <button type="button" onClick={() => setPicking(true)}>
          New from template
        </button>
        <ImportButton onImported={onSelect} />
      </div>
      {list.error && <p className="error">{list.error.message}</p>}
      {list.data?.length === 0 && (
        <p className="muted small">No strategies yet. Start from a template or import a JSON file.</p>
      )}
      <ul className="library-list" role="listbox" aria-label="Strategies">
        {list.data?.map((s) => (
          <LibraryItem key={s.id} strategy={s} selected={s.id === selectedId} onSelect={() => onSelect(s.id)} />
        ))}
      </ul>
      {picking && (
        <TemplatePicker
          onClose={() => setPicking(false)}
          onCreated={(id) => {
            setPicking(false);
            onSelect(id);
          }}
        />
      )}
    </section>
  );
}

function LibraryItem({
  strategy,
  selected,
  onSelect,
}: {
  strategy: SavedStrategy;
  selected: boolean;
  onSelect: () => void;
}) {
  const d = strategy.definition;
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={0}
      className={`library-item${selected ? ' selected' : ''}`}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') onSelect();
      }}
    >
      <div className="library-name">{strategy.name}</div>
      <div className="muted small">
        {d.kind === 'grid' ? 'grid · ' : ''}
        {d.symbols.join(', ')} · {d.timeframe} · {d.riskLevel.toLowerCase()} risk
      </div>
      {strategy.backtests.length === 0 ? (
        <div className="muted small">Not backtested</div>
      ) : (
        <ul className="library-grades">
          {strategy.backtests.map((b) => (
            <li key={`${b.symbol}|${b.timeframe}`}>
              <GradeBadge grade={b.grade} title={`${b.reasons.join('; ')} (ran ${formatUtc(b.ranAt)} UTC)`} />{' '}
              <span className="small">
                {b.symbol} {b.timeframe}
              </span>{' '}
              <span className={`small library-net ${signClass(b.netProfitPercent)}`}>
                {formatPct(b.netProfitPercent, true)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
