/**
 * NEREL (Russian news with nested named entities, brat standoff format) for the redaction bench: the parser, the
 * gold PERSON mentions, the coverage rule, and a per-document register of every named person built the way a
 * researcher would type it (nominative, Cyrillic). Parsing and register construction are pure functions of the
 * text, the .ann file and a morphology (az, OpenCorpora); reading the corpus from disk or from a git directory is
 * at the end of the file. The corpus itself is never copied into this repository.
 *
 *   gold:      the innermost PERSON annotations ("миссис Обама" yields "Обама" when that is annotated inside it).
 *   recalled:  every word of the mention that starts with a capital letter (initials included) is inside the
 *              predicted spans, letter by letter ("миссис Обама" needs "Обама"; "Жан-Поль" needs both halves).
 *              A mention with no capitalised word needs all its words. Regnal numbers (II) are not name words;
 *              words in scripts without case (马凌) count as capitalised.
 *   register:  per document. Each mention's capitalised words get roles by az's Name/Surn/Patr tags and Russian
 *              word order (given family; given patronymic family; family given patronymic; a third word without
 *              a patronymic, a nickname in quotes or a CJK name becomes an other spelling). Mentions are grouped
 *              into people, full names first: the same surname lemma is one person unless given names,
 *              patronymics, initials or genders disagree; a lone word joins the person who has it as a surname,
 *              else as a given name. Each part's nominative is voted on by all its forms in the document (az's
 *              dictionary reading, case agreement with the rest of the name, az's guess, the bare stem) and is
 *              taken as written when one of the forms is that nominative; a woman keeps a feminine surname
 *              (Жумабековой -> Жумабекова, not az's lemma жумабеков). Entries resting on az's guesses, on forms
 *              nothing confirms, on an undecided gender or on a guessed split of a long name are marked uncertain.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RegisterPerson } from '../src/core/redaction/types';

// ---------------------------------------------------------------------------------------------------------------
// brat

export interface Segment {
  readonly start: number;
  readonly end: number;
}

export interface BratEntity {
  readonly id: string;
  readonly type: string;
  /** One segment, or several for a discontinuous annotation ("Сергея [и Юлии] Скрипаль"). */
  readonly segments: readonly Segment[];
  readonly start: number;
  readonly end: number;
  /** The annotation's own text column (fragments joined by a space). */
  readonly text: string;
}

/** One word of a mention, in document offsets. Initials ("В.", "Дж.") are words; `text` has no full stop. */
export interface MentionWord {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly initial: boolean;
  /** Starts with a capital letter, or is in a script without case (Chinese, Japanese, Korean, Arabic...). */
  readonly capital: boolean;
  /** Standing in quotes inside the mention: a nickname (Джеймс «Бадди» Макгирт). */
  readonly quoted: boolean;
}

export interface PersonMention {
  readonly id: string;
  readonly segments: readonly Segment[];
  readonly start: number;
  readonly end: number;
  /** The annotated text, fragments joined by " … ". */
  readonly text: string;
  readonly words: readonly MentionWord[];
  /** The words that must be covered for the mention to count as recalled. */
  readonly required: readonly MentionWord[];
}

export interface NerelDoc {
  readonly id: string;
  readonly split: string;
  readonly text: string;
  readonly entities: readonly BratEntity[];
  /** Every PERSON annotation (outer ones too): a predicted person span overlapping any of them is a true positive. */
  readonly personAnnotations: readonly BratEntity[];
  /** The gold mentions: innermost PERSON annotations. */
  readonly persons: readonly PersonMention[];
  readonly words: number;
  /** Annotations whose offsets do not match their text, lines that could not be read. */
  readonly warnings: readonly string[];
}

const T_LINE = /^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$/u;

/** The T (text-bound) lines of a brat .ann file; relations, attributes and notes are ignored. */
export function parseAnn(ann: string): { entities: BratEntity[]; warnings: string[] } {
  const entities: BratEntity[] = [];
  const warnings: string[] = [];
  for (const raw of ann.split(/\r?\n/u)) {
    if (!raw.startsWith('T')) continue;
    const m = T_LINE.exec(raw);
    if (m === null) {
      warnings.push(`unreadable line: ${raw.slice(0, 80)}`);
      continue;
    }
    const segments = m[3]!.split(';').map((s) => {
      const [a, b] = s.split(' ').map(Number);
      return { start: a!, end: b! };
    });
    entities.push({ id: m[1]!, type: m[2]!, segments, start: segments[0]!.start, end: segments[segments.length - 1]!.end, text: m[4]! });
  }
  return { entities, warnings };
}

function insideSegments(inner: BratEntity, outer: BratEntity): boolean {
  return inner.segments.every((s) => outer.segments.some((o) => o.start <= s.start && s.end <= o.end));
}

function sameSegments(a: BratEntity, b: BratEntity): boolean {
  return a.segments.length === b.segments.length && a.segments.every((s, i) => s.start === b.segments[i]!.start && s.end === b.segments[i]!.end);
}

/**
 * The innermost of nested annotations: an annotation that contains another one (every segment of the inner inside
 * the outer's segments) is dropped in favour of the inner; duplicates (same segments) are kept once.
 */
export function innermost(entities: readonly BratEntity[]): BratEntity[] {
  const unique: BratEntity[] = [];
  for (const e of entities) if (!unique.some((u) => sameSegments(u, e))) unique.push(e);
  return unique.filter((outer) => !unique.some((inner) => inner !== outer && insideSegments(inner, outer))).sort((a, b) => a.start - b.start || a.end - b.end);
}

