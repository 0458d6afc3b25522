import { z } from 'zod';
import type { Contact, ContactKind, PersonFields, ScriptedName } from '../../shared/domain';
import { VaultError } from '../errors';
import { isPatronymicParticle } from './patronymic';

/** The people import file: {"people":[{"names":[...],"contacts":[...]}]} (also the redaction identities file). */
export const peopleFileSchema = z.object({
  people: z
    .array(
      z.object({
        names: z.array(z.string().max(500)).max(50).default([]),
        contacts: z.array(z.string().max(500)).max(100).default([]),
      }),
    )
    .max(100_000),
});

const CYRILLIC = /\p{Script=Cyrillic}/u;
/** One-word patronymics: Russian -ович/-евич/-ич/-овна/-евна/-ична/-инична, glued Kazakh/Kyrgyz -ұлы/-қызы/-уулу/-кызы, Latin. */
const PATRONYMIC_WORD = /^\p{L}{2,}(?:ович|евич|[ео]вич|ьич|ич|овна|евна|ична|инична|ovich|evich|ovna|evna|ichna|ovitch|evitch|owitsch|ewitsch|owna|ewna|uulu|kyzy|qizi|ugli|o['’‘ʻ`]?g['’‘ʻ`]?li|ұлы|улы|уулу|қызы|кызы|қизи|кизи|ўғли|угли)$/iu;
/** Particles that follow a father's name to make a patronymic: "Бакыт уулу", "Ержан қызы", "Rustam o‘g‘li". */
/** Surname shapes, so that "Жумабеков Бакыт" is read family-first (Russian, Central Asian and Tajik endings, Latin too). */
const SURNAME_WORD = /^\p{L}{2,}(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|цкий|цкая|зода|заде|иён|пур|ov|ev|yev|ova|eva|yeva|in|ina|sky|skaya|zoda|zade|iyon|pur)$/iu;

interface NameParts {
  readonly given: string;
  readonly family: string;
  readonly patronymic: string;
}

/**
 * Splits a whole name into given, family and patronymic, in any order researchers and documents write it:
 * "Бакыт Асанович Жумабеков", "Жумабеков Бакыт Асанович", "Азамат Бакыт уулу", "Бакыт уулу Азамат",
 * "Жумабеков Бакыт", "Aigul Sultanalieva". The patronymic is found by its shape wherever it stands; the given name
 * is the word next to it (a patronymic follows the given name in Russian and Central Asian usage).
 */
export function splitName(full: string): NameParts {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { given: '', family: '', patronymic: '' };
  if (words.length === 1) return { given: words[0]!, family: '', patronymic: '' };

  // The patronymic: a particle with the father's name before it, or one word of patronymic shape.
  let pStart = -1;
  let pEnd = -1;
  const particle = words.findIndex((w, i) => i >= 1 && isPatronymicParticle(w));
  if (particle >= 1 && words.length >= 3) {
    pStart = particle - 1;
    pEnd = particle + 1;
  } else if (words.length >= 2) {
    // Never the first of two words ("Бакытович Азамат" is unusual; "Ильич Азамат" too): the last such word wins.
    for (let i = words.length - 1; i >= 0; i--) {
      if (PATRONYMIC_WORD.test(words[i]!) && !(words.length === 2 && i === 0)) {
        pStart = i;
        pEnd = i + 1;
        break;
      }
    }
  }
  if (pStart >= 0) {
    const patronymic = words.slice(pStart, pEnd).join(' ');
    // The given name stands right before the patronymic, or right after it ("Бакыт уулу Азамат"); a word with a
    // surname's shape is passed over ("Salim Sharipov Kamolovich").
    const order = [pStart - 1, pEnd, ...words.keys()].filter((i) => i >= 0 && i < words.length && (i < pStart || i >= pEnd));
    const pick = order.find((i) => !SURNAME_WORD.test(words[i]!)) ?? order[0];
    const given = pick === undefined ? '' : words[pick]!;
    const rest = words.filter((_, i) => i !== pick && (i < pStart || i >= pEnd));
    return { given, family: rest.join(' '), patronymic };
  }
  // Two or more words, no patronymic: "Given Family", unless only the first word has a surname's shape.
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (SURNAME_WORD.test(first) && !SURNAME_WORD.test(last)) return { given: words.slice(1).join(' '), family: first, patronymic: '' };
  return { given: first, family: words.slice(1).join(' '), patronymic: '' };
}

export function classifyContact(value: string): ContactKind {
  const v = value.trim();
  if (/^(https?:\/\/)?(t\.me|telegram\.me)\//i.test(v) || /^@[\w.]{3,}$/.test(v)) return 'telegram';
  if (/^(https?:\/\/)?(wa\.me|api\.whatsapp\.com)\//i.test(v)) return 'whatsapp';
  if (/^(https?:\/\/)?signal\.me\//i.test(v)) return 'signal';
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return 'email';
  if (/^\+?[\d\s().\-\u00a0]{6,}$/.test(v) && (v.match(/\d/g)?.length ?? 0) >= 6) return 'phone';
  return 'other';
}

/** Turns one import entry into register fields. Every given spelling is kept in otherSpellings too. */
export function personFromImport(entry: { readonly names: readonly string[]; readonly contacts: readonly string[] }): Partial<PersonFields> {
  let latin: NameParts | null = null;
  let cyrillic: NameParts | null = null;
  for (const name of entry.names) {
    if (CYRILLIC.test(name)) cyrillic ??= splitName(name);
    else latin ??= splitName(name);
  }
  const part = (k: keyof NameParts): ScriptedName => ({ latin: latin?.[k] ?? '', cyrillic: cyrillic?.[k] ?? '' });
  const contacts: Contact[] = entry.contacts.map((value) => ({ kind: classifyContact(value), value: value.trim() }));
  return {
    given: part('given'),
    family: part('family'),
    patronymic: part('patronymic'),
    otherSpellings: entry.names.map((n) => n.trim()).filter(Boolean),
    contacts,
  };
}

export function parsePeopleFile(text: string): Partial<PersonFields>[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new VaultError('invalid-request', 'The people file is not valid JSON.');
  }
  const parsed = peopleFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new VaultError('invalid-request', `The people file does not match {"people":[{"names":[...],"contacts":[...]}]}${issue ? ` (at ${issue.path.join('.') || 'top level'})` : ''}.`);
  }
  return parsed.data.people.map(personFromImport);
}
