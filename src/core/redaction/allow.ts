import { splitName } from '../domain/people-import';
import { personForms } from './identities';
import { tokenise, type Token } from './keys';
import { normalise } from './normalise';
import { judgePhone } from './recognisers/phone';

/**
 * The allow-list: public officials and the organisation's own letterhead (phone numbers, addresses, emails).
 * Entries are matched on word keys, so case, script look-alikes and spacing do not matter; a name entry also matches
 * its Russian case forms (прокурор Асанов, прокурора Асанова); a phone entry matches the same number in any format.
 */

export interface AllowList {
  readonly phones: ReadonlySet<string>; // E.164
  readonly sequences: ReadonlyMap<string, readonly (readonly string[])[]>; // first key -> key sequences
  readonly size: number;
}

const NAME_LIKE = /^\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}\s*$/u;

export function compileAllow(entries: readonly string[]): AllowList {
  const phones = new Set<string>();
  const sequences = new Map<string, string[][]>();
  const add = (keys: string[]): void => {
    if (keys.length === 0) return;
    const list = sequences.get(keys[0]!) ?? [];
    if (!list.some((l) => l.join(' ') === keys.join(' '))) list.push(keys);
    sequences.set(keys[0]!, list);
  };
  for (const entry of entries) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const phone = /^[+\d\s().\-/]+$/.test(trimmed) ? judgePhone(trimmed) : null;
    if (phone !== null && phone.confidence >= 0.5 && phone.e164 !== null) phones.add(phone.e164);
    add(tokenise(normalise(trimmed).text).map((t) => t.key));
    if (NAME_LIKE.test(trimmed)) {
      const parts = splitName(trimmed);
      // Full names and surnames of officials in every case; a bare given name is not allowed (it may be a witness's).
      for (const form of personForms({ otherSpellings: [trimmed], given: { latin: '', cyrillic: '' } })) {
        if (form.part === 'full' || (form.part === 'family' && parts.family !== '') || (parts.family === '' && form.part === 'given')) add([...form.keys]);
      }
    }
  }
  return { phones, sequences, size: entries.length };
}

const GAP = /^[\s.,;:()\-–—/№#@"«»]*$/u;

/** Allowed ranges of the normalised text, by token sequence. */
export function allowRanges(text: string, tokens: readonly Token[], allow: AllowList): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (allow.sequences.size === 0) return out;
  for (let i = 0; i < tokens.length; i++) {
    const candidates = allow.sequences.get(tokens[i]!.key);
    if (candidates === undefined) continue;
    let bestEnd = -1;
    for (const seq of candidates) {
      let ok = true;
      for (let k = 1; k < seq.length; k++) {
        const t = tokens[i + k];
        const prev = tokens[i + k - 1]!;
        if (t === undefined || t.key !== seq[k] || text.slice(prev.end, t.start).length > 8 || !GAP.test(text.slice(prev.end, t.start))) {
          ok = false;
          break;
        }
      }
      if (ok) bestEnd = Math.max(bestEnd, tokens[i + seq.length - 1]!.end);
    }
    if (bestEnd >= 0) out.push({ start: tokens[i]!.start, end: bestEnd });
  }
  return out;
}
