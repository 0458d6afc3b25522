import type { Result } from '../../shared/result';

/** Messages between the thread that owns the window (or the preview server) and the vault worker. */
export interface WorkerRequest {
  readonly id: number;
  readonly operation: unknown;
  readonly payload: unknown;
}

export interface WorkerResponse {
  readonly id: number;
  readonly result: Result<unknown>;
}

export interface WorkerOptions {
  /** Key derivation parameters for new vaults (tests use cheap ones; the app the default). */
  readonly kdf?: { readonly opsLimit: number; readonly memLimitKiB: number };
  /** Tests only (ServiceOptions.readOnlyMedium): every vault opens as if its disk were read-only. */
  readonly readOnlyMedium?: boolean;
}
