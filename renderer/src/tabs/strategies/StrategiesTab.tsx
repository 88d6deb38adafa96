/**
 * The Strategies tab: the library in a left column; the main area holds the selected strategy's
 * workspace (definition, backtest, activation, result) and the running strategies. Further panels
 * (the AI generator) take their place as sections of the main area.
 */
import { useState } from 'react';
import { useInvokeQuery } from '../../client/hooks';
import { AiPanels, StrategiesViewSwitch, type StrategiesView } from './ai/AiPanels';
import { Library } from './Library';
import { RunsPanel } from './RunsPanel';
import { ArenaAdvisors } from './arena/ArenaAdvisors';
import { Leaderboard } from './arena/Leaderboard';
import { Workspace } from './Workspace';
import './strategies.css';

export function StrategiesTab() {
  const list = useInvokeQuery('strategies.list', {});
  const [chosen, setChosen] = useState<string | null>(null);
  const [view, setView] = useState<StrategiesView>('strategy');
  const [run, setRun] = useState<string | null>(null);
  const [advisor, setAdvisor] = useState<string | null>(null);
  const strategy = list.data?.find((s) => s.id === chosen) ?? (chosen === null ? list.data?.[0] : undefined);
  return (
    <div className="strategies-layout">
      <aside className="strategies-library">
        <Library
          selectedId={strategy?.id ?? null}
          onSelect={(id) => {
            setChosen(id);
            setView('strategy');
          }}
        />
      </aside>
      <div className="strategies-main">
        <StrategiesViewSwitch view={view} onChange={setView} />
        {view !== 'strategy' ? (
          <AiPanels view={view} />
        ) : strategy ? (
          <Workspace key={strategy.id} strategy={strategy} onSelect={setChosen} />
        ) : (
          list.data && (
            <section className="card muted" data-testid="no-strategy">
              {list.data.length === 0
                ? 'Create a strategy from a template or import one to edit, backtest and run it.'
                : 'Choose a strategy in the library.'}
            </section>
          )
        )}
        <RunsPanel chosen={run} onChoose={setRun} />
        <Leaderboard onSelect={(row) => (row.kind === 'advisor' ? setAdvisor(row.runId) : setRun(row.runId))} />
        <ArenaAdvisors chosen={advisor} onChoose={setAdvisor} />
      </div>
    </div>
  );
}
