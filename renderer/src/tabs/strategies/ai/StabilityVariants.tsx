/** The parameter-stability variants (each parameter at -20 % and +20 %), collapsed by default. */
import type { StabilityVariant } from '../../../../../shared/domain/gauntlet';
import { StageFiguresHead, StageFiguresRow } from './StageFiguresRow';

export function StabilityVariants({ variants }: { variants: StabilityVariant[] }) {
  if (variants.length === 0) return <p className="muted small">The strategy has no numeric parameter to vary.</p>;
  return (
    <details className="ai-variants">
      <summary>{variants.length} variants</summary>
      <table className="data-table">
        <thead>
          <StageFiguresHead first="Variant" />
        </thead>
        <tbody>
          {variants.map((v, i) => (
            <StageFiguresRow key={i} label={`${v.passed ? '✓' : '✗'} ${v.parameter} ${v.change}`} figures={v.figures} />
          ))}
        </tbody>
      </table>
    </details>
  );
}
