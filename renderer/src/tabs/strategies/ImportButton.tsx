/**
 * Import JSON: a file picker whose file is parsed here (a syntax error names its line and column)
 * and saved with strategies.create; the engine's validation issues are listed when it refuses.
 */
import { useRef, useState } from 'react';
import { useInvokeMutation } from '../../client/hooks';
import { parseJsonText } from './json-text';

export function ImportButton({ onImported }: { onImported: (id: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const create = useInvokeMutation('strategies.create', ['strategies.list']);
  const [error, setError] = useState<string | null>(null);

  const onFile = async (file: File) => {
    setError(null);
    const parsed = parseJsonText(await file.text());
    if (!parsed.ok) {
      setError(`${file.name} is not valid JSON: ${parsed.error}`);
      return;
    }
    create.mutate(
      { definition: parsed.value },
      {
        onSuccess: (saved) => onImported(saved.id),
        onError: (e) => setError(`${file.name} was not imported: ${e.message}`),
      },
    );
  };

  return (
    <>
      <button type="button" disabled={create.isPending} onClick={() => input.current?.click()}>
        Import JSON
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        aria-label="Strategy file to import"
        data-testid="import-json"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void onFile(file);
        }}
      />
      {error && (
        <p role="alert" className="error small import-error" data-testid="import-error">
          {error}
        </p>
      )}
    </>
  );
}
