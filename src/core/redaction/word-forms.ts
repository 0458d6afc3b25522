import { compileRedactor, type Redactor } from './engine';
import type { RegisterPerson } from './types';

/**
 * Every form of a word or name the reviewer redacted by hand ("Рустама" -> Рустам, Рустаму, Рустамом, Rustam),
 * found with the register's own morphology: the selection is compiled as a small register and the engine's
 * detect() does the matching, so whatever forms the engine generates for register names (Russian cases,
 * transliterations, Central Asian suffixes as they are added) are the forms found here.
 *
 * A hand selection is usually an inflected form, not the nominative a register holds, and declining "Рустама" as
 * if it were a nominative misses "Рустам". So the selection's possible base forms are guessed (the word itself,
 * and the word with up to six letters taken off its end and a nominative ending put on), each compiled both as a
 * given name and as a surname, and the engine itself judges which guesses are real: a base counts only when its
 * own forms include the selection exactly. "Жумабекову" keeps Жумабеков (his dative) and Жумабекова (her
 * accusative); "Рустама" keeps Рустам; a guess such as "Рус" that cannot produce "Рустама" is dropped.
 *
 * Exact repetitions of the selection (any case, word-bounded) always count, so a selection the morphology
 * cannot read (a street number, a phrase) still finds its other occurrences.
 */

export interface FormRange {
  readonly start: number;
  readonly end: number;
}

export interface WordForms {
  /** The selection as looked for: trimmed, inner whitespace collapsed. */
  readonly selection: string;
  /** True when the register's morphology applies (a name-like selection); false: exact repetitions only. */
  readonly morphology: boolean;
  /** Every form of the selection in a text, sorted and disjoint, as JavaScript string offsets into it. */
  find(text: string): FormRange[];
}

