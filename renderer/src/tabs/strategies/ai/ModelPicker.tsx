/** The Claude model used for generation and the advisor, chosen from the engine's list (data, not code). */
import type { AiStatus } from '../../../../../shared/domain/ai';
import { useInvokeMutation } from '../../../client/hooks';

export function ModelPicker({ status }: { status: AiStatus }) {
  const setModel = useInvokeMutation('ai.setModel', ['ai.status']);
  const current = status.models.find((m) => m.id === status.model);
  return (
    <div className="field ai-model">
      <label htmlFor="ai-model">Model</label>
      <select
        id="ai-model"
        value={status.model}
        disabled={setModel.isPending}
        onChange={(e) => setModel.mutate({ model: e.target.value })}
      >
        {!current && <option value={status.model}>{status.model}</option>}
        {status.models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      {current && (
        <span className="muted small">
          ${current.inputPerMTok} / ${current.outputPerMTok} per million tokens in / out · prompt {status.promptVersion}
        </span>
      )}
      {setModel.error && (
        <span role="alert" className="error small">
          {setModel.error.message}
        </span>
      )}
    </div>
  );
}
