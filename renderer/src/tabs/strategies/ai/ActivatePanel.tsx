/**
 * After approval: the saved strategy's activation on the generation's symbol and timeframe, through
 * the Strategies tab's ActivationPanel (the main process decides and gives the reasons it refuses).
 */
import type { GenerationView } from '../../../../../shared/domain/ai';
import { useInvokeQuery } from '../../../client/hooks';
import { ActivationPanel } from '../ActivationPanel';

export function ActivatePanel({ generation, strategyId }: { generation: GenerationView; strategyId: string }) {
  const saved = useInvokeQuery('strategies.get', { id: strategyId });
  if (saved.error) return <p className="error">{saved.error.message}</p>;
  if (!saved.data) return <p className="muted">Loading the saved strategy…</p>;
  return (
    <div className="ai-activate" data-testid="ai-activate">
      <ActivationPanel strategy={saved.data} latest={{ symbol: generation.symbol, timeframe: generation.timeframe }} />
    </div>
  );
}
