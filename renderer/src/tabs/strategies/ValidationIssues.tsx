/**
 * The validation issues of the editor, schema and condition problems together: each with its JSON
 * path, its line and column in the editor (a click selects the faulty part there), the message,
 * the condition with the faulty part underlined and the suggestion ("did you mean SMA_20?").
 */
import type { ValidationIssue } from '../../../../shared/domain/strategy-library';
import { editorPlace, type TextRange } from './editor-place';
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

export function ValidationIssues({
  issues,
  definition,
  text,
  onSelect,
}: {
  issues: ValidationIssue[];
  definition: unknown;
  /** The editor's text, where each issue is placed. */
  text: string;
  onSelect: (range: TextRange) => void;
}) {
  return (
    <ul className="validation-issues" data-testid="validation-issues">
      {issues.map((issue, i) => {
        const condition = valueAt(definition, issue.path);
        const p = issue.position;
        const place = editorPlace(text, issue);
        return (
          <li key={i}>
            <span className="mono issue-path">{formatPath(issue.path)}</span>
            {place && (
              <>
                {' '}
                <button
                  type="button"
                  className="link small"
                  title="Select it in the editor"
                  onClick={() => onSelect(place)}
                >
                  line {place.line}, column {place.column}
                </button>
              </>
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
