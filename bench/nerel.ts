/**
 * The redaction engine on real annotated Russian text: NEREL (news, nested named entities, brat format; PERSON
 * annotations are the gold). Two modes, per split (NEREL-v1.1 dev and test; `--all` adds train):
 *
 *   register mode   each document redacted with its own register of every person named in it (built by
 *                   bench/nerel-corpus.ts: nominative, grouped, as a researcher would type them);
 *                   person-mention recall, precision of person spans, non-person spans that hit no annotation.
 *   empty register  no register at all: mentions redacted or suggested, suggestions per 1,000 words, and how
 *                   many suggestions are on a PERSON annotation.
 *
 * The corpus is read from FIELDVAULT_NEREL (a git directory or a checkout of github:nerel-ds/NEREL), else from
 * the default mirror if it exists; without it this prints one line and exits 0. Corpus text never enters the
 * repository: `--out FILE` (the full lists of misses and false positives, which quote the corpus) must be under /tmp.
 *
 *   node_modules/.bin/node --import tsx bench/nerel.ts [--all] [--out /tmp/nerel.txt]
 */
import { realpathSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileRedactor } from '../src/core/redaction';
import type { Span, Suggestion } from '../src/core/redaction';
import {
  buildRegister,
  covers,
  describeEntry,
  isLatin,
  loadMorphology,
  loadSplit,
  nameKnowledge,
  overlapsAny,
  resolveSource,
  uncovered,
  VERSION_DIR,
  type BratEntity,
  type DocRegister,
  type Morphology,
  type NerelDoc,
  type PersonMention,
  type Range,
  type RegisterEntry,
  type Role,
} from './nerel-corpus';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SHOW_MISSES = 40;
const SHOW_FALSE_POSITIVES = 20;
const SHOW_UNCERTAIN = 8;
const CONTEXT = 30;

const TARGETS = { registerRecall: 0.995, registerPrecision: 0.97, flagRecall: 0.9, suggestionsPer1000: 15 };

// ---------------------------------------------------------------------------------------------------------------
// arguments

function parseArgs(argv: readonly string[]): { all: boolean; out: string | null } {
  let all = false;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--all') all = true;
    else if (a === '--out') out = argv[++i] ?? null;
    else if (a.startsWith('--out=')) out = a.slice('--out='.length);
    else {
      console.error(`nerel bench: unknown argument ${a} (use --all, --out FILE)`);
      process.exit(2);
    }
  }
  return { all, out };
}

/** The --out path, refused unless it is under /tmp and outside this repository (it quotes corpus text). */
function checkOut(path: string): string {
  const abs = resolve(path);
  let parent: string;
  try {
    parent = realpathSync(dirname(abs));
  } catch {
    throw new Error(`--out ${path}: folder ${dirname(abs)} does not exist`);
  }
  const real = resolve(parent, abs.slice(dirname(abs).length + 1));
  const root = realpathSync(repoRoot);
  const tmp = realpathSync('/tmp');
  if (real === root || real.startsWith(root + sep)) throw new Error(`--out ${path}: refused, it is inside the repository (${root}); the file quotes the corpus`);
  if (!real.startsWith(tmp + sep)) throw new Error(`--out ${path}: refused, it must be under /tmp (the file quotes the corpus)`);
  return real;
}

// ---------------------------------------------------------------------------------------------------------------
// formatting

const pct = (n: number, d: number): string => (d === 0 ? '   n/a' : `${((100 * n) / d).toFixed(1).padStart(5)} %`);
const int = (n: number): string => n.toLocaleString('en-US');
const flat = (s: string): string => s.replace(/\s+/gu, ' ');

function context(text: string, start: number, end: number, marks: readonly Range[] = []): string {
  const from = Math.max(0, start - CONTEXT);
  const to = Math.min(text.length, end + CONTEXT);
  let inner = '';
  let at = start;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > end) continue;
    inner += text.slice(at, m.start) + '{' + text.slice(m.start, m.end) + '}';
    at = m.end;
  }
  inner += text.slice(at, end);
  return flat(`${from > 0 ? '…' : ''}${text.slice(from, start)}⟦${inner}⟧${text.slice(end, to)}${to < text.length ? '…' : ''}`);
}

