import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { scrollToReveal, visibleRange } from './virtual-range';

type Props<T> = {
  items: readonly T[];
  rowHeight: number;
  getKey: (item: T) => string | number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  selectedKey?: string | number | null;
  onSelect?: (item: T) => void;
  /** Called when the last rows come into view (load older entries). */
  onNearEnd?: () => void;
  testId?: string;
};

/**
 * A list of fixed-height rows that renders only those in view (plus a few above and below), so
 * 100,000 entries scroll as smoothly as 100. When rows are added at the top while the user is
 * reading further down, the scroll position moves with them and what is on screen stays put.
 */
export function VirtualList<T>(props: Props<T>) {
  const { items, rowHeight, getKey } = props;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  const firstKey = useRef<string | number | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (el === null) return;
    // The first observation arrives right after observe(): no need to measure here.
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the rows on screen in place when newer rows are prepended above them.
  useLayoutEffect(() => {
    const el = ref.current;
    const previous = firstKey.current;
    firstKey.current = items.length > 0 ? getKey(items[0] as T) : null;
    if (el === null || previous === null || el.scrollTop === 0) return;
    const limit = Math.min(items.length, 50_000);
    for (let i = 0; i < limit; i += 1) {
      if (getKey(items[i] as T) === previous) {
        if (i > 0) el.scrollTop += i * rowHeight;
        return;
      }
    }
  }, [items, getKey, rowHeight]);

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, items.length);
  const nearEnd = end >= items.length - 20;
  const { onNearEnd } = props;
  useEffect(() => {
    if (nearEnd && items.length > 0) onNearEnd?.();
  }, [nearEnd, items.length, onNearEnd]);

  const selectedIndex =
    props.selectedKey === null || props.selectedKey === undefined
      ? -1
      : items.findIndex((item) => getKey(item) === props.selectedKey);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = ref.current;
    if (el === null || items.length === 0) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[e.key];
    if (step === undefined && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? items.length - 1
          : Math.max(0, Math.min(items.length - 1, selectedIndex + (step ?? 0)));
    const item = items[next];
    if (item !== undefined) props.onSelect?.(item);
    el.scrollTop = scrollToReveal(next, el.scrollTop, el.clientHeight, rowHeight);
  };

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i += 1) {
    const item = items[i] as T;
    const key = getKey(item);
    rows.push(
      <div
        key={key}
        role="option"
        id={`${props.testId ?? 'row'}-${key}`}
        aria-selected={key === props.selectedKey}
        className={`vrow${key === props.selectedKey ? ' selected' : ''}`}
        style={{ top: i * rowHeight, height: rowHeight }}
        onClick={() => props.onSelect?.(item)}
      >
        {props.renderRow(item, i)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      className="vlist"
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      data-testid={props.testId}
      data-rows={items.length}
      aria-activedescendant={selectedIndex >= 0 ? `${props.testId ?? 'row'}-${props.selectedKey}` : undefined}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="vlist-spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
