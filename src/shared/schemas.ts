import { z } from 'zod';
import { LIMITS } from './limits';

/** Every payload that crosses IPC is parsed with these before anything else sees it. */
const text = (max: number) => z.string().max(max);
const shortText = text(LIMITS.shortText);
const isoDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]);
const recordId = z.string().regex(/^[0-9a-f]{32}$/);

export const placeSchema = z.object({ country: shortText, city: shortText, district: shortText }).strict();

export const interviewFieldsSchema = z
  .object({
    title: text(LIMITS.interviewTitle),
    date: isoDate,
    place: placeSchema,
    languages: z.array(text(LIMITS.language)).max(20),
    interviewer: shortText,
    format: z.enum(['in-person', 'remote', 'phone']),
    incidentTypes: z.array(text(LIMITS.label)).max(100),
    tags: z.array(text(LIMITS.label)).max(200),
    body: text(LIMITS.notes),
    summary: text(LIMITS.summary),
    status: z.enum(['draft', 'reviewed']),
    people: z.array(recordId).max(1000),
  })
  .strict();

const scriptedName = z.object({ latin: shortText, cyrillic: shortText }).strict();

export const consentSchema = z
  .object({
    givenOn: isoDate,
    method: z.enum(['', 'oral', 'written', 'recorded']),
    allowsQuote: z.boolean(),
    allowsName: z.boolean(),
    allowsAudio: z.boolean(),
    shareWith: z.array(shortText).max(50),
    withdrawnOn: isoDate,
  })
  .strict();

export const personFieldsSchema = z
  .object({
    pseudonym: shortText,
    given: scriptedName,
    family: scriptedName,
    patronymic: scriptedName,
    otherSpellings: z.array(shortText).max(100),
    contacts: z
      .array(
        z
          .object({ kind: z.enum(['phone', 'email', 'telegram', 'whatsapp', 'signal', 'other']), value: shortText })
          .strict(),
      )
      .max(100),
    birthDate: isoDate,
    age: text(LIMITS.age),
    gender: text(LIMITS.personDetail),
    nationality: text(LIMITS.personDetail),
    ethnicity: text(LIMITS.personDetail),
    location: shortText,
    role: z.enum(['witness', 'victim', 'defender', 'official', 'other']),
    consent: consentSchema,
    riskNotes: text(LIMITS.riskNotes),
  })
  .strict();

export const interviewFilterSchema = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    country: shortText.optional(),
    place: shortText.optional(),
    incidentType: text(200).optional(),
    tag: text(200).optional(),
    status: z.enum(['draft', 'reviewed']).optional(),
    personId: recordId.optional(),
  })
  .strict();

export const interviewSortSchema = z
  .object({ key: z.enum(['date', 'code', 'title', 'place', 'status', 'updated']), direction: z.enum(['asc', 'desc']) })
  .strict();

const taxonomyId = z.string().min(1).max(100).regex(/^[a-z0-9-]+$/);
export const taxonomySchema = z
  .object({
    groups: z
      .array(
        z
          .object({
            id: taxonomyId,
            label: z.string().min(1).max(200),
            types: z.array(z.object({ id: taxonomyId, label: z.string().min(1).max(200) }).strict()).max(200),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

export const vaultSettingsSchema = z
  .object({
    autoLockMinutes: z.number().int().min(1).max(240),
    searchIncludesPeople: z.boolean(),
    allowList: z.array(z.string().min(1).max(500)).max(2000).readonly(),
    theme: z.enum(['system', 'light', 'dark']),
    // 'system' or a BCP-47-like code ("ru", "ky", "pt-BR"); the renderer falls back when it has no catalog.
    language: z.union([z.literal('system'), z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$/)]),
    // Days (0 = never, at most a year: MAX_BACKUP_REMINDER_DAYS). lastBackupAt is not here: only a backup sets it.
    backupReminderDays: z.number().int().min(0).max(365).optional(),
  })
  .strict();

const exportField = z.enum(['title', 'date', 'place', 'text']);
export const exportOptionsSchema = {
  interviewId: recordId,
  part: z.enum(['summary', 'notes']),
  personMode: z.enum(['redacted', 'pseudonym', 'code']),
};
/** export.forms: the interview and part under review, and the text redacted by hand. */
export const exportFormsSchema = {
  interviewId: recordId,
  part: z.enum(['summary', 'notes']),
  text: z
    .string()
    .max(500)
    .refine((t) => t.trim() !== '', 'Select some text first.'),
};
export const exportDecisionsSchema = z
  .object({
    keep: z.array(z.string().min(1).max(500)).max(5000),
    redact: z.array(z.object({ field: exportField, start: z.number().int().min(0), end: z.number().int().min(0) }).strict()).max(5000),
  })
  .strict();

export const passphraseSchema = z.string().min(1).max(LIMITS.passphrase);
/** Absolute, or from the home folder (~): a relative path would depend on the app's working directory. */
export const vaultPathSchema = z
  .string()
  .min(1)
  .max(LIMITS.vaultPath)
  .refine((p) => /^(~(?=$|[\\/])|\/|[A-Za-z]:[\\/]|\\\\)/.test(p), 'Give the full path of the vault folder (or one starting with ~).');

// ---- briefs (src/shared/brief.ts) ----

/** A brief holds at most this many interviews (chosen by hand or matched by the filter). */
export const BRIEF_MAX_INTERVIEWS = 500;
const personModeSchema = z.enum(['redacted', 'pseudonym', 'code']);
const briefFieldSchema = z.enum(['title', 'method', 'heading', 'details', 'summary', 'quote']);
export const briefRequestSchema = z
  .object({
    title: text(LIMITS.interviewTitle).refine((t) => t.trim() !== '', 'Give the brief a title.'),
    method: text(LIMITS.briefMethod),
    selection: z
      .object({ ids: z.array(recordId).min(1).max(BRIEF_MAX_INTERVIEWS).readonly().optional(), filter: interviewFilterSchema.optional() })
      .strict(),
    content: z.enum(['summary', 'summary-and-quotes']),
    personMode: personModeSchema,
    language: z.enum(['en', 'ru']),
  })
  .strict();
export const briefDecisionsSchema = z
  .object({
    keep: z.array(z.string().min(1).max(500)).max(5000).readonly(),
    redact: z
      .array(z.object({ field: briefFieldSchema, index: z.number().int().min(0).max(100_000), start: z.number().int().min(0), end: z.number().int().min(0) }).strict())
      .max(5000)
      .readonly(),
  })
  .strict();
/** brief.forms: the brief as reviewed and the text redacted by hand in it. */
export const briefFormsSchema = z
  .object({
    request: briefRequestSchema,
    text: z
      .string()
      .max(500)
      .refine((t) => t.trim() !== '', 'Select some text first.'),
  })
  .strict();
export const briefWriteSchema = z
  .object({
    request: briefRequestSchema,
    format: z.enum(['md', 'txt', 'docx', 'pdf']),
    // keyed by 'front' or an interview id
    decisions: z
      .record(z.union([z.literal('front'), recordId]), briefDecisionsSchema)
      .refine((d) => Object.keys(d).length <= BRIEF_MAX_INTERVIEWS + 1, 'Too many decision groups.'),
    path: vaultPathSchema,
    reviewed: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  })
  .strict();

export const recordIdSchema = recordId;
/** A damaged record: its id, or a label for a row whose id is not even Fieldvault's ("stray-3"). */
export const damagedIdSchema = z.union([recordId, z.string().regex(/^stray-[0-9]{1,9}$/)]);
export { isoDate as isoDateSchema };
