import { LOG_CATEGORIES, LOG_LEVELS, type LogCategory, type LogLevel } from '../../../../shared/domain/logs';
import { DateRangeFields } from './DateRangeFields';
import { EMPTY_LOG_FILTER, rangeProblem, type LogFilterForm } from './filters';

/** The filter bar of the log entries: levels, category, symbol, time range (UTC), free text. */
export function LogFilters({ form, onChange }: { form: LogFilterForm; onChange: (form: LogFilterForm) => void }) {
  const toggleLevel = (level: LogLevel) =>
    onChange({
      ...form,
      levels: form.levels.includes(level) ? form.levels.filter((l) => l !== level) : [...form.levels, level],
    });
  const problem = rangeProblem(form);
  return (
    <div className="filters" role="group" aria-label="Log filters">
      <fieldset className="levels">
        <legend>Levels</legend>
        {LOG_LEVELS.map((level) => (
          <label key={level} className={`level-toggle level-${level}`}>
            <input type="checkbox" checked={form.levels.includes(level)} onChange={() => toggleLevel(level)} />
            {level}
          </label>
        ))}
      </fieldset>
      <label className="filter-field">
        <span>Category</span>
        <select
          aria-label="Category"
          value={form.category}
          onChange={(e) => onChange({ ...form, category: e.target.value as LogCategory | '' })}
        >
          <option value="">All</option>
          {LOG_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-field">
        <span>Symbol</span>
        <input
          aria-label="Symbol"
          placeholder="BTC/USD"
          size={10}
          value={form.symbol}
          onChange={(e) => onChange({ ...form, symbol: e.target.value })}
        />
      </label>
      <DateRangeFields idPrefix="logs" from={form.from} to={form.to} onChange={(r) => onChange({ ...form, ...r })} />
      <label className="filter-field grow">
        <span>Text</span>
        <input
          aria-label="Search"
          type="search"
          placeholder="Search messages and context"
          value={form.text}
          onChange={(e) => onChange({ ...form, text: e.target.value })}
        />
      </label>
      <button type="button" onClick={() => onChange(EMPTY_LOG_FILTER)}>
        Clear filters
      </button>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
