import { startsWithPatronymicParticle } from '../domain/patronymic';
import { personForms, type FormPart } from './identities';
import { looseKey, looseKeyVariants, wordKey, type Token } from './keys';
import { relationalStem, suffixStems } from './suffixes';
import type { RegisterPerson } from './types';

/**
 * All forms of all register people compiled into two tries over word keys: one on the exact key, one on the looser
 * key (other transliteration traditions; trusted on capitalised words only). Scanning a text is one walk from each
 * token, at most as deep as the longest form: linear in the text, independent of the register's size. The last word
 * of a form may carry Turkic or Tajik endings (suffixes.ts). Longest match wins, leftmost first. A match then takes
 * its neighbours with it: initials before and after, the person's other name parts, and a patronymic after it.
 */

interface Terminal {
  readonly people: number[];
  part: FormPart;
  needsCapital: boolean;
  /** Two-letter surnames: never at a sentence's start (По, Ли are words too). */
  short: boolean;
  /** Only a relative's form has this key (her surname for him): never the person's pseudonym or code. */
  relative: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode> | null;
  terminal: Terminal | null;
}

export interface NameMatch {
  /** Token index range [first, last], neighbours included. */
  readonly first: number;
  readonly last: number;
  readonly people: readonly number[];
  readonly part: FormPart;
  /**
   * A register name stands next to a name that is not that person's ("брат Рустам Каримов" where the register's
   * Каримов is Timur): may be a relative sharing the surname. Such a match must never become that person's
   * pseudonym or code.
   */
  readonly foreignNeighbour: boolean;
}

export interface NameMatcher {
  readonly size: number;
  /** Single-word keys of every form (for near-miss suggestions). */
  readonly singleKeys: ReadonlyMap<string, readonly number[]>;
  /**
   * Finds register names. `isGivenName` (a lexicon of given names in any case form) lets a stranger's given name
   * before a register surname be recognised ("брат Рустам Каримов"); without it only shapes are used.
   */
  scan(tokens: readonly Token[], isGivenName?: (word: string) => boolean): NameMatch[];
}

const newNode = (): TrieNode => ({ next: null, terminal: null });

/** Russian and Latin-written patronymics in any case: Асанович, Асановича, Асановной, Asanovich, Asanovny. */
const PATRONYMIC = /^\p{Lu}\p{Ll}+(?:ович|евич|ьич|ич|овн|евн|ичн|иничн)(?:а|у|ем|е|ом|ой|ы|ою|у)?$|^\p{Lu}\p{Ll}+(?:ovich|evich|ovn|evn|ichn|ovitch|owitsch)(?:a|u|em|e|om|oy|oi|oj|y|u)?$/u;
/** A Kyrgyz/Kazakh genitive ending (Кыргызстандын): not a surname's -ин/-ын. */
const ENDS_IN_TURKIC_GENITIVE = /(?:[дтн][ыиуү]н|[дтн][ыі]ң)$/u;
/** A surname's shape in any Russian case or Latin spelling (for a register given name next to a stranger's surname). */
const SURNAME_SHAPE = /^\p{Lu}\p{Ll}+(?:ов|ев|ёв|ин|ын)(?:а|у|ым|е|ой|ы|ых)?$|^\p{Lu}\p{Ll}+(?:зода|заде|иён|zoda|zade|iyon)$|^\p{Lu}\p{Ll}+(?:ov|ev|yev|in)(?:a|u|ym|im|e|oy|oi|y)?$/u;

function insert(root: TrieNode, keys: readonly string[], index: number, form: { readonly part: FormPart; readonly needsCapital: boolean; readonly short?: boolean; readonly relative?: boolean }): boolean {
  const { part, needsCapital } = form;
  const short = form.short === true;
  const relative = form.relative === true;
  let node = root;
  for (const key of keys) {
    node.next ??= new Map();
    let child = node.next.get(key);
    if (child === undefined) {
      child = newNode();
      node.next.set(key, child);
    }
    node = child;
  }
  if (node.terminal === null) {
    node.terminal = { people: [index], part, needsCapital, short, relative };
    return true;
  }
  if (!node.terminal.people.includes(index)) node.terminal.people.push(index);
  // Two people, one key: the laxer rule wins (a surname of one may be a given name of another).
  node.terminal.needsCapital &&= needsCapital;
  node.terminal.short &&= short;
  node.terminal.relative &&= relative;
  if (part === 'full') node.terminal.part = 'full';
  return false;
}

interface TokenKeys {
  readonly exact: readonly string[];
  readonly loose: readonly string[];
}

/**
 * Places named after a person (Жумабековская улица, Шукшинский район, проспект Чингиза Айтматова) name a place, not
 * the person: a relational adjective before one of these words is not a mention.
 */
const PLACE_NOUN = /^(?:улиц|ул$|проспект|пр-т|переул|пер$|площад|пл$|бульвар|б-р|шоссе|набережн|станци|метро|район|р-н|микрорайон|мкр|сел|посел|город|аэропорт|вокзал|парк|сквер|мост|кана|школ|лице|гимнази|университет|институт|библиотек|музе|театр|фонд|премия|преми|орден|медал|street|avenue|district|station)/iu;

