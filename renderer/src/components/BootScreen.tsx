import { bootPercent, bootSecondsLeft, type BootStatus } from '../../../shared/domain/boot';
import { formatCount } from '../../../shared/format/numbers';
import './boot.css';

function seconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

type Converting = Extract<BootStatus, { phase: 'converting-candles' }>;

function ConversionProgress({ status }: { status: Converting }) {
  const percent = bootPercent(status);
  const left = bootSecondsLeft(status);
  return (
    <>
      <h2>Converting stored candles into blocks</h2>
      <p className="boot-note">
        Once, after this update: the candle history moves into compressed column blocks (about a tenth of the disk,
        reads about ten times faster). Trading starts when it ends.
      </p>
      <progress aria-label="Candles converted" max={Math.max(1, status.total)} value={status.converted} />
      <p className="boot-figures">
        <strong>
          {formatCount(status.converted)} of {formatCount(status.total)} candles ({percent} %)
        </strong>
        <span>
          {seconds(status.elapsedMs)} so far{left !== null ? `, about ${seconds(left * 1000)} left` : ''}
        </span>
      </p>
      {status.series !== '' && <p className="boot-series">Now: {status.series}</p>}
      <p className="boot-safe">
        Safe to quit: the conversion resumes where it stopped, and the candles not converted yet stay where they are
        until it ends.
      </p>
    </>
  );
}

/** The engine's start: nothing for a normal start (it takes a moment), the conversion's progress when there is one. */
export function BootScreen({ status, problem }: { status: BootStatus | null; problem: string | null }) {
  return (
    <div className="boot" role="status" aria-live="polite">
      <div className="boot-card">
        <h1>Trading Workstation</h1>
        {status?.phase === 'converting-candles' ? (
          <ConversionProgress status={status} />
        ) : (
          <p className="boot-note">Starting the engine…</p>
        )}
        {problem !== null && <p className="boot-problem">{problem}</p>}
      </div>
    </div>
  );
}
