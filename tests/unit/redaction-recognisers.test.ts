import { describe, expect, it } from 'vitest';
import { recogniseAddresses } from '../../src/core/redaction/recognisers/address';
import { recogniseBirthDates } from '../../src/core/redaction/recognisers/birth-date';
import { recogniseEmails } from '../../src/core/redaction/recognisers/email';
import { recogniseLocations } from '../../src/core/redaction/recognisers/geo';
import { recogniseIdNumbers, validIin, validKgPin, validPinfl, validRuInn, validSnils } from '../../src/core/redaction/recognisers/id-number';
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

describe('ID numbers by shape, check digit and label', () => {
  it('checks the Uzbek PINFL, Russian SNILS and INN check digits and the dates inside IIN, PIN and PINFL', () => {
    expect(validPinfl('31505850230017')).toBe(true);
    expect(validPinfl('31505850230018')).toBe(false); // check digit
    expect(validPinfl('33102850230017')).toBe(false); // 31 February
    expect(validPinfl('71505850230017')).toBe(false); // no such century digit
    expect(validSnils('112-233-445 95')).toBe(true);
    expect(validSnils('112-233-445 96')).toBe(false);
    expect(validSnils('001-326-679 00')).toBe(true); // a weighted sum of 100 checks as 00
    expect(validSnils('017-996-174 00')).toBe(true); // 201 mod 101 = 100 checks as 00
    expect(validSnils('001-001-998 00')).toBe(false); // issued before the check existed: not checkable
    expect(validRuInn('770708389324')).toBe(true);
    expect(validRuInn('770708389325')).toBe(false);
    expect(validIin('881017401001')).toBe(true);
    expect(validIin('883017401001')).toBe(false); // month 30
    expect(validKgPin('23102198800123')).toBe(false); // 31 February
  });

  it('finds a checksummed IIN, PINFL and SNILS without a label, in any grouping', () => {
    for (const written of ['881017401001', '881017 401001', '8810 1740 1001', '881 017 401 001', '881017-401001']) {
      expect(hits(recogniseIdNumbers, `номер ${written} на обороте`), written).toEqual([written]);
    }
    expect(hits(recogniseIdNumbers, 'on a pay slip 31505850230017.')).toEqual(['31505850230017']);
    expect(hits(recogniseIdNumbers, 'в списке 147-258-369 88 и 156 784 329 09')).toEqual(['147-258-369 88', '156 784 329 09']);
    // The same shapes with a wrong check digit are not identifiers on their own.
    expect(hits(recogniseIdNumbers, 'номер 881017401002, 147-258-369 89, 31505850230018')).toEqual([]);
    // A 14-digit number with a PINFL's date but a wrong check digit is only put to the reviewer.
    const weak = recogniseIdNumbers('код 31505850230018');
    expect(weak.map((f) => f.confidence)).toEqual([0.4]);
  });

  it('takes the whole Russian passport, patent and migration card value, series and number', () => {
    const text = 'паспорт серия 4519 номер 338104; серия 45 19 № 338104; паспорт 4519 338104; патент серия 77 № 1900123456; миграционная карта 4616 № 1234567; ИНН 770708389324';
    expect(hits(recogniseIdNumbers, text)).toEqual(expect.arrayContaining(['4519 номер 338104', '45 19 № 338104', '4519 338104', '77 № 1900123456', '4616 № 1234567', '770708389324']));
    expect(hits(recogniseIdNumbers, text).some((h) => /серия|паспорт|патент/u.test(h))).toBe(false);
  });

  it.each([
    ['ky', 'ЖИН: 22508198500789, паспортунун номери AN 2345678', ['22508198500789', 'AN 2345678']],
    ['kk', 'ЖСН 851103401003, жеке куәлік нөмірі 043123456', ['851103401003', '043123456']],
    ['uz', 'pasport seriyasi AB, raqami 2345671; JSHSHIR: 40311902600158', ['AB, raqami 2345671', '40311902600158']],
    ['uz-cyr', 'паспорт серияси АВ, рақами 1234567; ЖШШИР 51102042901171', ['АВ, рақами 1234567', '51102042901171']],
    ['tg', 'Рақами шиносномаи ӯ 400765432, РМА 123456789', ['400765432', '123456789']],
    ['en', 'work patent series 50 No. 2100456789, residence permit 82 1234567, passport number 1 234 567', ['50 No. 2100456789', '82 1234567', '1 234 567']],
  ])('finds numbers after %s document words', (_lang, text, expected) => {
    expect(hits(recogniseIdNumbers, text)).toEqual(expect.arrayContaining(expected));
  });

  it('leaves case numbers, years, ranges, money and counts alone, even near a document word', () => {
    const text =
      'Дело № 05-311-2025, дело № 1-234/2024; паспорт отобрали в 2019 году; патент стоил 6 800 рублей; серия из 12 допросов; 2019-2021; 1 500 000 сом; 12,5%; ' +
      'паспорт ему вернули за 1 500 000 сом; a series of 1 200 000 transfers';
    expect(hits(recogniseIdNumbers, text)).toEqual([]);
  });
});

