/**
 * The request for a generation: what the user wants, on which symbol and timeframe, at which risk
 * level. A timeframe the description states ("on the 4-hour chart") wins over the form's default;
 * one the trader picks in the form wins over the description, and the form says which it used.
 */
import { useState, type FormEvent } from 'react';
import type { GenerateRequest } from '../../../../../shared/domain/ai';
import { TIMEFRAMES, type Timeframe } from '../../../../../shared/domain/market';
import { RISK_LEVELS, type RiskLevel } from '../../../../../shared/domain/strategy';
import { timeframeInText } from '../../../../../shared/domain/timeframe-words';
import { useInvokeQuery } from '../../../client/hooks';

const EXAMPLE = 'Create an aggressive RSI strategy for Bitcoin with a 2% stop';
const DEFAULT_TIMEFRAME: Timeframe = '15m';

export function GenerateForm({
  disabled,
  onGenerate,
}: {
  disabled: boolean;
  onGenerate: (input: Omit<GenerateRequest, 'jobId'>) => void;
}) {
  const overview = useInvokeQuery('market.overview', {});
  const [request, setRequest] = useState('');
  const [chosenSymbol, setSymbol] = useState<string | undefined>(undefined);
  const [picked, setTimeframe] = useState<Timeframe | null>(null);
  const described = timeframeInText(request);
  const timeframe = picked ?? described ?? DEFAULT_TIMEFRAME;
  let source: string | null = null;
  if (picked === null && described !== null) source = `Timeframe ${described}: from your description.`;
  else if (picked !== null && described !== null && described !== picked) {
    source = `Timeframe ${picked}: picked here (your description says ${described}).`;
  }
  const [riskLevel, setRiskLevel] = useState<RiskLevel>('MEDIUM');
  const symbol = chosenSymbol ?? overview.data?.markets[0]?.symbol ?? 'BTC/USD';
  const tooShort = request.trim().length < 3;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (tooShort) return;
    onGenerate({ request: request.trim(), symbol, timeframe, riskLevel });
  };

  return (
    <form className="ai-form" onSubmit={submit} data-testid="ai-generate-form">
      <div className="field">
        <label htmlFor="ai-request">Describe the strategy</label>
        <textarea
          id="ai-request"
          rows={3}
          maxLength={2000}
          placeholder={EXAMPLE}
          value={request}
          onChange={(e) => setRequest(e.target.value)}
        />
      </div>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="ai-symbol">Symbol</label>
          <select id="ai-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
            {(overview.data?.markets ?? [{ symbol }]).map((m) => (
              <option key={m.symbol}>{m.symbol}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ai-timeframe">Timeframe</label>
          <select
            id="ai-timeframe"
            value={timeframe}
            aria-describedby={source ? 'ai-timeframe-source' : undefined}
            onChange={(e) => setTimeframe(e.target.value as Timeframe)}
          >
            {TIMEFRAMES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ai-risk">Risk level</label>
          <select id="ai-risk" value={riskLevel} onChange={(e) => setRiskLevel(e.target.value as RiskLevel)}>
            {RISK_LEVELS.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </div>
        <button type="submit" className="ai-primary" disabled={disabled || tooShort}>
          Generate
        </button>
      </div>
      {source && (
        <p id="ai-timeframe-source" className="muted small" data-testid="ai-timeframe-source">
          {source}
        </p>
      )}
    </form>
  );
}
