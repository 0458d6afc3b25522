import type { DamagedRecord, MissingRecord, Person, RecordKindName, SealDifference, UnlockReport } from '../../shared/domain';
import type { InterviewHead } from '../catalog/heads';
import { RecordKind } from '../vault/format';
import { IntegrityFlag, type KindDifference } from '../vault/store';

/**
 * What the integrity checks found, in the researcher's terms: kinds and codes, never names. Everything here
 * is derived from the row scan, the seal and the last session's encrypted copy (the search cache).
 */
const KIND_NAMES: Readonly<Record<RecordKind, RecordKindName>> = {
  [RecordKind.interview]: 'interview',
  [RecordKind.person]: 'person',
  [RecordKind.audit]: 'audit entry',
  [RecordKind.counters]: 'code counters',
  [RecordKind.history]: 'earlier versions',
  [RecordKind.taxonomy]: 'incident taxonomy',
  [RecordKind.settings]: 'settings',
  [RecordKind.deliveryIdentity]: 'delivery keys',
  [RecordKind.colleague]: 'colleague',
  [RecordKind.received]: 'received brief',
  [RecordKind.travel]: 'travel record',
};

export function kindName(kind: number): RecordKindName | undefined {
  return (KIND_NAMES as Readonly<Record<number, RecordKindName>>)[kind];
}

/** What the last session's copy knew about a record: its kind and code. */
export interface KnownRecords {
  /** The kind the last session's copy knew, else the row's own kind column (a hint: a damaged row's is unproven). */
  readonly kindOf: (id: string) => number | undefined;
  readonly heads: ReadonlyMap<string, InterviewHead>;
  readonly people: ReadonlyMap<string, Person>;
}

function codeOf(known: KnownRecords, id: string): string {
  return known.heads.get(id)?.code ?? known.people.get(id)?.code ?? '';
}

export function describeDamaged(known: KnownRecords, d: DamagedRecord): DamagedRecord {
  const kind = kindName(known.kindOf(d.id) ?? 0);
  const code = codeOf(known, d.id);
  return { ...d, ...(kind ? { kind } : {}), ...(code ? { code } : {}) };
}

export function describeMissing(known: KnownRecords, id: string): MissingRecord {
  const kind = known.kindOf(id) ?? 0;
  return {
    id,
    kind: kindName(kind) ?? 'interview',
    code: codeOf(known, id),
    // A person is held whole in the copy; an interview's notes and summary are not.
    restorable: kind === RecordKind.person && known.people.has(id),
  };
}

export function sealDifferences(list: readonly KindDifference[]): SealDifference[] {
  return list.map((d) => ({ kind: kindName(d.kind)!, sealed: d.sealed, present: d.present }));
}

/** The report's view of the flags sealed in at the last write. */
export function flagsToReport(flags: number): Pick<UnlockReport, 'sealIntact' | 'auditChainIntact' | 'schemaIntact'> {
  return {
    sealIntact: (flags & IntegrityFlag.sealMismatch) === 0,
    auditChainIntact: (flags & IntegrityFlag.auditChainBroken) === 0,
    schemaIntact: (flags & IntegrityFlag.schemaTampered) === 0,
  };
}
