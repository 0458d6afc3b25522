/**
 * Search that understands the language: Russian and English word forms (Snowball stems), Kyrgyz/Kazakh/Uzbek
 * endings (the redaction engine's suffix chains), phone numbers in any format, and snippets that quote the note.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../src/core/catalog/snapshot';
import { foldWord as foldWordOf } from '../../src/core/search/fold';
import { parseQuery, snippet } from '../../src/core/search/index';
import { wordAlternatives } from '../../src/core/search/forms';
import { phoneRuns } from '../../src/core/search/phones';
import type { VaultService } from '../../src/core/service';
import { HIT_END, HIT_START, snippetAsText, snippetParts } from '../../src/shared/snippet';
import { cheapService, removeDir, tempDir } from '../fixtures/vault-helpers';

describe('word forms of a query word', () => {
  it('Russian and English forms share a prefix whichever form is typed', () => {
    const same = [
      ['паспорта', 'паспорт', 'паспортами'],
      ['мигрантов', 'мигранты', 'мигрант'],
      ['избиения', 'избиение', 'избиениями'],
      ['arrests', 'arrested', 'arrest', 'arresting'],
    ];
    for (const group of same) {
      const alts = group.map((w) => wordAlternatives(w));
      // Every form of the group is found by every other form's alternatives.
      for (const a of alts) for (const w of group) expect(a.some((p) => foldWordOf(w).startsWith(p)), `${w} by ${a.join('/')}`).toBe(true);
    }
  });

  it('Kyrgyz and Uzbek endings come off (with the harmony checks of the redaction engine)', () => {
    expect(wordAlternatives('Токтогуловдун').some((p) => 'toktogulov'.startsWith(p))).toBe(true);
    expect(wordAlternatives('Asanovага').some((p) => 'asanov'.startsWith(p))).toBe(true);
    expect(wordAlternatives('Jasurning').some((p) => 'jasur'.startsWith(p))).toBe(true);
    expect(wordAlternatives('Бекзаттын').some((p) => 'bekzat'.startsWith(p))).toBe(true);
    // Short stems are not used: "дома" does not become "дом" (that would find "домашний").
    expect(wordAlternatives('дома')).toEqual(['doma']);
  });
});


describe('phone numbers', () => {
  it('one number in any format gives one key', () => {
    const formats = ['0772445566', '+996 772 44-55-66', '0772 44 55 66', '(0772) 445-566', '996772445566', '+996(772)445566', '8 (0772) 44-55-66'.slice(2)];
    const keys = formats.map((f) => parseQuery(f).phones);
    for (const [i, k] of keys.entries()) expect(k, formats[i]).toEqual(['772445566']);
    expect(phoneRuns('Позвоните: +996 772 44-55-66, спросите Айбека.')[0]!.keys).toContain('772445566');
  });
});

describe('snippets', () => {
  const q = (s: string) => parseQuery(s);

  it('keep the quotation marks of the note and highlight only the matched words', () => {
    const text = 'Он сказал: «У Токтогулова забрали паспорт», — и ушёл. Потом добавил: "это было в Оше".';
    const s = snippet(text, q('паспорта Токтогулов'))!;
    expect(s).toContain('«');
    expect(s).toContain('»');
    expect(s).toContain('"это было');
    expect(snippetParts(s).filter((p) => p.hit).map((p) => p.text)).toEqual(['Токтогулова', 'паспорт']);
    expect(snippetAsText(s, '[', ']')).toBe('Он сказал: «У [Токтогулова] забрали [паспорт]», — и ушёл. Потом добавил: "это было в Оше".');
  });

  it('mark a phone number as one highlight, however the query wrote it', () => {
    const s = snippet('Номер брата: (0772) 445-566, звонить вечером.', q('+996 772 44 55 66'))!;
    expect(snippetParts(s).filter((p) => p.hit).map((p) => p.text)).toEqual(['(0772) 445-566']);
  });

  it('a note that holds the marker characters cannot forge a highlight', () => {
    const s = snippet(`Text with ${HIT_START}fake${HIT_END} marks and a match: паспорт.`, q('паспорт'))!;
    expect(snippetParts(s).filter((p) => p.hit).map((p) => p.text)).toEqual(['паспорт']);
  });

  it('is null when the text does not match', () => {
    expect(snippet('Nothing here.', q('паспорт'))).toBeNull();
  });
});

describe('VaultService.search understands the language', () => {
  let dir = '';
  let svc: VaultService;
  const ids = { person: '', passport: '', migrants: '', beating: '', arrest: '', toktogulov: '', asanov: '', phoneNote: '', title: '' };

  beforeAll(async () => {
    dir = tempDir();
    svc = cheapService();
    await svc.create(join(dir, 'vault'), 'search language passphrase');
    ids.person = svc.createPerson({
      pseudonym: 'Driver from Naryn',
      family: { latin: 'Asanov', cyrillic: 'Асанов' },
      given: { latin: 'Bakyt', cyrillic: 'Бакыт' },
      contacts: [{ kind: 'phone', value: '+996 772 44-55-66' }],
    }).id;
    ids.passport = svc.createInterview({ title: 'Документы', body: 'У него забрали паспорт на границе.' }).id;
    ids.migrants = svc.createInterview({ title: 'Стройка', body: 'Мигранты жили в вагончиках без воды.' }).id;
    ids.beating = svc.createInterview({ title: 'Отдел полиции', body: 'Свидетель описал избиение в отделе.' }).id;
    ids.arrest = svc.createInterview({ title: 'Market', body: 'The arrest happened at dawn.' }).id;
    ids.toktogulov = svc.createInterview({ title: 'Показания', body: 'Токтогулов рассказал о вымогательстве.' }).id;
    ids.asanov = svc.createInterview({ title: 'Statement', body: 'Asanov was stopped twice near Naryn.' }).id;
    ids.phoneNote = svc.createInterview({ title: 'Contacts', body: 'Брат свидетеля оставил номер (0772) 445-566 для связи.' }).id;
    ids.title = svc.createInterview({
      title: 'Zarplata withheld in Osh',
      summary: 'Рабочим не платили три месяца; бригадир сказал: «Ждите».',
      body: '',
      incidentTypes: ['arbitrary-arrest', 'extortion'],
      tags: ['construction'],
    }).id;
  });
  afterAll(() => {
    svc.lock();
    removeDir(dir);
  });

  const hitIds = (q: string) => svc.search(q).map((h) => h.id).sort();

  it('finds Russian word forms in both directions, in either script', () => {
    expect(hitIds('паспорта')).toEqual([ids.passport]);
    expect(hitIds('pasporta')).toEqual([ids.passport]);
    expect(hitIds('мигрантов')).toEqual([ids.migrants]);
    expect(hitIds('мигрант')).toEqual([ids.migrants]);
    expect(hitIds('избиения')).toEqual([ids.beating]);
    expect(hitIds('Токтогулова')).toEqual([ids.toktogulov]);
    expect(hitIds('Toktogulova')).toEqual([ids.toktogulov]);
    // The incident type "arbitrary-arrest" of the last interview is an arrest too.
    expect(hitIds('arrests')).toEqual([ids.arrest, ids.title].sort());
    expect(hitIds('arrested')).toEqual([ids.arrest, ids.title].sort());
    // Prefix matching while typing still works.
    expect(hitIds('паспо')).toEqual([ids.passport]);
    expect(hitIds('избие')).toEqual([ids.beating]);
  });

  it('finds the other direction: a note in an inflected form by the dictionary form', () => {
    const a = svc.createInterview({ title: 'Вторая', body: 'Задержали двух мигрантов, у обоих нет паспортов; следы избиения.' }).id;
    expect(hitIds('мигранты')).toEqual([ids.migrants, a].sort());
    expect(hitIds('паспорт')).toEqual([ids.passport, a].sort());
    expect(hitIds('избиение')).toEqual([ids.beating, a].sort());
    expect(hitIds('migranty')).toEqual([ids.migrants, a].sort());
    svc.deleteInterview(a);
  });

  it('takes Kyrgyz and Uzbek endings off names', () => {
    expect(hitIds('Токтогуловдун')).toEqual([ids.toktogulov]);
    expect(hitIds('Asanovага')).toEqual([ids.person, ids.asanov].sort());
    expect(hitIds('Asanovning')).toEqual([ids.person, ids.asanov].sort());
    expect(hitIds('Асановго')).toEqual([ids.person, ids.asanov].sort());
  });

  it('finds a phone number written in any format: the person and the note', () => {
    for (const q of ['0772445566', '+996 772 44-55-66', '0772 44 55 66', '(0772) 445-566', '+996772445566', '996 772 445 566']) {
      expect(hitIds(q), q).toEqual([ids.person, ids.phoneNote].sort());
    }
    expect(hitIds('0772 44 55 67')).toEqual([]);
    // While it is typed, the beginning of the number finds it (the trunk 0 left off against "+996 …").
    expect(hitIds('0772 44')).toEqual([ids.person, ids.phoneNote].sort());
    expect(hitIds('+996 772')).toContain(ids.person);
  });

  it('snippets quote the note: « » kept, only matched words highlighted', () => {
    const [hit] = svc.search('Ждите');
    expect(hit!.id).toBe(ids.title);
    expect(snippetAsText(hit!.snippet, '[', ']')).toContain('бригадир сказал: «[Ждите]».');
    const [phone] = svc.search('0772445566', 50, ['interview']);
    expect(snippetParts(phone!.snippet).filter((p) => p.hit).map((p) => p.text)).toEqual(['(0772) 445-566']);
  });

  it('a title match shows the note, never the index text (incident-type slugs, folded words)', () => {
    const [hit] = svc.search('zarplata');
    expect(hit!.id).toBe(ids.title);
    expect(hit!.snippet).not.toMatch(/arbitrary-arrest|extortion|zarplata/i);
    expect(hit!.snippet).toContain('Рабочим не платили три месяца; бригадир сказал: «Ждите».');
    expect(snippetParts(hit!.snippet).some((p) => p.hit)).toBe(false);
  });
});

describe('the search cache format', () => {
  it('a cache written before phone keys were indexed (FVC2) is not read: it is rebuilt', () => {
    const snap = {
      rows: [],
      interviews: [],
      people: [],
      audit: [],
      countersId: 'c',
      counters: { interview: 0, person: 0 },
      histories: [],
      taxonomy: null,
      settings: null,
      index: { terms: ['772445566'], offsets: new Uint32Array([0, 1]), postings: new Uint8Array([0]), docs: [{ kind: 'person' as const, id: 'p', code: 'W-001', title: 'W-001' }] },
    };
    const bytes = encodeSnapshot(snap).core;
    expect(decodeSnapshot(bytes, () => null)?.index.terms.at(0)).toBe('772445566');
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(0, 0x46564332); // "FVC2"
    expect(decodeSnapshot(bytes, () => null)).toBeNull();
  });
});
