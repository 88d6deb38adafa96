/**
 * The AI part of the Strategies tab: a switch between the selected strategy's workspace, "Generate
 * with AI" (with its history) and the "AI advisor", and the chosen AI panel.
 */
import { AdvisorPanel } from './AdvisorPanel';
import { GeneratePanel } from './GeneratePanel';
import './ai.css';

export type StrategiesView = 'strategy' | 'generate' | 'advisor';

const VIEWS: readonly { id: StrategiesView; label: string }[] = [
  { id: 'strategy', label: 'Strategy' },
  { id: 'generate', label: 'Generate with AI' },
  { id: 'advisor', label: 'AI advisor' },
];

export function StrategiesViewSwitch({
  view,
  onChange,
}: {
  view: StrategiesView;
  onChange: (view: StrategiesView) => void;
}) {
  return (
    <div className="segmented ai-view-switch" role="group" aria-label="Strategies view">
      {VIEWS.map((v) => (
        <button
          key={v.id}
          type="button"
          className={v.id === view ? 'active' : ''}
          aria-pressed={v.id === view}
          onClick={() => onChange(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

export function AiPanels({ view }: { view: Exclude<StrategiesView, 'strategy'> }) {
  return (
    <div className="ai-panels" data-testid="ai-panels">
      {view === 'generate' ? <GeneratePanel /> : <AdvisorPanel />}
    </div>
  );
}
