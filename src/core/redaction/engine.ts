import { allowRanges, compileAllow, type AllowList } from './allow';
import { tokenise, type Token } from './keys';
import { compileNames, type NameMatcher } from './matcher';
import { normalise, toOriginal, type Normalised } from './normalise';
import { findPersonContacts, indexContacts, type ContactIndex } from './person-contacts';
import { recogniseAddresses } from './recognisers/address';
import { recogniseBirthDates } from './recognisers/birth-date';
import { recogniseEmails } from './recognisers/email';
import { recogniseIdNumbers } from './recognisers/id-number';
import { recogniseHandles } from './recognisers/messenger';
import { isGivenName, suggestNames } from './recognisers/names';
import { judgePhone, recognisePhones } from './recognisers/phone';
import { recogniseLocations } from './recognisers/geo';
import type { Recogniser } from './recognisers/util';
import { REDACTED, type Finding, type FindingKind, type RegisterPerson, type Span, type Suggestion } from './types';

/**
 * The redaction engine. Order of work on the normalised text: register identities (names in every form, then the
 * people's own contacts), then contact patterns; allow-listed ranges are taken out; confident findings become
 * redactions (overlaps merged), uncertain ones become suggestions for the reviewer. All offsets returned are
 * JavaScript string offsets into the ORIGINAL input.
 */

export type PersonReplacement = 'redacted' | 'pseudonym' | 'code';

export interface RedactionPolicy {
  /** What a register person becomes: `[REDACTED]` (default), their pseudonym, or their code (W-017). */
  readonly person?: PersonReplacement;
  /** Findings at or above this confidence are redacted; below it they are suggestions. Default 0.5. */
  readonly threshold?: number;
}

export interface RedactOptions {
  readonly people?: readonly RegisterPerson[];
  readonly allow?: readonly string[];
  readonly policy?: RedactionPolicy;
}

export interface RedactedSpan extends Span {
  readonly replacement: string;
}

export interface RedactionResult {
  readonly text: string;
  readonly spans: readonly Span[];
  readonly suggestions: readonly Suggestion[];
}

export interface DetectedSpan extends Span {
  /** The register people this span names; empty when it cannot be one person for sure (then it reads [REDACTED]). */
  readonly people: readonly number[];
  /** Why a reviewer should look at this redaction (a relative sharing a register surname, say). */
  readonly reason?: string;
}

export interface Detection {
  /** Confident findings, merged, in original offsets. */
  readonly spans: readonly DetectedSpan[];
  readonly suggestions: readonly Suggestion[];
}

const PATTERN_RECOGNISERS: readonly Recogniser[] = [recognisePhones, recogniseEmails, recogniseHandles, recogniseIdNumbers, recogniseBirthDates, recogniseAddresses, recogniseLocations];
const DEFAULT_THRESHOLD = 0.5;

/** A register and allow-list compiled once (at unlock, or once per CLI run) and used for many texts. */
export interface Redactor {
  readonly people: readonly RegisterPerson[];
  detect(text: string, policy?: RedactionPolicy): Detection;
  redact(text: string, policy?: RedactionPolicy): RedactionResult;
}

interface Compiled {
  readonly names: NameMatcher;
  readonly codes: CodeIndex;
  readonly contacts: ContactIndex;
  readonly allow: AllowList;
}

function within(inner: { start: number; end: number }, outer: { start: number; end: number }): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/** Kind of a merged span: a contact detail wins over a name (it must always read [REDACTED]); then the longer finding. */
function rank(f: Finding): number {
  return (f.kind === 'person' ? 0 : 1e6) + (f.end - f.start) * 10 + f.confidence;
}

const MIXED = 'a register name next to a name that is not that person\'s (a relative?): redacted whole, never as the register person';

function nameFindings(n: Normalised, tokens: readonly Token[], names: NameMatcher): Finding[] {
  return names.scan(tokens, isGivenName).map((m) => {
    const last = tokens[m.last]!;
    const end = last.initial ? last.end + 1 : last.end;
    const base = { start: tokens[m.first]!.start, end: Math.min(end, n.text.length), kind: 'person' as const, confidence: 1, source: `register:${m.part}` };
    return m.foreignNeighbour ? { ...base, people: [], mixed: true, reason: MIXED } : { ...base, people: m.people };
  });
}

