import type { ReactNode } from 'react';
import type { ExportField } from '../../../shared/domain';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Icon, type IconName } from '../../components/Icon';
import type { FormText } from './redaction';

/**
 * The review's inline bars: the offer to redact every other form of a hand-redacted text, and what became of a
 * "Never redact" (with undo). Non-modal: the review stays usable while one is shown; the keys are named on the
 * buttons and announced.
 */

type Tone = 'offer' | 'done' | 'allow' | 'error';

function Bar({ tone, icon, label, children, actions, onDismiss }: { readonly tone: Tone; readonly icon: IconName; readonly label: string; readonly children: ReactNode; readonly actions?: ReactNode; readonly onDismiss?: () => void }) {
  return (
    <section className={`review-bar review-bar--${tone}`} aria-label={label}>
      <span className="review-bar__icon" aria-hidden="true">
        <Icon name={icon} />
      </span>
      <div className="review-bar__body">{children}</div>
      <div className="review-bar__actions">
        {actions}
        {onDismiss ? (
          <button type="button" className="review-bar__close" aria-label={`Close: ${label}`} title="Close (Esc)" onClick={onDismiss}>
            <Icon name="close" />
          </button>
        ) : null}
      </div>
    </section>
  );
}

const FIELD_LABEL: Readonly<Record<ExportField, string>> = { title: 'title', date: 'date', place: 'place', text: 'text' };

/** The texts of a set of forms as chips: "Рустам ×2", "Рустама (title)". */
export function FormChips({ forms, label }: { readonly forms: readonly FormText[]; readonly label: string }) {
  return (
    <ul className="form-chips" aria-label={label}>
      {forms.map((f) => (
        <li key={f.text} className="form-chip">
          <span className="form-chip__text">{f.text}</span>
          {f.count > 1 ? <span className="form-chip__count">×{f.count}</span> : null}
          {f.fields.length ? <span className="form-chip__where">in the {f.fields.map((x) => FIELD_LABEL[x]).join(', ')}</span> : null}
        </li>
      ))}
    </ul>
  );
}

const places = (n: number) => (n === 1 ? 'place' : 'places');

export function FormsOffer({
  selection,
  forms,
  count,
  morphology,
  onRedactAll,
  onDismiss,
}: {
  readonly selection: string;
  readonly forms: readonly FormText[];
  readonly count: number;
  readonly morphology: boolean;
  readonly onRedactAll: () => void;
  readonly onDismiss: () => void;
}) {
  const same = forms.every((f) => f.text.toLocaleLowerCase() === selection.toLocaleLowerCase());
  return (
    <Bar
      tone="offer"
      icon="redact"
      label="Redact the other forms"
      actions={
        <>
          <Button variant="primary" onClick={onRedactAll} aria-keyshortcuts="A">
            Redact all {count}
            <kbd>A</kbd>
          </Button>
          <Button variant="ghost" onClick={onDismiss} aria-keyshortcuts="Escape">
            No
            <kbd>Esc</kbd>
          </Button>
        </>
      }
    >
      <p className="review-bar__title">
        {same ? (
          <>
            “{selection}” appears in {count} more {places(count)}. Redact {count === 1 ? 'it' : 'them'} too?
          </>
        ) : (
          <>
            Also redact {count} other {count === 1 ? 'form' : 'forms'} of “{selection}” in this document?
          </>
        )}
      </p>
      <div className="review-bar__detail">
        <FormChips forms={forms} label="Other forms found" />
        {morphology && !same ? <span className="review-bar__note">Found with the register’s word forms: cases, spellings, transliterations.</span> : null}
      </div>
    </Bar>
  );
}

export function FormsDone({ selection, forms, count, onUndo, onDismiss }: { readonly selection: string; readonly forms: readonly FormText[]; readonly count: number; readonly onUndo: () => void; readonly onDismiss: () => void }) {
  return (
    <Bar
      tone="done"
      icon="check"
      label="Other forms redacted"
      onDismiss={onDismiss}
      actions={
        <Button variant="secondary" onClick={onUndo}>
          <Icon name="undo" />
          Undo
        </Button>
      }
    >
      <p className="review-bar__title">
        Redacted {count} more {places(count)} where “{selection}” appears.
      </p>
      <div className="review-bar__detail">
        <FormChips forms={forms} label="Also redacted" />
        <span className="review-bar__note">Each is listed under Redacted by hand.</span>
      </div>
    </Bar>
  );
}

