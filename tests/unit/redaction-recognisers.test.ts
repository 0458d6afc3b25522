import { describe, expect, it } from 'vitest';
import { recogniseAddresses } from '../../src/core/redaction/recognisers/address';
import { recogniseBirthDates } from '../../src/core/redaction/recognisers/birth-date';
import { recogniseEmails } from '../../src/core/redaction/recognisers/email';
import { recogniseLocations } from '../../src/core/redaction/recognisers/geo';
import { recogniseIdNumbers, validIin, validKgPin } from '../../src/core/redaction/recognisers/id-number';
import { recogniseHandles } from '../../src/core/redaction/recognisers/messenger';
import { judgePhone, recognisePhones } from '../../src/core/redaction/recognisers/phone';
import type { Recogniser } from '../../src/core/redaction/recognisers/util';

const hits = (r: Recogniser, text: string, min = 0.5): string[] => r(text).filter((f) => f.confidence >= min).map((f) => text.slice(f.start, f.end));

describe('phone recogniser', () => {
  it.each([
    ['Call +996 555 123 456 now', '+996 555 123 456'],
    ['тел. 0 (555) 12-34-56.', '0 (555) 12-34-56'],
    ['8 (701) 123-45-67', '8 (701) 123-45-67'],
    ['+1 (415) 555-2671', '+1 (415) 555-2671'],
    ['(93) 555-12-34', '(93) 555-12-34'],
    ['90 123 45 67', '90 123 45 67'],
    ['8 93 123 4567', '8 93 123 4567'],
    ['+998.90.123.45.67', '+998.90.123.45.67'],
    ['996555123456', '996555123456'],
    ['0312 66 00 00. 15 000 сом', '0312 66 00 00'],
  ])('finds the whole number in %j', (text, number) => {
    expect(hits(recognisePhones, text)).toEqual([number]);
  });

  it('never leaves the country code out', () => {
    const text = 'His brother: +1 202 555 0147.';
    const [f] = recognisePhones(text);
    expect(text.slice(f!.start, f!.end)).toBe('+1 202 555 0147');
  });

  it('splits a date glued to a number', () => {
    expect(hits(recognisePhones, 'on 12.03.2021 (0555 123 456)')).toEqual(['0555 123 456']);
  });

  it('ignores dates, years, sums and short numbers; a lone digit run is only a suggestion', () => {
    expect(hits(recognisePhones, '12.03.2021, 2019-2021, 15 000 сом, room 12')).toEqual([]);
    const weak = recognisePhones('code 12345678');
    expect(weak).toHaveLength(1);
    expect(weak[0]!.confidence).toBeLessThan(0.5);
    expect(judgePhone('+996 555 123 456').e164).toBe('+996555123456');
  });
});

describe('email recogniser', () => {
  it('finds plain, internationalised and obfuscated addresses', () => {
    const text = 'aigul@mail.ru, айгуль@почта.рф, aigul [at] mail [dot] ru, aigul собака mail.ru, bakyt at gmail dot com, gulnara (собака) protonmail (точка) com';
    expect(hits(recogniseEmails, text)).toEqual([
      'aigul@mail.ru',
      'айгуль@почта.рф',
      'aigul [at] mail [dot] ru',
      'aigul собака mail.ru',
      'bakyt at gmail dot com',
      'gulnara (собака) protonmail (точка) com',
    ]);
  });

  it('does not take prose for an obfuscated address', () => {
    expect(hits(recogniseEmails, 'We met at home. Then at work dot matrix printers.')).toEqual([]);
  });
});

describe('handle recogniser', () => {
  it('finds @handles, messenger links and handles after a messenger name', () => {
    const text = 'Write @aigul_s or t.me/aigul_s, https://wa.me/996555123456, signal.me/#p/+996555123456; Telegram: aigul_k92. Email a@b.kg';
    expect(hits(recogniseHandles, text)).toEqual(['t.me/aigul_s', 'https://wa.me/996555123456', 'signal.me/#p/+996555123456', '@aigul_s', 'aigul_k92']);
  });
});

describe('ID number recogniser', () => {
  it('checks the Kazakh IIN checksum and the Kyrgyz PIN date', () => {
    expect(validIin('870412450121')).toBe(true);
    expect(validIin('870412450122')).toBe(false);
    expect(validKgPin('21207198800123')).toBe(true);
    expect(validKgPin('21299198800123')).toBe(false);
  });

  it('finds passports, MRZ lines and numbers after ID words', () => {
    const text = 'Passport AN1234567; паспорт серии 4509 № 123456; ИИН 870412450121\nP<KGZSULTANALIEVA<<AIGUL<<<<<<<<<<<<<<<<<<<<<\nID card number 1234567890';
    const found = hits(recogniseIdNumbers, text);
    expect(found).toEqual(expect.arrayContaining(['AN1234567', '4509 № 123456', '870412450121', 'P<KGZSULTANALIEVA<<AIGUL<<<<<<<<<<<<<<<<<<<<<', '1234567890']));
  });

  it('leaves ordinary numbers alone', () => {
    expect(hits(recogniseIdNumbers, 'In 2023, 12 people paid 5000 rubles.')).toEqual([]);
  });
});

describe('birth date recogniser', () => {
  it('finds dates of birth by context only', () => {
    const text = 'Born on 12 March 1990; DOB: 1990-03-12; д.р. 12.03.1990; 1988 г.р.; дата рождения: 5 мая 1985 г.; interviewed on 3 June 2024.';
    expect(hits(recogniseBirthDates, text)).toEqual(['12 March 1990', '1990-03-12', '12.03.1990', '5 мая 1985 г.', '1988']);
  });
});

describe('address recogniser', () => {
  it('finds Russian, Kyrgyz and English street addresses', () => {
    const text = 'г. Бишкек, Ленинский р-н, ул. Токтогула, д. 125, кв. 8. Токтогул көчөсү, 125. She lived at 12 Chui Avenue, apt 5 and Manas Avenue 40/1.';
    expect(hits(recogniseAddresses, text)).toEqual(expect.arrayContaining(['Ленинский р-н, ул. Токтогула, д. 125, кв. 8', 'Токтогул көчөсү, 125', '12 Chui Avenue, apt 5', 'Manas Avenue 40/1']));
  });

  it('needs a number or a named street', () => {
    expect(hits(recogniseAddresses, 'the street was empty; ул. в центре')).toEqual([]);
  });
});

describe('location recogniser', () => {
  it('finds decimal and DMS coordinates and map links', () => {
    const text = '42.8746, 74.5698 and 42°52\'28.6"N 74°34\'11.3"E https://maps.app.goo.gl/abc123 geo:42.87,74.56 version 1.2';
    expect(hits(recogniseLocations, text)).toEqual(['42.8746, 74.5698', '42°52\'28.6"N 74°34\'11.3"E', 'https://maps.app.goo.gl/abc123', 'geo:42.87,74.56']);
  });
});
