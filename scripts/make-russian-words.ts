/**
 * Generates src/core/passphrase/russian-words.ts: the Russian word lists the passphrase policy adds to
 * zxcvbn-ts (which has no Russian language package). Run after updating `az` and commit the output:
 *
 *   node --import tsx scripts/make-russian-words.ts
 *
 * Where the words come from:
 * - Common words: OpenCorpora (https://opencorpora.org), through the `az` package's dictionaries (already a
 *   dependency, see src/core/redaction/morphology.ts). az ships no word frequencies, so the ranking uses a
 *   proxy that az does ship: `p_t_given_w.intdawg` holds the tag statistics of OpenCorpora's hand-disambiguated
 *   corpus, one entry per (word form, tag) seen there. A lemma is ranked by how many of its forms were seen in
 *   that corpus (more forms seen: a more frequent word), then by length. The top COMMON_LEMMAS lemmas are
 *   kept, with names, surnames, patronymics, abbreviations and two-letter words left out.
 * - Names: the given names tagged Name among those corpus entries, plus the project's own lexicon of Central
 *   Asian and other given names (src/core/redaction/lexicon/given-names.ts).
 * - Surnames: the surnames tagged Surn among those corpus entries, ranked the same way, each with its other
 *   gender's form (Иванов and Иванова, Ковальский and Ковальская): zxcvbn-ts's English last names hold almost
 *   none of them, so "Сергей Иванов 1990" was priced as if Иванов were random letters.
 * Each list is deduplicated within itself only: a name that is also a common word (Сергей is in the seed list,
 * Иванов among the common words) stays in the names, because the policy tells a name-and-year passphrase by
 * whether its words are names.
 * - A short seed list (below), written for Fieldvault: words and places people of the region are known to put in
 *   passwords. They come first.
 *
 * Each word is written in Cyrillic (also with ё as е), in Latin as people type it (the iuliia Wikipedia and
 * Telegram schemes and an informal one: х -> h, ц -> c, soft sign dropped) and as the keys it takes on a Latin
 * keyboard when typed with the Russian layout still off (привет -> ghbdtn).
 *
 * Licence: OpenCorpora's dictionary and corpus data are CC BY-SA 3.0; the lists derived from them are therefore
 * CC BY-SA 3.0 too (attribution: OpenCorpora project, opencorpora.org), as the header of the output says.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TELEGRAM, WIKIPEDIA, translate } from 'iuliia';
import { GIVEN_NAMES_TEXT } from '../src/core/redaction/lexicon/given-names';

const COMMON_LEMMAS = 4000;
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'passphrase', 'russian-words.ts');

/** Written for Fieldvault: the usual first guesses in Russian-speaking countries, and places of the region. */
const SEED = `
пароль привет любовь солнышко солнце котик зайка зая малыш счастье мама папа дочь сын семья ангел
жизнь свобода родина мир россия москва кошка собака дракон король принцесса люблю лето зима весна
осень небо море друг дружба наташа катя маша саша лена оля таня света ирина сергей андрей алексей
бишкек ташкент душанбе алматы алма-ата астана ош самарканд бухара фергана кыргызстан киргизия узбекистан
таджикистан казахстан аллах иншаллах йцукен фыва ячсмит
`;

interface AzTag {
  readonly POS?: string;
  readonly [grammeme: string]: unknown;
  toString(): string;
}
interface AzParse {
  readonly tag: AzTag;
  readonly parser: string;
  normalize(): { readonly word: string };
}
interface Dawg {
  iterateAll(index: number): number[][];
}
interface AzModule {
  load: (url: string, type: string, callback: (err: Error | null, data?: unknown) => void) => void;
  Morph: ((word: string) => AzParse[]) & { init: (path: string, callback: (err: Error | null) => void) => void };
  DAWG: { fromArrayBuffer(data: ArrayBuffer, format: string): Dawg };
}

const require = createRequire(import.meta.url);
const az = require('az') as AzModule;
const dicts = join(dirname(require.resolve('az/package.json')), 'dicts');

function arrayBuffer(file: string): ArrayBuffer {
  const data = readFileSync(file);
  return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
}