function verdict(value: number, target: number, atLeast: boolean): string {
  const met = atLeast ? value >= target : value <= target;
  return met ? 'met' : 'NOT MET';
}

/** Evenly spaced sample of at most n items (so that the printed misses are not all from the first documents). */
function sample<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

// ---------------------------------------------------------------------------------------------------------------
// evaluation

interface Miss {
  readonly doc: NerelDoc;
  readonly mention: PersonMention;
  readonly missing: readonly Range[];
  readonly entry: RegisterEntry | null;
  readonly category: string;
  readonly features: readonly string[];
}

interface FalsePositive {
  readonly doc: NerelDoc;
  readonly start: number;
  readonly end: number;
  readonly kind: string;
  /** The entity types it overlaps (none: it hits no annotation at all). */
  readonly hits: readonly string[];
}

interface SplitResult {
  readonly split: string;
  readonly docs: number;
  readonly words: number;
  readonly annotations: number;
  readonly mentions: number;
  readonly entries: number;
  readonly uncertainEntries: number;
  readonly warnings: number;
  readonly reg: { recalled: number; recalledWithSuggestions: number; personSpans: number; personTp: number; otherSpans: number; otherOnNothing: number; otherByKind: Map<string, number> };
  readonly empty: { flagged: number; redacted: number; suggestions: number; suggestionsOnPerson: number; personSuggestions: number; personSuggestionsOnPerson: number; spans: number };
  readonly regMisses: Miss[];
  readonly regFalsePositives: FalsePositive[];
  readonly otherFalsePositives: FalsePositive[];
  readonly emptyMisses: Miss[];
  readonly emptyFalsePositives: FalsePositive[];
  readonly uncertain: { doc: NerelDoc; entry: RegisterEntry }[];
  readonly ms: { registers: number; registerMode: number; emptyMode: number };
}

function entityHits(doc: NerelDoc, r: Range): string[] {
  return [...new Set(doc.entities.filter((e: BratEntity) => overlapsAny(r, e.segments)).map((e) => e.type))];
}

/** Which register part a word of a mention was built into (by its surface form). */
function partOf(entry: RegisterEntry | null, word: string): Role | null {
  if (entry === null) return null;
  for (const role of ['given', 'family', 'patronymic'] as const) {
    const p = entry.parts[role];
    if (p !== undefined && p.from.includes(word)) return role;
  }
  return null;
}

const SURNAME_ENDING = /(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ович|евич|овна|евна|енко|швили|дзе|ян|янц|уулу|кызы|заде|зода)(а|у|ом|ым|е|ой|ую|ого|ому|им|ем)?$/iu;

const CASE_ENDING = /^(а|я|у|ю|ом|ем|ём|ой|ей|ою|ею|е|и|ы|ым|им|ов|ев|ам|ям|ами|ями|ах|ях|ого|его|ому|ему|ую|юю|ых|их|ыми|ими|ые|ие)$/u;
const PLURAL_SURNAME = /(ские|ских|цкие|цких|овы|евы|ёвы|ины|ыны|овых|евых|иных)$/iu;
const DERIVED_ADJECTIVE = /(ск|цк)(ий|ая|ое|ие|их|им|ими|ого|ому|ой|ую|ом|ых|ым|ыми|ые)$/iu;

/** Whether a text form can be the register's nominative with a case ending (Логэном ~ Логэн, Уильяма ~ Уильям). */
function declinedFrom(value: string, surface: string): boolean {
  const fold = (x: string): string => x.toLocaleLowerCase('ru').replace(/ё/gu, 'е');
  const s = fold(surface).replace(/[-‐]/gu, '');
  // Each word of the value, hyphens dropped (Стросс-Кан ~ Стросс-Кана), and each half of a hyphenated one (Пайпер).
  const values = [...fold(value).split(/\s+/u).map((v) => v.replace(/[-‐]/gu, '')), ...fold(value).split(/[\s\-‐]+/u)];
  return values.some((v) => {
    if (s === v) return true;
    const stems = [v, v.replace(/[аяйь]$/u, ''), v.replace(/(ий|ый|ой|ая)$/u, '')];
    return stems.some((stem) => stem.length >= 2 && s.startsWith(stem) && CASE_ENDING.test(s.slice(stem.length)));
  });
}

