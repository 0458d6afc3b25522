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
  readonly part: FormPart;
  /** The first word must be capitalised in the text (single given names, short surnames, patronymics). */
  readonly needsCapital: boolean;
}

const MALE_PARTICLES = ['уулу', 'улы', 'ұлы', 'угли', 'ўғли'];
const FEMALE_PARTICLES = ['кызы', 'қызы', 'кизи', 'қизи'];
const ALL_PARTICLES = new Set([...MALE_PARTICLES, ...FEMALE_PARTICLES, 'uulu', 'uly', 'ugli', "o'g'li", 'ogli', 'kyzy', 'qizi', 'kizi', 'qyzy']);
const RUSSIAN_PATRONYMIC = /^(.+?)(ович|евич|ич|овна|евна|ична)$/u;
const TAJIK_SUFFIX = /^(.+?)-?(зода|заде|zoda|zade|zodah)$/iu;

function words(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

function tripleKey(t: NameTriple): string {
  return [t.given, t.family, t.patronymic].map((p) => words(p).map(wordKey).join(' ')).join('|');
}

/** Patronymic in every style: "Бакыт уулу" <-> "Бакытович", "Бакыт кызы" <-> "Бакытовна". */
function patronymicVariants(p: string): string[] {
  const ws = words(p);
  if (ws.length === 0) return [''];
  const out = new Set<string>([p]);
  const last = ws[ws.length - 1]!.toLowerCase();
  if (ws.length >= 2 && ALL_PARTICLES.has(last)) {
    const father = ws.slice(0, -1).join(' ');
    if (isCyrillic(father)) {
      const female = FEMALE_PARTICLES.includes(last) || /^(kyzy|qizi|kizi|qyzy)$/.test(last);
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

function expand(base: NameTriple): NameTriple[] {
  const out: NameTriple[] = [];
  for (const family of familyVariants(base.family)) {
    for (const patronymic of patronymicVariants(base.patronymic)) out.push({ given: base.given, family, patronymic });
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
  const add = (t: NameTriple): void => {
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
  return out;
}

function initialsOf(given: string): string[] {
  const w = words(given)[0];
  if (w === undefined) return [];
  const first = [...w][0]!;
  const out = [initialKey(first)];
  // "Zh.", "Sh.", "Ch.", "Kh." are initials too.
  if (/^[ZSCK]h/iu.test(w)) out.push(initialKey(w.slice(0, 2)));
  return out;
}

/** The key sequences for one name triple. */
function sequences(t: NameTriple): NameForm[] {
  const G = words(t.given).flatMap((w) => w.split('-')).map(wordKey).filter(Boolean);
  const F = words(t.family).flatMap((w) => w.split('-')).map(wordKey).filter(Boolean);
  const P = words(t.patronymic).flatMap((w) => w.split('-')).map(wordKey).filter(Boolean);
  const gi = initialsOf(t.given);
  const pi = P.length > 0 ? initialsOf(t.patronymic) : [];
  const out: NameForm[] = [];
  const add = (keys: string[], part: FormPart, needsCapital: boolean): void => {
    if (keys.length > 0 && keys.every((k) => k.length > 0)) out.push({ keys, part, needsCapital });
  };
  const fLen = F.join('').length;
  if (F.length > 0 && fLen >= 3) add(F, 'family', fLen <= 4 || (F.length === 1 && ALL_PARTICLES.has(F[0]!)));
  if (G.length > 0 && G.join('').length >= 3) add(G, 'given', true);
  if (P.length === 1 && P[0]!.length >= 5) add(P, 'patronymic', true);
  if (P.length >= 2) add(P, 'patronymic', true);
  if (G.length && F.length) {
    add([...G, ...F], 'full', false);
    add([...F, ...G], 'full', false);
  }
  if (G.length && P.length) {
    add([...G, ...P], 'full', false);
    if (F.length) {
      add([...G, ...P, ...F], 'full', false);
      add([...F, ...G, ...P], 'full', false);
    }
  }
  if (F.length) {
    for (const g of gi) {
      add([g, ...F], 'full', false);
      add([...F, g], 'full', false);
      for (const p of pi) {
        add([g, p, ...F], 'full', false);
        add([...F, g, p], 'full', false);
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
