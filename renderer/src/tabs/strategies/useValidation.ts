/**
 * Live validation of the editor's text: JSON syntax here at once, then the engine's rules
 * (strategies.validate: schema, ranges and the condition parser) 400 ms after the last keystroke.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StrategyValidation } from '../../../../shared/domain/strategy-library';
import { useInvokeQuery } from '../../client/hooks';
import { useDebounced } from '../logs/use-debounced';
import { parseJsonText, type ParsedJson } from './json-text';

export type EditorValidation = {
  parsed: ParsedJson;
  /** The engine's answer for the settled text (undefined while it is being asked). */
  result: StrategyValidation | undefined;
  /** The text changed since the answer shown, or the engine has not answered yet. */
  pending: boolean;
  valid: boolean;
  error: string | null;
};

export function useValidation(text: string): EditorValidation {
  const settled = useDebounced(text, 400);
  const parsed = useMemo(() => parseJsonText(text), [text]);
  const settledParsed = useMemo(() => parseJsonText(settled), [settled]);
  const query = useInvokeQuery(
    'strategies.validate',
    { definition: settledParsed.ok ? settledParsed.value : null },
    { enabled: settledParsed.ok, placeholderData: keepPreviousData, staleTime: Infinity },
  );
  const pending = settled !== text || query.isFetching || query.isPlaceholderData;
  const result = parsed.ok ? query.data : undefined;
  return {
    parsed,
    result,
    pending,
    valid: parsed.ok && !pending && result?.ok === true,
    error: query.error?.message ?? null,
  };
}