/** Register codes written in the text (W-017): they follow the chosen replacement, like the name does. */
interface CodeIndex {
  /** Folded key (letters and digits only) → where the code allows a separator: after these many key characters. */
  readonly shapes: ReadonlyMap<string, readonly ReadonlySet<number>[]>;
  readonly byCode: ReadonlyMap<string, number>;
  readonly longest: number;
  /** The folded first characters of every code: most words start with none of them and are passed over at once. */
  readonly firsts: ReadonlySet<string>;
  /** A word's start with one of those first characters (case-insensitive). */
  readonly starts: RegExp;
}

/** A code without its separators, upper case: W-001, W–001, W 001 and w001 are one code. */
function codeKey(code: string): string {
  return code.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

/** One character as a case-insensitive regular expression compares it (simple case folding, then upper case). */
const fold = (ch: string): string => ch.toLowerCase().toUpperCase();

export function indexCodes(people: readonly RegisterPerson[]): CodeIndex {
  const byCode = new Map<string, number>();
  const shapes = new Map<string, Set<number>[]>();
  const firsts = new Set<string>();
  let longest = 0;
  people.forEach((p, i) => {
    const code = p.code?.trim();
    if (!code || codeKey(code) === '') return;
    byCode.set(codeKey(code), i);
    // Between its letter and digit runs, any dash or a space, or nothing.
    const runs = code.match(/[\p{L}]+|[\p{N}]+/gu) ?? [];
    let key = '';
    const gaps = new Set<number>();
    runs.forEach((r, k) => {
      if (k > 0) gaps.add(key.length);
      key += [...r].map(fold).join('');
    });
    const list = shapes.get(key) ?? [];
    list.push(gaps);
    shapes.set(key, list);
    firsts.add(fold(String.fromCodePoint(runs[0]!.codePointAt(0)!)));
    longest = Math.max(longest, key.length);
  });
  const chars = [...firsts].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('');
  const starts = new RegExp(`(?<![\\p{L}\\p{N}_-])[${chars || '\\p{L}\\p{N}'}]`, 'giu');
  return { shapes, byCode, longest, firsts, starts };
}

const CODE_CHAR = /[\p{L}\p{N}]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const CODE_GAP = /[\s\-‐‑‒–—]/u;
const DASH = /[-‐‑‒–—]/u;

/**
 * Codes in a text, as the pattern "a code's letter and digit runs, each pair joined by at most one dash or space,
 * case-insensitive, not inside a longer word, not followed by a dash and a digit" finds them, longest first. One
 * bounded walk from each word's start: linear in the text, whatever the register's size (one alternation of every
 * code was tried at every position, which on a long note cost seconds).
 */
export function codeFindings(text: string, codes: CodeIndex): Finding[] {
  if (codes.byCode.size === 0) return [];
  const out: Finding[] = [];
  const starts = new RegExp(codes.starts);
  for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
    const start = m.index;
    if (!codes.firsts.has(fold(m[0]))) continue;
    let key = '';
    const gaps: number[] = [];
    let best = -1;
    let at = start;
    while (at < text.length && key.length <= codes.longest) {
      const cp = text.codePointAt(at)!;
      const ch = String.fromCodePoint(cp);
      if (!CODE_CHAR.test(ch)) break;
      key += fold(ch);
      at += ch.length;
      const next = at < text.length ? String.fromCodePoint(text.codePointAt(at)!) : '';
      // The end of a run of letters and digits: a candidate end, if nothing word-like or "-5" follows.
      if (next === '' || !CODE_CHAR.test(next)) {
        const blocked = (next !== '' && WORD_CHAR.test(next)) || (DASH.test(next) && /\d/.test(text[at + 1] ?? ''));
        if (!blocked && shapeFits(codes, key, gaps)) best = at;
        // One separator, then the code may go on.
        const after = at + next.length;
        if (next !== '' && CODE_GAP.test(next) && after < text.length && CODE_CHAR.test(String.fromCodePoint(text.codePointAt(after)!))) {
          gaps.push(key.length);
          at = after;
          continue;
        }
        break;
      }
    }
    if (best < 0) continue;
    const person = codes.byCode.get(codeKey(text.slice(start, best)));
    if (person !== undefined) out.push({ start, end: best, kind: 'person', confidence: 1, source: 'register:code', people: [person] });
    starts.lastIndex = best;
  }
  return out;
}

