/** A quality grade (FAILED, ACCEPTABLE, GOOD, EXCELLENT) as a coloured badge. */
import type { QualityGrade } from '../../../../shared/domain/strategy';

export function GradeBadge({ grade, title }: { grade: QualityGrade; title?: string }) {
  return (
    <span className={`grade grade-${grade.toLowerCase()}`} title={title} data-testid="grade-badge">
      {grade}
    </span>
  );
}
