/**
 * The validation issues of the editor: each with its JSON path, message, line and column in the
 * condition (the faulty part underlined) and the suggestion ("did you mean SMA_20?").
 */
import type { ValidationIssue } from '../../../../shared/domain/strategy-library';
import { formatPath } from './format';

function valueAt(root: unknown, path: (string | number)[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function ConditionExcerpt({ text, offset, length }: { text: string; offset: number; length: number }) {
  const end = Math.min(text.length, offset + Math.max(1, length));
  return (
    <code className="condition-excerpt">
      {text.slice(0, offset)}
      <mark>{text.slice(offset, end) || ' '}</mark>
      {text.slice(end)}
    </code>
  );
}

export function ValidationIssues({ issues, definition }: { issues: ValidationIssue[]; definition: unknown }) {
  return (
    <ul className="validation-issues" data-testid="validation-issues">
      {issues.map((issue, i) => {
        const condition = valueAt(definition, issue.path);
        const p = issue.position;
        return (
          <li key={i}>
            <span className="mono issue-path">{formatPath(issue.path)}</span>
            {p && (
              <span className="muted small">
                {' '}
                line {p.line}, column {p.column}
              </span>
            )}
            : {issue.message}
            {issue.suggestion !== null && <span className="suggestion"> Did you mean {issue.suggestion}?</span>}
            {p && typeof condition === 'string' && (
              <div>
                <ConditionExcerpt text={condition} offset={p.offset} length={p.length} />
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