describe('dates of birth in the six languages', () => {
  it.each([
    ['ky', '1988-жылдын 17-октябрында туулган', '1988-жылдын 17-октябрында'],
    ['ky', 'Туулган күнү: 05.02.1990.', '05.02.1990'],
    ['ky', 'Ал 17-октябрь 1988-ж. туулган.', '17-октябрь 1988-ж.'],
    ['ky', 'Ал 1990-жылы туулган.', '1990-жылы'],
    ['kk', 'Туған күні: 12.05.1991', '12.05.1991'],
    ['kk', 'ұлы 2010 жылғы 17 қазанда туған', '2010 жылғы 17 қазанда'],
    ['kk', 'Күйеуі 1985 жылы туған', '1985 жылы'],
    ['uz', 'Tug‘ilgan sanasi: 03.11.1985', '03.11.1985'],
    ['uz', 'tugʻilgan kuni 1990-yil 5-mart.', '1990-yil 5-mart'],
    ['uz', 'Tugilgan yili: 1987', '1987'],
    ['uz', '1985-yilda tug`ilgan', '1985-yilda'],
    ['uz', 'Туғилган санаси: 15.08.1993', '15.08.1993'],
    ['tg', 'Таваллуд: 21.07.1992', '21.07.1992'],
    ['tg', 'Санаи таваллуд 21 июли соли 1992', '21 июли соли 1992'],
    ['tg', 'Санаи таваллуди писараш: 09.12.2013', '09.12.2013'],
    ['tg', 'Модараш соли 1965 таваллуд шудааст', 'соли 1965'],
    ['ru', 'Дата рождения сына: 09/12/2003', '09/12/2003'],
    ['ru', 'родилась 17 октября 1988 года в Оше', '17 октября 1988 года'],
    ['ru', 'родился 5-го мая 1985 г.', '5-го мая 1985 г.'],
    ['en', 'Her son was born on the 3rd of May 2009.', '3rd of May 2009'],
    ['kk', 'Қызы 2005 жылы 3 ақпанда дүниеге келген.', '2005 жылы 3 ақпанда'],
    ['ky', 'Уулу 2001-жылы дүйнөгө келген.', '2001-жылы'],
    ['uz', 'Qizi 2003-yil 12-aprelda dunyoga kelgan.', '2003-yil 12-aprelda'],
    ['tg', 'Писараш соли 2004 ба дунё омад.', 'соли 2004'],
  ])('%s: %j', (_lang, text, date) => {
    expect(hits(recogniseBirthDates, text)).toEqual([date]);
  });

  it('reads the Uzbek label with any apostrophe or none', () => {
    for (const apostrophe of ["'", '‘', 'ʻ', '`', '’', 'ʼ', '']) {
      expect(hits(recogniseBirthDates, `Tug${apostrophe}ilgan sanasi: 03.11.1985`), apostrophe).toEqual(['03.11.1985']);
    }
  });

  it('does not take the date of an event for a date of birth', () => {
    const text = 'Interviewed on 14 March 2024; 2024-жылдын 14-мартында кармалган; 2024 жылғы 14 наурызда ұстады; 2024-yil 14-martda; 14 марти 2024 боздошт; задержан 12.01.2025; в 2019–2021 годах.';
    expect(hits(recogniseBirthDates, text)).toEqual([]);
  });
});

