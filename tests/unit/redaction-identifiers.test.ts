import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/redaction';
import { normalise } from '../../src/core/redaction/normalise';
import { recogniseAddresses } from '../../src/core/redaction/recognisers/address';
import { recogniseBirthDates } from '../../src/core/redaction/recognisers/birth-date';
import { recogniseEmails } from '../../src/core/redaction/recognisers/email';
import { recogniseLocations } from '../../src/core/redaction/recognisers/geo';
import { recogniseIdNumbers } from '../../src/core/redaction/recognisers/id-number';
import { recogniseHandles } from '../../src/core/redaction/recognisers/messenger';
import { recognisePhones } from '../../src/core/redaction/recognisers/phone';
import { evaluate, loadSuites, type CorpusLang, type GoldKind } from '../fixtures/redaction/evaluate';

/**
 * The identifiers suite (tests/fixtures/redaction/corpus/identifiers.json): field notes in the six languages with ID
 * numbers, dates of birth, addresses, short city numbers, profiles by number, coordinates and Unicode noise, and the
 * near misses a researcher needs kept (case numbers, event dates, money, streets named after people).
 */
describe('identifiers fixture suite', () => {
  const suite = loadSuites().find((s) => s.name === 'identifiers')!;
  const result = evaluate(suite.docs, (d) => redact(d.text, { people: suite.people, allow: suite.allow }).spans);

  it('is a real suite: every language and every contact kind, with near misses to keep', () => {
    expect(suite.docs.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['en', 'ru', 'ky', 'kk', 'uz', 'tg'] as CorpusLang[]) expect(suite.docs.filter((d) => d.lang === lang).length, lang).toBeGreaterThanOrEqual(5);
    for (const kind of ['phone', 'email', 'handle', 'id-number', 'birth-date', 'address', 'location'] as GoldKind[]) expect(result.byKind[kind]?.gold ?? 0, kind).toBeGreaterThan(0);
    expect(suite.docs.reduce((n, d) => n + d.keep.length, 0)).toBeGreaterThanOrEqual(60);
  });

  it('recalls every identifier and touches nothing it must keep', () => {
    expect(result.misses).toEqual([]);
    expect(result.contacts.recall).toBe(1);
    expect(result.keepViolations).toEqual([]);
  });

  it('is precise', () => {
    expect(result.falsePositives).toEqual([]);
    expect(result.contacts.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('leaves no identifier in the output and every kept string as it was', () => {
    for (const d of suite.docs) {
      const out = redact(d.text, { people: suite.people, allow: suite.allow }).text;
      for (const g of d.expect) expect(out.includes(g.text), `${d.id}: ${g.text}`).toBe(false);
      for (const k of d.keep) expect(out.includes(k), `${d.id}: ${k}`).toBe(true);
    }
  });
});

describe('ordinary prose', () => {
  it('keeps dates of events, years, money, case numbers, percentages and counts in all six languages', () => {
    const prose = [
      'On 14 March 2024 the court (case No. 2-1456/2023) fined him 15 000 som. In 2019-2021, 1 500 migrants were deported; 12.5% were women. The hearing lasted from 09:30 to 14:45. He paid $1 200 and later 35 000 – 40 000 rubles.',
      '14 марта 2024 года суд (дело № 1-234/2024) назначил штраф 150 000 рублей. В 2019–2021 годах выслали 1 500 человек. Статья 322.1 УК, ч. 2 ст. 228. Постановление № 05-311-2025 от 12.01.2025. Сумма 1 200 000 сомов.',
      '2024-жылдын 14-мартында сот 15 000 сом айып салды. Митинг Чүй проспектисинде болду, 300 киши катышты. Иш № 05-311-2025 каралды.',
      '2024 жылғы 14 наурызда сот 150 000 теңге айыппұл салды. Абай даңғылында 300 адам жиналды. Іс № 2-1456/2023.',
      "2024-yil 14-martda sud 1 500 000 so'm jarima soldi. Mirzo Ulug‘bek metro bekati yonida 300 kishi yig‘ildi. Amir Temur ko‘chasida namoyish bo‘ldi.",
      '14 марти 2024 суд 1 500 сомонӣ ҷарима баст. Дар солҳои 2019-2021 1 500 муҳоҷир бадарга шуданд. Дар хиёбони Рӯдакӣ 300 нафар ҷамъ омаданд.',
    ].join('\n');
    const r = redact(prose);
    expect(r.spans.map((s) => prose.slice(s.start, s.end))).toEqual([]);
  });
});

describe('speed', () => {
  it('recognises contact details in a dense 50 KB note without runaway backtracking', () => {
    const pieces = [
      'ул. Ленина', 'дом 6', 'кв. 21', 'паспорт серия 4519 номер 338104', 'тел. 54-32-10', '1988-жылдын 17-октябрында туулган', 'Manas Ave 48, apt 17',
      'Tug‘ilgan sanasi: 03.11.1985', 'кӯчаи Сино 17, хонаи 3', '40.52N, 72.80E', '＋９９６ ５５５ １２３ ４５６', 'Дело № 05-311-2025', '150 000 рублей', '2019–2021',
      '881017 401001', 'Абай көшесі, 15-үй, 42-пәтер', 'facebook.com/profile.php?id=100012345678901', '1111 2222 3333 4444 5555 6666', 'Ала-Тоо Бишкек Ош Нарын Талас',
      'aigul at mail dot ru', '0555 123 456 0555 123 456 0555 123 456',
    ];
    let note = '';
    for (let i = 0; note.length < 50_000; i++) note += `${pieces[(i * 7) % pieces.length]!}${i % 5 === 0 ? '.\n' : ' '}`;
    const recognisers = [recognisePhones, recogniseEmails, recogniseHandles, recogniseIdNumbers, recogniseBirthDates, recogniseAddresses, recogniseLocations];
    const run = (): number => {
      const start = performance.now();
      const n = normalise(note).text;
      for (const r of recognisers) r(n);
      return performance.now() - start;
    };
    run(); // compile the patterns
    const times = [run(), run(), run()].sort((a, b) => a - b);
    // Typically ~40 ms for this worst case (every phrase a candidate); an exponential pattern would take seconds.
    expect(times[1]!).toBeLessThan(400);
  });
});