/** az loads its files asynchronously; answer its requests synchronously, as morphology.ts does. */
function initAz(): void {
  const queue: [string, string, (err: Error | null, data?: unknown) => void][] = [];
  const original = az.load;
  let ready = false;
  az.load = (url, type, callback) => queue.push([url, type, callback]);
  try {
    az.Morph.init(dicts, (err) => {
      if (err) throw err;
      ready = true;
    });
  } finally {
    az.load = original;
  }
  for (const [url, type, callback] of queue) callback(null, type === 'json' ? (JSON.parse(readFileSync(url, 'utf8')) as unknown) : arrayBuffer(url));
  if (!ready) throw new Error('az did not initialise');
}

/** (form, tag) pairs of OpenCorpora's disambiguated corpus statistics. */
function corpusEntries(): Map<string, string[]> {
  const dawg = az.DAWG.fromArrayBuffer(arrayBuffer(join(dicts, 'p_t_given_w.intdawg')), 'raw');
  const decoder = new TextDecoder('windows-1251');
  const tags = new Map<string, string[]>();
  for (const key of dawg.iterateAll(0)) {
    const text = decoder.decode(Uint8Array.from(key));
    const colon = text.indexOf(':');
    if (colon <= 0) continue;
    const form = text.slice(0, colon);
    const list = tags.get(form) ?? [];
    list.push(text.slice(colon + 1));
    tags.set(form, list);
  }
  return tags;
}

const SKIP_POS = new Set(['PREP', 'CONJ', 'PRCL', 'LATN', 'ROMN', 'NUMB', 'PNCT', 'UNKN']);
const RUSSIAN_WORD = /^[а-яё]+(?:-[а-яё]+)?$/u;

function lemmaLists(): { common: string[]; names: string[]; surnames: string[] } {
  const commonForms = new Map<string, Set<string>>();
  const nameForms = new Map<string, Set<string>>();
  const surnameForms = new Map<string, Set<string>>();
  for (const [form, tags] of corpusEntries()) {
    if (!RUSSIAN_WORD.test(form)) continue;
    // az offers name readings only for capitalised words.
    let parses: AzParse[];
    try {
      parses = [...az.Morph(form), ...az.Morph(form.charAt(0).toUpperCase() + form.slice(1))];
    } catch {
      continue;
    }
    for (const p of parses) {
      if (p.parser !== 'Dictionary' || !tags.includes(p.tag.toString())) continue;
      const t = p.tag;
      if (SKIP_POS.has(t.POS ?? '') || t.Abbr === true || t.Init === true || t.Patr === true) continue;
      const lemma = p.normalize().word.toLowerCase();
      if (!RUSSIAN_WORD.test(lemma) || [...lemma].length < 3) continue;
      const into = t.Surn === true ? surnameForms : t.Name === true ? nameForms : commonForms;
      const set = into.get(lemma) ?? new Set<string>();
      set.add(form);
      into.set(lemma, set);
    }
  }
  const rank = (m: Map<string, Set<string>>) =>
    [...m].sort((a, b) => b[1].size - a[1].size || a[0].length - b[0].length || (a[0] < b[0] ? -1 : 1)).map(([lemma]) => lemma);
  return { common: rank(commonForms).slice(0, COMMON_LEMMAS), names: rank(nameForms), surnames: rank(surnameForms) };
}

/** A Russian-style surname and its other gender's form, the man's first (иванов -> иванова, ковальская -> ковальский). */
function bothGenders(surname: string): string[] {
  const pairs: [RegExp, string][] = [
    [/(ов|ев|ёв|ин|ын)$/u, '$1а'],
    [/(ова|ева|ёва|ина|ына)$/u, ''],
    [/(ск|цк)ий$/u, '$1ая'],
    [/(ск|цк)ая$/u, '$1ий'],
  ];
  for (const [ending, other] of pairs) {
    if (!ending.test(surname)) continue;
    const alt = other === '' ? surname.slice(0, -1) : surname.replace(ending, other);
    return other === '' || other.endsWith('ий') ? [alt, surname] : [surname, alt];
  }
  return [surname];
}

/** Informal Latin typing: х -> h, ц -> c, ж -> zh, soft and hard signs dropped. */
const INFORMAL: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'ch', ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya', '-': '-',
};

