/**
 * "Generate with AI": the request form and model, the streaming progress of the job, its result
 * (with Approve / Refine / Discard and Activate), and the history of past generations.
 */
import type { GenerationView } from '../../../../../shared/domain/ai';
import { useApi } from '../../../client/context';
import { useInvokeQuery } from '../../../client/hooks';
import { GenerateForm } from './GenerateForm';
import { GenerationHistory } from './GenerationHistory';
import { GenerationProgress } from './GenerationProgress';
import { GenerationResult } from './GenerationResult';
import { ModelPicker } from './ModelPicker';
import { NeedsKey } from './NeedsKey';
import { useGenerationRun } from './use-generation-run';

export function GeneratePanel() {
  const api = useApi();
  const status = useInvokeQuery('ai.status', {});
  const run = useGenerationRun();
  const keyed = status.data?.keyConfigured === true;

  const refine = (from: GenerationView, request: string) =>
    run.start({
      request,
      symbol: from.symbol,
      timeframe: from.timeframe,
      riskLevel: from.riskLevel,
      refineFrom: from.id,
    });
  const open = (id: string) => {
    api.invoke('ai.generation', { id }).then(run.show, () => undefined);
  };

  return (
    <>
      <div className="ai-generate-layout">
        <section className="card ai-generate-card" aria-labelledby="ai-generate-title" data-testid="ai-generate">
          <h2 id="ai-generate-title">Generate with AI</h2>
          {status.error && <p className="error">{status.error.message}</p>}
          {!status.data && !status.error && <p className="muted">Loading…</p>}
          {status.data && !keyed && <NeedsKey feature="Generating strategies with Claude" />}
          {status.data && keyed && (
            <>
              <p className="muted small">
                Claude writes a strategy from your words. It is checked like a hand-written one, backtested on the last
                30 days and put through the gauntlet; a FAILED verdict can never run.
              </p>
              <ModelPicker status={status.data} />
              <GenerateForm disabled={run.running} onGenerate={run.start} />
              {run.running && (
                <GenerationProgress progress={run.progress} seen={run.phasesSeen} onCancel={run.cancel} />
              )}
              {run.error && (
                <p role="alert" className="error" data-testid="ai-generate-error">
                  {run.error}
                </p>
              )}
            </>
          )}
        </section>
        {keyed && <GenerationHistory selectedId={run.result?.id ?? null} onOpen={open} />}
      </div>
      {run.result && (
        <GenerationResult
          key={run.result.id}
          generation={run.result}
          busy={run.running}
          onChange={run.show}
          onRefine={(request) => run.result && refine(run.result, request)}
        />
      )}
    </>
  );
}