/** Words as the tokeniser reads them: letters and digits, with apostrophes or hyphens inside. */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼʻ`‘-][\p{L}\p{M}\p{N}]+)*/gu;
const HAS_DIGIT = /\p{N}/u;
const CAPITALISED = /^\p{Lu}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
/** Lower-case words that belong inside a name: the patronymic particles. */
const PARTICLE = /^(?:уулу|кызы|улы|ұлы|қызы|ўғли|угли|қизи|кизи|uulu|kyzy|qyzy|uly|ugli|ogli|o['’‘ʻ`]?g['’‘ʻ`]?li|qizi|kizi)$/iu;

/** Names of more words than this are not read as names (a phrase is matched as written). */
export const MAX_NAME_WORDS = 4;
/** The engine keeps no name shorter than three letters; neither does a guessed base. */
const MIN_STEM = 3;
/** Longest ending taken off a word: Russian -ыми, Kyrgyz plural + case -лардын, Tajik -ҳоро. */
const MAX_SUFFIX = 6;
/** Nominative endings put back on a stem: Рустама -> Рустам, Айгули -> Айгуль, Жумабековой -> Жумабекова. */
const CYRILLIC_ENDINGS = ['', 'а', 'я', 'ь', 'й', 'о'];
const LATIN_ENDINGS = ['', 'a', 'ya', 'y'];
/** More combinations of base forms than this for one multi-word name are not tried (the first ones are). */
const MAX_COMBINATIONS = 24;

export function normaliseSelection(selection: string): string {
  return selection.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

function wordsOf(s: string): string[] {
  return [...s.matchAll(WORD)].map((m) => m[0]);
}

/** The possible base forms of one word (itself first), before the engine has judged them. */
export function baseGuesses(word: string): string[] {
  const letters = [...word];
  const endings = CYRILLIC.test(word) ? CYRILLIC_ENDINGS : LATIN_ENDINGS;
  const out = new Set<string>([word]);
  for (let cut = 1; cut <= MAX_SUFFIX && letters.length - cut >= MIN_STEM; cut++) {
    const stem = letters.slice(0, letters.length - cut).join('');
    // a hyphen or apostrophe left at the end is no stem
    if (/['’ʼʻ`‘-]$/u.test(stem)) continue;
    for (const e of endings) out.add(stem + e);
  }
  return [...out];
}

/** A base read both ways: as a given name (a one-word register spelling) and as a surname. */
function readings(base: string): RegisterPerson[] {
  const script = CYRILLIC.test(base) ? { cyrillic: base, latin: '' } : { latin: base, cyrillic: '' };
  return [{ otherSpellings: [base] }, { family: script }];
}

/** The span of a detection that covers all of [start, end), if there is one. */
function covering(redactor: Redactor, text: string): readonly number[] {
  const words = [...text.matchAll(WORD)];
  if (words.length === 0) return [];
  const from = words[0]!.index;
  const to = words[words.length - 1]!.index + words[words.length - 1]![0].length;
  const span = redactor.detect(text).spans.find((s) => s.kind === 'person' && s.start <= from && s.end >= to);
  return span?.people ?? [];
}

interface OneWord {
  /** The bases the engine accepted: their forms include the word. */
  readonly bases: readonly string[];
  /** The register all guesses were compiled into, and which of its entries are accepted. */
  readonly redactor: Redactor;
  readonly accepted: ReadonlySet<number>;
}

/** One compile for all guesses of a word; one detect on the word itself tells which guesses produce it. */
function judgeWord(word: string): OneWord {
  const guesses = baseGuesses(word);
  const people = guesses.flatMap(readings);
  const redactor = compileRedactor({ people });
  const accepted = new Set(covering(redactor, word));
  const bases = guesses.filter((_, i) => accepted.has(2 * i) || accepted.has(2 * i + 1));
  return { bases, redactor, accepted };
}

function nameLike(words: readonly string[]): boolean {
  if (words.length === 0 || words.length > MAX_NAME_WORDS) return false;
  if (words.some((w) => HAS_DIGIT.test(w))) return false;
  if (words.length === 1) return [...words[0]!].length >= MIN_STEM;
  return CAPITALISED.test(words[0]!) && words.every((w) => CAPITALISED.test(w) || PARTICLE.test(w));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Exact repetitions of the selection, ignoring case, never inside a longer word. */
function literal(selection: string): (text: string) => FormRange[] {
  const body = selection.split(' ').map(escapeRegExp).join('\\s+');
  const edgeBefore = /^[\p{L}\p{M}\p{N}]/u.test(selection) ? '(?<![\\p{L}\\p{M}\\p{N}])' : '';
  const edgeAfter = /[\p{L}\p{M}\p{N}]$/u.test(selection) ? '(?![\\p{L}\\p{M}\\p{N}])' : '';
  const pattern = new RegExp(`${edgeBefore}${body}${edgeAfter}`, 'giu');
  return (text) => [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Sorts ranges and joins those that overlap. */
function union(ranges: readonly FormRange[]): FormRange[] {
  const sorted = [...ranges].filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FormRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && r.start < last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push(r);
  }
  return out;
}

/** The combinations of each word's bases (the selection as written first), at most MAX_COMBINATIONS. */
function combinations(options: readonly (readonly string[])[]): string[] {
  let out: string[][] = [[]];
  for (const o of options) {
    const next: string[][] = [];
    for (const prefix of out) for (const w of o) if (next.length < MAX_COMBINATIONS) next.push([...prefix, w]);
    out = next;
  }
  return out.map((ws) => ws.join(' '));
}

/** Compiles the finder for one selection. Compiling costs tens of milliseconds; keep it (see WordFormsCache). */
export function compileWordForms(selection: string): WordForms {
  const s = normaliseSelection(selection);
  const exact = literal(s);
  const words = wordsOf(s);
  if (s === '' || !nameLike(words)) return { selection: s, morphology: false, find: (text) => union(exact(text)) };

  let forms: (text: string) => FormRange[];
  if (words.length === 1) {
    const judged = judgeWord(words[0]!);
    forms = (text) =>
      judged.redactor
        .detect(text)
        .spans.filter((sp) => sp.kind === 'person' && sp.people.some((p) => judged.accepted.has(p)))
        .map(({ start, end }) => ({ start, end }));
  } else {
    // each word's own bases (a particle stays as written), then the name in each combination of them
    const options = words.map((w) => (PARTICLE.test(w) ? [w] : [...new Set([w, ...judgeWord(w).bases])]));
    const spellings = [...new Set([words.join(' '), ...combinations(options)])];
    const redactor = compileRedactor({ people: [{ otherSpellings: spellings }] });
    forms = (text) =>
      redactor
        .detect(text)
        .spans.filter((sp) => sp.kind === 'person' && sp.people.includes(0))
        .map(({ start, end }) => ({ start, end }));
  }
  return { selection: s, morphology: true, find: (text) => union([...forms(text), ...exact(text)]) };
}

/**
 * The last few compiled selections, so that asking again (another part, a re-run after the allow-list changed)
 * costs nothing. It holds names: its owner clears it when the vault locks.
 */
export class WordFormsCache {
  private readonly entries = new Map<string, WordForms>();

  constructor(private readonly limit = 16) {}

  get(selection: string): WordForms {
    const key = normaliseSelection(selection);
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const compiled = compileWordForms(key);
    this.entries.set(key, compiled);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
