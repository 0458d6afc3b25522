import type { Token } from '../keys';
import type { NameMatcher } from '../matcher';
import type { Finding } from '../types';
import { finding } from './util';

/**
 * Suggestions about names the register does not list exactly: a capitalised two- or three-word name with a surname
 * ending ("Bakyt Osmonov", "Осмонова Бакыта"), and a near-miss spelling of a register name (one letter added,
 * dropped or changed: "Sultanalieava"). These are never redacted silently: the reviewer decides.
 */

const SURNAME = /(?:ov|ev|yev|ova|eva|yeva|in|ina|uulu|kyzy|zoda|zade|bekov|bekova|aliev|alieva|ovich|ovna|evich|evna|ов|ев|ёв|ова|ева|ёва|ин|ина|ову|еву|ова|ева|овой|евой|овым|евым|ове|еве|овым|ину|иной|ым|зода|заде|зоды|уулу|кызы|ович|овна|евич|евна|овича|овны)$/iu;
const NOT_NAMES = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'the', 'this', 'that', 'ministry', 'republic', 'court', 'police', 'government', 'redacted']);

function deletions(key: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < key.length; i++) out.push(key.slice(0, i) + key.slice(i + 1));
  return out;
}

const indexes = new WeakMap<NameMatcher, Map<string, string[]>>();

/** A symmetric-deletion index (one deletion) over the register's single-word keys of five letters or more. */
function nearIndex(m: NameMatcher): Map<string, string[]> {
  let idx = indexes.get(m);
  if (idx !== undefined) return idx;
  idx = new Map();
  for (const key of m.singleKeys.keys()) {
    if (key.length < 5) continue;
    for (const d of [key, ...deletions(key)]) {
      const list = idx.get(d);
      if (list === undefined) idx.set(d, [key]);
      else if (list.length < 8) list.push(key);
    }
  }
  indexes.set(m, idx);
  return idx;
}

export function suggestNames(tokens: readonly Token[], covered: (start: number, end: number) => boolean, matcher: NameMatcher): Finding[] {
  const out: Finding[] = [];
  const idx = nearIndex(matcher);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.capital || t.initial || covered(t.start, t.end)) continue;
    // Near miss of a register name.
    if (t.key.length >= 5 && !matcher.singleKeys.has(t.key)) {
      const hits = new Set<string>();
      for (const d of [t.key, ...deletions(t.key)]) for (const k of idx.get(d) ?? []) hits.add(k);
      if (hits.size > 0) {
        out.push(finding(t.start, t.end, 'person', 0.45, 'names:near-miss', 'close to a register name'));
        continue;
      }
    }
    // Unknown capitalised full name: two or three joined capitalised words, one of them with a surname ending.
    const run: Token[] = [t];
    for (let j = i + 1; j < tokens.length && run.length < 3; j++) {
      const n = tokens[j]!;
      if (!n.joined || !n.capital || n.initial || covered(n.start, n.end)) break;
      run.push(n);
    }
    if (run.length >= 2 && run.some((r) => r.text.length >= 4 && SURNAME.test(r.text)) && !run.some((r) => NOT_NAMES.has(r.text.toLowerCase()) || /\d/.test(r.text) || r.text === r.text.toUpperCase())) {
      const last = run[run.length - 1]!;
      out.push(finding(t.start, last.end, 'person', 0.4, 'names:unknown', 'a full name that is not in the register'));
      i += run.length - 1;
    }
  }
  return out;
}