const NO_STEMS: TokenKeys = { exact: [], loose: [] };

/** A word's stem keys, without and with its relational-adjective stem (which a neighbouring place noun cancels). */
interface WordStems {
  readonly plain: TokenKeys;
  readonly withRelational: TokenKeys;
}

// Per distinct word, not per occurrence: a long note repeats its words thousands of times.
const stemsByWord = new Map<string, WordStems>();
const placeNouns = new Map<string, boolean>();
const WORD_CACHE_LIMIT = 200_000;

function wordStems(word: string): WordStems {
  let w = stemsByWord.get(word);
  if (w === undefined) {
    const stems = suffixStems(word);
    const plain: TokenKeys = { exact: stems.map(wordKey), loose: stems.map(looseKey) };
    const relational = relationalStem(word);
    w = { plain, withRelational: relational === null ? plain : { exact: [...plain.exact, wordKey(relational)], loose: [...plain.loose, looseKey(relational)] } };
    if (stemsByWord.size >= WORD_CACHE_LIMIT) stemsByWord.clear();
    stemsByWord.set(word, w);
  }
  return w;
}

function isPlaceNoun(t: Token | undefined): boolean {
  if (t === undefined) return false;
  let p = placeNouns.get(t.text);
  if (p === undefined) {
    p = PLACE_NOUN.test(t.text);
    if (placeNouns.size >= WORD_CACHE_LIMIT) placeNouns.clear();
    placeNouns.set(t.text, p);
  }
  return p;
}

/** Every combination of the words' loose variants (at most two per word, forms have at most five words). */
function looseSequences(keys: readonly string[], words: readonly string[]): string[][] {
  let out: string[][] = [[]];
  keys.forEach((k, i) => {
    const variants = k.startsWith('#') ? [k] : looseKeyVariants(words[i]!);
    out = out.flatMap((prefix) => variants.map((v) => [...prefix, v]));
  });
  return out;
}

