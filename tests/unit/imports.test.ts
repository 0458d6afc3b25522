import { describe, expect, it } from 'vitest';
import { interviewFromNote } from '../../src/core/domain/notes-import';
import { classifyContact, parsePeopleFile, splitName } from '../../src/core/domain/people-import';

describe('people import', () => {
  it('splits names in the orders researchers write them', () => {
    expect(splitName('Aigul Sultanalieva')).toEqual({ given: 'Aigul', family: 'Sultanalieva', patronymic: '' });
    expect(splitName('Султаналиева Айгуль Бакытовна')).toEqual({ given: 'Айгуль', family: 'Султаналиева', patronymic: 'Бакытовна' });
    expect(splitName('Азамат Бакыт уулу')).toEqual({ given: 'Азамат', family: '', patronymic: 'Бакыт уулу' });
    expect(splitName('Madina')).toEqual({ given: 'Madina', family: '', patronymic: '' });
  });

  it('classifies contacts', () => {
    expect(classifyContact('+996 555 123 456')).toBe('phone');
    expect(classifyContact('8 (701) 123-45-67')).toBe('phone');
    expect(classifyContact('aigul@example.kg')).toBe('email');
    expect(classifyContact('@aigul_s')).toBe('telegram');
    expect(classifyContact('https://t.me/aigul_s')).toBe('telegram');
    expect(classifyContact('wa.me/996555123456')).toBe('whatsapp');
    expect(classifyContact('Osh bazaar, row 4')).toBe('other');
  });

  it('maps entries to register fields keeping every spelling', () => {
    const [p] = parsePeopleFile(JSON.stringify({ people: [{ names: ['Айгуль Султаналиева', 'Aigul Sultanalieva'], contacts: ['+996 555 123 456'] }] }));
    expect(p!.given).toEqual({ latin: 'Aigul', cyrillic: 'Айгуль' });
    expect(p!.family).toEqual({ latin: 'Sultanalieva', cyrillic: 'Султаналиева' });
    expect(p!.otherSpellings).toEqual(['Айгуль Султаналиева', 'Aigul Sultanalieva']);
    expect(p!.contacts).toEqual([{ kind: 'phone', value: '+996 555 123 456' }]);
  });

  it('rejects malformed files with a clear message', () => {
    expect(() => parsePeopleFile('{')).toThrow(/not valid JSON/);
    expect(() => parsePeopleFile('{"people":[{"names":"x"}]}')).toThrow(/does not match/);
  });
});

describe('notes import', () => {
  it('takes the title from the first heading, else the file name', () => {
    expect(interviewFromNote('a.md', '# Osh airport\n\ntext').title).toBe('Osh airport');
    expect(interviewFromNote('a.md', 'Osh airport\n===========\n\ntext').title).toBe('Osh airport');
    expect(interviewFromNote('2024-05 notes.txt', 'no heading here').title).toBe('2024-05 notes');
    expect(interviewFromNote('b.txt', '\uFEFFline\r\nline2').body).toBe('line\nline2');
  });
});
