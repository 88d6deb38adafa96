import { useState, type FormEvent } from 'react';
import type { InvokeInput, InvokeName } from '../../../../shared/ipc/contract';
import { useInvokeMutation } from '../../client/hooks';

type SettingsPatch = InvokeInput<'settings.update'>;

export type SingleSettingFormProps = {
  /** The input's id; its hint is `${id}-hint`. */
  id: string;
  label: string;
  hint: string;
  /** The stored value as text: the form is mounted once with it and keeps what is typed after the refetch. */
  initial: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  /** The typed text as the settings patch, or the message that says what to type instead. */
  toPatch: (text: string) => SettingsPatch | { inputError: string };
  /** Queries that depend on this setting, refetched after a save (settings.get always). */
  invalidates?: InvokeName[];
};

/** One setting, one field, Save, "Saved." or the reason it was refused (a Settings card's form). */
export function SingleSettingForm(props: SingleSettingFormProps) {
  const update = useInvokeMutation('settings.update', ['settings.get', ...(props.invalidates ?? [])]);
  const [value, setValue] = useState(props.initial);
  const [inputError, setInputError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const patch = props.toPatch(value);
    if ('inputError' in patch) {
      setInputError(patch.inputError);
      return;
    }
    setInputError(null);
    update.mutate(patch, { onSuccess: () => setSaved(true) });
  };
  const problem = inputError ?? update.error?.message ?? null;
  return (
    <form onSubmit={onSubmit} className="inline-form">
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <input
          id={props.id}
          value={value}
          {...(props.placeholder !== undefined ? { placeholder: props.placeholder } : {})}
          {...(props.inputMode !== undefined ? { inputMode: props.inputMode } : {})}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          aria-describedby={`${props.id}-hint`}
        />
        <span id={`${props.id}-hint`} className="muted">
          {props.hint}
        </span>
      </div>
      <button type="submit" disabled={update.isPending}>
        Save
      </button>
      {problem !== null && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      {saved && problem === null && <p className="ok">Saved.</p>}
    </form>
  );
}