describe('addresses in the six languages', () => {
  it.each([
    ['en', 'She rents a room at Manas Ave 48, apt 17 now.', 'Manas Ave 48, apt 17'],
    ['en', 'Her brother stays at Toktogul st. 112 with friends.', 'Toktogul st. 112'],
    ['uz', 'Manzili: Chilonzor tumani, 7-kvartal, 3-uy, 41-xonadon.', 'Chilonzor tumani, 7-kvartal, 3-uy, 41-xonadon'],
    ['uz', 'Uning akasi Navoiy ko‘chasi, 15-uy, 4-xonadonda yashaydi.', 'Navoiy ko‘chasi, 15-uy, 4-xonadonda'],
    ['tg', 'Суроға: кӯчаи Сино 17, хонаи 3.', 'кӯчаи Сино 17, хонаи 3'],
    ['tg', 'дар хиёбони Рӯдакӣ 45, хонаи 12 зиндагӣ мекунад', 'хиёбони Рӯдакӣ 45, хонаи 12'],
    ['kk', 'Мекенжайы: Абай көшесі, 15-үй, 42-пәтер.', 'Абай көшесі, 15-үй, 42-пәтер'],
    ['kk', 'Самал-2 шағын ауданы, 58-үй, 12-пәтерде тұрады', 'Самал-2 шағын ауданы, 58-үй, 12-пәтерде'],
    ['ky', 'Токтогул көчөсү, 125-үй, 7-батир дарегинде', 'Токтогул көчөсү, 125-үй, 7-батир'],
    ['ru', 'Семья снимает комнату: мкр Тунгуч, 45-12 (у хозяйки).', 'мкр Тунгуч, 45-12'],
    ['ru', 'Раньше он жил в доме 6 на улице Киевской, квартира 21.', 'доме 6 на улице Киевской, квартира 21'],
    ['ru', 'Бишкек, 7 мкр, 33-15.', '7 мкр, 33-15'],
    ['ru', 'Москва, Лесная ул., 7-15 (общежитие).', 'Лесная ул., 7-15'],
    ['kk', 'Алматы қ., Төле би көшесі 45, 12-пәтер.', 'Төле би көшесі 45, 12-пәтер'],
    ['uz', 'Toshkent sh., Yunusobod tumani, 19-mavze, 25-uy, 10-xonadon.', 'Yunusobod tumani, 19-mavze, 25-uy, 10-xonadon'],
  ])('%s: %j', (_lang, text, address) => {
    expect(hits(recogniseAddresses, text)).toEqual([address]);
  });

  it('leaves a street, avenue or station without a house number alone, and a crowd on a street is not a house', () => {
    const text =
      'Акция прошла на проспекте Чингиза Айтматова и на улице Ленина. Mirzo Ulug‘bek station; Chui Avenue; Amir Temur ko‘chasida namoyish. ' +
      'Абай даңғылында 300 адам жиналды. Ленина 5 человек. Дар хиёбони Исмоили Сомонӣ 300 нафар. On Manas Avenue 5 officers beat him. хонаи Ҷамшед. ул. Ленина, 10 апреля.';
    expect(hits(recogniseAddresses, text, 0)).toEqual([]);
  });
});

describe('short city numbers, case numbers and prose numbers', () => {
  it('takes a five- or six-digit number as a phone only after a phone word', () => {
    const text = 'дом. тел. 54-32-10, раб. тел. 62-18-44; үй тел.: 5-43-21; uy tel. 45-67-89; тел. хона 2-13-45; home tel. 43-21-09; тел/факс 62-18-45';
    expect(hits(recognisePhones, text)).toEqual(['54-32-10', '62-18-44', '5-43-21', '45-67-89', '2-13-45', '43-21-09', '62-18-45']);
    expect(hits(recognisePhones, 'в колонне 54-32-10 было написано; счёт 62-18-44', 0)).toEqual([]);
  });

  it('never takes case and article numbers, money, ranges or times for phones', () => {
    const text =
      'Дело № 05-311-2025; дело № 1-234/2024; Case No. 2-1456/2023; Иш № 05-311-2025; статья 322.1; штраф 150 000 рублей; $1 200; 35 000 – 40 000 rubles; ' +
      '5 000 000 сом; 2019–2021; Дар солҳои 2019-2021 1 500 муҳоҷир; 14:30–16:00; 12,5%.';
    expect(hits(recognisePhones, text)).toEqual([]);
  });

  it('sees no international number behind a run that starts with 000', () => {
    expect(judgePhone('000 – 40 000').confidence).toBe(0);
    expect(judgePhone('00 996 555 123 456').e164).toBe('+996555123456');
  });
});

describe('coordinates with hemispheres and profiles by number', () => {
  it('finds coordinates marked with hemisphere letters, words or degree signs', () => {
    const text = '40.52N, 72.80E; 40.52° N 72.80° E; 40,52 с.ш., 72,80 в.д.; N40.5214 E72.7981; 43.2389 с.е., 76.8897 ш.б.; latitude 42.8746, longitude 74.5698';
    expect(hits(recogniseLocations, text)).toEqual(
      expect.arrayContaining(['40.52N, 72.80E', '40.52° N 72.80° E', '40,52 с.ш., 72,80 в.д.', 'N40.5214 E72.7981', '43.2389 с.е., 76.8897 ш.б.', '42.8746, longitude 74.5698']),
    );
  });

  it('does not read a list of numbers, a whole degree or an impossible latitude as a place', () => {
    expect(hits(recogniseLocations, 'оценки 4.52, 7.80; 40° N 72° E; 95.12N, 72.80E; 12,5 и 3,4')).toEqual([]);
  });

  it('takes the whole profile link when the profile is a number', () => {
    const text = 'facebook.com/profile.php?id=100012345678901, ok.ru/profile/571234567890, vk.com/id123456789, VK id 987654321.';
    expect(hits(recogniseHandles, text)).toEqual(
      expect.arrayContaining(['facebook.com/profile.php?id=100012345678901', 'ok.ru/profile/571234567890', 'vk.com/id123456789', '987654321']),
    );
  });
});
