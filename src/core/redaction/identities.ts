import { isFemaleParticle, isPatronymicParticle } from '../domain/patronymic';
import { splitName } from '../domain/people-import';
import { caseForms, type NameTriple } from './declension';
import { initialKey, wordKey } from './keys';
import { isCyrillic, russianise, toCyrillicVariants, toLatinVariantsAligned } from './translit';
import type { RegisterPerson } from './types';

/**
 * Every surface form a register person's name can take, as sequences of word keys (see keys.ts):
 * Russian case forms (through declension.ts), Kyrgyz/Kazakh/Uzbek patronymic particles (уулу, кызы, улы, қызы,
 * o'g'li, qizi) interchanged with Russian -ович/-овна, Tajik -зода/-заде, transliterations both ways,
 * initials in both orders, and the other spellings from the register. ALL CAPS and possessives ("'s") need
 * no forms of their own: the key ignores case and the tokeniser leaves "'s" outside the word.
 */

export type FormPart = 'full' | 'given' | 'family' | 'patronymic';

export interface NameForm {
  readonly keys: readonly string[];
  /** The surface words behind the keys (initials as written, without the full stop), for the looser key. */
  readonly words: readonly string[];
  readonly part: FormPart;
  /** The first word must be capitalised in the text (single given names, short surnames, patronymics). */
  readonly needsCapital: boolean;
  /** A two-letter surname (Ли, По): also a common word, so never at a sentence's start. */
  readonly short?: boolean;
  /** A relative's form (Абдылдаев for Абдылдаева, the Abdyldaevs): never this person's pseudonym or code. */
  readonly relative?: boolean;
}

const MALE_PARTICLES = ['уулу', 'улы', 'ұлы', 'угли', 'ўғли'];
const FEMALE_PARTICLES = ['кызы', 'қызы', 'кизи', 'қизи'];
const RUSSIAN_PATRONYMIC = /^(.+?)(ович|евич|ич|овна|евна|ична)$/u;
const TAJIK_SUFFIX = /^(.+?)-?(зода|заде|zoda|zade|zodah)$/iu;

