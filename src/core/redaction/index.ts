export { redact, leakCheck, compileRedactor, applySpans, replacementFor } from './engine';
export type { RedactOptions, RedactionPolicy, RedactionResult, Redactor, PersonReplacement, Leak, Detection, DetectedSpan } from './engine';
export { REDACTED, ALL_KINDS, CONTACT_KINDS } from './types';
export type { Finding, FindingKind, ContactFindingKind, RegisterPerson, Span, Suggestion } from './types';
export { detectMarkdown, markdownReadings, markdownReadingSpans } from './markdown';
export type { ReadingSpans, Range } from './markdown';
