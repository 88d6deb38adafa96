/** A quality grade as the Strategies tab shows it (GradeBadge), with a test id of its own. */
import type { QualityGrade } from '../../../../../shared/domain/strategy';
import { GradeBadge } from '../GradeBadge';

export function VerdictBadge({ grade, testId }: { grade: QualityGrade; testId?: string }) {
  return (
    <span className="ai-grade" data-testid={testId} data-grade={grade}>
      <GradeBadge grade={grade} />
    </span>
  );
}