/**
 * Register mode: the phenomenon behind one missed mention (the first that applies) and every feature that applies.
 * "register construction" is charged only when the register's form cannot be the nominative of the text's form
 * (Пат for Запата); a plausible nominative the engine failed to decline is the engine's miss.
 */
function classifyRegisterMiss(morph: Morphology, text: string, m: PersonMention, missing: readonly Range[], entry: RegisterEntry | null, probe: (role: Role) => boolean): { category: string; features: string[] } {
  const words = m.required.filter((w) => missing.some((r) => r.start === w.start && r.end === w.end));
  const features = new Set<string>();
  const capitals = m.words.filter((w) => w.capital);
  const single = capitals.length === 1;
  let category: string | null = null;
  const set = (c: string): void => {
    category ??= c;
  };
  const adjective = m.words.length === 1 && DERIVED_ADJECTIVE.test(m.words[0]!.text) && (entry === null || entry.parts.given === undefined);
  if (adjective) set('adjective derived from a name (Шукшинские дни, сталинских)');
  if (capitals.length === 0) set('lower-case mention (a description, no name)');
  for (const w of words) {
    const role = partOf(entry, w.text);
    const part = role === null ? undefined : entry?.parts[role];
    const other = entry?.person.otherSpellings?.some((o) => o.split(/\s+/u).includes(w.text)) ?? false;
    if (w.initial) features.add(/\p{L}/u.test(text[w.end + 1] ?? '') ? 'initial glued to the next word (А.Вебера)' : 'initial');
    if (/[-‐]/u.test(w.text) || (part !== undefined && /[-‐]/u.test(part.value))) features.add('hyphenated');
    if (role === 'family' && part !== undefined && /(ец|ок|ёк)$/iu.test(part.value)) features.add('surname in -ец/-ок (fleeting vowel)');
    if (role === 'family' && part !== undefined && /(ой|ай|ей)$/iu.test(part.value)) features.add('surname in -ой/-ай/-ей');
    if (role === 'family' && (PLURAL_SURNAME.test(w.text) || morph.parse(w.text).some((p) => p.parser === 'Dictionary' && Boolean(p.tag.Surn) && Boolean(p.tag.plur)))) features.add('plural surname');
    if (isLatin(w.text)) features.add('Latin script');
    if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(w.text)) features.add('CJK script');
    if (role === null && !w.initial && !other) features.add('word not in any register part');
    if (other) features.add('other spelling (middle name, nickname)');
    const flagged = part !== undefined && (part.source === 'az-guess' || part.source === 'as-written' || part.source === 'initial');
    if (flagged) features.add('register part flagged uncertain');
    if (part !== undefined && !w.initial && !declinedFrom(part.value, w.text)) features.add('register form is not a nominative of it');
    if (single && role === 'given') features.add('given name alone');
    if (single && role === 'family') features.add('surname alone');
    if ([...w.text].length <= 2 && !w.initial) features.add('short word (<= 2 letters)');
    if (part !== undefined && part.value.toLocaleLowerCase('ru').split(/\s+/u).every((v) => v !== w.text.toLocaleLowerCase('ru'))) features.add('oblique form');
    if (nameKnowledge(morph, w.text) !== 'dictionary' && !isLatin(w.text)) features.add('foreign / not in az dictionary');
    if (entry?.uncertain.some((u) => u.startsWith('name of three'))) features.add('3+ word name');
    if (role === 'family' && (entry?.parts.given !== undefined || entry?.parts.patronymic !== undefined) && probe('family')) features.add('covered once the given name is dropped (engine gender guess)');
  }
  if (features.has('CJK script')) set('CJK-script name (马凌)');
  if (features.has('register form is not a nominative of it')) set(`register construction (${features.has('register part flagged uncertain') ? 'flagged' : 'NOT flagged'} uncertain)`);
  if (features.has('word not in any register part')) set('word not in the register (title, grouping)');
  if (features.has('initial glued to the next word (А.Вебера)')) set('initial glued to the surname (А.Вебера)');
  if (features.has('initial')) set('initials');
  if (features.has('Latin script')) set('Latin-script name');
  if (features.has('hyphenated')) set('hyphenated name (declined, or one half alone)');
  if (features.has('plural surname')) set('plural surname (Ходорковские, Тарковских, Бушей)');
  if (features.has('covered once the given name is dropped (engine gender guess)')) set('surname declined for the wrong gender (engine guessed it from the given name)');
  if (features.has('other spelling (middle name, nickname)') || features.has('3+ word name')) set('3+ word name / middle name / nickname (Ким Чен Ына, Тумани)');
  if (features.has('short word (<= 2 letters)')) set('short name word (<= 2 letters)');
  if (!features.has('oblique form')) set('nominative (the register form itself) not matched');
  if (features.has('given name alone')) set('declension: given name alone');
  if (features.has('foreign / not in az dictionary')) set('declension: foreign name');
  set('declension: Russian / dictionary name');
  return { category: category!, features: [...features] };
}

