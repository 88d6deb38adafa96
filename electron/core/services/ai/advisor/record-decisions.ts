/**
 * What one advisor answer became, decision by decision: each is carried out (execute-decision.ts),
 * stored with its reasoning and outcome, announced as an ai.advisorDecision event, and, for a BUY
 * or SELL, written to the audit trail. A decision for a symbol the advisor does not watch, or a
 * second one for the same symbol, is SKIPPED. A request that failed, or an answer that could not
 * be used, becomes one ERROR entry per watched symbol, so the decision log shows what went wrong.
 * The request's cost is shared out over its entries.
 */
import type { AdvisorDecision, AdvisorSettings } from '../../../../../shared/domain/ai.js';
import type { AdvisorDeps } from './advisor-service.js';
import type { ProposedDecision } from './advisor-prompt.js';
import { describeVenue } from '../../orders/venue-binding.js';
import { executeDecision, HOLD_OUTCOME, type Outcome } from './execute-decision.js';

export type Proposal = { decisions: ProposedDecision[] } | { error: string };

type RecordDeps = Pick<AdvisorDeps, 'clock' | 'repo' | 'orders' | 'market' | 'audit' | 'emit' | 'newId' | 'logger'>;

/** What happened to one proposal, before it is stored. */
async function outcomeOf(
  d: RecordDeps,
  settings: AdvisorSettings,
  p: ProposedDecision,
  seen: Set<string>,
  venue: string,
): Promise<Outcome> {
  if (!settings.symbols.includes(p.symbol)) {
    return { outcome: 'SKIPPED', outcomeDetail: `${p.symbol} is not a watched symbol`, clientOrderId: null };
  }
  if (seen.has(p.symbol)) {
    return {
      outcome: 'SKIPPED',
      outcomeDetail: `a second decision for ${p.symbol} in the same answer (only the first counts)`,
      clientOrderId: null,
    };
  }
  seen.add(p.symbol);
  if (p.action === 'HOLD') return HOLD_OUTCOME;
  const now = d.orders.status().venue;
  if (now !== venue) {
    // Never sized from, nor sent to, another venue's account.
    return {
      outcome: 'VETOED',
      outcomeDetail: `decided for ${describeVenue(venue)}, but trading is now ${describeVenue(now)}: no order`,
      clientOrderId: null,
    };
  }
  const [portfolio, overview] = await Promise.all([d.orders.portfolio(), d.market.overview()]);
  return executeDecision(
    {
      submit: (request, origin) => d.orders.submit(request, { ...origin, venue }),
      portfolio,
      markets: overview.markets,
      maxOrderPercent: settings.maxOrderPercent,
    },
    p,
  );
}

function audit(d: RecordDeps, decision: AdvisorDecision): void {
  const size = decision.action === 'BUY' ? 'of equity' : 'of the position';
  d.audit.record(
    'ai.advisor',
    'engine',
    `advisor ${decision.action} ${decision.symbol} ${decision.sizePercent}% ${size}: ${decision.outcome} (${decision.outcomeDetail})`,
    {
      decisionId: decision.id,
      symbol: decision.symbol,
      action: decision.action,
      sizePercent: decision.sizePercent,
      outcome: decision.outcome,
      outcomeDetail: decision.outcomeDetail,
      clientOrderId: decision.clientOrderId,
      reasoning: decision.reasoning,
    },
  );
}

export async function recordDecisions(
  d: RecordDeps,
  run: { requestId: number; costUsd: number; settings: AdvisorSettings; proposal: Proposal; venue: string },
): Promise<AdvisorDecision[]> {
  const { settings, proposal } = run;
  const proposals: Array<{ p: ProposedDecision; failed: string | null }> =
    'error' in proposal
      ? settings.symbols.map((symbol) => ({
          p: { symbol, action: 'HOLD', sizePercent: 0, reasoning: '' },
          failed: proposal.error,
        }))
      : proposal.decisions.map((p) => ({ p, failed: null }));
  const share = proposals.length > 0 ? Math.round((run.costUsd / proposals.length) * 1e6) / 1e6 : 0;
  const seen = new Set<string>();
  const out: AdvisorDecision[] = [];
  for (const { p, failed } of proposals) {
    const outcome: Outcome = failed
      ? { outcome: 'ERROR', outcomeDetail: `no decision: ${failed}`, clientOrderId: null }
      : await outcomeOf(d, settings, p, seen, run.venue);
    const decision: AdvisorDecision = {
      id: d.newId(),
      at: d.clock.now(),
      symbol: p.symbol,
      action: p.action,
      sizePercent: p.sizePercent,
      reasoning: p.reasoning,
      ...outcome,
      costUsd: share,
    };
    d.repo.addDecision(run.requestId, decision);
    if (decision.action !== 'HOLD' && !failed) audit(d, decision);
    d.emit(decision);
    out.push(decision);
  }
  return out;
}
