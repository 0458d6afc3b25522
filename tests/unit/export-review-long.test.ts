import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { longNote } from '../../bench/export-review';
import { generatePeople, personFields, Rng } from '../../bench/generate';
import { drawable, originalChunks, originalOf, previewChunks, previewField, piecesText, toExportDecisions, type Decisions } from '../../src/renderer/screens/export/redaction';
import { VaultService } from '../../src/core/service';
import { STALE_REVIEW, type ExportReview, type Interview } from '../../src/shared/domain';

/**
 * A long note's review (issue 9): the screen draws it in stretches, and what it shows must still be exactly what
 * export.write writes; a write against a review that is no longer current is refused.
 */
const KDF = { opsLimit: 1, memLimitKiB: 8192 };
let dir: string;
let svc: VaultService;
let interview: Interview;
let review: ExportReview;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fv-export-long-'));
  svc = new VaultService({ kdf: KDF });
  await svc.create(join(dir, 'v'), 'export long note test passphrase');
  const people = generatePeople(99, 120);
  const ids = svc.createPeople(people.map((p) => ({ ...personFields(p), consent: { ...p.consent, givenOn: '2025-01-01', method: 'oral' as const, allowsQuote: true, withdrawnOn: '' } }))).map((p) => p.id);
  const body = longNote(new Rng(3), people.map((p) => p._name), ids, 300_000);
  interview = svc.createInterview({ title: 'A long note', date: '2025-11-03', place: { country: 'Kyrgyzstan', city: 'Osh', district: '' }, body });
  // [REDACTED] for people: the generator's pseudonyms can contain a register code ("Source W-100"), which the
  // fail-closed check rightly stops
  review = svc.exportReview(interview.id, 'notes', 'redacted');
}, 60_000);

afterAll(() => {
  svc.lock();
  rmSync(dir, { recursive: true, force: true });
});

describe('a long note under review', () => {
  it('is drawn in stretches that cover the text exactly and never cut a highlight in two', () => {
    const text = originalOf(review, 'text');
    const drawn = drawable(review.findings, 'text');
    expect(drawn.length).toBeGreaterThan(200);
    const chunks = originalChunks(text, drawn);
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks[0]!.start).toBe(0);
    expect(chunks[chunks.length - 1]!.end).toBe(text.length);
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.start).toBe(chunks[i - 1]!.end);
    expect(chunks.flatMap((c) => c.findings)).toEqual(drawn);
    for (const c of chunks) for (const f of c.findings) expect(f.start >= c.start && f.end <= c.end).toBe(true);
  });

  it('shows in its result exactly what export.write writes, after decisions, in stretches too', () => {
    const auto = review.findings.filter((f) => f.certainty === 'auto' && f.kind === 'person');
    const suggestion = review.findings.find((f) => f.certainty === 'suggestion')!;
    const text = originalOf(review, 'text');
    const kept = text.slice(auto[3]!.start, auto[3]!.end);
    const decisions: Decisions = { kept: new Set([kept]), accepted: new Set([`text:${suggestion.start}:${suggestion.end}`]), manual: [{ field: 'text', start: 10, end: 40 }] };
    const pieces = previewField(review, 'text', decisions);
    expect(pieces.some((p) => p.type === 'kept' && p.text === kept)).toBe(true);
    const chunks = previewChunks(pieces);
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.flat().map((p) => p.text).join('')).toBe(piecesText(pieces));

    const out = join(dir, 'long.md');
    svc.exportWrite(interview.id, 'notes', 'redacted', 'md', toExportDecisions(review, decisions), out, review.revision);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain(`${piecesText(pieces).trim()}\n`);
  });

  it('refuses a write against a review that is no longer current, and writes nothing', () => {
    svc.updateInterview(interview.id, interview.revision, { summary: 'A change after the review.' });
    const out = join(dir, 'stale.md');
    expect(() => svc.exportWrite(interview.id, 'notes', 'redacted', 'md', { keep: [], redact: [] }, out, review.revision)).toThrow(STALE_REVIEW);
    expect(() => readFileSync(out)).toThrow();
    const fresh = svc.exportReview(interview.id, 'notes', 'redacted');
    expect(fresh.revision).not.toBe(review.revision);
    expect(svc.exportReview(interview.id, 'notes', 'code').revision).not.toBe(fresh.revision);
  });
});
