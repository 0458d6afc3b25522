import { useEffect, useId, useMemo, useState } from 'react';
import { useIntl } from 'react-intl';
import { emptyPersonFields, type Consent, type ConsentMethod, type Contact, type ContactKind, type Person, type PersonFields, type PersonRole, type ScriptedName } from '../../../shared/domain';
import { LIMITS } from '../../../shared/limits';
import type { OperationPayload } from '../../../shared/operations';
import { personFieldsSchema } from '../../../shared/schemas';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChipInput } from '../../components/ChipInput';
import { ConsentBadge } from '../../components/Consent';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { LimitedInput, useTextLimit } from '../../components/LimitNote';
import { SaveProblemBanner, SaveStatus } from '../../components/SaveStatus';
import { formatDate } from '../../format';
import { useAutosave } from '../../hooks/useAutosave';
import { useOperation } from '../../hooks/useOperation';
import { commonError } from '../../errors';
import type { MessageId } from '../../i18n/catalogs';
import { translator, useT, type Translate } from '../../i18n/I18nProvider';
import { useNavigation, useVaultData } from '../../shell/context';
import { placeText, StatusBadge } from '../interviews/InterviewList';
import { RevealScope, SecretField } from './SecretField';
import './people.css';

const pick = (p: Person): PersonFields => ({
  pseudonym: p.pseudonym,
  given: p.given,
  family: p.family,
  patronymic: p.patronymic,
  otherSpellings: p.otherSpellings,
  contacts: p.contacts,
  birthDate: p.birthDate,
  age: p.age,
  gender: p.gender,
  nationality: p.nationality,
  ethnicity: p.ethnicity,
  location: p.location,
  role: p.role,
  consent: p.consent,
  riskNotes: p.riskNotes,
});

export const ROLES: readonly { value: PersonRole; label: MessageId }[] = [
  { value: 'witness', label: 'person.role.witness' },
  { value: 'victim', label: 'person.role.victim' },
  { value: 'defender', label: 'person.role.defender' },
  { value: 'official', label: 'person.role.official' },
  { value: 'other', label: 'person.role.other' },
];

function contactKindLabel(t: Translate, kind: string): string {
  const known = CONTACT_KINDS.find((k) => k.value === kind);
  return known ? t(known.label) : t('person.contacts.fallback');
}

/** A role in the interface's language (a role this version does not know, as stored). */
export function roleLabel(t: Translate, role: string): string {
  const known = ROLES.find((r) => r.value === role);
  return known ? t(known.label) : role;
}

const CONTACT_KINDS: readonly { value: ContactKind; label: MessageId }[] = [
  { value: 'phone', label: 'person.contact.phone' },
  { value: 'email', label: 'person.contact.email' },
  { value: 'telegram', label: 'person.contact.telegram' },
  { value: 'whatsapp', label: 'person.contact.whatsapp' },
  { value: 'signal', label: 'person.contact.signal' },
  { value: 'other', label: 'person.contact.other' },
];

const METHODS: readonly { value: ConsentMethod | ''; label: MessageId }[] = [
  { value: 'oral', label: 'person.method.oral' },
  { value: 'written', label: 'person.method.written' },
  { value: 'recorded', label: 'person.method.recorded' },
  { value: '', label: 'person.method.none' },
];

export function PersonEditorLoader({ id }: { readonly id: string }) {
  const [record, retry] = useOperation('people.get', { id });
  const { navigate } = useNavigation();
  const t = useT();
  if (record.state === 'loading') return <Loading label={t('person.opening')} />;
  if (record.state === 'failed') {
    return (
      <>
        <BackToPeople onBack={() => navigate({ section: 'people' })} />
        <LoadFailed what={t('person.loadWhat')} error={record.error} onRetry={retry} />
      </>
    );
  }
  return <PersonEditor record={record.value} />;
}

/** The field names a failed save's message may use (message ids, translated when the editor renders). */
const LABELS: Readonly<Record<string, MessageId>> = {
  pseudonym: 'person.label.pseudonym',
  given: 'person.label.given',
  family: 'person.label.family',
  patronymic: 'person.label.patronymic',
  otherSpellings: 'person.otherSpellings',
  contacts: 'person.contacts',
  age: 'person.age',
  gender: 'person.gender',
  nationality: 'person.nationality',
  ethnicity: 'person.ethnicity',
  location: 'person.location',
  consent: 'person.consent',
  'consent.shareWith': 'person.consent.shareWith',
  riskNotes: 'person.riskNotes',
};

