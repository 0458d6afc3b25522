import type { OperationName, OperationPayload, OperationResult } from './operations';
import type { Result } from './result';

/** What the preload puts on window.fieldvault: one function per operation, errors as values. */
export type FieldvaultApi = {
  readonly [N in OperationName]: (payload: OperationPayload<N>) => Promise<Result<OperationResult<N>>>;
} & {
  /** Only present inside Electron: the native file dialog for choosing where a vault lives. */
  readonly chooseVaultLocation?: (mode: 'create' | 'open') => Promise<string | null>;
  /** Subscribe to lock events pushed from main (idle, suspend, screen lock). Returns an unsubscribe. */
  readonly onLocked?: (listener: () => void) => () => void;
  readonly platform: 'electron' | 'preview';
};
