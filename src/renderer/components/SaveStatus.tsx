import type { SaveState } from '../hooks/useAutosave';
import { Icon } from './Icon';
import { Spinner } from './Spinner';

/** "Saved", "Saving…" or "Not saved: why", quietly, beside the title. Announced politely. */
export function SaveStatus({ state }: { readonly state: SaveState }) {
  return (
    <span className={`save-status save-status--${state.kind}`} role="status" aria-live="polite">
      {state.kind === 'saved' ? (
        <>
          <Icon name="check" />
          Saved
        </>
      ) : state.kind === 'failed' ? (
        <>
          <Icon name="warning" />
          Not saved: {state.error.message}
        </>
      ) : (
        <>
          <Spinner />
          Saving…
        </>
      )}
    </span>
  );
}
