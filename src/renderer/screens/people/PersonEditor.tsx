import { useEffect, useId, useState } from 'react';
import type { Consent, ConsentMethod, Contact, ContactKind, Person, PersonFields, PersonRole, ScriptedName } from '../../../shared/domain';
import type { OperationPayload } from '../../../shared/operations';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChipInput } from '../../components/ChipInput';
import { ConsentBadge } from '../../components/Consent';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { SaveStatus } from '../../components/SaveStatus';
import { formatDate } from '../../format';
import { useAutosave } from '../../hooks/useAutosave';
import { useOperation } from '../../hooks/useOperation';
import { useNavigation, useVaultData } from '../../shell/context';
import { placeText, StatusBadge } from '../interviews/InterviewList';
import { SecretField } from './SecretField';
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

export const ROLES: readonly { value: PersonRole; label: string }[] = [
  { value: 'witness', label: 'Witness' },
  { value: 'victim', label: 'Victim' },
  { value: 'defender', label: 'Defender' },
  { value: 'official', label: 'Official' },
  { value: 'other', label: 'Other' },
];

const CONTACT_KINDS: readonly { value: ContactKind; label: string }[] = [
  { value: 'phone', label: 'Phone' },
  { value: 'email', label: 'Email' },
  { value: 'telegram', label: 'Telegram' },
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'signal', label: 'Signal' },
  { value: 'other', label: 'Other' },
];

const METHODS: readonly { value: ConsentMethod | ''; label: string }[] = [
  { value: 'oral', label: 'Oral' },
  { value: 'written', label: 'Written' },
  { value: 'recorded', label: 'Recorded' },
  { value: '', label: 'Not recorded' },
];

export function PersonEditorLoader({ id }: { readonly id: string }) {
  const [record, retry] = useOperation('people.get', { id });
  const { navigate } = useNavigation();
  if (record.state === 'loading') return <Loading label="Opening the register entry…" />;
  if (record.state === 'failed') {
    return (
      <>
        <BackToPeople onBack={() => navigate({ section: 'people' })} />
        <LoadFailed what="this person" error={record.error} onRetry={retry} />
      </>
    );
  }
  return <PersonEditor record={record.value} />;
}

function BackToPeople({ onBack }: { readonly onBack: () => void }) {
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      People
    </button>
  );
}

