import type { UnlockReport } from '../shared/domain';

/** What the renderer knows about the open vault. Dropped, with everything under it, on lock. */
export interface Session {
  readonly path: string;
  readonly name: string;
  readonly report: UnlockReport;
}

export function reportHasProblems(report: UnlockReport): boolean {
  return report.damaged.length > 0 || report.missing.length > 0 || !report.sealIntact || !report.auditChainIntact || !report.schemaIntact;
}

/** Why the vault was locked: the unlock screen says so for anything but the researcher's own lock. */
export type LockReason = 'user' | 'idle' | 'requested' | 'external' | 'panic';