/** Empty-register mode: why an unknown person was neither redacted nor suggested. */
function classifyEmptyMiss(m: PersonMention): { category: string; features: string[] } {
  const caps = m.words.filter((w) => w.capital && !w.initial);
  const features: string[] = [];
  let category: string;
  if (m.words.every((w) => !w.capital)) category = 'lower-case mention';
  else if (m.words.some((w) => w.initial)) category = 'initials + surname';
  else if (caps.some((w) => isLatin(w.text))) category = 'Latin-script name';
  else if (caps.length === 1) category = SURNAME_ENDING.test(caps[0]!.text) ? 'single word with a surname ending (Путина, Шойгу...)' : 'single word, no surname ending (Обама, Мишель...)';
  else if (caps.some((w) => SURNAME_ENDING.test(w.text))) category = 'two+ words with a surname ending';
  else category = 'two+ words, no Russian surname ending (foreign)';
  if (caps.some((w) => /[-‐]/u.test(w.text))) features.push('hyphenated');
  return { category, features };
}

function evaluateSplit(split: string, docs: readonly NerelDoc[], morph: Morphology): SplitResult {
  const t0 = performance.now();
  const registers: DocRegister[] = docs.map((d) => buildRegister(d, morph));
  const t1 = performance.now();

  const reg = { recalled: 0, recalledWithSuggestions: 0, personSpans: 0, personTp: 0, otherSpans: 0, otherOnNothing: 0, otherByKind: new Map<string, number>() };
  const regMisses: Miss[] = [];
  const regFalsePositives: FalsePositive[] = [];
  const otherFalsePositives: FalsePositive[] = [];
  const personSegments = (d: NerelDoc): Range[] => d.personAnnotations.flatMap((a) => a.segments);
  docs.forEach((doc, i) => {
    const register = registers[i]!;
    const redactor = compileRedactor({ people: register.entries.map((e) => e.person) });
    const result = redactor.redact(doc.text);
    const spans: readonly Span[] = result.spans;
    const withSuggestions: Range[] = [...spans, ...result.suggestions];
    doc.persons.forEach((m, k) => {
      const missing = uncovered(doc.text, m, spans);
      if (uncovered(doc.text, m, withSuggestions).length === 0) reg.recalledWithSuggestions++;
      if (missing.length === 0) {
        reg.recalled++;
        return;
      }
      const e = register.mentionEntry[k]!;
      const entry = e >= 0 ? register.entries[e]! : null;
      // Probe: the same person without given name and patronymic, on the text around the mention.
      const probe = (role: Role): boolean => {
        if (entry === null) return false;
        const E = { cyrillic: '', latin: '' };
        const only = { ...entry.person, given: role === 'given' ? entry.person.given : E, patronymic: role === 'patronymic' ? entry.person.patronymic : E, family: role === 'family' ? entry.person.family : E, otherSpellings: [] };
        const from = Math.max(0, m.start - 200);
        const window = doc.text.slice(from, m.end + 200);
        const found = compileRedactor({ people: [only] }).redact(window).spans.map((x) => ({ start: x.start + from, end: x.end + from }));
        return missing.every((w) => partOf(entry, doc.text.slice(w.start, w.end)) !== role || covers(doc.text, found, w.start, w.end));
      };
      regMisses.push({ doc, mention: m, missing, entry, ...classifyRegisterMiss(morph, doc.text, m, missing, entry, probe) });
    });
    const gold = personSegments(doc);
    for (const s of spans) {
      if (s.kind === 'person') {
        reg.personSpans++;
        if (overlapsAny(s, gold)) reg.personTp++;
        else regFalsePositives.push({ doc, start: s.start, end: s.end, kind: s.kind, hits: entityHits(doc, s) });
      } else {
        reg.otherSpans++;
        reg.otherByKind.set(s.kind, (reg.otherByKind.get(s.kind) ?? 0) + 1);
        const hits = entityHits(doc, s);
        if (hits.length === 0) {
          reg.otherOnNothing++;
          otherFalsePositives.push({ doc, start: s.start, end: s.end, kind: s.kind, hits });
        }
      }
    }
  });
  const t2 = performance.now();

  const empty = { flagged: 0, redacted: 0, suggestions: 0, suggestionsOnPerson: 0, personSuggestions: 0, personSuggestionsOnPerson: 0, spans: 0 };
  const emptyMisses: Miss[] = [];
  const emptyFalsePositives: FalsePositive[] = [];
  const bare = compileRedactor({ people: [] });
  for (const doc of docs) {
    const result = bare.redact(doc.text);
    const flagged: Range[] = [...result.spans, ...result.suggestions];
    empty.spans += result.spans.length;
    for (const m of doc.persons) {
      if (uncovered(doc.text, m, result.spans).length === 0) empty.redacted++;
      const missing = uncovered(doc.text, m, flagged);
      if (missing.length === 0) empty.flagged++;
      else emptyMisses.push({ doc, mention: m, missing, entry: null, ...classifyEmptyMiss(m) });
    }
    const gold = personSegments(doc);
    for (const s of result.suggestions as readonly Suggestion[]) {
      empty.suggestions++;
      const on = overlapsAny(s, gold);
      if (on) empty.suggestionsOnPerson++;
      if (s.kind === 'person') {
        empty.personSuggestions++;
        if (on) empty.personSuggestionsOnPerson++;
      }
      if (!on) emptyFalsePositives.push({ doc, start: s.start, end: s.end, kind: `${s.kind} (${s.reason})`, hits: entityHits(doc, s) });
    }
  }
  const t3 = performance.now();

  const entries = registers.flatMap((r) => r.entries);
  const uncertain = docs.flatMap((doc, i) => registers[i]!.entries.filter((e) => e.uncertain.length > 0).map((entry) => ({ doc, entry })));
  return {
    split,
    docs: docs.length,
    words: docs.reduce((a, d) => a + d.words, 0),
    annotations: docs.reduce((a, d) => a + d.personAnnotations.length, 0),
    mentions: docs.reduce((a, d) => a + d.persons.length, 0),
    entries: entries.length,
    uncertainEntries: uncertain.length,
    warnings: docs.reduce((a, d) => a + d.warnings.length, 0),
    reg,
    empty,
    regMisses,
    regFalsePositives,
    otherFalsePositives,
    emptyMisses,
    emptyFalsePositives,
    uncertain,
    ms: { registers: t1 - t0, registerMode: t2 - t1, emptyMode: t3 - t2 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// report

function formatMiss(m: Miss, withEntry: boolean): string {
  const head = `${m.doc.split}/${m.doc.id} [${m.category}] ${context(m.doc.text, m.mention.start, m.mention.end, m.missing)}`;
  if (!withEntry) return head;
  const entry = m.entry === null ? 'no register entry' : `register: ${describeEntry(m.entry)}${m.entry.uncertain.length > 0 ? ` (uncertain: ${m.entry.uncertain.join('; ')})` : ''}`;
  return `${head}\n      ${entry}`;
}

function formatFalsePositive(f: FalsePositive): string {
  return `${f.doc.split}/${f.doc.id} ${f.kind}${f.hits.length > 0 ? ` on ${f.hits.join('/')}` : ' on no annotation'}: ${context(f.doc.text, f.start, f.end)}`;
}

function summary(r: Omit<SplitResult, 'split' | 'regMisses' | 'regFalsePositives' | 'otherFalsePositives' | 'emptyMisses' | 'emptyFalsePositives' | 'uncertain' | 'ms'> & { split: string }): string[] {
  const regRecall = r.reg.recalled / Math.max(1, r.mentions);
  const regPrecision = r.reg.personTp / Math.max(1, r.reg.personSpans);
  const flagRecall = r.empty.flagged / Math.max(1, r.mentions);
  const per1000 = (1000 * r.empty.suggestions) / Math.max(1, r.words);
  const kinds = [...r.reg.otherByKind.entries()].map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `${r.split}: ${r.docs} documents, ${int(r.words)} words, ${int(r.annotations)} PERSON annotations -> ${int(r.mentions)} gold mentions (innermost); register of ${int(r.entries)} people, ${int(r.uncertainEntries)} uncertain (${pct(r.uncertainEntries, r.entries).trim()})${r.warnings > 0 ? `; ${r.warnings} annotation warnings` : ''}`,
    `  register mode (each document with its own register)`,
    `    person-mention recall                  ${pct(r.reg.recalled, r.mentions)}  (${int(r.reg.recalled)} / ${int(r.mentions)})   target >= ${(TARGETS.registerRecall * 100).toFixed(1)} %  ${verdict(regRecall, TARGETS.registerRecall, true)}`,
    `      (redacted or suggested: ${pct(r.reg.recalledWithSuggestions, r.mentions).trim()})`,
    `    precision of person spans              ${pct(r.reg.personTp, r.reg.personSpans)}  (${int(r.reg.personTp)} / ${int(r.reg.personSpans)} overlap a PERSON annotation)   target >= ${(TARGETS.registerPrecision * 100).toFixed(0)} %  ${verdict(regPrecision, TARGETS.registerPrecision, true)}`,
    `    non-person spans: ${int(r.reg.otherSpans)}${kinds ? ` (${kinds})` : ''}; on no annotation at all (possible false positives): ${int(r.reg.otherOnNothing)}`,
    `  empty register`,
    `    mentions redacted or suggested         ${pct(r.empty.flagged, r.mentions)}  (${int(r.empty.flagged)} / ${int(r.mentions)}; redacted alone ${pct(r.empty.redacted, r.mentions).trim()})   target >= ${(TARGETS.flagRecall * 100).toFixed(0)} %  ${verdict(flagRecall, TARGETS.flagRecall, true)}`,
    `    suggestions per 1,000 words            ${per1000.toFixed(1).padStart(7)}  (${int(r.empty.suggestions)} suggestions, ${int(r.empty.personSuggestions)} of kind person)   target <= ${TARGETS.suggestionsPer1000}  ${verdict(per1000, TARGETS.suggestionsPer1000, false)}`,
    `      (news is dense with names: ${((1000 * r.mentions) / Math.max(1, r.words)).toFixed(1)} gold mentions per 1,000 words; suggestions on no PERSON annotation: ${((1000 * (r.empty.suggestions - r.empty.suggestionsOnPerson)) / Math.max(1, r.words)).toFixed(1)} per 1,000 words)`,
    `    precision of suggestions               ${pct(r.empty.suggestionsOnPerson, r.empty.suggestions)}  (on a PERSON annotation; person-kind ${pct(r.empty.personSuggestionsOnPerson, r.empty.personSuggestions).trim()})`,
  ];
}

function total(results: readonly SplitResult[], name: string): Parameters<typeof summary>[0] {
  const sum = (f: (r: SplitResult) => number): number => results.reduce((a, r) => a + f(r), 0);
  const otherByKind = new Map<string, number>();
  for (const r of results) for (const [k, n] of r.reg.otherByKind) otherByKind.set(k, (otherByKind.get(k) ?? 0) + n);
  return {
    split: name,
    docs: sum((r) => r.docs),
    words: sum((r) => r.words),
    annotations: sum((r) => r.annotations),
    mentions: sum((r) => r.mentions),
    entries: sum((r) => r.entries),
    uncertainEntries: sum((r) => r.uncertainEntries),
    warnings: sum((r) => r.warnings),
    reg: {
      recalled: sum((r) => r.reg.recalled),
      recalledWithSuggestions: sum((r) => r.reg.recalledWithSuggestions),
      personSpans: sum((r) => r.reg.personSpans),
      personTp: sum((r) => r.reg.personTp),
      otherSpans: sum((r) => r.reg.otherSpans),
      otherOnNothing: sum((r) => r.reg.otherOnNothing),
      otherByKind,
    },
    empty: {
      flagged: sum((r) => r.empty.flagged),
      redacted: sum((r) => r.empty.redacted),
      suggestions: sum((r) => r.empty.suggestions),
      suggestionsOnPerson: sum((r) => r.empty.suggestionsOnPerson),
      personSuggestions: sum((r) => r.empty.personSuggestions),
      personSuggestionsOnPerson: sum((r) => r.empty.personSuggestionsOnPerson),
      spans: sum((r) => r.empty.spans),
    },
  };
}

function categoryTable(misses: readonly Miss[], features: boolean): string[] {
  const lines = countBy(misses, (m) => m.category).map(([c, n]) => `    ${String(n).padStart(5)}  ${c}`);
  if (features) {
    const f = countBy(
      misses.flatMap((m) => m.features.map((x) => ({ x }))),
      (o) => o.x,
    ).map(([c, n]) => `${c} ${n}`);
    if (f.length > 0) lines.push(`    (features, a miss may have several: ${f.join(', ')})`);
  }
  return lines;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let outPath: string | null = null;
  if (args.out !== null) {
    try {
      outPath = checkOut(args.out);
    } catch (e) {
      console.error(`nerel bench: ${(e as Error).message}`);
      process.exit(2);
    }
  }
  const env = process.env.FIELDVAULT_NEREL;
  const source = resolveSource(env);
  if (source === null) {
    console.log(
      `NEREL bench skipped: ${env ? `FIELDVAULT_NEREL=${env} is not a NEREL git directory or checkout` : 'no NEREL corpus'} (fetch github:nerel-ds/NEREL, e.g. git clone https://github.com/nerel-ds/NEREL, and set FIELDVAULT_NEREL to the clone).`,
    );
    return;
  }
  const started = performance.now();
  const splits = args.all ? ['dev', 'test', 'train'] : ['dev', 'test'];
  const tLoad = performance.now();
  let bySplit: Map<string, NerelDoc[]>;
  try {
    bySplit = new Map(splits.map((s) => [s, loadSplit(source, s)]));
  } catch (e) {
    console.log(`NEREL bench skipped: could not read ${source.path}: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  const loadMs = performance.now() - tLoad;
  const tMorph = performance.now();
  const morph = await loadMorphology();
  const morphMs = performance.now() - tMorph;

  const results = splits.map((s) => evaluateSplit(s, bySplit.get(s)!, morph));

  console.log('');
  console.log(`NEREL bench: ${VERSION_DIR} from ${source.kind === 'git' ? 'git directory' : 'checkout'} ${source.path}`);
  console.log('  gold = innermost PERSON annotations; a mention is recalled when every capitalised word of it (initials too) is covered');
  for (const r of results) for (const line of summary(r)) console.log(line);
  if (results.length > 1) for (const line of summary(total(results, splits.join('+')))) console.log(line);

  const regMisses = results.flatMap((r) => r.regMisses);
  const regFalsePositives = results.flatMap((r) => r.regFalsePositives);
  const otherFalsePositives = results.flatMap((r) => r.otherFalsePositives);
  const emptyMisses = results.flatMap((r) => r.emptyMisses);
  const emptyFalsePositives = results.flatMap((r) => r.emptyFalsePositives);
  const uncertain = results.flatMap((r) => r.uncertain);

  console.log('');
  console.log(`Register construction: ${int(uncertain.length)} of ${int(results.reduce((a, r) => a + r.entries, 0))} entries uncertain (a miss on one of them may be the register's fault, not the engine's). Reasons:`);
  for (const [reason, n] of countBy(
    uncertain.flatMap((u) => u.entry.uncertain.map((x) => ({ x: x.replace(/"[^"]*"/gu, '…').replace(/ from .*$/u, '').replace(/initial .*$/u, 'initial').replace(/ \(.*\)$/u, '') }))),
    (o) => o.x,
  ))
    console.log(`    ${String(n).padStart(5)}  ${reason}`);
  console.log('  examples:');
  for (const u of sample(uncertain, SHOW_UNCERTAIN)) {
    const mentions = u.entry.mentions.map((i) => u.doc.persons[i]!.text);
    console.log(`    ${u.doc.split}/${u.doc.id}: ${describeEntry(u.entry)} <= ${[...new Set(mentions)].map(flat).join(' | ')}  (${u.entry.uncertain.join('; ')})`);
  }

  console.log('');
  console.log(`Register mode misses: ${int(regMisses.length)}, by phenomenon:`);
  for (const line of categoryTable(regMisses, true)) console.log(line);
  console.log(`  ${Math.min(SHOW_MISSES, regMisses.length)} of them (⟦mention⟧, {uncovered word}):`);
  for (const m of sample(regMisses, SHOW_MISSES)) console.log(`    ${formatMiss(m, true)}`);
  console.log(`Register mode person spans on no PERSON annotation: ${int(regFalsePositives.length)}${regFalsePositives.length > 0 ? ', by what they hit:' : ''}`);
  for (const [hit, n] of countBy(regFalsePositives, (f) => (f.hits.length > 0 ? f.hits.join('/') : 'no annotation'))) console.log(`    ${String(n).padStart(5)}  ${hit}`);
  for (const f of sample(regFalsePositives, SHOW_FALSE_POSITIVES)) console.log(`    ${formatFalsePositive(f)}`);
  if (otherFalsePositives.length > 0) {
    console.log(`Non-person spans on no annotation at all: ${int(otherFalsePositives.length)}`);
    for (const f of sample(otherFalsePositives, 10)) console.log(`    ${formatFalsePositive(f)}`);
  }

  console.log('');
  console.log(`Empty-register misses (neither redacted nor suggested): ${int(emptyMisses.length)}, by shape:`);
  for (const line of categoryTable(emptyMisses, false)) console.log(line);
  console.log(`  ${Math.min(SHOW_MISSES, emptyMisses.length)} of them:`);
  for (const m of sample(emptyMisses, SHOW_MISSES)) console.log(`    ${formatMiss(m, false)}`);
  console.log(`Empty-register suggestions on no PERSON annotation: ${int(emptyFalsePositives.length)}, by what they hit:`);
  for (const [hit, n] of countBy(emptyFalsePositives, (f) => (f.hits.length > 0 ? f.hits.join('/') : 'no annotation')).slice(0, 12)) console.log(`    ${String(n).padStart(5)}  ${hit}`);
  for (const f of sample(emptyFalsePositives, SHOW_FALSE_POSITIVES)) console.log(`    ${formatFalsePositive(f)}`);

  if (outPath !== null) {
    const lines: string[] = [`NEREL bench full lists (${splits.join(', ')}), ${new Date().toISOString()}`, ''];
    lines.push(`== register mode misses (${regMisses.length})`, ...regMisses.map((m) => formatMiss(m, true)), '');
    lines.push(`== register mode person spans on no PERSON annotation (${regFalsePositives.length})`, ...regFalsePositives.map(formatFalsePositive), '');
    lines.push(`== non-person spans on no annotation (${otherFalsePositives.length})`, ...otherFalsePositives.map(formatFalsePositive), '');
    lines.push(`== empty-register misses (${emptyMisses.length})`, ...emptyMisses.map((m) => formatMiss(m, false)), '');
    lines.push(`== empty-register suggestions on no PERSON annotation (${emptyFalsePositives.length})`, ...emptyFalsePositives.map(formatFalsePositive), '');
    lines.push(`== uncertain register entries (${uncertain.length})`);
    for (const u of uncertain) lines.push(`${u.doc.split}/${u.doc.id}: ${describeEntry(u.entry)} <= ${[...new Set(u.entry.mentions.map((i) => flat(u.doc.persons[i]!.text)))].join(' | ')}  (${u.entry.uncertain.join('; ')})`);
    writeFileSync(outPath, lines.join('\n') + '\n');
    console.log(`\nFull lists written to ${outPath} (corpus text: keep it out of the repository).`);
  }

  const sumMs = (f: (r: SplitResult) => number): number => results.reduce((a, r) => a + f(r), 0);
  console.log('');
  console.log(
    `Time: ${((performance.now() - started) / 1000).toFixed(1)} s in all — corpus read ${loadMs.toFixed(0)} ms, az dictionaries ${morphMs.toFixed(0)} ms, registers built ${sumMs((r) => r.ms.registers).toFixed(0)} ms, register mode ${sumMs((r) => r.ms.registerMode).toFixed(0)} ms (compile + redact per document), empty register ${sumMs((r) => r.ms.emptyMode).toFixed(0)} ms`,
  );
}

await main();