/** Whether some code has this key and allows a separator at each place where the text has one. */
function shapeFits(codes: CodeIndex, key: string, gaps: readonly number[]): boolean {
  const shapes = codes.shapes.get(key);
  return shapes !== undefined && shapes.some((allowed) => gaps.every((g) => allowed.has(g)));
}

function isAllowed(f: Finding, n: Normalised, allowed: readonly { start: number; end: number }[], allow: AllowList): boolean {
  if (allowed.some((a) => within(f, a))) return true;
  if (f.kind === 'phone' && allow.phones.size > 0) {
    const j = judgePhone(n.text.slice(f.start, f.end));
    if (j.e164 !== null && allow.phones.has(j.e164)) return true;
  }
  return false;
}

interface Merged extends Span {
  readonly people: readonly number[];
  readonly best: Finding;
  /** Some finding in it could not be one register person for sure. */
  readonly mixed: boolean;
  readonly reason?: string;
}

function merge(findings: readonly Finding[]): Merged[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Merged[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      const end = Math.max(last.end, f.end);
      const best = rank(f) > rank(last.best) ? f : last.best;
      const people = [...new Set([...last.people, ...(f.people ?? [])])];
      const reason = last.reason ?? f.reason;
      out[out.length - 1] = { start: last.start, end, kind: best.kind, people, best, mixed: last.mixed || f.mixed === true, ...(reason === undefined ? {} : { reason }) };
    } else {
      out.push({ start: f.start, end: f.end, kind: f.kind, people: [...(f.people ?? [])], best: f, mixed: f.mixed === true, ...(f.reason === undefined || f.kind !== 'person' || f.confidence < 0.5 ? {} : { reason: f.reason }) });
    }
  }
  return out;
}

/** Prefix counts of the characters inside some range: "is anything in [start, end) covered?" in O(1). */
function prefixCounts(length: number, ranges: readonly { start: number; end: number }[]): Uint32Array {
  const mark = new Uint8Array(length);
  for (const r of ranges) mark.fill(1, Math.max(0, r.start), Math.min(length, r.end));
  const before = new Uint32Array(length + 1);
  for (let k = 0; k < length; k++) before[k + 1] = before[k]! + mark[k]!;
  return before;
}

function anyIn(before: Uint32Array, start: number, end: number): boolean {
  const last = before.length - 1;
  const a = Math.max(0, Math.min(start, last));
  const b = Math.max(a, Math.min(end, last));
  return before[b]! - before[a]! > 0;
}

