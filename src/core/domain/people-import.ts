import { z } from 'zod';
import type { Contact, ContactKind, PersonFields, ScriptedName } from '../../shared/domain';
import { VaultError } from '../errors';

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
const PATRONYMIC_SUFFIX = /(вич|вна|ична|чна|ovich|evich|ovna|evna|ichna)$/iu;
const KYRGYZ_KAZAKH_PATRONYMIC = /^(уулу|кызы|uulu|kyzy|qizi|ugli|ўғли|қизи|улы|ұлы|qyzy|uly)$/iu;

interface NameParts {
  readonly given: string;
  readonly family: string;
  readonly patronymic: string;
}

/** Splits a full name written in either common order: "Given Family", "Family Given Patronymic", "Given Father уулу". */
export function splitName(full: string): NameParts {
  const words = full.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { given: '', family: '', patronymic: '' };
  if (words.length === 1) return { given: words[0]!, family: '', patronymic: '' };
  const last = words[words.length - 1]!;
  if (KYRGYZ_KAZAKH_PATRONYMIC.test(last) && words.length >= 3) {
    // "Азамат Бакыт уулу": given, then father's name + уулу/кызы as the patronymic.
    return { given: words[0]!, family: words.slice(1, -2).join(' '), patronymic: words.slice(-2).join(' ') };
  }
  if (words.length >= 3 && PATRONYMIC_SUFFIX.test(last)) {
    // Russian formal order: Family Given Patronymic.
    return { family: words[0]!, given: words[1]!, patronymic: words.slice(2).join(' ') };
  }
  return { given: words[0]!, family: words.slice(1).join(' '), patronymic: '' };
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