const quoted = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join(', ');

export type AllowNotice =
  | { readonly state: 'added'; readonly entries: readonly string[]; readonly name: boolean; readonly removed: number }
  | { readonly state: 'undone'; readonly entries: readonly string[] }
  | { readonly state: 'already'; readonly text: string }
  | { readonly state: 'error'; readonly message: string };

export function AllowNoticeBar({ notice, busy, onUndo, onDismiss }: { readonly notice: AllowNotice; readonly busy: boolean; readonly onUndo: () => void; readonly onDismiss: () => void }) {
  switch (notice.state) {
    case 'added': {
      const [first, ...more] = notice.entries;
      return (
        <Bar
          tone="allow"
          icon="shield-off"
          label="Added to the allow-list"
          onDismiss={onDismiss}
          actions={
            <Button variant="secondary" onClick={onUndo} busy={busy}>
              <Icon name="undo" />
              Undo
            </Button>
          }
        >
          <p className="review-bar__title">
            “{first}”{more.length ? ` and ${more.length === 1 ? 'its other form' : `its ${more.length} other forms`} ${quoted(more)}` : ''} will never be redacted in any export.
          </p>
          <p className="review-bar__note">
            {notice.removed > 0 ? `${notice.removed} ${notice.removed === 1 ? 'highlight' : 'highlights'} gone from this review. ` : 'The review was run again. '}
            {notice.name ? 'Names on the allow-list leave the laptop as written. ' : ''}
            The list is in Settings, under Never redacted on export.
          </p>
        </Bar>
      );
    }
    case 'undone':
      return (
        <Bar tone="done" icon="undo" label="Allow-list change undone" onDismiss={onDismiss}>
          <p className="review-bar__title">Taken off the allow-list again: {quoted(notice.entries)}. The review was run again.</p>
        </Bar>
      );
    case 'already':
      return (
        <Bar tone="allow" icon="info" label="Already on the allow-list" onDismiss={onDismiss}>
          <p className="review-bar__title">“{notice.text}” is already on the allow-list.</p>
          <p className="review-bar__note">If it is still highlighted here, switch the highlight to keep it in this export, or check the entry in Settings, under Never redacted on export.</p>
        </Bar>
      );
    case 'error':
      return (
        <Bar tone="error" icon="error" label="Allow-list not changed" onDismiss={onDismiss}>
          <p className="review-bar__title">The allow-list was not changed.</p>
          <p className="review-bar__note">{notice.message}</p>
        </Bar>
      );
  }
}

/** Putting a name on the allow-list exposes everyone who has it, in every export: ask first, naming that. */
export function NeverRedactNameDialog({ text, forms, busy, onConfirm, onCancel }: { readonly text: string; readonly forms: readonly string[]; readonly busy: boolean; readonly onConfirm: () => void; readonly onCancel: () => void }) {
  return (
    <Dialog
      role="alertdialog"
      title={`Never redact “${text}”?`}
      description={<strong className="allow-confirm__lead">This name will never be redacted in any export, from any interview in this vault.</strong>}
      onClose={onCancel}
      actions={
        <>
          <Button onClick={onCancel} autoFocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={onConfirm} busy={busy}>
            <Icon name="shield-off" />
            Never redact this name
          </Button>
        </>
      }
    >
      <div className="allow-confirm">
        <p className="allow-confirm__warn">
          <Icon name="warning" />
          <span>If a witness, a victim or anyone at risk has this name, every export will show it. Use this for public officials and people who chose to be named.</span>
        </p>
        {forms.length ? (
          <p>
            Its other {forms.length === 1 ? 'form' : 'forms'} in this interview {forms.length === 1 ? 'is' : 'are'} added too: {quoted(forms)}.
          </p>
        ) : null}
        <p className="allow-confirm__where">You can take it off the list later in Settings, under Never redacted on export.</p>
      </div>
    </Dialog>
  );
}