function detectWith(c: Compiled, text: string, policy: RedactionPolicy | undefined): Detection {
  const threshold = policy?.threshold ?? DEFAULT_THRESHOLD;
  const n = normalise(text);
  const tokens = tokenise(n.text);
  const allowed = allowRanges(n.text, tokens, c.allow);

  const all: Finding[] = [...nameFindings(n, tokens, c.names), ...codeFindings(n.text, c.codes), ...findPersonContacts(n.text, c.contacts)];
  for (const r of PATTERN_RECOGNISERS) all.push(...r(n.text));
  const kept = all.filter((f) => f.end > f.start && !isAllowed(f, n, allowed, c.allow));
  const confident = kept.filter((f) => f.confidence >= threshold);
  const merged = merge(confident);

  // Prefix counts of covered characters: "is anything in [start, end) covered?" in O(1), not O(spans) per token.
  const redactedBefore = prefixCounts(n.text.length, merged);
  const coveredBefore = allowed.length === 0 ? redactedBefore : prefixCounts(n.text.length, [...merged, ...allowed]);
  const isCovered = (start: number, end: number): boolean => anyIn(coveredBefore, start, end);
  const uncertain = [...kept.filter((f) => f.confidence < threshold), ...suggestNames(n.text, tokens, isCovered, c.names)];

  const spans: DetectedSpan[] = merged.map((m) => ({
    ...toOriginal(n, m.start, m.end),
    kind: m.kind,
    // A span that may be a relative of a register person is never that person's pseudonym or code.
    people: m.mixed ? [] : m.people,
    ...(m.reason === undefined ? {} : { reason: m.reason }),
  }));
  const seen = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const s of uncertain.sort((a, b) => a.start - b.start)) {
    if (anyIn(redactedBefore, s.start, s.end)) continue;
    const o = toOriginal(n, s.start, s.end);
    const key = `${o.start}:${o.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    suggestions.push({ start: o.start, end: o.end, kind: s.kind, confidence: s.confidence, reason: s.reason ?? s.source });
  }
  return { spans, suggestions };
}

export function replacementFor(kind: FindingKind, people: readonly number[], register: readonly RegisterPerson[], policy: RedactionPolicy | undefined): string {
  if (kind !== 'person') return REDACTED;
  const choice = policy?.person ?? 'redacted';
  const only = people.length === 1 ? register[people[0]!] : undefined;
  switch (choice) {
    case 'redacted':
      return REDACTED;
    case 'pseudonym':
      return only?.pseudonym?.trim() || REDACTED;
    case 'code':
      return only?.code?.trim() || REDACTED;
  }
}

/** Applies spans to the original text (they are sorted and disjoint). */
export function applySpans(text: string, spans: readonly RedactedSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}

export function compileRedactor(options: { readonly people?: readonly RegisterPerson[]; readonly allow?: readonly string[] }): Redactor {
  const people = options.people ?? [];
  const compiled: Compiled = { names: compileNames(people), codes: indexCodes(people), contacts: indexContacts(people), allow: compileAllow(options.allow ?? []) };
  return {
    people,
    detect: (text, policy) => detectWith(compiled, text, policy),
    redact(text, policy) {
      const d = detectWith(compiled, text, policy);
      const spans = d.spans.map((s) => ({ start: s.start, end: s.end, kind: s.kind, replacement: replacementFor(s.kind, s.people, people, policy) }));
      return { text: applySpans(text, spans), spans: spans.map(({ start, end, kind }) => ({ start, end, kind })), suggestions: d.suggestions };
    },
  };
}

// Compiling a register of a thousand people takes a second; keep the last few compiled registers.
const cache = new WeakMap<readonly RegisterPerson[], Map<string, Redactor>>();
const EMPTY: readonly RegisterPerson[] = [];

function redactorFor(people: readonly RegisterPerson[] | undefined, allow: readonly string[] | undefined): Redactor {
  const key = people ?? EMPTY;
  const allowKey = JSON.stringify(allow ?? []);
  let byAllow = cache.get(key);
  if (byAllow === undefined) {
    byAllow = new Map();
    cache.set(key, byAllow);
  }
  let r = byAllow.get(allowKey);
  if (r === undefined) {
    r = compileRedactor({ people: key, allow: allow ?? [] });
    if (byAllow.size > 8) byAllow.clear();
    byAllow.set(allowKey, r);
  }
  return r;
}

/** Redacts a text: contact details always become [REDACTED]; register people per policy; allow-list kept. */
export function redact(text: string, options: RedactOptions = {}): RedactionResult {
  return redactorFor(options.people, options.allow).redact(text, options.policy);
}

export interface Leak {
  readonly start: number;
  readonly end: number;
  readonly kind: FindingKind;
}

/**
 * Re-scans a final output for every register form and contact pattern; returns what remains (empty = clean).
 * Meant for fail-closed use: an export that gets a non-empty answer must stop.
 */
export function leakCheck(output: string, options: { readonly people?: readonly RegisterPerson[]; readonly allow?: readonly string[] } = {}): Leak[] {
  const d = redactorFor(options.people, options.allow).detect(output);
  return d.spans.map(({ start, end, kind }) => ({ start, end, kind }));
}