/** The key each Russian letter sits on in the ЙЦУКЕН layout, as a Latin (QWERTY) keyboard types it. */
const LATIN_KEY: Readonly<Record<string, string>> = {
  й: 'q', ц: 'w', у: 'e', к: 'r', е: 't', н: 'y', г: 'u', ш: 'i', щ: 'o', з: 'p', х: '[', ъ: ']', ф: 'a', ы: 's', в: 'd',
  а: 'f', п: 'g', р: 'h', о: 'j', л: 'k', д: 'l', ж: ';', э: "'", я: 'z', ч: 'x', с: 'c', м: 'v', и: 'b', т: 'n', ь: 'm',
  б: ',', ю: '.', ё: '`', '-': '-',
};

const map = (word: string, table: Readonly<Record<string, string>>): string => [...word].map((c) => table[c] ?? c).join('');

/** Every spelling of one word: Cyrillic, Latin transliterations, Latin-keyboard keys. */
function spellings(word: string): string[] {
  const lower = word.toLowerCase();
  if (!/[а-яё]/u.test(lower)) return [lower];
  const plain = lower.replace(/ё/gu, 'е');
  const latin = [translate(lower, WIKIPEDIA), translate(lower, TELEGRAM), map(lower, INFORMAL)].map((s) => s.toLowerCase().replace(/['’ʹ]/gu, ''));
  return [...new Set([lower, plain, ...latin, map(lower, LATIN_KEY), map(plain, LATIN_KEY)])].filter((s) => s.length >= 3 && !/\s/u.test(s));
}

/** One line per word, its spellings separated by spaces; a spelling already given by an earlier word is left out. */
function lines(words: readonly string[], seen: Set<string>): string[] {
  const out: string[] = [];
  for (const word of words) {
    const fresh = spellings(word).filter((s) => !seen.has(s));
    for (const s of fresh) seen.add(s);
    if (fresh.length > 0) out.push(fresh.join(' '));
  }
  return out;
}

initAz();
const { common, names, surnames } = lemmaLists();
const seed = SEED.split(/\s+/u).filter(Boolean);
const lexicon = GIVEN_NAMES_TEXT.split(/\s+/u)
  .filter((w) => /^[А-ЯЁ][а-яё]+$/u.test(w))
  .map((w) => w.toLowerCase());
const seen = new Set<string>();
const commonLines = lines([...seed, ...common], seen);
const nameLines = lines([...new Set([...names, ...lexicon])], new Set());
const surnameLines = lines([...new Set(surnames.flatMap(bothGenders))], new Set());

/** A template literal's text: backslashes, backticks (ё's key) and \${ escaped. */
const literal = (text: string): string => text.replace(/\\/gu, '\\\\').replace(/`/gu, '\\`').replace(/\$\{/gu, '\\${');
const body = (name: string, doc: string, rows: readonly string[]) =>
  `/** ${doc} */\nexport const ${name}: string = \`\n${literal(rows.join('\n'))}\n\`;\n`;

const header = `/**
 * GENERATED by scripts/make-russian-words.ts — do not edit; change the script and run it again.
 *
 * Russian words for the passphrase policy (zxcvbn-ts has no Russian package), most guessable first: one word
 * per line, as written in Cyrillic, transliterated to Latin and typed on a Latin keyboard layout (привет privet
 * ghbdtn). Derived from OpenCorpora (opencorpora.org) through the \`az\` package's dictionaries, ranked by how
 * many of a word's forms OpenCorpora's disambiguated corpus contains, plus a short seed list and the project's
 * own given-names lexicon. Surnames come with their other gender's form (Иванов, Иванова).
 *
 * Licence: CC BY-SA 3.0 (derived from OpenCorpora data, CC BY-SA 3.0; attribution: the OpenCorpora project).
 */
`;

writeFileSync(
  OUT,
  `${header}\n${body('RUSSIAN_COMMON_WORDS', `${commonLines.length} common words and places.`, commonLines)}\n${body('RUSSIAN_NAMES', `${nameLines.length} given names.`, nameLines)}\n${body('RUSSIAN_SURNAMES', `${surnameLines.length} surnames, a man's and a woman's form each.`, surnameLines)}`,
);
console.log(`${OUT}: ${commonLines.length} words, ${nameLines.length} names, ${surnameLines.length} surnames`);
