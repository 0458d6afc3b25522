import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Russian morphology from OpenCorpora through the `az` package (MIT): for a word, whether it is a given name
 * (grammeme Name), a surname (Surn), a patronymic (Patr), a place (Geox), an organisation (Orgn) or an ordinary
 * word, and its lemma ("Рустама" -> "рустам"). az ships 11 MB of dictionaries and loads them asynchronously; the
 * redaction engine is synchronous, so its loader is given a synchronous file reader: az's `Morph.init` asks for
 * its nine files through `Az.load(url, type, callback)`, we queue the requests, let init return, then answer
 * them with readFileSync (init's bookkeeping only completes once all nine are answered).
 *
 * Loaded lazily, once per process (the vault worker, the CLI), never in the renderer. About 0.2 s and 30 MB of
 * heap plus 11 MB of array buffers; see `morphologyStats()`. If the dictionaries cannot be read, analysis answers
 * null and the name detector carries on with its own lexicon and surname shapes.
 */

interface AzTag {
  readonly POS?: string;
  readonly Name?: boolean;
  readonly Surn?: boolean;
  readonly Patr?: boolean;
  readonly Geox?: boolean;
  readonly Orgn?: boolean;
  readonly Abbr?: boolean;
  readonly [grammeme: string]: unknown;
}

interface AzParse {
  readonly tag: AzTag;
  readonly score: number;
  readonly parser: string;
  normalize(): { readonly word: string };
}

interface AzModule {
  load: (url: string, type: string, callback: (err: Error | null, data?: unknown) => void) => void;
  Morph: ((word: string, config?: Record<string, unknown>) => AzParse[]) & { init: (path: string, callback: (err: Error | null) => void) => void };
}

/** What the dictionary says of one word (weights are shares of az's parse scores, 0..1). */
export interface WordAnalysis {
  /** The word is in the dictionary (not only guessed from its ending). */
  readonly known: boolean;
  readonly name: number;
  readonly surname: number;
  readonly patronymic: number;
  readonly place: number;
  readonly org: number;
  /** Share of parses that are ordinary words (not names, places or organisations). */
  readonly common: number;
  /** Share of parses that are ordinary nouns (a subset of `common`). */
  readonly noun: number;
  /** Share of parses that are adjectives, participles or numerals (a subset of `common`). */
  readonly adjective: number;
  /** For an unknown word: az's guess from the ending says surname. */
  readonly guessedSurname: number;
  /** The lemma of the most likely person reading (or of the most likely reading). */
  readonly lemma: string;
}

let az: AzModule | null | undefined;
const WARM_UP = ['Рустама', 'Маматову', 'Бишкеке', 'Асанович', 'Также', 'Министерство', 'Айгүлдүн', 'Токтогула', 'Кристенсен', 'работала', 'Московского', 'ОсОО'];
let loadMs = 0;
let heapBytes = 0;

function loadAz(): AzModule | null {
  if (az !== undefined) return az;
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  try {
    const require = createRequire(import.meta.url);
    const mod = require('az') as AzModule;
    // Packaged, the dictionaries are unpacked beside app.asar (electron-builder.yml): read them there, since a
    // worker thread may not see inside the archive.
    const packed = join(dirname(require.resolve('az/package.json')), 'dicts');
    const unpacked = packed.replace(/app\.asar([\\/])/u, 'app.asar.unpacked$1');
    const dicts = unpacked !== packed && existsSync(unpacked) ? unpacked : packed;
    const queue: [string, string, (err: Error | null, data?: unknown) => void][] = [];
    const original = mod.load;
    let failure: Error | null = null;
    let ready = false;
    mod.load = (url, type, callback) => {
      queue.push([url, type, callback]);
    };
    try {
      mod.Morph.init(dicts, (err) => {
        if (err) failure = err;
        else ready = true;
      });
    } finally {
      mod.load = original;
    }
    for (const [url, type, callback] of queue) {
      const data = readFileSync(url);
      if (type === 'json') callback(null, JSON.parse(data.toString('utf8')));
      else callback(null, data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    }
    if (failure !== null || !ready) throw failure ?? new Error('az did not initialise');
    // Warm the parser's code paths once here, so that the first note redacted does not pay for it.
    for (const w of WARM_UP) mod.Morph(w);
    az = mod;
  } catch {
    az = null;
  }
  loadMs = performance.now() - t0;
  heapBytes = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
  return az;
}

/** Whether the dictionary is available (loads it on first call). */
export function morphologyAvailable(): boolean {
  return loadAz() !== null;
}

/** Load time and memory of the dictionary (zeros until loaded). */
export function morphologyStats(): { readonly loaded: boolean; readonly loadMs: number; readonly heapBytes: number } {
  return { loaded: az !== undefined && az !== null, loadMs, heapBytes };
}

const cache = new Map<string, WordAnalysis | null>();
const CACHE_LIMIT = 100_000;
const CYRILLIC_WORD = /^[\p{Script=Cyrillic}-]+$/u;
const ADJECTIVAL = new Set(['ADJF', 'ADJS', 'COMP', 'PRTF', 'PRTS', 'NUMR']);

/**
 * Analyses one Cyrillic word as written (capitalisation matters: az offers name readings for capitalised words).
 * Null for non-Cyrillic words or when the dictionary is unavailable.
 */
export function analyseWord(word: string): WordAnalysis | null {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let result: WordAnalysis | null = null;
  // No name is 40 letters long, and az's dictionary lookup is quadratic in the word's length: a hostile or broken
  // 10,000-letter word would stall the review for a minute.
  if (word.length <= 40 && CYRILLIC_WORD.test(word)) {
    const m = loadAz();
    if (m !== null) result = analyse(m, word);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(word, result);
  return result;
}

function analyse(m: AzModule, word: string): WordAnalysis {
  let parses: AzParse[];
  try {
    parses = m.Morph(word);
  } catch {
    parses = [];
  }
  const dictionary = parses.filter((p) => p.parser === 'Dictionary');
  const known = dictionary.length > 0;
  const pool = known ? dictionary : parses;
  let total = 0;
  for (const p of pool) total += p.score;
  const share = (pred: (t: AzTag) => boolean): number => {
    if (total <= 0) return 0;
    let s = 0;
    for (const p of pool) if (pred(p.tag)) s += p.score;
    return s / total;
  };
  const person = (t: AzTag): boolean => t.Name === true || t.Surn === true || t.Patr === true;
  const name = known ? share((t) => t.Name === true) : 0;
  const surname = known ? share((t) => t.Surn === true) : 0;
  const patronymic = known ? share((t) => t.Patr === true) : 0;
  const place = known ? share((t) => t.Geox === true) : 0;
  const org = known ? share((t) => t.Orgn === true) : 0;
  const common = known ? share((t) => !person(t) && t.Geox !== true && t.Orgn !== true) : 0;
  const noun = known ? share((t) => !person(t) && t.Geox !== true && t.Orgn !== true && t.POS === 'NOUN') : 0;
  const adjective = known ? share((t) => !person(t) && t.Geox !== true && t.Orgn !== true && ADJECTIVAL.has(t.POS ?? '')) : 0;
  const guessedSurname = known ? 0 : share((t) => t.Surn === true);
  const best = pool.find((p) => person(p.tag)) ?? pool[0];
  let lemma = word.toLowerCase();
  try {
    if (best !== undefined) lemma = best.normalize().word;
  } catch {
    // keep the word itself
  }
  return { known, name, surname, patronymic, place, org, common, noun, adjective, guessedSurname, lemma };
}
