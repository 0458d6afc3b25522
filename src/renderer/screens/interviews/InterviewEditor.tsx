import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { emptyInterviewFields, type Interview, type InterviewFields, type InterviewFormat } from '../../../shared/domain';
import { LIMITS } from '../../../shared/limits';
import type { OperationPayload } from '../../../shared/operations';
import { interviewFieldsSchema } from '../../../shared/schemas';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChipInput } from '../../components/ChipInput';
import { ConsentBadge } from '../../components/Consent';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { MarkdownEditor, type Mentionable } from '../../components/MarkdownEditor';
import { useTextLimit } from '../../components/LimitNote';
import { SaveProblemBanner, SaveStatus } from '../../components/SaveStatus';
import { useAutosave } from '../../hooks/useAutosave';
import { useOperation } from '../../hooks/useOperation';
import { commonError } from '../../errors';
import type { MessageId } from '../../i18n/catalogs';
import { useT } from '../../i18n/I18nProvider';
import { useNavigation, useVaultData } from '../../shell/context';
import { useAway } from '../travel/travel-status';
import { IncidentPicker } from './IncidentPicker';
import { RevisionsDialog } from './RevisionsDialog';
import { StatusBadge } from './InterviewList';
import './interviews.css';

const pick = (r: Interview): InterviewFields => ({
  title: r.title,
  date: r.date,
  place: r.place,
  languages: r.languages,
  interviewer: r.interviewer,
  format: r.format,
  incidentTypes: r.incidentTypes,
  tags: r.tags,
  body: r.body,
  summary: r.summary,
  status: r.status,
  people: r.people,
});

const FORMATS: readonly { value: InterviewFormat; label: MessageId }[] = [
  { value: 'in-person', label: 'interview.format.in-person' },
  { value: 'remote', label: 'interview.format.remote' },
  { value: 'phone', label: 'interview.format.phone' },
];