const personChanges = personFieldsSchema.partial();

/** A new person (Add person): not in the register until something is typed, so an abandoned one leaves nothing. */
export function NewPerson() {
  const blank: Person = useMemo(() => ({ ...emptyPersonFields, id: '', revision: 0, code: '', createdAt: '', updatedAt: '' }), []);
  return <PersonEditor record={blank} />;
}

function BackToPeople({ onBack }: { readonly onBack: () => void }) {
  const t = useT();
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      {t('person.back')}
    </button>
  );
}

function Text({ label, value, onChange, type = 'text', placeholder, hint, maxLength = LIMITS.shortText }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly type?: string; readonly placeholder?: string; readonly hint?: string; readonly maxLength?: number }) {
  const id = useId();
  const hintId = useId();
  const limit = useTextLimit(label, maxLength);
  const describedBy = [hint ? hintId : '', limit.describedBy(value) ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input input--compact" type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(limit.take(value, e))} autoComplete="off" spellCheck={false} aria-describedby={describedBy} />
      {limit.note(value)}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** One part of a name in one script, hidden until revealed. */
function NamePart({ label, code, value, onChange, placeholder }: { readonly label: string; readonly code: string; readonly value: string; readonly onChange: (v: string) => void; readonly placeholder: string }) {
  const limit = useTextLimit(label, LIMITS.shortText);
  return (
    <div className="name-part">
    <SecretField label={label} code={code} value={value} empty={!value}>
      {({ id, touch }) => (
        <input
          id={id}
          className="input input--compact"
          value={value}
          placeholder={placeholder}
          onChange={(e) => {
            onChange(limit.take(value, e));
            touch();
          }}
          aria-describedby={limit.describedBy(value)}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </SecretField>
    {limit.note(value)}
    </div>
  );
}

export function PersonEditor({ record }: { readonly record: Person }) {
  const { navigate } = useNavigation();
  const { putPerson, removePerson } = useVaultData();
  const intl = useIntl();
  const t = translator(intl);
  const [created, setCreated] = useState<Person | null>(null);
  const code = created?.code ?? record.code;
  const editor = useAutosave<Person, PersonFields>(record, {
    save: async (id, revision, fields) => {
      const r = await call('people.update', { id, revision, fields: fields as OperationPayload<'people.update'>['fields'] });
      if (r.ok) putPerson(r.value);
      return r;
    },
    create: async (fields) => {
      const r = await call('people.create', { fields: fields as OperationPayload<'people.create'>['fields'] });
      if (r.ok) putPerson(r.value);
      return r;
    },
    onCreated: setCreated,
    load: (id) => call('people.get', { id }),
    pick,
    schema: personChanges,
    labels: Object.fromEntries(Object.entries(LABELS).map(([k, id]) => [k, t(id)])),
    what: () => code || t('person.what.new'),
  });
  // '' until the first edit has added the person to the register
  const id = editor.id;
  const pseudonymLimit = useTextLimit(t('limit.field.pseudonym'), LIMITS.shortText);
  const riskLimit = useTextLimit(t('limit.field.riskNotes'), LIMITS.riskNotes);
  const { fields: f, change, flush, state } = editor;
  const [interviews] = useOperation('people.interviews', { id: id || record.id });
  const [confirm, setConfirm] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [newContact, setNewContact] = useState<number | null>(null);
  const roleId = useId();
  const methodName = useId();

  useEffect(() => {
    if (newContact === null) return;
    const timer = setTimeout(() => setNewContact(null), 100);
    return () => clearTimeout(timer);
  }, [newContact]);

  const name = (key: 'given' | 'family' | 'patronymic', script: keyof ScriptedName, v: string) => change({ [key]: { ...f[key], [script]: v } } as Partial<PersonFields>);
  const consent = (patch: Partial<Consent>) => change({ consent: { ...f.consent, ...patch } });
  const setContact = (i: number, patch: Partial<Contact>) => change({ contacts: f.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  const remove = async () => {
    const r = await call('people.delete', { id });
    if (!r.ok) return setDeleteError(commonError(r.error, t));
    removePerson(id);
    editor.discard();
    setConfirm(false);
    navigate({ section: 'people' });
  };

  return (
    <RevealScope>
    <div className="editor person" onBlur={() => void flush()}>
      <BackToPeople onBack={() => navigate({ section: 'people' })} />
      {/* The view's heading for screen readers (focus goes here on opening); the design shows the pseudonym field. */}
      <h1 className="visually-hidden">
        {f.pseudonym ? `${code || t('person.new')}: ${f.pseudonym}` : code || t('person.new')}
      </h1>
      <div className="editor__head">
        <div className="editor__meta">
          <span className="code-badge" title={code ? undefined : t('person.newBadgeTitle')}>
            {code || t('person.newBadge')}
          </span>
          <ConsentBadge consent={f.consent} />
          {id || state.kind !== 'saved' ? <SaveStatus state={state} /> : null}
        </div>
        {/* nothing to delete until the person is in the register */}
        {id ? (
        <div className="editor__actions">
          <Button variant="ghost" className="button--ghost-danger" onClick={() => (setDeleteError(null), setConfirm(true))}>
            <Icon name="trash" />
            {t('person.delete')}
          </Button>
        </div>
        ) : null}
      </div>
      <label className="visually-hidden" htmlFor="person-pseudonym">
        {t('person.pseudonym')}
      </label>
      <input id="person-pseudonym" className="editor__title" value={f.pseudonym} placeholder={code ? t('person.pseudonymPlaceholderCode', { code }) : t('person.pseudonymPlaceholder')} onChange={(e) => change({ pseudonym: pseudonymLimit.take(f.pseudonym, e) })} aria-describedby={pseudonymLimit.describedBy(f.pseudonym)} autoComplete="off" spellCheck={false} />
      {pseudonymLimit.note(f.pseudonym)}
      <SaveProblemBanner state={state} onRetry={() => void flush()} />
      <Alert tone="info">{t('person.hiddenNotice')}</Alert>

      <div className="editor__layout">
        <div className="editor__main">
          <section className="person-card" aria-labelledby="p-identity">
            <h2 id="p-identity" className="side-card__title">
              {t('person.identity')}
            </h2>
            <div className="names" role="group" aria-label={t('person.name')}>
              <span className="names__corner" aria-hidden="true" />
              <span className="names__head" aria-hidden="true">
                {t('person.latin')}
              </span>
              <span className="names__head" aria-hidden="true">
                {t('person.cyrillic')}
              </span>
              {(
                [
                  ['given', t('person.given'), 'Azimjon', 'Азимжон'],
                  ['family', t('person.family'), 'Sultanalieva', 'Султаналиева'],
                  ['patronymic', t('person.patronymic'), 'Asanbek uulu', 'Асанбек уулу'],
                ] as const
              ).map(([key, label, latin, cyr]) => (
                <div key={key} className="names__row">
                  <span className="names__rowlabel">{label}</span>
                  <NamePart label={t('person.inLatin', { label })} code={code} value={f[key].latin} onChange={(v) => name(key, 'latin', v)} placeholder={latin} />
                  <NamePart label={t('person.inCyrillic', { label })} code={code} value={f[key].cyrillic} onChange={(v) => name(key, 'cyrillic', v)} placeholder={cyr} />
                </div>
              ))}
            </div>
            <p className="field__hint">{t('person.patronymicHint')}</p>
            <SecretField label={t('person.otherSpellings')} code={code} value={f.otherSpellings.join(', ')} empty={f.otherSpellings.length === 0}>
              {({ id, touch }) => (
                <SpellingsInput
                  id={id}
                  values={f.otherSpellings}
                  onChange={(otherSpellings) => {
                    change({ otherSpellings });
                    touch();
                  }}
                />
              )}
            </SecretField>
          </section>

          <section className="person-card" aria-labelledby="p-contacts">
            <h2 id="p-contacts" className="side-card__title">
              {t('person.contacts')}
            </h2>
            {f.contacts.length === 0 ? <p className="side-card__empty">{t('person.contacts.none')}</p> : null}
            <ul className="contacts">
              {f.contacts.map((c, i) => (
                <li key={i} className="contacts__row">
                  <label className="visually-hidden" htmlFor={`contact-kind-${i}`}>
                    {t('person.contacts.kind', { n: i + 1 })}
                  </label>
                  <select id={`contact-kind-${i}`} className="select contacts__kind" value={c.kind} onChange={(e) => setContact(i, { kind: e.target.value as ContactKind })}>
                    {CONTACT_KINDS.map((k) => (
                      <option key={k.value} value={k.value}>
                        {t(k.label)}
                      </option>
                    ))}
                  </select>
                  <SecretField label={t('person.contacts.field', { kind: contactKindLabel(t, c.kind), n: i + 1 })} code={code} value={c.value} empty={!c.value} autoReveal={newContact === i}>
                    {({ id, touch }) => (
                      <LimitedInput
                        id={id}
                        label={contactKindLabel(t, c.kind)}
                        max={LIMITS.shortText}
                        className="input input--compact input--mono"
                        value={c.value}
                        placeholder={c.kind === 'phone' ? '+996 555 123 456' : c.kind === 'email' ? 'name@example.org' : '@handle'}
                        onValue={(value) => {
                          setContact(i, { value });
                          touch();
                        }}
                        autoComplete="off"
                        spellCheck={false}
                      />
                    )}
                  </SecretField>
                  <button type="button" className="icon-button--small contacts__remove" aria-label={t('person.contacts.remove', { n: i + 1 })} title={t('person.contacts.removeTitle')} onClick={() => change({ contacts: f.contacts.filter((_, j) => j !== i) })}>
                    <Icon name="trash" />
                  </button>
                </li>
              ))}
            </ul>
            <div>
              <Button
                onClick={() => {
                  change({ contacts: [...f.contacts, { kind: 'phone', value: '' }] });
                  setNewContact(f.contacts.length);
                }}
              >
                <Icon name="plus" />
                {t('person.contacts.add')}
              </Button>
            </div>
          </section>

          <section className="person-card" aria-labelledby="p-consent">
            <h2 id="p-consent" className="side-card__title">
              {t('person.consent')}
            </h2>
            <ConsentBadge consent={f.consent} withDetail />
            <div className="side-card__grid side-card__grid--3">
              <Text label={t('person.consent.givenOn')} type="date" value={f.consent.givenOn} onChange={(givenOn) => consent({ givenOn })} />
              <fieldset className="radio-row consent__method">
                <legend className="field__label">{t('person.consent.how')}</legend>
                {METHODS.map((m) => (
                  <label key={m.value || 'none'} className="radio-pill">
                    <input type="radio" name={methodName} value={m.value} checked={f.consent.method === m.value} onChange={() => consent({ method: m.value })} />
                    <span>{t(m.label)}</span>
                  </label>
                ))}
              </fieldset>
            </div>
            <fieldset className="checks">
              <legend className="field__label">{t('person.consent.allows')}</legend>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsQuote} onChange={(e) => consent({ allowsQuote: e.target.checked })} />
                <span>{t('person.consent.quote')}</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsName} onChange={(e) => consent({ allowsName: e.target.checked })} />
                <span>{t('person.consent.name')}</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsAudio} onChange={(e) => consent({ allowsAudio: e.target.checked })} />
                <span>{t('person.consent.audio')}</span>
              </label>
            </fieldset>
            <ChipInput label={t('person.consent.shareWith')} values={f.consent.shareWith} onChange={(shareWith) => consent({ shareWith })} placeholder={t('person.consent.shareWithPlaceholder')} hint={t('person.consent.shareWithHint')} maxLength={LIMITS.shortText} />
            <div className="side-card__grid">
              <Text label={t('person.consent.withdrawnOn')} type="date" value={f.consent.withdrawnOn} onChange={(withdrawnOn) => consent({ withdrawnOn })} hint={t('person.consent.withdrawnHint')} />
            </div>
          </section>
        </div>

        <aside className="editor__aside" aria-label={t('person.aboutLabel')}>
          <section className="side-card" aria-labelledby="p-about">
            <h2 id="p-about" className="side-card__title">
              {t('person.about')}
            </h2>
            <div className="field">
              <label className="field__label" htmlFor={roleId}>
                {t('person.role')}
              </label>
              <select id={roleId} className="select" value={f.role} onChange={(e) => change({ role: e.target.value as PersonRole })}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {t(r.label)}
                  </option>
                ))}
              </select>
            </div>
            <div className="side-card__grid">
              <Text label={t('person.birthDate')} type="date" value={f.birthDate} onChange={(birthDate) => change({ birthDate })} />
              <Text label={t('person.age')} value={f.age} onChange={(age) => change({ age })} placeholder={t('person.agePlaceholder')} maxLength={20} />
            </div>
            <div className="side-card__grid">
              <Text label={t('person.gender')} value={f.gender} onChange={(gender) => change({ gender })} />
              <Text label={t('person.nationality')} value={f.nationality} onChange={(nationality) => change({ nationality })} />
            </div>
            <Text label={t('person.ethnicity')} value={f.ethnicity} onChange={(ethnicity) => change({ ethnicity })} />
            <Text label={t('person.location')} value={f.location} onChange={(location) => change({ location })} placeholder={t('person.locationPlaceholder')} />
            <div className="field">
              <label className="field__label" htmlFor="risk-notes">
                {t('person.riskNotes')}
              </label>
              <textarea id="risk-notes" className="input textarea" value={f.riskNotes} onChange={(e) => change({ riskNotes: riskLimit.take(f.riskNotes, e) })} aria-describedby={riskLimit.describedBy(f.riskNotes)} rows={4} placeholder={t('person.riskNotesPlaceholder')} autoComplete="off" spellCheck={false} />
              {riskLimit.note(f.riskNotes)}
            </div>
          </section>
          <section className="side-card" aria-labelledby="p-interviews">
            <h2 id="p-interviews" className="side-card__title">
              {code ? t('person.mentions.titleCode', { code }) : t('person.mentions.title')}
            </h2>
            {/* a new person is in no interview yet (and has no id to look up) */}
            {!id ? <p className="side-card__empty">{t('person.mentions.none')}</p> : null}
            {id && interviews.state === 'loading' ? <p className="side-card__empty">{t('person.mentions.looking')}</p> : null}
            {id && interviews.state === 'failed' ? <p className="side-card__empty">{t('person.mentions.failed', { error: commonError(interviews.error, t) })}</p> : null}
            {id && interviews.state === 'ready' && interviews.value.length === 0 ? <p className="side-card__empty">{t('person.mentions.none')}</p> : null}
            {id && interviews.state === 'ready' && interviews.value.length > 0 ? (
              <ul className="mentions" aria-label={t('person.mentions.titleCode', { code })}>
                {interviews.value.map((row) => (
                  <li key={row.id}>
                    <button type="button" className="mentions__item" onClick={() => navigate({ section: 'interviews', id: row.id })}>
                      <span className="mentions__top">
                        <span className="mentions__code">{row.code}</span>
                        <StatusBadge status={row.status} />
                      </span>
                      <span className="mentions__title">{row.title || t('person.mentions.untitled')}</span>
                      <span className="mentions__meta">{[row.date ? formatDate(intl, row.date) : '', placeText(row)].filter(Boolean).join(' · ')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </aside>
      </div>
      {confirm ? (
        <Dialog
          role="alertdialog"
          title={t('person.deleteDialog.title', { code })}
          description={t('person.deleteDialog.text')}
          onClose={() => setConfirm(false)}
          actions={
            <>
              <Button onClick={() => setConfirm(false)} autoFocus>
                {t('dialog.cancel')}
              </Button>
              <Button variant="danger" onClick={() => void remove()}>
                {t('person.deleteDialog.confirm')}
              </Button>
            </>
          }
        >
          {deleteError ? (
            <Alert tone="error" title={t('interview.deleteDialog.failed')}>
              {deleteError}
            </Alert>
          ) : null}
        </Dialog>
      ) : null}
    </div>
    </RevealScope>
  );
}

function SpellingsInput({ id, values, onChange }: { readonly id: string; readonly values: readonly string[]; readonly onChange: (v: readonly string[]) => void }) {
  const [draft, setDraft] = useState(values.join(', '));
  const t = useT();
  return (
    <input
      id={id}
      className="input input--compact"
      value={draft}
      placeholder={t('person.spellingsPlaceholder')}
      onChange={(e) => {
        setDraft(e.target.value);
        onChange(
          e.target.value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
      }}
      autoComplete="off"
      spellCheck={false}
    />
  );
}