export function compileNames(people: readonly RegisterPerson[]): NameMatcher {
  const exact = newNode();
  const loose = newNode();
  const singleKeys = new Map<string, number[]>();
  /** Loose keys of every single-word form of each person: what counts as "this person's" neighbour. */
  const ownWords = new Map<string, Set<number>>();
  /** Loose keys of the fathers' names in each person's patronymic (Асан of "Асан уулу"). */
  const fathers = new Map<string, Set<number>>();
  let size = 0;
  people.forEach((person, index) => {
    const looseSeen = new Set<string>();
    const wordsSeen = new Set<string>();
    for (const form of personForms(person)) {
      if (insert(exact, form.keys, index, form)) size++;
      // The looser trie holds single words: longer forms are found word by word through the neighbour rule.
      if (form.keys.length === 1 && !form.keys[0]!.startsWith('#')) for (const keys of looseSequences(form.keys, form.words)) {
        const joined = `${form.part}|${form.needsCapital ? 1 : 0}|${keys.join(' ')}`;
        if (looseSeen.has(joined)) continue;
        looseSeen.add(joined);
        insert(loose, keys, index, form);
      }
      // A person's own words: every word of the given and family names (Стросс, Кана of Стросс-Кан; Аль Тани), and
      // one-word patronymics. Not the father's name inside "Асан уулу": that is another man.
      if (form.part === 'given' || form.part === 'family' || (form.part === 'patronymic' && form.keys.length === 1)) {
        form.words.forEach((w, i) => {
          if (!form.keys[i]!.startsWith('#')) wordsSeen.add(w);
        });
      }
      if (form.part === 'patronymic' && form.words.length === 2) {
        const set = fathers.get(looseKey(form.words[0]!)) ?? new Set<number>();
        set.add(index);
        fathers.set(looseKey(form.words[0]!), set);
      }
      if (form.keys.length === 1 && !form.keys[0]!.startsWith('#')) {
        const list = singleKeys.get(form.keys[0]!) ?? [];
        if (!list.includes(index)) list.push(index);
        singleKeys.set(form.keys[0]!, list);
      }
    }
    for (const w of wordsSeen) {
      const k = looseKey(w);
      const set = ownWords.get(k);
      if (set === undefined) ownWords.set(k, new Set([index]));
      else set.add(index);
    }
  });

  function scan(tokens: readonly Token[], isGivenName?: (word: string) => boolean): NameMatch[] {
    const stemCache = new Array<TokenKeys | undefined>(tokens.length);
    const stemsOf = (j: number): TokenKeys => {
      let s = stemCache[j];
      if (s === undefined) {
        const t = tokens[j]!;
        if (t.initial) s = NO_STEMS;
        else {
          const w = wordStems(t.text);
          // A relational adjective next to a place noun names the place (Жумабековская улица), not the person.
          s = w.withRelational === w.plain || isPlaceNoun(tokens[j + 1]) || isPlaceNoun(tokens[j - 1]) ? w.plain : w.withRelational;
        }
        stemCache[j] = s;
      }
      return s;
    };

    // Whether a terminal reached from token i, ending at token `last`, counts (one function for every walk: a
    // closure made per token cost a tenth of the scan on long notes).
    function accept(t: Terminal | null, i: number, last: number, which: 'exact' | 'loose'): boolean {
      if (t === null) return false;
      if (t.needsCapital && !tokens[i]!.capital) return false;
      if (t.short && (tokens[i]!.sentenceStart || last !== i)) return false;
      // A looser key is trusted only on capitalised words of some length.
      if (which === 'loose' && (!tokens[i]!.capital || (last === i && tokens[i]!.loose.length < 4))) return false;
      return true;
    }

    function walk(root: TrieNode, i: number, which: 'exact' | 'loose'): { last: number; terminal: Terminal } | null {
      let parent = root;
      let best: { last: number; terminal: Terminal } | null = null;
      for (let j = i; j < tokens.length; j++) {
        if (j > i && !tokens[j]!.joined) break;
        const next = parent.next;
        if (next === null) break;
        const tok = tokens[j]!;
        // The last word may carry endings: a terminal reached through a stem.
        for (const k of stemsOf(j)[which]) {
          const c = next.get(k);
          if (c !== undefined && accept(c.terminal, i, j, which)) best = { last: j, terminal: c.terminal! };
        }
        const child = next.get(which === 'exact' ? tok.key : tok.loose);
        if (child === undefined) break;
        if (accept(child.terminal, i, j, which)) best = { last: j, terminal: child.terminal! };
        parent = child;
      }
      return best;
    }

    const isFather = (j: number, who: readonly number[]): boolean => {
      const set = fathers.get(tokens[j]!.loose);
      return set !== undefined && who.some((p) => set.has(p));
    };

    const isOwn = (j: number, who: readonly number[]): boolean => {
      const t = tokens[j]!;
      if (t.initial) return false;
      const keys = [t.loose, ...stemsOf(j).loose];
      return keys.some((k) => {
        const set = ownWords.get(k);
        return set !== undefined && who.some((p) => set.has(p));
      });
    };

    const out: NameMatch[] = [];
    let i = 0;
    while (i < tokens.length) {
      // The looser trie accepts nothing from a word without a capital (see accept): most words skip that walk.
      const best = walk(exact, i, 'exact') ?? (tokens[i]!.capital ? walk(loose, i, 'loose') : null);
      if (best === null) {
        i++;
        continue;
      }
      const who = best.terminal.people;
      let first = i;
      let last = best.last;
      // A relative's form of the name (Абдылдаев for her), or a neighbour that is a name but not this person's,
      // makes the match "mixed": redacted whole, never this person's pseudonym or code.
      let foreignNeighbour = best.terminal.relative;
      const nameLike = (k: number): boolean => {
        const t = tokens[k]!;
        return t.capital && !t.initial && (SURNAME_SHAPE.test(t.text) || PATRONYMIC.test(t.text) || (isGivenName !== undefined && isGivenName(t.text)));
      };
      // Neighbours to the right: initials, the person's own other parts, a patronymic, "Father уулу"; a stranger's
      // name (Жумабеков Рустам, Нурлан Асанович for a register Асанович) is taken too, and marks the match.
      for (let k = last + 1; k < tokens.length && tokens[k]!.joined; ) {
        const t = tokens[k]!;
        if (t.initial || isOwn(k, who)) {
          last = k++;
          continue;
        }
        if (!t.capital && startsWithPatronymicParticle(t.text)) {
          // "Айгуль Бакыт кызы": the matched name is a father's name in somebody's patronymic.
          last = k++;
          if (!isFather(k - 2, who)) foreignNeighbour = true;
          continue;
        }
        if (PATRONYMIC.test(t.text)) {
          // Not this person's patronymic as the register has it (or the register has none): maybe a brother.
          last = k++;
          foreignNeighbour = true;
          continue;
        }
        const n = tokens[k + 1];
        if (t.capital && n !== undefined && n.joined && startsWithPatronymicParticle(n.text)) {
          last = k + 1;
          if (!isFather(k, who)) foreignNeighbour = true;
          k += 2;
          continue;
        }
        if (nameLike(k) && !ENDS_IN_TURKIC_GENITIVE.test(t.text)) {
          last = k;
          foreignNeighbour = true;
        }
        break;
      }
      // Neighbours to the left: initials and the person's own other parts; a stranger's name before a register
      // name ("брат Рустам Каримов", "Нурлан Асанович") is taken too, and marks the match.
      for (let k = first - 1; k >= 0 && tokens[k + 1]!.joined; k--) {
        const t = tokens[k]!;
        if (t.initial || isOwn(k, who)) {
          first = k;
          continue;
        }
        if (nameLike(k) && !t.sentenceStart) {
          first = k;
          foreignNeighbour = true;
        } else if (nameLike(k) && isGivenName !== undefined && isGivenName(t.text)) {
          // At a sentence's start only a known given name counts ("Рустам Каримов пришёл").
          first = k;
          foreignNeighbour = true;
        }
        break;
      }
      out.push({ first, last, people: who, part: best.terminal.part, foreignNeighbour });
      i = last + 1;
    }
    return out;
  }

  return { size, singleKeys, scan };
}
