import { describe, expect, it } from 'vitest';
import { codeFindings, indexCodes } from '../../src/core/redaction/engine';
import type { RegisterPerson } from '../../src/core/redaction';

/**
 * Register codes are found by a linear walk. The reference is the pattern it replaced: one alternation of every
 * code (its letter and digit runs joined by an optional dash or space), case-insensitive, not inside a longer word,
 * not followed by a dash and a digit; the same spans must come out of both on any text.
 */
function reference(text: string, people: readonly RegisterPerson[]): { start: number; end: number; people: readonly number[] }[] {
  const key = (code: string) => code.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  const byCode = new Map<string, number>();
  const patterns = new Set<string>();
  people.forEach((p, i) => {
    const code = p.code?.trim();
    if (!code || key(code) === '') return;
    byCode.set(key(code), i);
    const runs = code.match(/[\p{L}]+|[\p{N}]+/gu) ?? [];
    patterns.add(runs.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\-‐‑‒–—]?'));
  });
  if (byCode.size === 0) return [];
  const alternatives = [...patterns].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_]|[-‐‑‒–—]\\d)`, 'giu');
  const out: { start: number; end: number; people: readonly number[] }[] = [];
  for (const m of text.matchAll(re)) {
    const person = byCode.get(key(m[0]));
    if (person !== undefined) out.push({ start: m.index, end: m.index + m[0].length, people: [person] });
  }
  return out;
}

const found = (text: string, people: readonly RegisterPerson[]) => codeFindings(text, indexCodes(people)).map((f) => ({ start: f.start, end: f.end, people: f.people ?? [] }));

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('register codes in a text', () => {
  const people: RegisterPerson[] = ['W-017', 'W-1', 'W-17', 'KG-W-12', 'AB-CD', 'A1B', 'ж-003', 'INT 7', 'x_9', 'Ω-2'].map((code) => ({ code }));

  it('finds a code in any of its written forms, and not inside a longer word or number', () => {
    const text = 'W-017, w017, W 017, W–017 and W—017; not W-0171, not XW-017, not W-017-5, not W-017_a; KG W 12, ab cd, A 1B, Ж003.';
    const spans = found(text, people).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['W-017', 'w017', 'W 017', 'W–017', 'W—017', 'KG W 12', 'ab cd', 'A 1B', 'Ж003']);
  });

  it('gives the same spans as the single pattern on random texts made of code parts', () => {
    const bits = ['W', 'w', 'KG', 'AB', 'CD', 'A', 'B', 'ж', 'Ж', 'INT', 'x', 'Ω', '0', '1', '17', '017', '12', '9', '003', '7', '2', '-', '–', ' ', '  ', '\n', '_', '.', ',', 'й', 'Z', '5', '-5', '𝒲'];
    const r = rng(42);
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: 4 + Math.floor(r() * 30) }, () => bits[Math.floor(r() * bits.length)]!).join('');
      expect(found(text, people), text).toEqual(reference(text, people));
    }
  });

  it('gives the same spans as the single pattern for a register of two thousand codes on a long text', () => {
    const many: RegisterPerson[] = Array.from({ length: 2000 }, (_, i) => ({ code: `W-${String(i + 1).padStart(3, '0')}` }));
    const r = rng(7);
    const words = ['the', 'witness', 'W-', 'W', '0', '12', '017', '1999', '2000', '2001', ' ', '-', 'w', 'свидетель', '-3'];
    const text = Array.from({ length: 20000 }, () => words[Math.floor(r() * words.length)]! + (r() < 0.5 ? ' ' : '')).join('');
    const ours = found(text, many);
    expect(ours.length).toBeGreaterThan(100);
    expect(ours).toEqual(reference(text, many));
  });
});
