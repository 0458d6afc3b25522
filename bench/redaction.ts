/**
 * Redaction bench: per-kind recall / precision / F2 on the fixture corpus for Fieldvault's engine and for one
 * maintained peer package (@openredaction/openredaction) side by side, and the time to redact a 50 KB note with a
 * 1,000-person register (p50 / p95 over runs; the register is compiled once, as at unlock).
 *
 *   node_modules/.bin/node --import tsx bench/redaction.ts
 */
import { OpenRedaction } from '@openredaction/openredaction';
import { compileRedactor } from '../src/core/redaction';
import { evaluate, formatEvaluation, loadAllow, loadCorpus, loadRegister, loadSuites, type Evaluation } from '../tests/fixtures/redaction/evaluate';
import { syntheticNote, syntheticRegister } from './redaction-synthetic';

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

function sideBySide(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  const width = Math.max(...left.map((l) => l.length)) + 4;
  return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `${(left[i] ?? '').padEnd(width)}${right[i] ?? ''}`).join('\n');
}

function mainBench(): void {
  const docs = loadCorpus();
  const people = loadRegister();
  const allow = loadAllow();
  const redactor = compileRedactor({ people, allow });
  const ours: Evaluation = evaluate(docs, (d) => redactor.redact(d.text).spans);

  const peer = new OpenRedaction();
  const theirs: Evaluation = evaluate(docs, (d) => peer.detect(d.text).detections.map((x) => ({ start: x.position[0], end: x.position[1], kind: peerKind(x.type) })));

  console.log(`Redaction corpus: ${docs.length} documents (${docs.filter((d) => d.lang === 'en').length} English, ${docs.filter((d) => d.lang === 'ru').length} Russian), register of ${people.length} people, allow-list of ${allow.length}`);
  console.log('');
  console.log(sideBySide(formatEvaluation('Fieldvault engine', ours), formatEvaluation('@openredaction/openredaction 1.0.4 (peer, default config)', theirs)));
  if (ours.misses.length > 0) console.log(`\nFieldvault misses:\n  ${ours.misses.join('\n  ')}`);
  if (ours.falsePositives.length > 0) console.log(`\nFieldvault false positives:\n  ${ours.falsePositives.join('\n  ')}`);

  fixtureSuites();

  // Timing: a 50 KB note, 1,000-person register.
  const register = syntheticRegister(1000);
  const t0 = performance.now();
  const big = compileRedactor({ people: register, allow });
  const compileMs = performance.now() - t0;
  const note = syntheticNote(register, 50_000);
  const runs = 40;
  for (let i = 0; i < 5; i++) big.redact(note);
  const times: number[] = [];
  let spans = 0;
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    spans = big.redact(note).spans.length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(note, 'utf8');
  console.log('');
  console.log(`Timing: ${(bytes / 1024).toFixed(1)} KiB note, ${register.length}-person register, ${runs} runs after 5 warm-ups`);
  console.log(`  register compile (once per register): ${compileMs.toFixed(0)} ms (target <= 1500 ms)`);
  console.log(`  redact: p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms (target p95 <= 50 ms) — ${spans} spans`);
  const peerTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    peer.detect(note);
    peerTimes.push(performance.now() - s);
  }
  peerTimes.sort((a, b) => a - b);
  console.log(`  peer on the same note: p50 ${quantile(peerTimes, 0.5).toFixed(1)} ms (5 runs)`);
}

/**
 * Every fixture suite (the base corpus and tests/fixtures/redaction/corpus/*.json, each with its own register),
 * scored per kind, then the targets of issue 7 on all of them together.
 */