const WORD = /[\p{L}\p{M}]+(?:[-‐'’ʼ][\p{L}\p{M}]+)*\.?/gu;
const CAPITAL = /^\p{Lu}/u;
const CASELESS = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Thai}\p{Script=Georgian}\p{Script=Devanagari}]/u;
const OPENING_QUOTE = /["«„“']/u;
const CLOSING_QUOTE = /["»“”']/u;
/** Regnal numbers (Елизавета II, Иоанн Павел II): not name words. */
const ROMAN = /^[IVXLC]+$/u;

/**
 * The words inside the given segments of `text`. A capitalised one- or two-letter word with a full stop is an
 * initial. A word in a script without case counts as capitalised. A hyphenated word with lower-case pieces keeps its capitalised runs as words ("аль-Багдади" -> "Багдади",
 * "Буша-младшего" -> "Буша"); one with none ("экс-премьер") stays one lower-case word. Roman numerals are skipped.
 */
export function wordsIn(text: string, segments: readonly Segment[]): MentionWord[] {
  const out: MentionWord[] = [];
  for (const seg of segments) {
    const slice = text.slice(seg.start, seg.end);
    for (const m of slice.matchAll(WORD)) {
      let w = m[0];
      const dot = w.endsWith('.');
      if (dot) w = w.slice(0, -1);
      const start = seg.start + m.index;
      if (ROMAN.test(w)) continue;
      const pieces = [...w.matchAll(/[^-‐]+/gu)].map((p) => ({ start: start + p.index, text: p[0], capital: CAPITAL.test(p[0]) }));
      if (pieces.length > 1 && pieces.some((p) => p.capital) && pieces.some((p) => !p.capital)) {
        let run: typeof pieces = [];
        const flush = (): void => {
          if (run.length > 0) {
            const first = run[0]!;
            const last = run[run.length - 1]!;
            out.push({ start: first.start, end: last.start + last.text.length, text: text.slice(first.start, last.start + last.text.length), initial: false, capital: true, quoted: false });
          }
          run = [];
        };
        for (const p of pieces) {
          if (p.capital) run.push(p);
          else flush();
        }
        flush();
        continue;
      }
      const capital = CAPITAL.test(w) || CASELESS.test(w);
      const initial = dot && CAPITAL.test(w) && [...w].length <= 2 && pieces.length === 1;
      const quoted = start > seg.start && OPENING_QUOTE.test(text[start - 1] ?? '') && start + w.length < seg.end && CLOSING_QUOTE.test(text[start + w.length] ?? '');
      out.push({ start, end: start + w.length, text: w, initial, capital, quoted });
    }
  }
  return out;
}

/** Words in a text, for "per 1,000 words": runs of letters or digits (hyphenated and apostrophised runs are one word). */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

export function toMention(text: string, e: BratEntity): PersonMention {
  const words = wordsIn(text, e.segments);
  const capitals = words.filter((w) => w.capital);
  return {
    id: e.id,
    segments: e.segments,
    start: e.start,
    end: e.end,
    text: e.segments.map((s) => text.slice(s.start, s.end)).join(' … '),
    words,
    required: capitals.length > 0 ? capitals : words,
  };
}

/** One document from its .txt and .ann. */
export function parseDoc(id: string, split: string, text: string, ann: string): NerelDoc {
  const { entities, warnings } = parseAnn(ann);
  for (const e of entities) {
    const got = e.segments.map((s) => text.slice(s.start, s.end)).join(' ');
    if (got !== e.text) warnings.push(`${e.id} offsets read "${got.slice(0, 40)}", annotation says "${e.text.slice(0, 40)}"`);
  }
  const personAnnotations = entities.filter((e) => e.type === 'PERSON');
  const persons = innermost(personAnnotations).map((e) => toMention(text, e));
  return { id, split, text, entities, personAnnotations, persons, words: countWords(text), warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// coverage

export interface Range {
  readonly start: number;
  readonly end: number;
}

/** Whether every letter of [start, end) lies inside one of the ranges (hyphens and full stops between need not). */
export function covers(text: string, ranges: readonly Range[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (!/[\p{L}\p{N}]/u.test(text[i]!)) continue;
    if (!ranges.some((r) => r.start <= i && i < r.end)) return false;
  }
  return true;
}

/** The required words of a mention that the ranges do not cover (empty: the mention is recalled). */
export function uncovered(text: string, mention: PersonMention, ranges: readonly Range[]): MentionWord[] {
  return mention.required.filter((w) => !covers(text, ranges, w.start, w.end));
}

export function overlapsAny(r: Range, segments: readonly Segment[]): boolean {
  return segments.some((s) => r.start < s.end && s.start < r.end);
}

// ---------------------------------------------------------------------------------------------------------------
// morphology (az: OpenCorpora dictionaries with pymorphy2's guessers)

export interface AzTag {
  readonly [grammeme: string]: unknown;
  toString(): string;
}

export interface AzParse {
  readonly word: string;
  readonly tag: AzTag;
  readonly parser: string;
  readonly score: number;
  normalize(keepPOS?: boolean): AzParse | false;
  inflect(grammemes: readonly string[]): AzParse | false;
}

export interface Morphology {
  parse(word: string): readonly AzParse[];
}

interface AzModule {
  Morph: ((word: string, config?: object) => AzParse[]) & { init(path: string, callback: (error?: unknown) => void): void };
}

let morphology: Promise<Morphology> | null = null;

/** az with its dictionaries (node_modules/az/dicts), loaded once; parses are cached per word. */
export function loadMorphology(): Promise<Morphology> {
  morphology ??= new Promise((resolve, reject) => {
    const requireCjs = createRequire(import.meta.url);
    const az = requireCjs('az') as AzModule;
    const dicts = join(dirname(requireCjs.resolve('az/package.json')), 'dicts');
    az.Morph.init(dicts, (error) => {
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const cache = new Map<string, readonly AzParse[]>();
      resolve({
        parse(word) {
          let hit = cache.get(word);
          if (hit === undefined) {
            // No "stutter" repair: it would read Маккаррик as the dictionary's Макарик.
            hit = az.Morph(word, { stutter: 0, typos: 0 });
            cache.set(word, hit);
          }
          return hit;
        },
      });
    });
  });
  return morphology;
}

// ---------------------------------------------------------------------------------------------------------------
// the register

export type Role = 'given' | 'family' | 'patronymic';
export type Gender = 'm' | 'f';

/**
 * Where a register part came from. seen: the nominative is itself one of the person's mentions (confirmed by
 * another form, by the dictionary, or by case agreement with the rest of the name); az: az's dictionary
 * nominative of a form seen only in another case; az-guess: az's guesser (an unknown word); rule: a Russian
 * patronymic's ending; as-written: unknown to az and taken as it stands; initial: only an initial was given.
 */
export type PartSource = 'seen' | 'az' | 'az-guess' | 'rule' | 'as-written' | 'initial';

export interface RegisterPart {
  readonly value: string;
  readonly source: PartSource;
  /** The surface forms it was built from. */
  readonly from: readonly string[];
}

export interface RegisterEntry {
  readonly person: RegisterPerson;
  readonly parts: Partial<Record<Role, RegisterPart>>;
  readonly gender: Gender | null;
  /** Indexes into doc.persons. */
  readonly mentions: readonly number[];
  /** Why this entry may be wrong (empty: built from dictionary forms or forms seen in the document). */
  readonly uncertain: readonly string[];
}

export interface DocRegister {
  readonly entries: readonly RegisterEntry[];
  /** doc.persons index -> entries index (-1 for a mention with no name words). */
  readonly mentionEntry: readonly number[];
}

/** "other": a middle name, a nickname in quotes, a name in a script without case: kept as other spellings. */
type SlotRole = Role | 'other';

interface Slot {
  readonly word: MentionWord;
  readonly role: SlotRole;
  /** Index of the mention in doc.persons. */
  readonly mention: number;
  /** The cases the other words of the mention allow (dictionary parses only); null when they say nothing. */
  readonly cases: ReadonlySet<string> | null;
}

interface Draft {
  given: Slot[];
  family: Slot[];
  patronymic: Slot[];
  other: Slot[];
  initials: string[];
  mentions: number[];
  guessedSplit: boolean;
}

/** How much a nominative candidate is worth: a dictionary form, a form the case agreement vouches for, a guess, a bare stem. */
type Strength = 3 | 2 | 1 | 0;

interface Candidate {
  readonly form: string;
  readonly strength: Strength;
  /** For strength 0: the bare stem (Ганца -> ганц) or the stem with a nominative ending added (Мигеля -> мигель). */
  readonly stem?: 'bare' | 'added';
  /** The surface form it was derived from. */
  readonly surface: string;
}

const LATIN = /^[\p{Script=Latin}\p{M}'’\-‐ ]+$/u;
const PATRONYMIC = /^(.+?(?:ович|евич|ич))(а|у|ем|е|и)?$|^(.+?(?:овн|евн|ичн|иничн))(а|ы|е|у|ой|ою)$/iu;
const FEMALE_PATRONYMIC = /(овн|евн|ичн)(а|ы|е|у|ой|ою)$/iu;
/** Russian-type surnames, whose nominative depends on the person's gender (Иванов / Иванова, Зеленский / Зеленская). */
const GENDERED_SURNAME = /(ов|ев|ёв|ин|ын|ск|цк)(а|у|ым|ом|е|ы|ой|ую|ою|ий|ая|ого|ому|им|ей)?$|(ой|ого|ому|ым|ая|ую)$/iu;
/** Case endings stripped to meet a word's other forms in the document (Ына ~ Ын, Маркоса ~ Маркос). */
const ENDING = /(ами|ями|ом|ем|ой|ей|ою|ею|ам|ям|ах|ях|а|я|у|ю|е|ы|и)$/iu;
/** Capitalised particles that belong to the surname after them (Аль Тани, Ди Каприо; not Ван, a Chinese surname). */
const PARTICLE = /^(аль|эль|ибн|бин|бен|де|ди|да|дос|дель|делла|ла|ле|дю|al|el|ibn|bin|ben|van|von|der|de|di|da|dos|del|della|la|le|du)$/iu;
/** A foreign name az does not know that ends like an indeclinable one (Месси, Трюдо, Бенедучи; not Скаглии). */
const INDECLINABLE = /([^и]и|[оэ])$/iu;

const has = (p: AzParse, g: string): boolean => Boolean(p.tag[g]);
const genderOf = (p: AzParse): Gender | null => (has(p, 'Ms-f') ? null : has(p, 'femn') ? 'f' : has(p, 'masc') ? 'm' : null);
const caseOf = (p: AzParse): string | null => (typeof p.tag.CAse === 'string' ? p.tag.CAse : null);
const isDict = (p: AzParse): boolean => p.parser === 'Dictionary';

/** Lower case with ё folded to е: az's dictionaries write е, texts write either. */
function lower(s: string): string {
  return s.toLocaleLowerCase('ru').replace(/ё/gu, 'е');
}

/**
 * Possible nominatives of a form by its case ending alone: the bare stem (Ганца -> ганц), then the stem with -ь,
 * -й, -а, -я, -о (Мигеля -> мигель); piecewise for hyphenated forms. Nothing for a form with no case ending.
 */
function stemForms(word: string): { form: string; stem: 'bare' | 'added' }[] {
  const pieces = lower(word).split(/[-‐]/u);
  let combos: { form: string; added: boolean }[] = [{ form: '', added: false }];
  for (const [i, piece] of pieces.entries()) {
    const stem = piece.replace(ENDING, '');
    const forms = stem.length >= 2 && stem !== piece ? [{ f: stem, added: false }, ...['ь', 'й', 'а', 'я', 'о'].map((x) => ({ f: stem + x, added: true }))] : [{ f: piece, added: false }];
    combos = combos.flatMap((c) => forms.map((x) => ({ form: i === 0 ? x.f : `${c.form}-${x.f}`, added: c.added || x.added }))).slice(0, 64);
  }
  return combos.filter((c) => c.form !== lower(word)).map((c) => ({ form: c.form, stem: c.added ? 'added' : 'bare' }));
}

/** The lemma written with the surface's capitals where they agree ("МакКейна" -> "МакКейн"), else Capitalised-Pieces. */
function capitalise(lemma: string, surface: string): string {
  if (surface.length > 1 && surface === surface.toLocaleUpperCase('ru')) return lemma.replace(/(^|[-\s])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('ru'));
  let i = 0;
  while (i < lemma.length && i < surface.length && lower(lemma[i]!) === lower(surface[i]!)) i++;
  const rest = lemma.slice(i);
  if (i >= 1) return surface.slice(0, i) + rest;
  return lemma.replace(/(^|[-\s])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toLocaleUpperCase('ru'));
}

function lastPiece(word: string): string {
  const pieces = word.split(/[-‐]/u);
  return pieces[pieces.length - 1]!;
}

class Analyser {
  constructor(private readonly morph: Morphology) {}

  /** az's parses, without the ones that read a name as a prefix plus a word (Запата as за + пата). */
  parses(word: string): readonly AzParse[] {
    return this.morph.parse(word.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е')).filter((p) => p.parser !== 'PrefixUnknown' && p.parser !== 'PrefixKnown');
  }

  isName(word: string): boolean {
    return this.parses(lastPiece(word)).some((p) => has(p, 'Name'));
  }

  isSurname(word: string): boolean {
    return this.parses(lastPiece(word)).some((p) => has(p, 'Surn')) || (/(ский|цкий|ского|цкого|ской|цкой|ская|цкая)$/iu.test(word) && !this.isName(word));
  }

  isPatronymic(word: string): boolean {
    return PATRONYMIC.test(word) && (this.parses(word).some((p) => has(p, 'Patr')) || !this.isName(word));
  }

  /** The parses of a word that fit a role: Name, Surn (else a surname-shaped adjective, else an animate noun), Patr. */
  rolePool(word: string, role: Role): readonly AzParse[] {
    if (LATIN.test(word)) return [];
    // Vocatives (az's informal "Илон" of Илона) are never how a name stands in news text.
    const parses = this.parses(word).filter((p) => !has(p, 'voct'));
    if (role === 'patronymic') return parses.filter((p) => has(p, 'Patr'));
    if (role === 'given') {
      // A person's given name is singular: "Габриэл" is not the genitive plural of Габриэла.
      const names = parses.filter((p) => has(p, 'Name') && !has(p, 'plur') && !has(p, 'voct'));
      return names.length > 0 ? names : parses.filter((p) => has(p, 'NOUN') && has(p, 'anim') && !has(p, 'plur'));
    }
    const surnames = parses.filter((p) => has(p, 'Surn'));
    if (surnames.length > 0) return surnames.some((p) => !has(p, 'plur')) ? surnames.filter((p) => !has(p, 'plur')) : surnames;
    if (/(ий|ой|ая|ого|ому|ым|ую|им|ом)$/iu.test(word) && /(ск|цк|ой|ая|ого|ому|ым|ую)/iu.test(word)) {
      const adjectives = parses.filter((p) => has(p, 'ADJF') && !has(p, 'plur'));
      if (adjectives.length > 0) return adjectives;
    }
    // A surname read as a common noun: animate readings first (Уррутии: Уррутия, not the neuter уррутие).
    const nouns = parses.filter((p) => has(p, 'NOUN') && !has(p, 'plur') && !has(p, 'Name'));
    const animate = nouns.filter((p) => has(p, 'anim'));
    return animate.length > 0 ? animate : nouns;
  }

  /** The cases a word's dictionary parses in its role allow; null if it has none or is indeclinable. */
  dictCases(word: string, role: Role): Set<string> | null {
    const pool = this.rolePool(lastPiece(word), role).filter(isDict);
    if (pool.length === 0 || pool.some((p) => has(p, 'Fixd'))) return null;
    const out = new Set<string>();
    for (const p of pool) {
      const c = caseOf(p);
      if (c !== null) out.add(c);
    }
    return out.size > 0 ? out : null;
  }

  /** Lower-case keys a word can be grouped by: its own form, every lemma az gives it, and for unknown words a stem. */
  keys(word: string): Set<string> {
    const out = new Set<string>([lower(word)]);
    const parses = this.parses(word);
    for (const p of parses) {
      const n = p.normalize();
      if (n && typeof n.word === 'string') out.add(lower(n.word));
    }
    const pm = PATRONYMIC.exec(word);
    if (pm) out.add(lower(pm[1] ?? `${pm[3]!}а`));
    if (parses.length === 0 || LATIN.test(word)) {
      const stem = lower(word).replace(ENDING, '');
      if (stem.length >= 2) out.add(stem);
    }
    return out;
  }

  /** Gender evidence from one slot: strong for given names and patronymics, for surnames only when the form tells. */
  genderVote(slot: Slot): { m: number; f: number } {
    const w = slot.word.text;
    if (slot.role === 'other') return { m: 0, f: 0 };
    if (slot.role === 'patronymic') return FEMALE_PATRONYMIC.test(w) ? { m: 0, f: 3 } : { m: 3, f: 0 };
    if (LATIN.test(w)) return { m: 0, f: 0 };
    let pool = this.rolePool(lastPiece(w), slot.role);
    if (slot.cases !== null) {
      const agreeing = pool.filter((p) => has(p, 'Fixd') || slot.cases!.has(caseOf(p) ?? ''));
      if (agreeing.length > 0) pool = agreeing;
    }
    if (slot.role === 'given') {
      const named = pool.filter((p) => has(p, 'Name'));
      let m = 0;
      let f = 0;
      for (const p of named) {
        const g = genderOf(p);
        if (g === 'm') m += p.score;
        if (g === 'f') f += p.score;
      }
      const total = m + f;
      const weight = named.some(isDict) ? 2 : 0.5;
      return total > 0 ? { m: (weight * m) / total, f: (weight * f) / total } : { m: 0, f: 0 };
    }
    if (!GENDERED_SURNAME.test(w)) return { m: 0, f: 0 };
    const genders = new Set(pool.filter((p) => has(p, 'Surn') || has(p, 'ADJF')).map(genderOf));
    if (genders.size === 1 && genders.has('f')) return { m: 0, f: 1.5 };
    if (genders.size === 1 && genders.has('m')) return { m: 1, f: 0 };
    return { m: 0, f: 0 };
  }

  /** Nominative candidates for one surface form in a role, for a person of the given gender. */
  nominatives(word: string, role: Role, gender: Gender | null, cases: ReadonlySet<string> | null): Candidate[] {
    const self = (strength: Strength): Candidate => ({ form: lower(word), strength, surface: word });
    if (LATIN.test(word) || PARTICLE.test(word) || CASELESS.test(word)) return [self(3)];
    if (/[-‐]/u.test(word)) {
      // Each piece on its own (Римского-Корсакова -> Римский-Корсаков, Жан-Поля -> Жан-Поль) when az knows every
      // piece as a name; else as written (Эль-Чапо).
      const pieces = word.split(/[-‐]/u).map((piece) => this.nominatives(piece, role, gender, cases)[0] ?? { form: lower(piece), strength: 1 as Strength, surface: piece });
      const joined: Candidate = { form: pieces.map((p) => p.form).join('-'), strength: Math.min(...pieces.map((p) => p.strength)) as Strength, surface: word };
      return joined.strength === 3 ? [joined, self(1)] : [self(1), { ...joined, strength: 1 }];
    }
    if (role === 'patronymic') {
      const m = PATRONYMIC.exec(word);
      return [m ? { form: lower(m[1] ?? `${m[3]!}а`), strength: 3, surface: word } : self(1)];
    }
    // A woman's surname that ends in a consonant does not decline ("Иванку Трамп", "Юлии Скрипаль"), and one in -а
    // that is not Russian-type is in the nominative ("Хулианой Авада").
    if (role === 'family' && gender === 'f' && !GENDERED_SURNAME.test(word) && /[^оеиыуюэ]$/iu.test(word)) return [self(3)];
    let pool = this.rolePool(word, role);
    if (cases !== null) {
      const agrees = (p: AzParse): boolean => has(p, 'Fixd') || cases.has(caseOf(p) ?? '');
      const agreeing = pool.filter(agrees);
      // "Илона Маска": no reading of Илона as a name agrees with the genitive, az's guess (Илон) does.
      const guessed = role === 'given' && agreeing.length === 0 ? this.parses(word).filter((p) => has(p, 'NOUN') && has(p, 'anim') && !has(p, 'plur') && !has(p, 'voct') && agrees(p)) : [];
      if (agreeing.length > 0) pool = agreeing;
      else if (guessed.length > 0) pool = guessed;
    }
    if (role === 'given' && gender !== null) {
      const same = pool.filter((p) => genderOf(p) === gender || genderOf(p) === null);
      if (same.length > 0) pool = same;
    }
    const out = new Map<string, Candidate & { score: number }>();
    for (const p of pool) {
      const own = genderOf(p);
      // Gender unknown: the masculine (a researcher types Пушкин for "А. С. Пушкина"); flagged as uncertain.
      const want = role === 'given' ? own : (gender ?? (own === null ? null : 'm'));
      let n: AzParse | false = false;
      if (want !== null && (has(p, 'Surn') || has(p, 'ADJF'))) n = p.inflect([want === 'f' ? 'femn' : 'masc', 'sing', 'nomn']);
      if (!n) n = p.inflect(['sing', 'nomn']) || p.normalize();
      // A nominative much longer than the text's form is a misreading (Пол read as половина).
      if (!n || typeof n.word !== 'string' || n.word.length > word.length + 2) continue;
      const form = lower(n.word);
      const score = p.score + (isDict(p) ? 1 : 0);
      const prev = out.get(form);
      // Only a name's own dictionary entry is worth 3: "Туре" read as the common noun тур is a guess.
      const named = has(p, 'Name') || has(p, 'Surn') || has(p, 'Patr') || (role === 'family' && has(p, 'ADJF'));
      if (prev === undefined || prev.score < score) out.set(form, { form, strength: isDict(p) && named ? 3 : 1, surface: word, score });
    }
    const list: Candidate[] = [...out.values()].sort((x, y) => y.strength - x.strength || y.score - x.score).map(({ form, strength, surface }) => ({ form, strength, surface }));
    const dictionary = list.some((c) => c.strength === 3);
    // The rest of the name is nominative, so this word is too ("Дмитрий Дедов", "Габриэл Уортман").
    if (cases !== null && cases.has('nomn') && [...cases].every((c) => c === 'nomn' || c === 'voct') && !dictionary) list.unshift(self(2));
    else if (!dictionary && INDECLINABLE.test(word) && !/(ого|его)$/iu.test(word) && !(role === 'given' && this.parses(word).some((p) => isDict(p) && has(p, 'Name')))) list.unshift(self(2));
    if (list.length === 0) list.push(self(1));
    // Bare stems, worth nothing alone, confirm a nominative that another mention shows (Маркоса ~ Маркос, Мигеля ~
    // Мигель, Ганца ~ Ганц, Ына ~ Ын).
    for (const { form, stem } of stemForms(word)) if (!list.some((c) => c.form === form)) list.push({ form, strength: 0, surface: word, stem });
    return list;
  }
}

/**
 * Splits the name words of one mention into roles, by az's Name/Surn/Patr tags and Russian word order. Nicknames in
 * quotes, names in scripts without case, and the middle words of a name of three or more words without a
 * patronymic (Ибрахим Бубакар Кейта, Ким Чен Ын) become other spellings.
 */
function assignRoles(a: Analyser, words: readonly MentionWord[], mention: number): { slots: Slot[]; initials: string[]; guessedSplit: boolean; single: boolean } {
  const initials = words.filter((w) => w.initial).map((w) => w.text);
  const named = words.filter((w) => w.capital && !w.initial);
  const roles: [MentionWord, SlotRole][] = [];
  const put = (w: MentionWord | undefined, role: SlotRole): void => {
    if (w !== undefined) roles.push([w, role]);
  };
  const aside = (w: MentionWord): boolean => CASELESS.test(w.text) || (w.quoted && named.length > 1);
  const ws = named.every(aside) ? named : named.filter((w) => !aside(w));
  if (ws !== named) named.filter(aside).forEach((w) => put(w, 'other'));
  const patr = ws.map((w) => a.isPatronymic(w.text));
  let guessedSplit = false;
  let single = false;
  if (ws.length === 1) {
    const w = ws[0]!;
    if (CASELESS.test(w.text)) put(w, 'other');
    else if (patr[0] && initials.length === 0) put(w, 'patronymic');
    // "В. Путин", "Путин В.В.": with initials the word is a surname; alone it is decided against the document.
    else put(w, initials.length > 0 ? 'family' : a.isName(w.text) && !a.isSurname(w.text) ? 'given' : 'family');
    single = initials.length === 0 && !patr[0] && !CASELESS.test(w.text);
  } else if (ws.length === 2) {
    const [x, y] = ws as [MentionWord, MentionWord];
    if (patr[1]) {
      put(x, 'given');
      put(y, 'patronymic');
    } else if (PARTICLE.test(x.text) && !/^(бен|бин|ибн|ben|bin|ibn)$/iu.test(x.text)) {
      put(x, 'family');
      put(y, 'family');
    } else if (a.isSurname(x.text) && !a.isName(x.text) && a.isName(y.text) && !a.isSurname(y.text)) {
      put(x, 'family');
      put(y, 'given');
    } else {
      put(x, 'given');
      put(y, 'family');
    }
  } else if (ws.length >= 3) {
    const p = patr.indexOf(true);
    if (ws.length === 3 && p === 1) {
      put(ws[0], 'given');
      put(ws[1], 'patronymic');
      put(ws[2], 'family');
    } else if (ws.length === 3 && p === 2) {
      put(ws[0], 'family');
      put(ws[1], 'given');
      put(ws[2], 'patronymic');
    } else {
      // Three or more words and no patronymic where Russian order expects it: the first is the given name, the last
      // (with the particles before it: Аль Тани) the surname, the words between are other names.
      let familyStart = ws.length - 1;
      while (familyStart > 1 && PARTICLE.test(ws[familyStart - 1]!.text)) familyStart--;
      put(ws[0], 'given');
      ws.slice(1, familyStart).forEach((w, i) => put(w, i + 1 === p ? 'patronymic' : 'other'));
      ws.slice(familyStart).forEach((w) => put(w, 'family'));
      guessedSplit = true;
    }
  }
  // Case agreement: what the other words' dictionary parses allow ("Луиса Суареса": genitive, so Луис).
  const known = roles.map(([w, role]) => (role === 'other' ? null : a.dictCases(w.text, role)));
  const slots = roles.map(([word, role], i): Slot => {
    const others = known.filter((c, j): c is Set<string> => j !== i && c !== null);
    const first = others[0];
    const cases = first === undefined ? null : new Set([...first].filter((x) => others.every((c) => c.has(x))));
    return { word, role, mention, cases: cases !== null && cases.size > 0 ? cases : null };
  });
  slots.sort((x, y) => x.word.start - y.word.start);
  return { slots, initials, guessedSplit, single };
}

function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

/**
 * A register for one document: every person named in it, grouped (one surname is one person unless given names,
 * patronymics, initials or genders differ; a lone given name joins the person with that given name), each part in
 * the nominative, Cyrillic names in `.cyrillic` (Latin-script ones in `.latin`).
 */
export function buildRegister(doc: Pick<NerelDoc, 'persons'>, morph: Morphology): DocRegister {
  const a = new Analyser(morph);
  const drafts: Draft[] = [];
  const mentionEntry: number[] = doc.persons.map(() => -1);
  const keyCache = new Map<string, Set<string>>();
  const keysOf = (w: string): Set<string> => {
    let k = keyCache.get(w);
    if (k === undefined) {
      k = a.keys(w);
      keyCache.set(w, k);
    }
    return k;
  };
  /**
   * Grouping keys of a part: of the first word of a given name, of the last word of a surname (Аль Тани ~ Тани),
   * with the last hyphenated piece too; of every word for other names.
   */
  const partKeys = (slots: readonly Slot[]): Set<string> => {
    const out = new Set<string>();
    for (const s of slots) {
      const byMention = slots.filter((x) => x.mention === s.mention);
      const pick = s.role === 'given' ? byMention[0] : s.role === 'other' ? s : byMention[byMention.length - 1];
      if (pick !== s) continue;
      for (const k of keysOf(s.word.text)) out.add(k);
      if (/[-‐]/u.test(s.word.text)) for (const k of keysOf(lastPiece(s.word.text))) out.add(k);
    }
    return out;
  };
  const draftGender = (d: Draft): Gender | null => genderOfDraft(a, d).gender;

  const analysed = doc.persons.map((m, index) => ({ index, ...assignRoles(a, m.words, index) }));
  // Full names first, so that a lone surname or given name finds the person it belongs to.
  const order = [...analysed].sort((x, y) => y.slots.length + y.initials.length - (x.slots.length + x.initials.length) || x.index - y.index);

  for (const m of order) {
    if (m.slots.length === 0) continue;
    const mine: Draft = {
      given: m.slots.filter((s) => s.role === 'given'),
      family: m.slots.filter((s) => s.role === 'family'),
      patronymic: m.slots.filter((s) => s.role === 'patronymic'),
      other: m.slots.filter((s) => s.role === 'other'),
      initials: m.initials,
      mentions: [m.index],
      guessedSplit: m.guessedSplit,
    };
    if (m.single) {
      // One word, no initials: a surname if some person has it as a surname, else a given name if some person has
      // it as one, else a new person with the role az's tags gave it.
      const slot = m.slots[0]!;
      const k = keysOf(slot.word.text);
      let role: SlotRole = 'family';
      let target = drafts.findIndex((d) => d.family.length > 0 && intersects(partKeys(d.family), k));
      for (const r of ['given', 'other'] as const) {
        if (target >= 0) break;
        role = r;
        target = drafts.findIndex((d) => d[r].length > 0 && intersects(partKeys(d[r]), k));
      }
      if (target >= 0) {
        const d = drafts[target]!;
        d[role].push({ ...slot, role });
        d.mentions.push(m.index);
        mentionEntry[m.index] = target;
        continue;
      }
    }
    const myGender = draftGender(mine);
    const target = drafts.findIndex((d) => {
      const g = draftGender(d);
      if (g !== null && myGender !== null && g !== myGender) return false;
      const agree = (x: readonly Slot[], y: readonly Slot[]): boolean | null => (x.length > 0 && y.length > 0 ? intersects(partKeys(x), partKeys(y)) : null);
      const famOk = agree(d.family, mine.family);
      const givOk = agree(d.given, mine.given);
      const patOk = agree(d.patronymic, mine.patronymic);
      const initialOk = (initials: readonly string[], other: Draft): boolean | null => {
        const first = initials[0];
        const given = other.given[0]?.word.text ?? other.initials[0];
        return first !== undefined && given !== undefined ? lower(given).startsWith(lower(first)) : null;
      };
      const iniOk = initialOk(mine.initials, d) ?? initialOk(d.initials, mine);
      if (famOk === false || givOk === false || patOk === false || iniOk === false) return false;
      // The same surname; or the same given name and patronymic where neither has a surname.
      return famOk === true || (famOk === null && givOk === true && patOk === true);
    });
    if (target >= 0) {
      const d = drafts[target]!;
      d.given.push(...mine.given);
      d.family.push(...mine.family);
      d.patronymic.push(...mine.patronymic);
      d.other.push(...mine.other);
      if (d.initials.length === 0) d.initials = mine.initials;
      d.mentions.push(m.index);
      d.guessedSplit ||= mine.guessedSplit;
      mentionEntry[m.index] = target;
    } else {
      drafts.push(mine);
      mentionEntry[m.index] = drafts.length - 1;
    }
  }

  const entries = drafts.map((d) => finish(a, d));
  return { entries, mentionEntry };
}

/** The person's gender by weighted votes; `sure` when a dictionary given name, a patronymic or a surname's form says it. */
function genderOfDraft(a: Analyser, d: Draft): { gender: Gender | null; sure: boolean } {
  let m = 0;
  let f = 0;
  let sureM = 0;
  let sureF = 0;
  for (const s of [...d.given, ...d.patronymic, ...d.family]) {
    const v = a.genderVote(s);
    m += v.m;
    f += v.f;
    // Guessed given names vote at most 0.5 (see genderVote).
    if (v.m + v.f > 0.5) {
      sureM += v.m;
      sureF += v.f;
    }
  }
  const gender = m > f ? 'm' : f > m ? 'f' : null;
  return { gender, sure: gender === 'm' ? sureM > sureF : gender === 'f' ? sureF > sureM : false };
}

/**
 * The nominative of one single-word part, from all the surface forms the person's mentions give it. Every distinct
 * form votes for the nominatives it can come from: a dictionary reading 3, a form the case agreement vouches for 2,
 * az's guess 1, its bare stem 0.8 (Ганца -> ганц), its stem with an ending 0.5 (Мигеля -> мигель). The winner is
 * taken as written when it is one of the forms in the document ("seen"); a form that is seen and has at least 60 %
 * of the winner's votes is preferred to an unseen winner.
 */
function chooseWord(a: Analyser, slots: readonly Slot[], role: Role, gender: Gender | null): RegisterPart {
  const from = [...new Set(slots.map((s) => s.word.text))];
  const surfaces = new Map(from.map((w) => [lower(w), w]));
  const support = new Map<string, { score: number; dict: boolean; real: boolean; others: boolean; surface: string }>();
  for (const w of from) {
    const mine = new Map<string, Candidate>();
    for (const s of slots.filter((x) => x.word.text === w)) {
      for (const c of a.nominatives(w, role, gender, s.cases)) {
        const prev = mine.get(c.form);
        if (prev === undefined || weight(prev) < weight(c)) mine.set(c.form, c);
      }
    }
    for (const c of mine.values()) {
      const v = support.get(c.form) ?? { score: 0, dict: false, real: false, others: false, surface: c.surface };
      v.score += weight(c);
      v.dict ||= c.strength === 3;
      v.real ||= c.strength > 0;
      v.others ||= lower(w) !== c.form;
      support.set(c.form, v);
    }
  }
  // A name in -а/-я declines like a feminine noun (Мандела, Манделы, Манделой): where the document shows such a
  // genitive or instrumental, the form in -а/-я is the nominative, whatever az guessed (мандел).
  for (const [form, v] of support) {
    const stem = form.slice(0, -1);
    if (/[ая]$/u.test(form) && surfaces.has(form) && ['ы', 'и', 'ой', 'ей', 'ою', 'ею'].some((e) => surfaces.has(stem + e))) v.score += 3;
  }
  const ranked = [...support.entries()].filter(([form, v]) => v.real || surfaces.has(form)).sort((x, y) => y[1].score - x[1].score);
  const best = ranked[0];
  if (best === undefined) return { value: from[0]!, source: 'as-written', from };
  const seen = ranked.find(([form]) => surfaces.has(form));
  if (seen !== undefined && (seen === best || seen[1].score >= Math.max(1.5, 0.6 * best[1].score))) {
    // Confirmed by the dictionary, by case agreement or by another form; az's guess of the form alone is not.
    const confirmed = seen[1].dict || seen[1].others || seen[1].score >= 2;
    return { value: surfaces.get(seen[0])!, source: confirmed ? 'seen' : 'as-written', from };
  }
  const [form, v] = best;
  const value = capitalise(form, v.surface);
  if (role === 'patronymic') return { value, source: v.dict ? 'rule' : 'as-written', from };
  return { value, source: v.dict ? 'az' : lower(v.surface) === form ? 'as-written' : 'az-guess', from };
}

function weight(c: Candidate): number {
  return c.strength > 0 ? c.strength : c.stem === 'bare' ? 0.8 : 0.5;
}

/** The nominative of one part; a multi-word part (given names "Мартин Лютер") word by word from its longest mention. */
function choosePart(a: Analyser, slots: readonly Slot[], role: Role, gender: Gender | null): RegisterPart | undefined {
  if (slots.length === 0) return undefined;
  const byMention = new Map<number, Slot[]>();
  for (const s of slots) byMention.set(s.mention, [...(byMention.get(s.mention) ?? []), s]);
  const longest = [...byMention.values()].sort((x, y) => y.length - x.length)[0]!;
  if (longest.length === 1) return chooseWord(a, slots, role, gender);
  const from = [...new Set(slots.map((s) => s.word.text))];
  const parts = longest.map((s, i) => chooseWord(a, i === longest.length - 1 ? slots.filter((x) => (byMention.get(x.mention)!.at(-1) === x)) : [s], role, gender));
  const order: PartSource[] = ['as-written', 'az-guess', 'initial', 'az', 'rule', 'seen'];
  const worst = parts.map((p) => p.source).sort((x, y) => order.indexOf(x) - order.indexOf(y))[0]!;
  return { value: parts.map((p) => p.value).join(' '), source: worst, from };
}

function finish(a: Analyser, d: Draft): RegisterEntry {
  const { gender, sure } = genderOfDraft(a, d);
  const parts: Partial<Record<Role, RegisterPart>> = {};
  const uncertain: string[] = [];
  for (const role of ['given', 'family', 'patronymic'] as const) {
    const p = choosePart(a, d[role], role, gender);
    if (p === undefined) continue;
    parts[role] = p;
    if (p.source === 'az-guess') uncertain.push(`${role} "${p.value}" guessed by az from ${p.from.join('/')}`);
    if (p.source === 'as-written' && !LATIN.test(p.value)) uncertain.push(`${role} "${p.value}" taken as written (neither az nor another form confirms it)`);
  }
  if (parts.given === undefined && d.initials.length > 0) {
    // Known only by initials ("В. Путин"): the researcher would have typed the full name; its initial is all the
    // engine uses to match initials, so the register gets the letter.
    parts.given = { value: d.initials[0]!, source: 'initial', from: d.initials };
    if (d.initials.length > 1 && parts.patronymic === undefined) parts.patronymic = { value: d.initials[1]!, source: 'initial', from: d.initials };
    uncertain.push(`given name known only as the initial ${d.initials.join('.')}.`);
  }
  // A surname whose nominative depends on a gender the name does not settle (Пушкина: Пушкин or Пушкина?).
  const fam = parts.family;
  if (fam !== undefined && !sure) {
    const other = (g: Gender): string | undefined => choosePart(a, d.family, 'family', g)?.value;
    if (other('m') !== other('f')) uncertain.push(`gender ${gender === null ? 'unknown' : 'guessed'}: surname "${fam.value}" (${other('m')} / ${other('f')})`);
  }
  if (d.guessedSplit) uncertain.push('name of three or more words: given/family/other split guessed');
  // Other spellings: middle names, nicknames and names in other scripts, alone and, for each mention that has
  // them, the whole name in the nominative as written there.
  const otherSpellings = new Set<string>();
  const byKey = new Map<string, Slot[]>();
  for (const s of d.other) byKey.set(lower(s.word.text), [...(byKey.get(lower(s.word.text)) ?? []), s]);
  const otherValue = new Map<Slot, string>();
  for (const slots of byKey.values()) {
    const p = chooseWord(a, slots, 'given', gender);
    otherSpellings.add(p.value);
    for (const s of slots) otherValue.set(s, p.value);
    if (p.source === 'az-guess') uncertain.push(`other name "${p.value}" guessed by az from ${p.from.join('/')}`);
  }
  for (const mention of new Set(d.other.map((s) => s.mention))) {
    const slots = [...d.given, ...d.patronymic, ...d.family, ...d.other].filter((s) => s.mention === mention).sort((x, y) => x.word.start - y.word.start);
    if (slots.length < 2) continue;
    const value = (s: Slot): string => {
      if (s.role === 'other') return otherValue.get(s) ?? s.word.text;
      const part = parts[s.role];
      return part !== undefined && d[s.role].filter((x) => x.mention === mention).length === 1 && !/\s/u.test(part.value) ? part.value : chooseWord(a, [s], s.role, gender).value;
    };
    otherSpellings.add(slots.map(value).join(' '));
  }
  const script = (p: RegisterPart | undefined): { cyrillic: string; latin: string } =>
    p === undefined ? { cyrillic: '', latin: '' } : LATIN.test(p.value) ? { cyrillic: '', latin: p.value } : { cyrillic: p.value, latin: '' };
  const person: RegisterPerson = {
    given: script(parts.given),
    family: script(parts.family),
    patronymic: script(parts.patronymic),
    otherSpellings: [...otherSpellings],
    contacts: [],
  };
  return { person, parts, gender, mentions: [...d.mentions].sort((x, y) => x - y), uncertain };
}

/** "Барак Обама", "Путин Владимир Владимирович": the entry as one line, for printing. */
export function describeEntry(e: RegisterEntry): string {
  const p = e.parts;
  const name = [p.given?.value, p.patronymic?.value, p.family?.value].filter(Boolean).join(' ');
  const other = e.person.otherSpellings ?? [];
  return `${name || '—'}${e.gender ? ` (${e.gender})` : ''}${other.length > 0 ? ` [also: ${other.join('; ')}]` : ''}`;
}

// ---------------------------------------------------------------------------------------------------------------
// reading the corpus (a git directory, such as a bare mirror, or a plain checkout)

export const DEFAULT_NEREL = '/work/.mirror/nerel-ds+NEREL/repo';
export const VERSION_DIR = 'NEREL-v1.1';

export type NerelSource = { readonly kind: 'git'; readonly path: string } | { readonly kind: 'dir'; readonly path: string };

/** The corpus location: FIELDVAULT_NEREL (a git dir or a checkout), else the default mirror if present; null if neither. */
export function resolveSource(env: string | undefined = process.env.FIELDVAULT_NEREL): NerelSource | null {
  const candidates = env ? [env] : [DEFAULT_NEREL];
  for (const path of candidates) {
    if (!existsSync(path) || !statSync(path).isDirectory()) continue;
    if (existsSync(join(path, VERSION_DIR))) return { kind: 'dir', path: join(path, VERSION_DIR) };
    if (existsSync(join(path, 'dev')) && existsSync(join(path, 'test'))) return { kind: 'dir', path };
    if (existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'))) return { kind: 'git', path };
    if (existsSync(join(path, '.git'))) return { kind: 'git', path: join(path, '.git') };
  }
  return null;
}

function pairUp(files: Map<string, string>, split: string): NerelDoc[] {
  const bases = [...files.keys()].filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
  const docs: NerelDoc[] = [];
  for (const base of bases) {
    const ann = files.get(`${base}.ann`);
    if (ann === undefined) continue;
    const id = base.slice(base.lastIndexOf('/') + 1);
    docs.push(parseDoc(id, split, files.get(`${base}.txt`)!, ann));
  }
  return docs;
}

function readGitBlobs(gitDir: string, paths: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (paths.length === 0) return out;
  const raw = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: paths.map((p) => `HEAD:${p}`).join('\n') + '\n', maxBuffer: 1 << 30 });
  let at = 0;
  for (const path of paths) {
    const nl = raw.indexOf(0x0a, at);
    const header = raw.subarray(at, nl).toString('utf8');
    const m = /^\S+ blob (\d+)$/u.exec(header);
    if (m === null) throw new Error(`git cat-file: ${header} (${path})`);
    const size = Number(m[1]);
    out.set(path, raw.subarray(nl + 1, nl + 1 + size).toString('utf8'));
    at = nl + 1 + size + 1;
  }
  return out;
}

/** One split (dev, test, train) of NEREL-v1.1. */
export function loadSplit(source: NerelSource, split: string): NerelDoc[] {
  const files = new Map<string, string>();
  if (source.kind === 'dir') {
    const dir = join(source.path, split);
    for (const f of readdirSync(dir)) if (f.endsWith('.txt') || f.endsWith('.ann')) files.set(`${split}/${f}`, readFileSync(join(dir, f), 'utf8'));
  } else {
    const prefix = `${VERSION_DIR}/${split}/`;
    const list = execFileSync('git', ['--git-dir', source.path, 'ls-tree', '-r', '--name-only', 'HEAD', '--', prefix], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .split('\n')
      .filter((f) => f.endsWith('.txt') || f.endsWith('.ann'));
    for (const [k, v] of readGitBlobs(source.path, list)) files.set(k.slice(VERSION_DIR.length + 1), v);
  }
  return pairUp(files, split);
}

/** What az knows of a word as a name: a dictionary Name/Surn/Patr entry, only a guess, or nothing (Latin, unknown). */
export function nameKnowledge(morph: Morphology, word: string): 'dictionary' | 'guess' | 'none' {
  const last = lastPiece(word);
  if (LATIN.test(last)) return 'none';
  const parses = new Analyser(morph).parses(last);
  const named = parses.filter((p) => has(p, 'Name') || has(p, 'Surn') || has(p, 'Patr'));
  if (named.some(isDict)) return 'dictionary';
  return named.length > 0 ? 'guess' : 'none';
}

export function isLatin(word: string): boolean {
  return LATIN.test(word);
}
