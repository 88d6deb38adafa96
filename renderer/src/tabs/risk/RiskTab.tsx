import { useInvokeQuery } from '../../client/hooks';
import { BreakersPanel } from './BreakersPanel';
import { ExposurePanel } from './ExposurePanel';
import { KillSwitchPanel } from './KillSwitchPanel';
import { LimitsCard } from './LimitsForm';
import { LossPanel } from './LossPanel';
import { ProtectionPanel } from './ProtectionPanel';
import { VetoLog } from './VetoLog';
import './risk.css';

/** Exposure, loss limits, breakers, the kill switch, the veto log, and every limit to edit. */
export function RiskTab() {
  const overview = useInvokeQuery('risk.overview', {}, { refetchInterval: 2_000 });
  const o = overview.data;
  return (
    <div className="risk-layout">
      <div className="risk-main">
        {overview.error && <section className="card error">{overview.error.message}</section>}
        {!o && !overview.error && <section className="card">Loading the risk overview…</section>}
        {o && (
          <>
            <ExposurePanel overview={o} />
            <LossPanel overview={o} />
            <BreakersPanel overview={o} fetchedAt={overview.dataUpdatedAt} />
            <KillSwitchPanel overview={o} />
            <ProtectionPanel overview={o} />
          </>
        )}
        <VetoLog />
      </div>
      <div className="risk-side">
        <LimitsCard />
      </div>
    </div>
  );
}
