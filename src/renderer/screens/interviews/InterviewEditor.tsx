import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Interview, InterviewFields, InterviewFormat } from '../../../shared/domain';
import type { OperationPayload } from '../../../shared/operations';
import { call } from '../../api';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ChipInput } from '../../components/ChipInput';
import { ConsentBadge } from '../../components/Consent';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { LoadFailed, Loading } from '../../components/LoadFailed';
import { MarkdownEditor, type Mentionable } from '../../components/MarkdownEditor';
import { SaveStatus } from '../../components/SaveStatus';
import { useAutosave } from '../../hooks/useAutosave';
import { useOperation } from '../../hooks/useOperation';
import { useNavigation, useVaultData } from '../../shell/context';
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

const FORMATS: readonly { value: InterviewFormat; label: string }[] = [
  { value: 'in-person', label: 'In person' },
  { value: 'remote', label: 'Remote' },
  { value: 'phone', label: 'Phone' },
];

/** Whether a person's code (W-017) is written in the text as a code of its own, not inside a longer one. */
export function mentions(text: string, code: string): boolean {
  const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}-])${escaped}(?![\\p{N}])`, 'u').test(text);
}

export function InterviewEditorLoader({ id }: { readonly id: string }) {
  const [record, retry] = useOperation('interviews.get', { id });
  const { navigate } = useNavigation();
  if (record.state === 'loading') return <Loading label="Opening the interview…" />;
  if (record.state === 'failed') {
    return (
      <>
        <BackLink onBack={() => navigate({ section: 'interviews' })} />
        <LoadFailed what="the interview" error={record.error} onRetry={retry} />
      </>
    );
  }
  return <InterviewEditor record={record.value} />;
}

function BackLink({ onBack }: { readonly onBack: () => void }) {
  return (
    <button type="button" className="back-link" onClick={onBack}>
      <Icon name="back" />
      Interviews
    </button>
  );
}

/** A small labelled text input for the details column. */
function Text({ label, value, onChange, type = 'text', placeholder, name }: { readonly label: string; readonly value: string; readonly onChange: (v: string) => void; readonly type?: string; readonly placeholder?: string; readonly name?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} name={name} className="input input--compact" type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} />
    </div>
  );
}

export function InterviewEditor({ record }: { readonly record: Interview }) {
  const { navigate } = useNavigation();
  const { people, taxonomy } = useVaultData();
  const editor = useAutosave<Interview, InterviewFields>(record, {
    save: (id, revision, fields) => call('interviews.update', { id, revision, fields: fields as OperationPayload<'interviews.update'>['fields'] }),
    load: (id) => call('interviews.get', { id }),
    pick,
    serverOwned: ['people'],
  });
  const { fields: f, change, flush, state } = editor;
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
  const setPlace = (key: 'country' | 'city' | 'district', v: string) => change({ place: { ...f.place, [key]: v } });

  // the review reads what is saved: save pending edits first
  const openExport = async () => {
    await flush();
    navigate({ section: 'interviews', id: record.id, view: 'export' });
  };

  const remove = async () => {
    setDeleting(true);
    const r = await call('interviews.delete', { id: record.id });
    setDeleting(false);
    if (!r.ok) {
      setDeleteError(r.error.message);
      return;
    }
    setDialog(null);
    navigate({ section: 'interviews' });
  };

  return (
    <div className="editor" onBlur={() => void flush()}>
      <BackLink onBack={() => navigate({ section: 'interviews' })} />
      <div className="editor__head">
        <div className="editor__meta">
          <span className="code-badge" aria-label={`Code ${record.code}`}>
            {record.code}
          </span>
          <StatusBadge status={f.status} />
          <SaveStatus state={state} />
        </div>
        <div className="editor__actions">
          <Button variant="ghost" onClick={() => void openExport()}>
            <Icon name="export" />
            Export…
          </Button>
          <Button variant="ghost" onClick={() => setDialog('revisions')}>
            <Icon name="history" />
            Earlier versions
          </Button>
          <Button variant="ghost" className="button--ghost-danger" onClick={() => (setDeleteError(null), setDialog('delete'))}>
            <Icon name="trash" />
            Delete
          </Button>
        </div>
      </div>
      <label className="visually-hidden" htmlFor="interview-title">
        Title
      </label>
      <input
        id="interview-title"
        ref={titleRef}
        className="editor__title"
        value={f.title}
        placeholder="Untitled interview"
        onChange={(e) => change({ title: e.target.value })}
        autoComplete="off"
        spellCheck={false}
      />
      {editor.reloaded ? (
        <Alert tone="warning" title="This interview was changed elsewhere" onDismiss={editor.clearReloaded}>
          The latest saved version is shown. Your last change could not be applied to it; make it again if it is still needed.
        </Alert>
      ) : null}
      <div className="editor__layout">
        <div className="editor__main">
          <MarkdownEditor
            label="Notes"
            value={f.body}
            onChange={(body) => change({ body })}
            mentionables={mentionables}
            placeholder="What was said, in the interviewee's words where possible. Type @ to mention someone by code."
            hint="Markdown: # heading, - list, **bold**. Type @ to mention a person from the register by code."
          />
          <MarkdownEditor label="Summary" value={f.summary} onChange={(summary) => change({ summary })} mentionables={mentionables} minLines="short" placeholder="Two or three sentences for the findings." />
        </div>
        <aside className="editor__aside" aria-label="Interview details">
          <section className="side-card" aria-labelledby="details-h">
            <h2 id="details-h" className="side-card__title">
              Details
            </h2>
            <div className="side-card__grid">
              <Text label="Date" type="date" value={f.date} onChange={(date) => change({ date })} name="date" />
              <Text label="Interviewer" value={f.interviewer} onChange={(interviewer) => change({ interviewer })} name="interviewer" />
            </div>
            <fieldset className="radio-row">
              <legend className="field__label">Format</legend>
              {FORMATS.map((o) => (
                <label key={o.value} className="radio-pill">
                  <input type="radio" name={formatName} value={o.value} checked={f.format === o.value} onChange={() => change({ format: o.value })} />
                  <span>{o.label}</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="radio-row">
              <legend className="field__label">Status</legend>
              <label className="radio-pill">
                <input type="radio" name={statusName} value="draft" checked={f.status === 'draft'} onChange={() => change({ status: 'draft' })} />
                <span>Draft</span>
              </label>
              <label className="radio-pill">
                <input type="radio" name={statusName} value="reviewed" checked={f.status === 'reviewed'} onChange={() => change({ status: 'reviewed' })} />
                <span>Reviewed</span>
              </label>
            </fieldset>
            <ChipInput label="Languages" values={f.languages} onChange={(languages) => change({ languages })} placeholder="Russian, Kyrgyz…" suggestions={['English', 'Russian', 'Kyrgyz', 'Uzbek', 'Tajik', 'Kazakh']} name="languages" />
          </section>
          <section className="side-card" aria-labelledby="place-h">
            <h2 id="place-h" className="side-card__title">
              Place
            </h2>
            <Text label="Country" value={f.place.country} onChange={(v) => setPlace('country', v)} name="country" />
            <div className="side-card__grid">
              <Text label="City" value={f.place.city} onChange={(v) => setPlace('city', v)} name="city" />
              <Text label="District" value={f.place.district} onChange={(v) => setPlace('district', v)} name="district" />
            </div>
          </section>
          <section className="side-card" aria-labelledby="incidents-h">
            <h2 id="incidents-h" className="side-card__title">
              Incidents and tags
            </h2>
            <IncidentPicker taxonomy={taxonomy} selected={f.incidentTypes} onChange={(incidentTypes) => change({ incidentTypes })} />
            <ChipInput label="Tags" values={f.tags} onChange={(tags) => change({ tags })} placeholder="Add a tag and press Enter" name="tags" />
          </section>
          <section className="side-card" aria-labelledby="people-h">
            <h2 id="people-h" className="side-card__title">
              People in this interview
            </h2>
            {linked.length === 0 ? <p className="side-card__empty">Nobody linked yet. Mention someone with @ in the notes, or link them here.</p> : null}
            <ul className="linked-people" aria-label="Linked people">
              {linked.map((p) => (
                <li key={p.id} className="linked-person">
                  <div className="linked-person__who">
                    <button type="button" className="row-link linked-person__code" onClick={() => navigate({ section: 'people', id: p.id })}>
                      {p.code}
                    </button>
                    <span className="linked-person__name">{p.pseudonym || <span className="table__muted">No pseudonym</span>}</span>
                    {mentioned.has(p.id) ? (
                      <span className="linked-person__how">in notes</span>
                    ) : (
                      <button type="button" className="icon-button--small" aria-label={`Unlink ${p.code}`} title="Unlink" onClick={() => change({ people: f.people.filter((x) => x !== p.id) })}>
                        <Icon name="close" />
                      </button>
                    )}
                  </div>
                  <ConsentBadge consent={p.consent} />
                </li>
              ))}
            </ul>
            {unlinked.length > 0 ? (
              <div className="field">
                <label className="visually-hidden" htmlFor="link-person">
                  Link a person
                </label>
                <select
                  id="link-person"
                  className="select"
                  value=""
                  onChange={(e) => {
                    if (e.target.value) change({ people: [...f.people, e.target.value] });
                  }}
                >
                  <option value="">Link a person…</option>
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
          title={`Delete ${record.code}?`}
          description="The interview, its notes and its earlier versions are erased from the vault. This cannot be undone. The audit log will record that it was deleted."
          onClose={() => setDialog(null)}
          actions={
            <>
              <Button onClick={() => setDialog(null)} autoFocus>
                Cancel
              </Button>
              <Button variant="danger" onClick={() => void remove()} busy={deleting}>
                Delete interview
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
      {dialog === 'revisions' ? (
        <RevisionsDialog
          id={record.id}
          beforeOpen={flush}
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