function words(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

const partKeys = new Map<string, string>();

/** The key of one name part (cached: the same parts recur in every case form and scheme). */
function partKey(p: string): string {
  let k = partKeys.get(p);
  if (k === undefined) {
    k = p.indexOf(' ') < 0 && p === p.trim() ? wordKey(p) : words(p).map(wordKey).join(' ');
    if (partKeys.size > 200_000) partKeys.clear();
    partKeys.set(p, k);
  }
  return k;
}

function tripleKey(t: NameTriple): string {
  return `${partKey(t.given)}|${partKey(t.family)}|${partKey(t.patronymic)}`;
}

/** Patronymic in every style: "Бакыт уулу" <-> "Бакытович", "Бакыт кызы" <-> "Бакытовна". */
function patronymicVariants(p: string): string[] {
  const ws = words(p);
  if (ws.length === 0) return [''];
  const out = new Set<string>([p]);
  const last = ws[ws.length - 1]!.toLowerCase();
  if (ws.length >= 2 && isPatronymicParticle(last)) {
    const father = ws.slice(0, -1).join(' ');
    if (isCyrillic(father)) {
      const female = isFemaleParticle(last);
      for (const particle of female ? FEMALE_PARTICLES : MALE_PARTICLES) out.add(`${father} ${particle}`);
      const soft = /[аеиоуыэюя]$/u.test(father) ? father : `${father}${female ? 'овна' : 'ович'}`;
      if (soft !== father) out.add(soft);
    }
  } else if (ws.length === 1 && isCyrillic(p)) {
    const m = RUSSIAN_PATRONYMIC.exec(p);
    if (m !== null) {
      const female = /на$/u.test(p);
      for (const particle of female ? FEMALE_PARTICLES : MALE_PARTICLES) out.add(`${m[1]} ${particle}`);
    }
  }
  return [...out];
}

/** Tajik surnames: Шарифзода, Шариф-зода, Шарифзаде, Sharifzoda, Sharif-zade. */
function familyVariants(f: string): string[] {
  const out = new Set<string>([f]);
  const m = TAJIK_SUFFIX.exec(f);
  if (m !== null) {
    const stem = m[1]!;
    const cyr = isCyrillic(stem);
    for (const suffix of cyr ? ['зода', 'заде'] : ['zoda', 'zade']) {
      out.add(`${stem}${suffix}`);
      out.add(`${stem}-${suffix}`);
    }
  }
  return [...out];
}

/**
 * A hyphenated name is also written as one word (Мухаммад-Али, Мухаммадали) and each half stands alone (Саидова of
 * Саидова-Каримова; Мухаммад of Мухаммад-Али): halves of four letters or more.
 */
function hyphenVariants(base: NameTriple): NameTriple[] {
  const out: NameTriple[] = [];
  const joined = (s: string): string => s.replace(/(\p{L})-(\p{L})/gu, (_m, a: string, b: string) => a + b.toLowerCase());
  if (/\p{L}-\p{L}/u.test(base.given) || /\p{L}-\p{L}/u.test(base.family)) {
    out.push({ given: joined(base.given), family: TAJIK_SUFFIX.test(base.family) ? base.family : joined(base.family), patronymic: base.patronymic });
  }
  for (const part of ['given', 'family'] as const) {
    if (!/\p{L}-\p{L}/u.test(base[part]) || (part === 'family' && TAJIK_SUFFIX.test(base[part]))) continue;
    for (const half of base[part].split('-')) {
      if ([...half].length >= 4 && !/^(?:аль|ал|эль|ибн|бин|бен|al|el|ibn|bin|ben)$/iu.test(half)) {
        out.push(part === 'given' ? { given: half, family: '', patronymic: '' } : { given: '', family: half, patronymic: '' });
      }
    }
  }
  return out;
}

function expand(base: NameTriple): NameTriple[] {
  const out: NameTriple[] = [];
  for (const b of [base, ...hyphenVariants(base)]) {
    for (const family of familyVariants(b.family)) {
      for (const patronymic of patronymicVariants(b.patronymic)) out.push({ given: b.given, family, patronymic });
    }
  }
  return out;
}

function mapTriple(t: NameTriple, f: (w: string) => string): NameTriple {
  const m = (s: string): string => words(s).map((w) => w.split('-').map(f).join('-')).join(' ');
  return { given: m(t.given), family: m(t.family), patronymic: m(t.patronymic) };
}

/** The name triples of a person in every script, spelling and case, before they become key sequences. */
export function nameTriples(p: RegisterPerson): NameTriple[] {
  const bases: NameTriple[] = [];
  const pick = (script: 'latin' | 'cyrillic'): NameTriple => ({
    given: p.given?.[script] ?? '',
    family: p.family?.[script] ?? '',
    patronymic: p.patronymic?.[script] ?? '',
  });
  for (const script of ['cyrillic', 'latin'] as const) {
    const t = pick(script);
    if (t.given || t.family || t.patronymic) bases.push(t);
  }
  for (const s of p.otherSpellings ?? []) {
    const parts = splitName(s);
    if (parts.given || parts.family) bases.push(parts);
  }

  const cyrillic: NameTriple[] = [];
  const latin: NameTriple[] = [];
  for (const base of bases.flatMap(expand)) {
    const script = isCyrillic(`${base.given}${base.family}${base.patronymic}`);
    if (script) {
      cyrillic.push(base);
      const ru = mapTriple(base, russianise);
      if (tripleKey(ru) !== tripleKey(base)) cyrillic.push(ru);
    } else {
      latin.push(base);
      // A name known only in Latin still appears inflected in Russian notes: read it in Cyrillic and decline it.
      const g = toCyrillicVariants(base.given || 'x');
      const f = toCyrillicVariants(base.family || 'x');
      for (const gi of base.given ? g : ['']) {
        for (const fi of base.family ? f : ['']) {
          const patronymic = words(base.patronymic).map((w) => toCyrillicVariants(w)[0] ?? w).join(' ');
          cyrillic.push({ given: gi, family: fi, patronymic });
        }
      }
    }
  }

  const out: NameTriple[] = [...latin];
  const seen = new Set<string>(latin.map(tripleKey));
  // Most generated triples repeat one already seen letter for letter (schemes agree on most letters): skip those
  // before computing keys.
  const raw = new Set<string>();
  const add = (t: NameTriple): void => {
    const r = `${t.given}|${t.family}|${t.patronymic}`;
    if (raw.has(r)) return;
    raw.add(r);
    const k = tripleKey(t);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  };
  for (const c of cyrillic) {
    for (const declined of caseForms(c)) {
      add(declined);
      for (const lat of toLatinVariantsAligned(declined)) add(lat);
    }
  }
  // The family: a woman's surname names her husband, father and brothers too (Абдылдаева -> Абдылдаев, "the
  // Abdyldaevs"), and the other way round; Russian writes the family in the plural (Абдылдаевы, у Абдылдаевых).
  const families = new Set(cyrillic.map((c) => c.family).filter((f) => f !== '' && !/\s/.test(f)));
  for (const f of families) {
    for (const relative of familyRelatives(f)) {
      for (const declined of relative.plural ? [{ given: '', family: relative.family, patronymic: '' }] : caseForms({ given: '', family: relative.family, patronymic: '' })) {
        add({ ...declined, relative: true });
        for (const lat of toLatinVariantsAligned(declined)) add({ ...lat, relative: true });
      }
    }
  }
  return out;
}

const SYLLABIC = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+$/u;
const SURNAME_BASE = /^(.+(?:ов|ев|ёв|ин|ын))(а?)$/u;
const ADJECTIVE_SURNAME = /^(.+(?:ск|цк))(?:ий|ой|ая)$/u;

/** The other gender's surname and the family plural forms of a Russian-style surname. */
function familyRelatives(family: string): { family: string; plural: boolean }[] {
  const adjective = ADJECTIVE_SURNAME.exec(family);
  if (adjective !== null) {
    // Тарковский: Тарковская, and the family: Тарковские, у Тарковских, Тарковским, Тарковскими.
    const base = adjective[1]!;
    return [{ family: `${base}${/ая$/u.test(family) ? 'ий' : 'ая'}`, plural: false }, ...['ие', 'их', 'им', 'ими'].map((e) => ({ family: base + e, plural: true }))];
  }
  const m = SURNAME_BASE.exec(family);
  if (m === null) return [];
  const base = m[1]!;
  const other = m[2] === 'а' ? base : `${base}а`;
  return [{ family: other, plural: false }, ...['ы', 'ых', 'ым', 'ыми'].map((e) => ({ family: base + e, plural: true }))];
}

function initialWordsOf(given: string): string[] {
  const w = words(given)[0];
  if (w === undefined) return [];
  const first = [...w][0]!;
  const out = [first];
  if (/^[ZSCK]h/iu.test(w)) out.push(w.slice(0, 2));
  return out;
}

/** The key sequences for one name triple. */
const NO_INITIALS: ReadonlySet<string> = new Set();

/** Words of a name part, hyphenated parts apart, without words that have no letters. */
function splitPart(s: string): string[] {
  return words(s).flatMap((w) => w.split('-')).filter((w) => wordKey(w).length > 0);
}

function addForm(out: NameForm[], ws: readonly string[], part: FormPart, needsCapital: boolean, initials: ReadonlySet<string> = NO_INITIALS, relative = false): void {
  if (ws.length === 0) return;
  const keys = ws.map((w) => (initials.has(w) ? initialKey(w) : wordKey(w)));
  if (keys.every((k) => k.length > 0)) out.push(relative ? { keys, words: ws, part, needsCapital, relative } : { keys, words: ws, part, needsCapital });
}

function sequences(t: NameTriple): NameForm[] {
  const Gw = splitPart(t.given);
  const Fw = splitPart(t.family);
  const Pw = splitPart(t.patronymic);
  const giw = initialWordsOf(t.given);
  const piw = Pw.length > 0 ? initialWordsOf(t.patronymic) : [];
  const out: NameForm[] = [];
  const add = (ws: readonly string[], part: FormPart, needsCapital: boolean, initials?: ReadonlySet<string>): void => addForm(out, ws, part, needsCapital, initials, t.relative === true);
  const key = (ws: readonly string[]): string[] => ws.map(wordKey);
  const F = key(Fw);
  const P = key(Pw);
  const fLen = F.join('').length;
  if (Fw.length > 0 && fLen >= 3) add(Fw, 'family', fLen <= 4 || (F.length === 1 && isPatronymicParticle(Fw[0]!)));
  // Two-letter names (Ли, Ян, По): common words too, so only capitalised and never at a sentence's start.
  if (Fw.length === 1 && fLen === 2) out.push({ keys: [wordKey(Fw[0]!)], words: Fw, part: 'family', needsCapital: true, short: true, ...(t.relative === true ? { relative: true } : {}) });
  if (Gw.length === 1 && key(Gw).join('').length === 2) out.push({ keys: [wordKey(Gw[0]!)], words: Gw, part: 'given', needsCapital: true, short: true });
  // Three letters at least, or two syllables of a script that writes one per sign (马凌, 袁琳).
  if (Gw.length > 0 && (key(Gw).join('').length >= 3 || (SYLLABIC.test(Gw.join('')) && Gw.join('').length >= 2))) add(Gw, 'given', true);
  if (Pw.length === 1 && P[0]!.length >= 5) add(Pw, 'patronymic', true);
  if (Pw.length >= 2) {
    add(Pw, 'patronymic', true);
    // Kazakh and Kyrgyz also glue the particle to the father's name: Ержан қызы -> Ержанқызы.
    if (Pw.length === 2 && isPatronymicParticle(Pw[1]!)) add([Pw.join('')], 'patronymic', true);
  }
  // Two- and three-word forms in the usual orders; any other order is found word by word, since a match takes the
  // person's adjacent name parts with it (matcher.ts).
  if (Gw.length > 0 && Fw.length > 0) {
    add([...Gw, ...Fw], 'full', false);
    add([...Fw, ...Gw], 'full', false);
  }
  if (Gw.length > 0 && Pw.length > 0) {
    add([...Gw, ...Pw], 'full', false);
    if (Fw.length > 0) {
      add([...Gw, ...Pw, ...Fw], 'full', false);
      add([...Fw, ...Gw, ...Pw], 'full', false);
    }
  }
  if (Fw.length > 0) {
    for (const g of giw) {
      const ini = new Set([g, ...piw]);
      add([g, ...Fw], 'full', false, ini);
      add([...Fw, g], 'full', false, ini);
      for (const p of piw) {
        add([g, p, ...Fw], 'full', false, ini);
        add([...Fw, g, p], 'full', false, ini);
      }
    }
  }
  return out;
}

/** All forms of one person, deduplicated by key sequence. */
export function personForms(p: RegisterPerson): NameForm[] {
  const seen = new Set<string>();
  const out: NameForm[] = [];
  for (const t of nameTriples(p)) {
    for (const f of sequences(t)) {
      const k = f.keys.join(' ');
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(f);
    }
  }
  return out;
}
