/** Each answer Claude gave (first try, repair round): its validation errors and, when invalid, the raw text. */
import type { GenerationView } from '../../../../../shared/domain/ai';
import { ms, tokens } from './format';

type Attempt = GenerationView['attempts'][number];

function issuePath(path: Attempt['issues'][number]['path']): string {
  return path.length === 0
    ? '(strategy)'
    : path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
}

export function AttemptList({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length === 0) return null;
  return (
    <div className="ai-attempts" data-testid="ai-attempts">
      <h3>Attempts</h3>
      {attempts.map((a) => {
        const valid = a.issues.length === 0;
        return (
          <div key={a.round} className="ai-attempt">
            <div>
              <strong>{a.round === 1 ? 'First answer' : `Repair round ${a.round - 1}`}</strong>{' '}
              <span className={valid ? 'ok small' : 'error small'}>
                {valid ? 'valid' : `${a.issues.length} issue(s)`}
              </span>{' '}
              <span className="muted small">
                {tokens(a.tokensIn)} in / {tokens(a.tokensOut)} out tokens · {ms(a.latencyMs)}
              </span>
            </div>
            {!valid && (
              <ul className="ai-issues">
                {a.issues.map((issue, i) => (
                  <li key={i}>
                    <span className="mono">{issuePath(issue.path)}</span>: {issue.message}
                    {issue.position && (
                      <span className="muted">
                        {' '}
                        (line {issue.position.line}, column {issue.position.column})
                      </span>
                    )}
                    {issue.suggestion && <span className="muted"> — did you mean “{issue.suggestion}”?</span>}
                  </li>
                ))}
              </ul>
            )}
            {!valid && (
              <details className="ai-raw">
                <summary>Raw answer</summary>
                <pre className="mono">{a.rawAnswer}</pre>
              </details>
            )}
          </div>
        );
      })}
    </div>
  );
}