function Text({ label, value, onChange, type = 'text', placeholder, hint, maxLength }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly type?: string; readonly placeholder?: string; readonly hint?: string; readonly maxLength?: number }) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input input--compact" type={type} value={value} placeholder={placeholder} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} aria-describedby={hint ? hintId : undefined} />
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
  return (
    <SecretField label={label} code={code} value={value} empty={!value}>
      {({ id, touch }) => (
        <input
          id={id}
          className="input input--compact"
          value={value}
          placeholder={placeholder}
          onChange={(e) => {
            onChange(e.target.value);
            touch();
          }}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </SecretField>
  );
}

export function PersonEditor({ record }: { readonly record: Person }) {
  const { navigate } = useNavigation();
  const { putPerson, removePerson } = useVaultData();
  const editor = useAutosave<Person, PersonFields>(record, {
    save: async (id, revision, fields) => {
      const r = await call('people.update', { id, revision, fields: fields as OperationPayload<'people.update'>['fields'] });
      if (r.ok) putPerson(r.value);
      return r;
    },
    load: (id) => call('people.get', { id }),
    pick,
  });
  const { fields: f, change, flush, state } = editor;
  const [interviews] = useOperation('people.interviews', { id: record.id });
  const [confirm, setConfirm] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [newContact, setNewContact] = useState<number | null>(null);
  const roleId = useId();
  const methodName = useId();
  const code = record.code;

  useEffect(() => {
    if (newContact === null) return;
    const t = setTimeout(() => setNewContact(null), 100);
    return () => clearTimeout(t);
  }, [newContact]);

  const name = (key: 'given' | 'family' | 'patronymic', script: keyof ScriptedName, v: string) => change({ [key]: { ...f[key], [script]: v } } as Partial<PersonFields>);
  const consent = (patch: Partial<Consent>) => change({ consent: { ...f.consent, ...patch } });
  const setContact = (i: number, patch: Partial<Contact>) => change({ contacts: f.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  const remove = async () => {
    const r = await call('people.delete', { id: record.id });
    if (!r.ok) return setDeleteError(r.error.message);
    removePerson(record.id);
    setConfirm(false);
    navigate({ section: 'people' });
  };

  return (
    <div className="editor person" onBlur={() => void flush()}>
      <BackToPeople onBack={() => navigate({ section: 'people' })} />
      <div className="editor__head">
        <div className="editor__meta">
          <span className="code-badge">{code}</span>
          <ConsentBadge consent={f.consent} />
          <SaveStatus state={state} />
        </div>
        <div className="editor__actions">
          <Button variant="ghost" className="button--ghost-danger" onClick={() => (setDeleteError(null), setConfirm(true))}>
            <Icon name="trash" />
            Delete
          </Button>
        </div>
      </div>
      <label className="visually-hidden" htmlFor="person-pseudonym">
        Pseudonym
      </label>
      <input id="person-pseudonym" className="editor__title" value={f.pseudonym} placeholder={`Pseudonym for reports (otherwise ${code})`} onChange={(e) => change({ pseudonym: e.target.value })} autoComplete="off" spellCheck={false} />
      <Alert tone="info">Real names and contacts stay hidden. Reveal one field at a time; it hides again after 30 seconds. Copied values are cleared from the clipboard after 30 seconds.</Alert>

      <div className="editor__layout">
        <div className="editor__main">
          <section className="person-card" aria-labelledby="p-identity">
            <h2 id="p-identity" className="side-card__title">
              Identity
            </h2>
            <div className="names" role="group" aria-label="Name">
              <span className="names__corner" aria-hidden="true" />
              <span className="names__head" aria-hidden="true">
                Latin
              </span>
              <span className="names__head" aria-hidden="true">
                Cyrillic
              </span>
              {(
                [
                  ['given', 'Given name', 'Azimjon', 'Азимжон'],
                  ['family', 'Family name', 'Sultanalieva', 'Султаналиева'],
                  ['patronymic', 'Patronymic', 'Asanbek uulu', 'Асанбек уулу'],
                ] as const
              ).map(([key, label, latin, cyr]) => (
                <div key={key} className="names__row">
                  <span className="names__rowlabel">{label}</span>
                  <NamePart label={`${label} (Latin)`} code={code} value={f[key].latin} onChange={(v) => name(key, 'latin', v)} placeholder={latin} />
                  <NamePart label={`${label} (Cyrillic)`} code={code} value={f[key].cyrillic} onChange={(v) => name(key, 'cyrillic', v)} placeholder={cyr} />
                </div>
              ))}
            </div>
            <p className="field__hint">Patronymics as written: “Асанбек уулу”, “Айгүл кызы”, “Rustamovich”. A revealed name hides again 30 seconds after your last change.</p>
            <SecretField label="Other spellings" code={code} value={f.otherSpellings.join(', ')} empty={f.otherSpellings.length === 0}>
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
              Contacts
            </h2>
            {f.contacts.length === 0 ? <p className="side-card__empty">No contacts recorded.</p> : null}
            <ul className="contacts">
              {f.contacts.map((c, i) => (
                <li key={i} className="contacts__row">
                  <label className="visually-hidden" htmlFor={`contact-kind-${i}`}>
                    Contact {i + 1} kind
                  </label>
                  <select id={`contact-kind-${i}`} className="select contacts__kind" value={c.kind} onChange={(e) => setContact(i, { kind: e.target.value as ContactKind })}>
                    {CONTACT_KINDS.map((k) => (
                      <option key={k.value} value={k.value}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                  <SecretField label={`${CONTACT_KINDS.find((k) => k.value === c.kind)?.label ?? 'Contact'} ${i + 1}`} code={code} value={c.value} empty={!c.value} autoReveal={newContact === i}>
                    {({ id, touch }) => (
                      <input
                        id={id}
                        className="input input--compact input--mono"
                        value={c.value}
                        placeholder={c.kind === 'phone' ? '+996 555 123 456' : c.kind === 'email' ? 'name@example.org' : '@handle'}
                        onChange={(e) => {
                          setContact(i, { value: e.target.value });
                          touch();
                        }}
                        autoComplete="off"
                        spellCheck={false}
                      />
                    )}
                  </SecretField>
                  <button type="button" className="icon-button--small contacts__remove" aria-label={`Remove contact ${i + 1}`} title="Remove" onClick={() => change({ contacts: f.contacts.filter((_, j) => j !== i) })}>
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
                Add contact
              </Button>
            </div>
          </section>

          <section className="person-card" aria-labelledby="p-consent">
            <h2 id="p-consent" className="side-card__title">
              Consent
            </h2>
            <ConsentBadge consent={f.consent} withDetail />
            <div className="side-card__grid side-card__grid--3">
              <Text label="Consent given on" type="date" value={f.consent.givenOn} onChange={(givenOn) => consent({ givenOn })} />
              <fieldset className="radio-row consent__method">
                <legend className="field__label">How it was obtained</legend>
                {METHODS.map((m) => (
                  <label key={m.value || 'none'} className="radio-pill">
                    <input type="radio" name={methodName} value={m.value} checked={f.consent.method === m.value} onChange={() => consent({ method: m.value })} />
                    <span>{m.label}</span>
                  </label>
                ))}
              </fieldset>
            </div>
            <fieldset className="checks">
              <legend className="field__label">It allows</legend>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsQuote} onChange={(e) => consent({ allowsQuote: e.target.checked })} />
                <span>Quoting what they said</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsName} onChange={(e) => consent({ allowsName: e.target.checked })} />
                <span>Using their real name</span>
              </label>
              <label className="check">
                <input type="checkbox" checked={f.consent.allowsAudio} onChange={(e) => consent({ allowsAudio: e.target.checked })} />
                <span>Audio recording</span>
              </label>
            </fieldset>
            <ChipInput label="May be shared with" values={f.consent.shareWith} onChange={(shareWith) => consent({ shareWith })} placeholder="Named partner organisations" hint="Only the organisations named here." />
            <div className="side-card__grid">
              <Text label="Consent withdrawn on" type="date" value={f.consent.withdrawnOn} onChange={(withdrawnOn) => consent({ withdrawnOn })} hint="Leave empty unless consent was withdrawn." />
            </div>
          </section>
        </div>

        <aside className="editor__aside" aria-label="About this person">
          <section className="side-card" aria-labelledby="p-about">
            <h2 id="p-about" className="side-card__title">
              About
            </h2>
            <div className="field">
              <label className="field__label" htmlFor={roleId}>
                Role
              </label>
              <select id={roleId} className="select" value={f.role} onChange={(e) => change({ role: e.target.value as PersonRole })}>
                {ROLES.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="side-card__grid">
              <Text label="Birth date" type="date" value={f.birthDate} onChange={(birthDate) => change({ birthDate })} />
              <Text label="Age" value={f.age} onChange={(age) => change({ age })} placeholder="e.g. 34" maxLength={20} />
            </div>
            <div className="side-card__grid">
              <Text label="Gender" value={f.gender} onChange={(gender) => change({ gender })} />
              <Text label="Nationality" value={f.nationality} onChange={(nationality) => change({ nationality })} />
            </div>
            <Text label="Ethnicity" value={f.ethnicity} onChange={(ethnicity) => change({ ethnicity })} />
            <Text label="Location" value={f.location} onChange={(location) => change({ location })} placeholder="Where they are now" />
            <div className="field">
              <label className="field__label" htmlFor="risk-notes">
                Risk notes
              </label>
              <textarea id="risk-notes" className="input textarea" value={f.riskNotes} onChange={(e) => change({ riskNotes: e.target.value })} rows={4} placeholder="Threats, pressure on family, what to avoid." autoComplete="off" spellCheck={false} />
            </div>
          </section>
          <section className="side-card" aria-labelledby="p-interviews">
            <h2 id="p-interviews" className="side-card__title">
              Interviews mentioning {code}
            </h2>
            {interviews.state === 'loading' ? <p className="side-card__empty">Looking…</p> : null}
            {interviews.state === 'failed' ? <p className="side-card__empty">Could not list them: {interviews.error.message}</p> : null}
            {interviews.state === 'ready' && interviews.value.length === 0 ? <p className="side-card__empty">Not mentioned in any interview yet.</p> : null}
            {interviews.state === 'ready' && interviews.value.length > 0 ? (
              <ul className="mentions" aria-label={`Interviews mentioning ${code}`}>
                {interviews.value.map((row) => (
                  <li key={row.id}>
                    <button type="button" className="mentions__item" onClick={() => navigate({ section: 'interviews', id: row.id })}>
                      <span className="mentions__top">
                        <span className="mentions__code">{row.code}</span>
                        <StatusBadge status={row.status} />
                      </span>
                      <span className="mentions__title">{row.title || 'Untitled'}</span>
                      <span className="mentions__meta">{[row.date ? formatDate(row.date) : '', placeText(row)].filter(Boolean).join(' · ')}</span>
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
          title={`Delete ${code} from the register?`}
          description="Their names, contacts and consent are erased from the vault. Interviews keep the code where it was written. This cannot be undone."
          onClose={() => setConfirm(false)}
          actions={
            <>
              <Button onClick={() => setConfirm(false)} autoFocus>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => void remove()}>
                Delete person
              </Button>
            </>
          }
        >
          {deleteError ? (
            <Alert tone="error" title="Could not delete">
              {deleteError}
            </Alert>
          ) : null}
        </Dialog>
      ) : null}
    </div>
  );
}

function SpellingsInput({ id, values, onChange }: { readonly id: string; readonly values: readonly string[]; readonly onChange: (v: readonly string[]) => void }) {
  const [draft, setDraft] = useState(values.join(', '));
  return (
    <input
      id={id}
      className="input input--compact"
      value={draft}
      placeholder="Azimzhan, Азимжон, Azimjon Karimov"
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
