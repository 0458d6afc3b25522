import { z } from 'zod';
import type {
  AuditEntry,
  ExportForms,
  ExportResult,
  ExportReview,
  Interview,
  InterviewRevisionInfo,
  InterviewSummaryRow,
  Person,
  SearchHit,
  Taxonomy,
  UnlockReport,
  VaultSettings,
  VaultState,
} from './domain';
import type { BriefForms, BriefResult, BriefReview } from './brief';
import type { PassphraseAssessment } from './passphrase';
import { backupOperationSchemas, type BackupOperationResults } from './backup';
import { deliverySchemas, type DeliveryResults } from './delivery';
import { travelOperationSchemas, type TravelOperationResults } from './travel';
import {
  briefFormsSchema,
  briefRequestSchema,
  briefWriteSchema,
  interviewFilterSchema,
  interviewSortSchema,
  taxonomySchema,
  vaultSettingsSchema,
  exportDecisionsSchema,
  exportFormsSchema,
  exportOptionsSchema,
  interviewFieldsSchema,
  passphraseSchema,
  personFieldsSchema,
  recordIdSchema,
  damagedIdSchema,
  vaultPathSchema,
} from './schemas';

/**
 * The contract between renderer and core: one entry per operation, its payload schema and result type.
 * The preload exposes exactly these names; the router dispatches exactly these names.
 */
export const operationSchemas = {
  'vault.status': z.object({}).strict(),
  'vault.create': z.object({ path: vaultPathSchema, passphrase: passphraseSchema }).strict(),
  'vault.unlock': z.object({ path: vaultPathSchema, passphrase: passphraseSchema, removeForeignObjects: z.boolean().optional() }).strict(),
  /** reason: why, for the audit log's lock entry (user: the button or shortcut; idle: auto-lock; requested and system: main asked). */
  'vault.lock': z.object({ reason: z.enum(['user', 'idle', 'requested', 'system']).optional() }).strict(),
  'vault.changePassphrase': z.object({ current: passphraseSchema, next: passphraseSchema, reencrypt: z.boolean().optional() }).strict(),
  'vault.acknowledgeIntegrity': z.object({}).strict(),
  /** The passphrase policy's verdict, for the meter; works while locked. userInputs: the vault's path. */
  'passphrase.assess': z.object({ passphrase: passphraseSchema, userInputs: z.array(z.string().max(1024)).max(8).optional() }).strict(),
  'vault.removeDamaged': z.object({ id: damagedIdSchema }).strict(),
  'vault.restoreRecord': z.object({ id: recordIdSchema }).strict(),
  'interviews.list': z.object({ filter: interviewFilterSchema.optional(), sort: interviewSortSchema.optional() }).strict(),
  'interviews.get': z.object({ id: recordIdSchema }).strict(),
  'interviews.create': z.object({ fields: interviewFieldsSchema.partial() }).strict(),
  'interviews.update': z
    .object({ id: recordIdSchema, revision: z.number().int().nonnegative(), fields: interviewFieldsSchema.partial() })
    .strict(),
  'interviews.delete': z.object({ id: recordIdSchema }).strict(),
  'interviews.revisions': z.object({ id: recordIdSchema }).strict(),
  'interviews.revision': z.object({ id: recordIdSchema, revisionId: z.string().regex(/^[0-9a-f]{32}$/) }).strict(),
  'interviews.restoreRevision': z
    .object({ id: recordIdSchema, revisionId: z.string().regex(/^[0-9a-f]{32}$/), revision: z.number().int().nonnegative() })
    .strict(),
  'people.list': z.object({}).strict(),
  'people.get': z.object({ id: recordIdSchema }).strict(),
  'people.create': z.object({ fields: personFieldsSchema.partial() }).strict(),
  'people.update': z
    .object({ id: recordIdSchema, revision: z.number().int().nonnegative(), fields: personFieldsSchema.partial() })
    .strict(),
  'people.delete': z.object({ id: recordIdSchema }).strict(),
  'people.interviews': z.object({ id: recordIdSchema }).strict(),
  'search.query': z
    .object({
      query: z.string().max(500),
      limit: z.number().int().min(1).max(500).optional(),
      kinds: z.array(z.enum(['interview', 'person'])).min(1).max(2).optional(),
      filter: interviewFilterSchema.optional(),
    })
    .strict(),
  'audit.list': z.object({}).strict(),
  'taxonomy.get': z.object({}).strict(),
  'taxonomy.update': z.object({ taxonomy: taxonomySchema }).strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': z.object({ settings: vaultSettingsSchema.partial() }).strict(),
  'export.review': z.object(exportOptionsSchema).strict(),
  'export.write': z
    .object({ ...exportOptionsSchema, format: z.enum(['md', 'txt']), decisions: exportDecisionsSchema, path: vaultPathSchema, reviewed: z.string().regex(/^[0-9a-f]{64}$/).optional() })
    .strict(),
  'export.forms': z.object(exportFormsSchema).strict(),
  /** A brief across many interviews: review (findings grouped by interview), then write (md, txt, docx, pdf). */
  'brief.review': briefRequestSchema,
  /** The other forms of a text redacted by hand in the brief's review, across all its texts (as export.forms). */
  'brief.forms': briefFormsSchema,
  'brief.write': briefWriteSchema,
  /** Backups (src/shared/backup.ts): create and status need an unlocked vault; restore works while locked. */
  ...backupOperationSchemas,
  /** Sealed delivery (src/shared/delivery.ts): the card, colleagues, brief.seal and the Received area. */
  ...deliverySchemas,
  /** Travel mode (src/shared/travel.ts): the register leaves for a package before a crossing and comes back after. */
  ...travelOperationSchemas,
} as const;

export type OperationName = keyof typeof operationSchemas;
export type OperationPayload<N extends OperationName> = z.infer<(typeof operationSchemas)[N]>;

export interface OperationResults extends BackupOperationResults, DeliveryResults, TravelOperationResults {
  'vault.status': VaultState;
  'vault.create': UnlockReport;
  'vault.unlock': UnlockReport;
  'vault.lock': null;
  'vault.changePassphrase': null;
  'vault.acknowledgeIntegrity': UnlockReport;
  'passphrase.assess': PassphraseAssessment;
  'vault.removeDamaged': UnlockReport;
  'vault.restoreRecord': UnlockReport;
  'interviews.list': readonly InterviewSummaryRow[];
  'interviews.get': Interview;
  'interviews.create': Interview;
  'interviews.update': Interview;
  'interviews.delete': null;
  'interviews.revisions': readonly InterviewRevisionInfo[];
  'interviews.revision': Interview;
  'interviews.restoreRevision': Interview;
  'people.list': readonly Person[];
  'people.get': Person;
  'people.create': Person;
  'people.update': Person;
  'people.delete': null;
  'people.interviews': readonly InterviewSummaryRow[];
  'search.query': readonly SearchHit[];
  'audit.list': readonly AuditEntry[];
  'taxonomy.get': Taxonomy;
  'taxonomy.update': Taxonomy;
  'settings.get': VaultSettings;
  'settings.update': VaultSettings;
  'export.review': ExportReview;
  'export.write': ExportResult;
  'export.forms': ExportForms;
  'brief.review': BriefReview;
  'brief.forms': BriefForms;
  'brief.write': BriefResult;
}

export type OperationResult<N extends OperationName> = OperationResults[N];

export const operationNames = Object.keys(operationSchemas) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operationSchemas, name);
}