/** Whether a person's code (W-017) is written in the text as a code of its own, not inside a longer one. */
export function mentions(text: string, code: string): boolean {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{N}])`, 'u').test(text);
}

export function InterviewEditorLoader({ id }: { readonly id: string }) {
  const [record, retry] = useOperation('interviews.get', { id });
  const { navigate } = useNavigation();
  const t = useT();
  if (record.state === 'loading') return <Loading label={t('interview.opening')} />;
  if (record.state === 'failed') {
    return (
      <>
        <BackLink onBack={() => navigate({ section: 'interviews' })} />
        <LoadFailed what={t('interview.loadWhat')} error={record.error} onRetry={retry} />
      </>
    );
  }
  return <InterviewEditor record={record.value} />;
}

/** The field names a failed save's message may use (message ids, translated when the editor renders). */
const LABELS: Readonly<Record<string, MessageId>> = {
  title: 'interview.label.title',
  date: 'interview.label.date',
  place: 'interview.label.place',
  'place.country': 'interview.country',
  'place.city': 'interview.city',
  'place.district': 'interview.district',
  languages: 'interview.languages',
  interviewer: 'interview.interviewer',
  incidentTypes: 'incidents.title',
  tags: 'interview.tags',
  body: 'interview.label.notes',
  summary: 'interview.label.summary',
  people: 'interview.label.people',
};

const interviewChanges = interviewFieldsSchema.partial();

/**
 * A new interview (N, or the New interview button): an empty editor that is not in the vault until something is
 * typed, so an abandoned one leaves no record, no code and no audit entry. The first edit creates it.
 */
export function NewInterview() {
  const blank: Interview = useMemo(() => ({ ...emptyInterviewFields, id: '', revision: 0, code: '', createdAt: '', updatedAt: '' }), []);
  return <InterviewEditor record={blank} />;
}

function BackLink({ onBack }: { readonly onBack: () => void }) {
  const t = useT();
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      {t('interview.back')}
    </button>
  );
}

/** A small labelled text input for the details column, held to its limit (shared/limits.ts) as it is typed. */
function Text({ label, value, onChange, type = 'text', placeholder, name, max = LIMITS.shortText }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly type?: string; readonly placeholder?: string; readonly name?: string; readonly max?: number }) {
  const id = useId();
  const limit = useTextLimit(label, max);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={name} className="input input--compact" type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(limit.take(value, e))} aria-describedby={limit.describedBy(value)} autoComplete="off" spellCheck={false} />
      {limit.note(value)}
    </div>
  );
}

export function InterviewEditor({ record }: { readonly record: Interview }) {
  const { navigate } = useNavigation();
  const { people, taxonomy } = useVaultData();
  const t = useT();
  const [created, setCreated] = useState<Interview | null>(null);
  const code = created?.code ?? record.code;
  const editor = useAutosave<Interview, InterviewFields>(record, {
    save: (id, revision, fields) => call('interviews.update', { id, revision, fields: fields as OperationPayload<'interviews.update'>['fields'] }),
    create: (fields) => call('interviews.create', { fields: fields as OperationPayload<'interviews.create'>['fields'] }),
    onCreated: setCreated,
    load: (id) => call('interviews.get', { id }),
    pick,
    serverOwned: ['people'],
    schema: interviewChanges,
    labels: Object.fromEntries(Object.entries(LABELS).map(([k, id]) => [k, t(id)])),
    what: () => code || t('interview.what.new'),
  });
  const { fields: f, change, flush, state } = editor;
  // '' until the first edit has created the interview
  const id = editor.id;
  const saveFirst = useCallback(async () => void (await flush()), [flush]);
  const titleLimit = useTextLimit(t('limit.field.title'), LIMITS.interviewTitle);
  const notesLimit = useTextLimit(t('limit.field.notes'), LIMITS.notes);
  const summaryLimit = useTextLimit(t('limit.field.summary'), LIMITS.summary);
  const [dialog, setDialog] = useState<'delete' | 'revisions' | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const formatName = useId();
  const statusName = useId();

  // a brand-new interview starts in its title
  useEffect(() => {
    if (!record.title && !record.body) titleRef.current?.focus();
  }, [record]);

  const mentionables: Mentionable[] = useMemo(() => people.map((p) => ({ code: p.code, pseudonym: p.pseudonym, role: p.role })), [people]);
  // everyone linked by hand, and everyone whose code appears in the notes or the summary
  const text = `${f.body}\n${f.summary}`;
  const mentioned = useMemo(() => new Set(people.filter((p) => mentions(text, p.code)).map((p) => p.id)), [people, text]);
  const linked = people.filter((p) => f.people.includes(p.id) || mentioned.has(p.id)).sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
  const unlinked = people.filter((p) => !f.people.includes(p.id) && !mentioned.has(p.id));
  // While the register is away, people linked here are not in it: shown as away (their code names are in the text).
  const away = useAway();
  const awayLinked = away ? f.people.filter((pid) => !people.some((p) => p.id === pid)) : [];
  const setPlace = (key: 'country' | 'city' | 'district', v: string) => change({ place: { ...f.place, [key]: v } });

  // from the hint shown when @ finds an empty register; what was typed is saved first
  const openPeople = async () => {
    await flush();
    navigate({ section: 'people' });
  };

  // the review reads what is saved: save pending edits first
  const openExport = async () => {
    if (await flush()) navigate({ section: 'interviews', id, view: 'export' });
  };

  const remove = async () => {
    setDeleting(true);
    const r = await call('interviews.delete', { id });
    setDeleting(false);
    if (!r.ok) {
      setDeleteError(commonError(r.error, t));
      return;
    }
    editor.discard();
    setDialog(null);
    navigate({ section: 'interviews' });
  };

  return (
    <div className="editor" onBlur={() => void flush()}>
      <BackLink onBack={() => navigate({ section: 'interviews' })} />
      {/* The view's heading for screen readers (focus goes here on opening); the design shows the title field. */}
      <h1 className="visually-hidden">
        {code ? `${code}: ` : ''}
        {f.title || (code ? t('interview.untitled') : t('interview.new'))}
      </h1>
      <div className="editor__head">
        <div className="editor__meta">
          {code ? (
            <span className="code-badge" aria-label={t('interview.codeLabel', { code })}>
              {code}
            </span>
          ) : (
            <span className="code-badge" title={t('interview.newBadgeTitle')}>
              {t('interview.newBadge')}
            </span>
          )}
          <StatusBadge status={f.status} />
          {id || state.kind !== 'saved' ? <SaveStatus state={state} /> : null}
        </div>
        {/* a new interview has nothing to export, no versions and nothing to delete until it exists */}
        {id ? (
        <div className="editor__actions">
          <Button variant="ghost" onClick={() => void openExport()}>
            <Icon name="export" />
            {t('interview.export')}
          </Button>
          <Button variant="ghost" onClick={() => setDialog('revisions')}>
            <Icon name="history" />
            {t('interview.revisions')}
          </Button>
          <Button variant="ghost" className="button--ghost-danger" onClick={() => (setDeleteError(null), setDialog('delete'))}>
            <Icon name="trash" />
            {t('interview.delete')}
          </Button>
        </div>
        ) : null}
      </div>
      <label className="visually-hidden" htmlFor="interview-title">
        {t('interview.titleLabel')}
      </label>
      <input
        id="interview-title"
        ref={titleRef}
        className="editor__title"
        value={f.title}
        placeholder={t('interview.untitled')}
        onChange={(e) => change({ title: titleLimit.take(f.title, e) })}
        aria-describedby={titleLimit.describedBy(f.title)}
        autoComplete="off"
        spellCheck={false}
      />
      {titleLimit.note(f.title)}
      <SaveProblemBanner state={state} onRetry={() => void flush()} />
      {editor.reloaded ? (
        <Alert tone="warning" title={t('interview.changedElsewhere.title')} onDismiss={editor.clearReloaded}>
          {t('interview.changedElsewhere.text')}
        </Alert>
      ) : null}
      <div className="editor__layout">
        <div className="editor__main">
          <MarkdownEditor
            key={`notes-${editor.generation}`}
            label={t('interview.notes')}
            value={f.body}
            onChange={(body) => change({ body: notesLimit.clip(f.body, body) })}
            maxLength={LIMITS.notes}
            onLimit={notesLimit.report}
            footer={notesLimit.note(f.body)}
            mentionables={mentionables}
            placeholder={t('interview.notesPlaceholder')}
            hint={t('interview.notesHint')}
            onAddPerson={() => void openPeople()}
          />
          <MarkdownEditor
            key={`summary-${editor.generation}`}
            label={t('interview.summary')}
            value={f.summary}
            onChange={(summary) => change({ summary: summaryLimit.clip(f.summary, summary) })}
            maxLength={LIMITS.summary}
            onLimit={summaryLimit.report}
            footer={summaryLimit.note(f.summary)}
            mentionables={mentionables}
            minLines="short"
            placeholder={t('interview.summaryPlaceholder')}
          />
        </div>
        <aside className="editor__aside" aria-label={t('interview.details')}>
          <section className="side-card" aria-labelledby="details-h">
            <h2 id="details-h" className="side-card__title">
              {t('interview.detailsTitle')}
            </h2>
            <div className="side-card__grid">
              <Text label={t('interview.date')} type="date" value={f.date} onChange={(date) => change({ date })} name="date" />
              <Text label={t('interview.interviewer')} value={f.interviewer} onChange={(interviewer) => change({ interviewer })} name="interviewer" />
            </div>
            <fieldset className="radio-row">
              <legend className="field__label">{t('interview.format')}</legend>
              {FORMATS.map((o) => (
                <label key={o.value} className="radio-pill">
                  <input type="radio" name={formatName} value={o.value} checked={f.format === o.value} onChange={() => change({ format: o.value })} />
                  <span>{t(o.label)}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="radio-row">
              <legend className="field__label">{t('interview.status')}</legend>
              <label className="radio-pill">
                <input type="radio" name={statusName} value="draft" checked={f.status === 'draft'} onChange={() => change({ status: 'draft' })} />
                <span>{t('status.draft')}</span>
              </label>
              <label className="radio-pill">
                <input type="radio" name={statusName} value="reviewed" checked={f.status === 'reviewed'} onChange={() => change({ status: 'reviewed' })} />
                <span>{t('status.reviewed')}</span>
              </label>
            </fieldset>
            <ChipInput label={t('interview.languages')} values={f.languages} onChange={(languages) => change({ languages })} placeholder={t('interview.languagesPlaceholder')} suggestions={['English', 'Russian', 'Kyrgyz', 'Uzbek', 'Tajik', 'Kazakh']} name="languages" maxLength={LIMITS.language} />
          </section>
          <section className="side-card" aria-labelledby="place-h">
            <h2 id="place-h" className="side-card__title">
              {t('interview.place')}
            </h2>
            <Text label={t('interview.country')} value={f.place.country} onChange={(v) => setPlace('country', v)} name="country" />
            <div className="side-card__grid">
              <Text label={t('interview.city')} value={f.place.city} onChange={(v) => setPlace('city', v)} name="city" />
              <Text label={t('interview.district')} value={f.place.district} onChange={(v) => setPlace('district', v)} name="district" />
            </div>
          </section>
          <section className="side-card" aria-labelledby="incidents-h">
            <h2 id="incidents-h" className="side-card__title">
              {t('interview.incidentsAndTags')}
            </h2>
            <IncidentPicker taxonomy={taxonomy} selected={f.incidentTypes} onChange={(incidentTypes) => change({ incidentTypes })} />
            <ChipInput label={t('interview.tags')} values={f.tags} onChange={(tags) => change({ tags })} placeholder={t('interview.tagsPlaceholder')} name="tags" maxLength={LIMITS.label} />
          </section>
          <section className="side-card" aria-labelledby="people-h">
            <h2 id="people-h" className="side-card__title">
              {t('interview.people')}
            </h2>
            {linked.length === 0 && awayLinked.length === 0 ? <p className="side-card__empty">{t('interview.people.none')}</p> : null}
            <ul className="linked-people" aria-label={t('interview.people.list')}>
              {linked.map((p) => (
                <li key={p.id} className="linked-person">
                  <div className="linked-person__who">
                    <button type="button" className="row-link linked-person__code" onClick={() => navigate({ section: 'people', id: p.id })}>
                      {p.code}
                    </button>
                    <span className="linked-person__name">{p.pseudonym || <span className="table__muted">{t('interview.people.noPseudonym')}</span>}</span>
                    {mentioned.has(p.id) ? (
                      <span className="linked-person__how">{t('interview.people.inNotes')}</span>
                    ) : (
                      <button type="button" className="icon-button--small" aria-label={t('interview.people.unlink', { code: p.code })} title={t('interview.people.unlinkTitle')} onClick={() => change({ people: f.people.filter((x) => x !== p.id) })}>
                        <Icon name="close" />
                      </button>
                    )}
                  </div>
                  <ConsentBadge consent={p.consent} />
                </li>
              ))}
              {awayLinked.map((pid) => (
                <li key={pid} className="linked-person linked-person--away">
                  <div className="linked-person__who">
                    <span className="linked-person__code">{t('travel.person.away')}</span>
                    <span className="linked-person__name">{t('travel.person.awayHint')}</span>
                  </div>
                </li>
              ))}
            </ul>
            {unlinked.length > 0 ? (
              <div className="field">
                <label className="visually-hidden" htmlFor="link-person">
                  {t('interview.people.link')}
                </label>
                <select
                  id="link-person"
                  className="select"
                  value=""
                  onChange={(e) => {
                    if (e.target.value) change({ people: [...f.people, e.target.value] });
                  }}
                >
                  <option value="">{t('interview.people.linkOption')}</option>
                  {unlinked.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.pseudonym ? `${p.code} · ${p.pseudonym}` : p.code}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </section>
        </aside>
      </div>
      {dialog === 'delete' ? (
        <Dialog
          role="alertdialog"
          title={t('interview.deleteDialog.title', { code })}
          description={t('interview.deleteDialog.text')}
          onClose={() => setDialog(null)}
          actions={
            <>
              <Button onClick={() => setDialog(null)} autoFocus>
                {t('dialog.cancel')}
              </Button>
              <Button variant="danger" onClick={() => void remove()} busy={deleting}>
                {t('interview.deleteDialog.confirm')}
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
      {dialog === 'revisions' ? (
        <RevisionsDialog
          id={id}
          beforeOpen={saveFirst}
          currentRevision={() => editor.revision.current}
          onRestored={(r) => {
            editor.replace(r);
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}