function fixtureSuites(): void {
  const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT MET');
  let personGold = 0;
  let personHit = 0;
  let contactGold = 0;
  let contactHit = 0;
  let predicted = 0;
  let truePositive = 0;
  let unlistedGold = 0;
  let unlistedHit = 0;
  let suggestions = 0;
  let wrongSuggestions = 0;
  let words = 0;
  let keep = 0;
  console.log('\nFixture suites (written for the tests; each with its own register):');
  for (const suite of loadSuites()) {
    const r = compileRedactor({ people: suite.people, allow: suite.allow });
    const e = evaluate(suite.docs, (d) => {
      const x = r.redact(d.text);
      return { spans: x.spans, suggestions: x.suggestions };
    });
    const langs = [...new Set(suite.docs.map((d) => d.lang))].join(' ');
    const person = e.byKind.person;
    console.log(
      `  ${suite.name.padEnd(16)} ${String(suite.docs.length).padStart(3)} docs (${langs}): register names ${person ? pct(person.recall) : '-'} of ${person?.gold ?? 0}, contact details ${pct(e.contacts.recall)} of ${e.contacts.gold}, precision ${pct(e.overall.precision)}` +
        (e.unlisted.gold > 0 ? `, unlisted flagged ${pct(e.unlisted.recall)} of ${e.unlisted.gold} at ${e.suggestionsPer1000Words.toFixed(1)} suggestions/1,000 words` : '') +
        `, allow-list violations ${e.keepViolations.length}`,
    );
    for (const m of e.misses) console.log(`      miss: ${m}`);
    personGold += person?.gold ?? 0;
    personHit += person?.recalled ?? 0;
    contactGold += e.contacts.gold;
    contactHit += e.contacts.recalled;
    predicted += e.overall.predicted;
    truePositive += e.overall.truePositive;
    unlistedGold += e.unlisted.gold;
    unlistedHit += e.unlisted.recalled;
    const w = suite.docs.reduce((n, d) => n + d.text.split(/\s+/u).filter((x) => /[\p{L}\p{N}]/u.test(x)).length, 0);
    words += w;
    suggestions += (e.suggestionsPer1000Words * w) / 1000;
    wrongSuggestions += (e.wrongSuggestionsPer1000Words * w) / 1000;
    keep += e.keepViolations.length;
  }
  const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);
  console.log('  all suites:');
  console.log(`    register-person mention recall  ${pct(ratio(personHit, personGold))} (${personHit} / ${personGold})   target 100 %  ${mark(personHit === personGold)}`);
  console.log(`    contact details recall          ${pct(ratio(contactHit, contactGold))} (${contactHit} / ${contactGold})   target 100 %  ${mark(contactHit === contactGold)}`);
  console.log(`    precision                       ${pct(ratio(truePositive, predicted))}   target >= 97 %  ${mark(ratio(truePositive, predicted) >= 0.97)}`);
  if (unlistedGold > 0) {
    console.log(`    unlisted people flagged         ${pct(ratio(unlistedHit, unlistedGold))} (${unlistedHit} / ${unlistedGold})   target >= 90 %  ${mark(ratio(unlistedHit, unlistedGold) >= 0.9)}`);
    console.log(`    suggestions per 1,000 words     ${((suggestions * 1000) / Math.max(1, words)).toFixed(1)}   target <= 15  ${mark((suggestions * 1000) / Math.max(1, words) <= 15)}`);
    console.log(`      (of which on nothing to redact: ${((wrongSuggestions * 1000) / Math.max(1, words)).toFixed(1)} per 1,000 words; the unlisted suite packs 63 people into 987 words)`);
  }
  console.log(`    allow-list violations           ${keep}`);
}

/** The peer's detection types, mapped onto our kinds (for the per-kind table; recall does not depend on it). */
function peerKind(type: string): string {
  const t = type.toUpperCase();
  if (t.includes('EMAIL')) return 'email';
  if (t.includes('PHONE')) return 'phone';
  if (t.includes('NAME') && !t.includes('USER')) return 'person';
  if (t.includes('PASSPORT') || t.includes('IIN') || t.includes('ID') || t.includes('NATIONAL') || t.includes('SSN')) return 'id-number';
  if (t.includes('DATE') || t.includes('DOB') || t.includes('BIRTH')) return 'birth-date';
  if (t.includes('ADDRESS') || t.includes('STREET') || t.includes('POSTCODE')) return 'address';
  if (t.includes('COORD') || t.includes('GPS') || t.includes('LOCATION')) return 'location';
  if (t.includes('USER') || t.includes('HANDLE') || t.includes('TELEGRAM') || t.includes('URL')) return 'handle';
  return 'other';
}

mainBench();
