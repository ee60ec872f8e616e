import type { ActionState } from '@/helm/useHelmAction';

/** What a running or finished Helm change says. */
export function ActionOutcome({ state }: { state: ActionState }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'running') {
    return (
      <p role="status" className="helm-progress">
        {capitalise(state.action)} in progress…
      </p>
    );
  }
  if (state.phase === 'success') {
    return (
      <p role="status" className="helm-success">
        {state.message}
      </p>
    );
  }
  return (
    <div role="alert" className="error">
      <p>{capitalise(state.action)} failed:</p>
      <pre className="helm-message">{state.message}</pre>
    </div>
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
